package io.github.secdns.axfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.diagnostics.Transport;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Record;
import org.xbill.DNS.ZoneTransferIn;

/** Complete transfers received by dnsjava's own client. */
class ZoneTransferInTest {

  private static List<Record> transfer(Fixture f, ZoneSnapshot zone) throws Exception {
    ZoneTransferIn xfr = ZoneTransferIn.newAXFR(zone.origin(), f.address(), null);
    xfr.setTimeout(java.time.Duration.ofSeconds(10));
    xfr.run();
    assertTrue(xfr.isAXFR());
    return xfr.getAXFR();
  }

  private static void assertSameRecords(ZoneSnapshot zone, List<Record> received) {
    assertEquals(new HashSet<>(TestZones.allRecords(zone)), new HashSet<>(received));
    // The SOA is sent at both ends; every other record exactly once.
    assertEquals(zone.size() + 1, received.size());
  }

  @Test
  void oneMessageZone() throws Exception {
    try (Fixture f = Fixture.allowingAll()) {
      ZoneSnapshot zone = TestZones.small("example.com.", 1);
      f.zones.publish(zone);
      assertSameRecords(zone, transfer(f, zone));
      TransferStats stats = RecordingListener.next(f.listener.completed);
      assertEquals(1, stats.messages());
      assertEquals(zone.size() + 1, stats.records());
      assertEquals(zone.serial(), stats.serial());
      assertEquals(Transport.TCP, stats.request().transport());
      assertTrue(stats.bytes() > 0);
    }
  }

  @Test
  void twoMessageZone() throws Exception {
    try (Fixture f = Fixture.allowingAll()) {
      ZoneSnapshot zone = TestZones.large("example.com.", 7, 1000);
      f.zones.publish(zone);
      assertSameRecords(zone, transfer(f, zone));
      assertEquals(2, RecordingListener.next(f.listener.completed).messages());
    }
  }

  @Test
  void manyMessageZone() throws Exception {
    ResponderLimits small = ResponderLimits.defaults().withTargetMessageSize(512);
    try (Fixture f = new Fixture(r -> TransferDecision.allow("test"), small)) {
      ZoneSnapshot zone = TestZones.large("example.com.", 9, 1200);
      f.zones.publish(zone);
      assertSameRecords(zone, transfer(f, zone));
      long messages = RecordingListener.next(f.listener.completed).messages();
      assertTrue(messages >= 300, "messages: " + messages);
    }
  }

  @Test
  void ixfrIsAnsweredWithTheFullZoneKeepingIxfrInTheQuestion() throws Exception {
    try (Fixture f = Fixture.allowingAll()) {
      ZoneSnapshot zone = TestZones.large("example.com.", 20, 1000);
      f.zones.publish(zone);
      ZoneTransferIn xfr = ZoneTransferIn.newIXFR(zone.origin(), 10, false, f.address(), null);
      xfr.setTimeout(java.time.Duration.ofSeconds(10));
      xfr.run(); // fails with "invalid question section" unless the question says IXFR
      assertTrue(xfr.isAXFR());
      assertSameRecords(zone, xfr.getAXFR());
      assertEquals(
          org.xbill.DNS.Type.IXFR, RecordingListener.next(f.listener.completed).request().qtype());
    }
  }
}
