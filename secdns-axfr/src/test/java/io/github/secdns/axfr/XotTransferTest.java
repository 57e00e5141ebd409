package io.github.secdns.axfr;

import static io.github.secdns.axfr.XotFixture.ZONE;
import static io.github.secdns.axfr.XotFixture.client;
import static io.github.secdns.axfr.XotFixture.configuration;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.config.TransferAuthentication;
import io.github.secdns.core.config.XotPolicy;
import io.github.secdns.core.diagnostics.Transport;
import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.testsupport.zones.TestRecords;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;

/** XoT: AXFR, IXFR and SOA over the TLS listener, with a JDK TLS 1.3 client offering ALPN dot. */
class XotTransferTest {

  /** AXFR or IXFR messages for one query, over a fresh connection of the given client. */
  private static List<byte[]> transfer(RawDns c, byte[] query) throws Exception {
    c.send(query);
    return c.receiveTransfer();
  }

  private static List<Record> answers(List<byte[]> messages) throws Exception {
    List<Record> out = new ArrayList<>();
    for (byte[] wire : messages) {
      Message m = new Message(wire);
      assertEquals(Rcode.NOERROR, m.getRcode());
      out.addAll(m.getSection(Section.ANSWER));
    }
    return out;
  }

  @Test
  void axfrOverTlsCarriesExactlyTheMessagesOfPlainTcp() throws Exception {
    try (XotFixture f = new XotFixture(configuration(XotPolicy.ALLOWED))) {
      ZoneSnapshot zone = TestZones.large(ZONE, 1, 20_000);
      f.zones.publish(zone);
      byte[] query = RawDns.query(4711, ZONE, Type.AXFR, true);
      List<byte[]> overTcp;
      try (RawDns c = RawDns.connect(f.plain())) {
        overTcp = transfer(c, query);
      }
      List<byte[]> overTls;
      try (RawDns c = client().hostName(XotFixture.HOST_NAME).connect(f.tls())) {
        overTls = transfer(c, query);
      }
      assertTrue(overTls.size() > 10, "messages: " + overTls.size());
      assertEquals(overTcp.size(), overTls.size());
      for (int i = 0; i < overTcp.size(); i++) {
        assertArrayEquals(overTcp.get(i), overTls.get(i), "message " + i);
      }
      List<Record> records = answers(overTls);
      assertEquals(zone.soa(), records.get(0));
      assertEquals(
          new HashSet<>(TestZones.allRecords(zone)),
          new HashSet<>(records.subList(0, records.size() - 1)));

      TransferRequest plain = RecordingListener.next(f.listener.started);
      assertEquals(Transport.TCP, plain.transport());
      TransferRequest tls = RecordingListener.next(f.listener.started);
      assertEquals(Transport.TLS, tls.transport());
      TlsDetails details = tls.tls().orElseThrow();
      assertEquals("TLSv1.3", details.protocol());
      assertTrue(details.negotiatedDot());
      assertTrue(details.clientCertificate().isEmpty());
      RecordingListener.next(f.listener.completed);
      TransferStats stats = RecordingListener.next(f.listener.completed);
      assertEquals(Transport.TLS, stats.request().transport());
      assertEquals(overTls.size(), stats.messages());
    }
  }

  @Test
  void ixfrOverTlsGetsTheDifference() throws Exception {
    try (XotFixture f = new XotFixture(configuration(XotPolicy.REQUIRED))) {
      ZoneSnapshot v1 = TestZones.small(ZONE, 1);
      f.zones.publish(v1);
      f.responder.whenReady(v1).get(10, TimeUnit.SECONDS);
      List<Record> records = new ArrayList<>(v1.records());
      Record added = new ARecord(TestRecords.name("new." + ZONE), DClass.IN, 300, TestZones.v4(9));
      records.add(added);
      ZoneSnapshot v2 = ZoneSnapshot.of(TestRecords.soa(ZONE, 2), records);
      f.zones.publish(v2);
      f.responder.whenReady(v2).get(10, TimeUnit.SECONDS);

      Message ixfr =
          Message.newQuery(Record.newRecord(TestRecords.name(ZONE), Type.IXFR, DClass.IN));
      ixfr.getHeader().setID(99);
      ixfr.addRecord(v1.soa(), Section.AUTHORITY);
      try (RawDns c = client().connect(f.tls())) {
        List<Record> answer = answers(transfer(c, ixfr.toWire()));
        // RFC 1995 section 4: new SOA, old SOA, deletions (none), new SOA, additions, new SOA.
        assertEquals(
            List.of(v2.soa(), v1.soa(), v2.soa(), added, v2.soa()),
            answer,
            "the incremental answer");
        // Up to date: a single SOA.
        Message current =
            Message.newQuery(Record.newRecord(TestRecords.name(ZONE), Type.IXFR, DClass.IN));
        current.addRecord(v2.soa(), Section.AUTHORITY);
        c.send(current.toWire());
        Message soa = new Message(c.receive());
        assertEquals(List.of(v2.soa()), soa.getSection(Section.ANSWER));
      }
    }
  }

  @Test
  void oneTlsConnectionCarriesSoaQueriesAndTransfersInTurn() throws Exception {
    try (XotFixture f = new XotFixture(configuration(XotPolicy.ALLOWED))) {
      f.zones.publish(TestZones.small(ZONE, 5));
      try (RawDns c = client().connect(f.tls())) {
        // Pipelined: SOA, AXFR, SOA sent before anything is read; answered in order.
        c.send(RawDns.query(1, ZONE, Type.SOA, false));
        c.send(RawDns.query(2, ZONE, Type.AXFR, false));
        c.send(RawDns.query(3, ZONE, Type.SOA, true));
        Message first = new Message(c.receive());
        assertEquals(1, first.getHeader().getID());
        assertEquals(5, ((SOARecord) first.getSection(Section.ANSWER).get(0)).getSerial());
        List<byte[]> axfr = c.receiveTransfer();
        assertEquals(2, new Message(axfr.get(0)).getHeader().getID());
        Message third = new Message(c.receive());
        assertEquals(3, third.getHeader().getID());
        assertNotNull(third.getOPT());
      }
    }
  }

  @Test
  void tsigOverTlsSignsEveryMessageAndAnUnsignedRequestIsRefused() throws Exception {
    String secret = ReplicationFixture.newSecret();
    try (XotFixture f =
        new XotFixture(
            configuration(
                XotPolicy.REQUIRED,
                b ->
                    b.addTsigKey(ReplicationFixture.KEY_NAME, "hmac-sha256", secret)
                        .transferAuthentication(TransferAuthentication.ADDRESS_AND_KEY)))) {
      f.zones.publish(TestZones.large(ZONE, 3, 2_000));
      TSIG key =
          new TSIG(
              TSIG.HMAC_SHA256,
              TestRecords.name(ReplicationFixture.KEY_NAME),
              new SecretKeySpec(java.util.Base64.getDecoder().decode(secret), "HmacSHA256"));
      Message query =
          Message.newQuery(Record.newRecord(TestRecords.name(ZONE), Type.AXFR, DClass.IN));
      query.setTSIG(key);
      byte[] wire = query.toWire(65535);
      try (RawDns c = client().connect(f.tls())) {
        c.send(wire);
        TSIG.StreamVerifier verifier = new TSIG.StreamVerifier(key, new Message(wire).getTSIG());
        List<byte[]> messages = c.receiveTransfer();
        assertTrue(messages.size() > 1, "messages: " + messages.size());
        for (byte[] bytes : messages) {
          Message m = new Message(bytes);
          assertNotNull(m.getTSIG());
          assertEquals(Rcode.NOERROR, verifier.verify(m, bytes));
        }
        // The same connection, unsigned: refused by the key rule, TLS or not.
        c.send(RawDns.query(8, ZONE, Type.AXFR, false));
        assertEquals(Rcode.REFUSED, new Message(c.receive()).getRcode());
      }
      TransferStats stats = RecordingListener.next(f.listener.completed);
      assertEquals(
          TestRecords.name(ReplicationFixture.KEY_NAME), stats.request().keyName().orElseThrow());
      assertEquals(Transport.TLS, stats.request().transport());
    }
  }
}
