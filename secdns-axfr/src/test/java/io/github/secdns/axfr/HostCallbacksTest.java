package io.github.secdns.axfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.testsupport.zones.TestRecords;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferIn;

/** Host code that throws does not take the responder down; idle connections cost no thread. */
class HostCallbacksTest {

  @Test
  void throwingSourcePolicyAndListenerAreContained() throws Exception {
    PublishedZones zones = new PublishedZones();
    zones.publish(TestZones.small("example.com.", 1));
    ZoneSource source =
        zone -> {
          if (zone.equals(TestRecords.name("broken.example."))) {
            throw new IllegalStateException("database down");
          }
          return zones.snapshot(zone);
        };
    InetAddress blocked = InetAddress.getByName("127.0.0.2");
    TransferPolicy policy =
        r -> {
          if (r.client().getAddress().equals(blocked)) {
            throw new IllegalStateException("policy bug");
          }
          return TransferDecision.allow("test");
        };
    TransferListener throwing =
        new TransferListener() {
          @Override
          public void completed(TransferStats stats) {
            throw new IllegalStateException("listener bug");
          }

          @Override
          public void refused(TransferRefusal refusal) {
            throw new IllegalStateException("listener bug");
          }
        };
    AxfrResponder responder =
        AxfrResponder.builder()
            .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .zoneSource(source)
            .policy(policy)
            .listener(throwing)
            .build();
    try (responder) {
      responder.start();
      InetSocketAddress address = responder.boundAddresses().get(0);
      try (RawDns c = RawDns.connect(address)) {
        c.send(RawDns.query(1, "broken.example.", Type.SOA, false));
        assertEquals(Rcode.SERVFAIL, new Message(c.receive()).getRcode());
      }
      try (RawDns c = RawDns.connect(address, "127.0.0.2")) {
        c.send(RawDns.query(2, "example.com.", Type.AXFR, false));
        assertEquals(Rcode.REFUSED, new Message(c.receive()).getRcode());
      }
      for (int i = 0; i < 2; i++) {
        ZoneTransferIn xfr =
            ZoneTransferIn.newAXFR(TestRecords.name("example.com."), address, null);
        xfr.run();
        assertEquals(TestZones.small("example.com.", 1).size() + 1, xfr.getAXFR().size());
      }
    }
  }

  @Test
  void manyIdleConnectionsNeitherBlockATransferNorCostThreads() throws Exception {
    try (Fixture f = Fixture.allowingAll()) {
      f.zones.publish(TestZones.large("example.com.", 1, 2000));
      int threadsBefore = Thread.activeCount();
      List<RawDns> idle = new ArrayList<>();
      try {
        for (int i = 0; i < 300; i++) {
          idle.add(RawDns.connect(f.address()));
        }
        ZoneTransferIn xfr =
            ZoneTransferIn.newAXFR(TestRecords.name("example.com."), f.address(), null);
        xfr.run();
        assertEquals(2003, xfr.getAXFR().size());
        // One render thread at most was added for the transfer; none per connection.
        assertTrue(Thread.activeCount() <= threadsBefore + 2, "threads: " + Thread.activeCount());
      } finally {
        for (RawDns c : idle) {
          c.close();
        }
      }
    }
  }
}
