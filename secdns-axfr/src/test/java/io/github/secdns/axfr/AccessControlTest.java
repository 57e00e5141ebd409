package io.github.secdns.axfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.config.SecondaryDnsConfiguration;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/** The transfer ACL, with clients bound to other loopback addresses. */
class AccessControlTest {

  private static SecondaryDnsConfiguration configuration() {
    return SecondaryDnsConfiguration.builder()
        .zone("example.com")
        .addSecondaryNameServer("ns1.secondary.example.net")
        .addAclEntry("127.0.0.3", "the secondary")
        .build();
  }

  @Test
  void addressOutsideTheAclIsRefusedWithExtendedError18AndAnAllowedOneGetsTheZone()
      throws Exception {
    try (Fixture f =
        new Fixture(
            TransferPolicy.fromConfiguration(configuration()), ResponderLimits.defaults())) {
      f.zones.publish(TestZones.small("example.com.", 1));
      try (RawDns c = RawDns.connect(f.address(), "127.0.0.2")) {
        c.send(RawDns.query(71, "example.com.", Type.AXFR, true));
        Message reply = new Message(c.receive());
        assertEquals(71, reply.getHeader().getID());
        assertEquals(Rcode.REFUSED, reply.getRcode());
        List<EDNSOption> options = reply.getOPT().getOptions(EDNSOption.Code.EDNS_EXTENDED_ERROR);
        assertEquals(1, options.size());
        assertEquals(
            ExtendedErrorCodeOption.PROHIBITED,
            ((ExtendedErrorCodeOption) options.get(0)).getErrorCode());
        // Without EDNS: plain REFUSED, no OPT.
        c.send(RawDns.query(72, "example.com.", Type.AXFR, false));
        Message plain = new Message(c.receive());
        assertEquals(Rcode.REFUSED, plain.getRcode());
        assertNull(plain.getOPT());
      }
      TransferRefusal refusal = RecordingListener.next(f.listener.refused);
      assertEquals(InetAddress.getByName("127.0.0.2"), refusal.client().getAddress());
      assertEquals(Rcode.REFUSED, refusal.rcode());
      assertTrue(refusal.reason().contains("not in the transfer ACL"), refusal.reason());
      RecordingListener.next(f.listener.refused);

      try (RawDns c = RawDns.connect(f.address(), "127.0.0.3")) {
        c.send(RawDns.query(73, "example.com.", Type.AXFR, true));
        List<byte[]> transfer = c.receiveTransfer();
        assertEquals(Rcode.NOERROR, new Message(transfer.get(0)).getRcode());
      }
      TransferStats stats = RecordingListener.next(f.listener.completed);
      assertEquals(InetAddress.getByName("127.0.0.3"), stats.request().client().getAddress());
    }
  }

  @Test
  void withoutAPolicyEveryTransferIsRefused() throws Exception {
    try (Fixture f = new Fixture(TransferPolicy.denyAll(), ResponderLimits.defaults())) {
      f.zones.publish(TestZones.small("example.com.", 1));
      try (RawDns c = RawDns.connect(f.address())) {
        c.send(RawDns.query(81, "example.com.", Type.AXFR, false));
        assertEquals(Rcode.REFUSED, new Message(c.receive()).getRcode());
      }
    }
    // The builder's default policy denies too.
    PublishedZones zones = new PublishedZones();
    zones.publish(TestZones.small("example.com.", 1));
    AxfrResponder responder =
        AxfrResponder.builder()
            .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .zoneSource(zones)
            .build();
    try (responder) {
      responder.start();
      try (RawDns c = RawDns.connect(responder.boundAddresses().get(0))) {
        c.send(RawDns.query(82, "example.com.", Type.AXFR, false));
        assertEquals(Rcode.REFUSED, new Message(c.receive()).getRcode());
      }
    }
  }

  @Test
  void refusedClientsDoNotUseUpTransferSlots() throws Exception {
    ResponderLimits oneSlot = ResponderLimits.defaults().withMaxConcurrentTransfers(1);
    try (Fixture f = new Fixture(TransferPolicy.fromConfiguration(configuration()), oneSlot)) {
      f.zones.publish(TestZones.small("example.com.", 1));
      try (RawDns intruder = RawDns.connect(f.address(), "127.0.0.2")) {
        for (int i = 0; i < 50; i++) {
          intruder.send(RawDns.query(i, "example.com.", Type.AXFR, false));
        }
        for (int i = 0; i < 50; i++) {
          assertEquals(Rcode.REFUSED, new Message(intruder.receive()).getRcode());
        }
        // The intruder keeps its connection open; the secondary still transfers.
        try (RawDns secondary = RawDns.connect(f.address(), "127.0.0.3")) {
          secondary.send(RawDns.query(99, "example.com.", Type.AXFR, false));
          assertEquals(Rcode.NOERROR, new Message(secondary.receiveTransfer().get(0)).getRcode());
        }
      }
    }
  }

  @Test
  void anAllowedRequestFindingNoFreeSlotIsRefused() throws Exception {
    ResponderLimits oneSlot = ResponderLimits.defaults().withMaxConcurrentTransfers(1);
    try (Fixture f = new Fixture(r -> TransferDecision.allow("test"), oneSlot)) {
      f.zones.publish(TestZones.large("big.example.", 1, 400_000));
      f.zones.publish(TestZones.small("example.com.", 1));
      try (RawDns stalled = RawDns.stalledTransfer(f.address(), "big.example.")) {
        assertTrue(stalled.socket().isConnected());
        try (RawDns other = RawDns.connect(f.address())) {
          other.send(RawDns.query(91, "example.com.", Type.AXFR, false));
          assertEquals(Rcode.REFUSED, new Message(other.receive()).getRcode());
        }
        TransferRefusal refusal = RecordingListener.next(f.listener.refused);
        assertTrue(refusal.reason().contains("limit"), refusal.reason());
      }
      // Once the stalled client is gone, its slot is free again.
      RecordingListener.next(f.listener.failed);
      try (RawDns again = RawDns.connect(f.address())) {
        again.send(RawDns.query(92, "example.com.", Type.AXFR, false));
        assertEquals(Rcode.NOERROR, new Message(again.receiveTransfer().get(0)).getRcode());
      }
    }
  }
}
