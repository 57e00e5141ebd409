package io.github.secdns.axfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.testsupport.zones.TestRecords;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferIn;

/** One version per transfer, and one rendering per version. */
class ConsistencyTest {

  private static List<Record> records(List<byte[]> messages) throws Exception {
    List<Record> all = new ArrayList<>();
    for (byte[] wire : messages) {
      all.addAll(new Message(wire).getSection(Section.ANSWER));
    }
    return all;
  }

  @Test
  void aVersionPublishedMidTransferDoesNotLeakIntoIt() throws Exception {
    try (Fixture f = Fixture.allowingAll()) {
      ZoneSnapshot old = TestZones.large("example.com.", 10, 200_000);
      ZoneSnapshot fresh = TestZones.large("example.com.", 11, 1000);
      f.zones.publish(old);
      List<byte[]> messages = new ArrayList<>();
      try (RawDns c = RawDns.connect(f.address(), null, 4096)) {
        c.send(RawDns.query(1, "example.com.", Type.AXFR, false));
        messages.add(c.receive());
        f.zones.publish(fresh); // while the old version is still streaming
        List<byte[]> rest = c.receiveTransfer(1);
        messages.addAll(rest);
      }
      List<Record> received = records(messages);
      assertEquals(old.soa(), received.get(0));
      assertEquals(old.soa(), received.get(received.size() - 1));
      assertEquals(new HashSet<>(TestZones.allRecords(old)), new HashSet<>(received));

      ZoneTransferIn next = ZoneTransferIn.newAXFR(fresh.origin(), f.address(), null);
      next.run();
      assertEquals(new HashSet<>(TestZones.allRecords(fresh)), new HashSet<>(next.getAXFR()));
    }
  }

  @Test
  void eachVersionIsRenderedOnceForAnyNumberOfClients() throws Exception {
    try (Fixture f = Fixture.allowingAll()) {
      ZoneSnapshot v1 = TestZones.large("example.com.", 1, 5000);
      f.zones.publish(v1);
      ExecutorService clients = Executors.newFixedThreadPool(4);
      try {
        List<Future<Set<Record>>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          results.add(
              clients.submit(
                  () -> {
                    ZoneTransferIn xfr = ZoneTransferIn.newAXFR(v1.origin(), f.address(), null);
                    xfr.run();
                    return new HashSet<>(xfr.getAXFR());
                  }));
        }
        for (Future<Set<Record>> r : results) {
          assertEquals(new HashSet<>(TestZones.allRecords(v1)), r.get(30, TimeUnit.SECONDS));
        }
      } finally {
        clients.shutdown();
        assertTrue(clients.awaitTermination(30, TimeUnit.SECONDS));
      }
      assertEquals(1, f.responder.renders());

      ZoneSnapshot v2 = TestZones.large("example.com.", 2, 5000);
      f.zones.publish(v2);
      for (int i = 0; i < 3; i++) {
        ZoneTransferIn xfr = ZoneTransferIn.newAXFR(v2.origin(), f.address(), null);
        xfr.run();
        assertEquals(v2.soa(), xfr.getAXFR().get(0));
      }
      assertEquals(2, f.responder.renders());
    }
  }

  @Test
  void aHostBuildingANewSnapshotObjectPerLookupStillHitsTheCache() throws Exception {
    ZoneSource rebuilding =
        zone ->
            zone.equals(TestRecords.name("example.com."))
                ? java.util.Optional.of(TestZones.large("example.com.", 5, 300))
                : java.util.Optional.empty();
    AxfrResponder responder =
        AxfrResponder.builder()
            .listen(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0))
            .zoneSource(rebuilding)
            .policy(r -> TransferDecision.allow("test"))
            .build();
    try (responder) {
      responder.start();
      for (int i = 0; i < 3; i++) {
        ZoneTransferIn xfr =
            ZoneTransferIn.newAXFR(
                TestRecords.name("example.com."), responder.boundAddresses().get(0), null);
        xfr.run();
        assertEquals(303, xfr.getAXFR().size());
      }
      assertEquals(1, responder.renders());
    }
  }
}
