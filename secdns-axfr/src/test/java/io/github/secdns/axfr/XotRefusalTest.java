package io.github.secdns.axfr;

import static io.github.secdns.axfr.XotFixture.ZONE;
import static io.github.secdns.axfr.XotFixture.client;
import static io.github.secdns.axfr.XotFixture.configuration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.config.XotPolicy;
import io.github.secdns.core.diagnostics.Transport;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * What XoT refuses: TLS 1.2, a client without ALPN dot (no zone data), another ALPN, a plain
 * transfer of a zone that requires TLS, a TLS transfer of a zone that does not offer it, and a
 * client outside the ACL over TLS.
 */
class XotRefusalTest {

  private static void assertRefusedWithExtendedError18(byte[] wire) throws Exception {
    Message reply = new Message(wire);
    assertEquals(Rcode.REFUSED, reply.getRcode());
    assertEquals(List.of(), reply.getSection(Section.ANSWER), "no zone data");
    List<EDNSOption> options = reply.getOPT().getOptions(EDNSOption.Code.EDNS_EXTENDED_ERROR);
    assertEquals(1, options.size());
    assertEquals(
        ExtendedErrorCodeOption.PROHIBITED,
        ((ExtendedErrorCodeOption) options.get(0)).getErrorCode());
  }

  /** The handshake fails on the client's side (an alert from the server, or its own check). */
  private static void assertHandshakeFails(XotClient client, XotFixture f) throws Exception {
    try (SSLSocket socket = client.open(f.tls())) {
      assertThrows(SSLException.class, socket::startHandshake);
    }
  }

  @Test
  void tls12IsRefusedInTheHandshake() throws Exception {
    try (XotFixture f = new XotFixture(configuration(XotPolicy.ALLOWED))) {
      f.zones.publish(TestZones.small(ZONE, 1));
      assertHandshakeFails(client().protocols("TLSv1.2"), f);
      // The listener is unharmed: a TLS 1.3 client right after gets the zone.
      try (RawDns c = client().connect(f.tls())) {
        c.send(RawDns.query(1, ZONE, Type.AXFR, false));
        assertEquals(Rcode.NOERROR, new Message(c.receiveTransfer().get(0)).getRcode());
      }
      assertTrue(f.listener.started.size() == 1, "only the TLS 1.3 transfer started");
    }
  }

  @Test
  void aClientWithoutAlpnGetsSoaAnswersButNoZoneData() throws Exception {
    try (XotFixture f = new XotFixture(configuration(XotPolicy.REQUIRED))) {
      f.zones.publish(TestZones.small(ZONE, 3));
      try (RawDns c = client().alpn().connect(f.tls())) {
        c.send(RawDns.query(1, ZONE, Type.SOA, false));
        Message soa = new Message(c.receive());
        assertEquals(Rcode.NOERROR, soa.getRcode());
        assertEquals(1, soa.getSection(Section.ANSWER).size());
        c.send(RawDns.query(2, ZONE, Type.AXFR, true));
        assertRefusedWithExtendedError18(c.receive());
        c.send(RawDns.query(3, ZONE, Type.IXFR, true));
        Message ixfr = new Message(c.receive());
        // An IXFR without the client's SOA is malformed; with one it is refused like AXFR.
        assertTrue(
            ixfr.getRcode() == Rcode.FORMERR || ixfr.getRcode() == Rcode.REFUSED,
            Rcode.string(ixfr.getRcode()));
        assertEquals(List.of(), ixfr.getSection(Section.ANSWER));
      }
      TransferRefusal refusal = RecordingListener.next(f.listener.refused);
      assertEquals(Transport.TLS, refusal.transport());
      assertTrue(refusal.reason().contains("ALPN protocol dot"), refusal.reason());
      assertTrue(f.listener.started.isEmpty(), "no transfer started");
    }
  }

  @Test
  void aClientOfferingOnlyAnotherAlpnFailsTheHandshake() throws Exception {
    try (XotFixture f = new XotFixture(configuration(XotPolicy.ALLOWED))) {
      f.zones.publish(TestZones.small(ZONE, 1));
      assertHandshakeFails(client().alpn("h2"), f);
      assertTrue(f.listener.started.isEmpty(), "no transfer started");
    }
  }

  @Test
  void aClientOfferingDotAmongOthersGetsTheZone() throws Exception {
    try (XotFixture f = new XotFixture(configuration(XotPolicy.ALLOWED))) {
      f.zones.publish(TestZones.small(ZONE, 1));
      try (RawDns c = client().alpn("h2", "dot").connect(f.tls())) {
        c.send(RawDns.query(1, ZONE, Type.AXFR, false));
        assertEquals(Rcode.NOERROR, new Message(c.receiveTransfer().get(0)).getRcode());
      }
    }
  }

  @Test
  void aPlainTransferOfAZoneThatRequiresTlsIsRefusedAndTheTlsOneServed() throws Exception {
    try (XotFixture f = new XotFixture(configuration(XotPolicy.REQUIRED))) {
      f.zones.publish(TestZones.small(ZONE, 4));
      try (RawDns c = RawDns.connect(f.plain())) {
        c.send(RawDns.query(1, ZONE, Type.AXFR, true));
        assertRefusedWithExtendedError18(c.receive());
        // SOA is public data: still answered over TCP and UDP.
        c.send(RawDns.query(2, ZONE, Type.SOA, false));
        assertEquals(Rcode.NOERROR, new Message(c.receive()).getRcode());
      }
      assertEquals(
          Rcode.NOERROR,
          new Message(RawDns.udpExchange(f.plain(), RawDns.query(3, ZONE, Type.SOA, false)))
              .getRcode());
      TransferRefusal refusal = RecordingListener.next(f.listener.refused);
      assertEquals(Transport.TCP, refusal.transport());
      assertTrue(refusal.reason().contains("over TLS only"), refusal.reason());
      try (RawDns c = client().connect(f.tls())) {
        c.send(RawDns.query(4, ZONE, Type.AXFR, true));
        assertEquals(Rcode.NOERROR, new Message(c.receiveTransfer().get(0)).getRcode());
      }
    }
  }

  @Test
  void aTlsTransferOfAZoneThatDoesNotOfferXotIsRefusedAndThePlainOneServed() throws Exception {
    try (XotFixture f = new XotFixture(configuration(XotPolicy.NOT_OFFERED))) {
      f.zones.publish(TestZones.small(ZONE, 4));
      try (RawDns c = client().connect(f.tls())) {
        c.send(RawDns.query(1, ZONE, Type.AXFR, true));
        assertRefusedWithExtendedError18(c.receive());
      }
      TransferRefusal refusal = RecordingListener.next(f.listener.refused);
      assertTrue(refusal.reason().contains("not offered"), refusal.reason());
      try (RawDns c = RawDns.connect(f.plain())) {
        c.send(RawDns.query(2, ZONE, Type.AXFR, false));
        assertEquals(Rcode.NOERROR, new Message(c.receiveTransfer().get(0)).getRcode());
      }
    }
  }

  @Test
  void theAclAppliesOverTls() throws Exception {
    try (XotFixture f =
        new XotFixture(
            configuration(XotPolicy.REQUIRED, b -> b.transferAcl(List.of("127.0.0.3"))))) {
      f.zones.publish(TestZones.small(ZONE, 1));
      try (RawDns c = client().from("127.0.0.2").connect(f.tls())) {
        c.send(RawDns.query(1, ZONE, Type.AXFR, true));
        assertRefusedWithExtendedError18(c.receive());
      }
      TransferRefusal refusal = RecordingListener.next(f.listener.refused);
      assertTrue(refusal.reason().contains("not in the transfer ACL"), refusal.reason());
      try (RawDns c = client().from("127.0.0.3").connect(f.tls())) {
        c.send(RawDns.query(2, ZONE, Type.AXFR, false));
        assertEquals(Rcode.NOERROR, new Message(c.receiveTransfer().get(0)).getRcode());
      }
      TransferRequest allowed = RecordingListener.next(f.listener.started);
      assertEquals(Optional.of("dot"), allowed.tls().map(TlsDetails::applicationProtocol));
    }
  }
}
