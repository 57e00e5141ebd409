package io.github.secdns.axfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.testsupport.zones.TestRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

class PublishedZonesTest {

  @Test
  void publishReplacesAndWithdrawRemovesCaseInsensitively() {
    PublishedZones zones = new PublishedZones();
    List<Name> changes = new ArrayList<>();
    zones.subscribe((zone, current) -> changes.add(zone));
    ZoneSnapshot v1 = TestZones.small("example.com.", 1);
    ZoneSnapshot v2 = TestZones.small("example.com.", 2);
    assertEquals(Optional.empty(), zones.publish(v1));
    assertEquals(Optional.of(v1), zones.publish(v2));
    assertEquals(Optional.of(v2), zones.snapshot(TestRecords.name("EXAMPLE.Com.")));
    assertEquals(Set.of(TestRecords.name("example.com.")), zones.zones());
    assertEquals(Optional.of(v2), zones.withdraw(TestRecords.name("Example.COM.")));
    assertTrue(zones.snapshot(TestRecords.name("example.com.")).isEmpty());
    assertEquals(Optional.empty(), zones.withdraw(TestRecords.name("example.com.")));
    assertEquals(3, changes.size());
  }

  @Test
  void republishingTheSameContentIsANoOp() {
    PublishedZones zones = new PublishedZones();
    List<Name> changes = new ArrayList<>();
    zones.subscribe((zone, current) -> changes.add(zone));
    ZoneSnapshot v1 = TestZones.small("example.com.", 1);
    zones.publish(v1);
    assertEquals(Optional.of(v1), zones.publish(TestZones.small("example.com.", 1)));
    assertSame(v1, zones.snapshot(v1.origin()).orElseThrow());
    assertEquals(1, changes.size());
  }

  @Test
  void aSubscriberHearsOfEveryZoneFirstThenOfEachChangeUntilItCancels() {
    PublishedZones zones = new PublishedZones();
    ZoneSnapshot a = TestZones.small("a.example.", 1);
    ZoneSnapshot b = TestZones.small("b.example.", 7);
    zones.publish(a);
    zones.publish(b);
    List<Optional<ZoneSnapshot>> heard = new ArrayList<>();
    ZoneSource.Subscription subscription =
        zones.subscribe((zone, current) -> heard.add(current)).orElseThrow();
    // every zone, before subscribe returned
    assertEquals(Set.of(Optional.of(a), Optional.of(b)), Set.copyOf(heard));
    heard.clear();
    ZoneSnapshot a2 = TestZones.small("a.example.", 2);
    zones.publish(a2);
    zones.withdraw(b.origin());
    assertEquals(List.of(Optional.of(a2), Optional.empty()), heard);
    subscription.cancel();
    zones.publish(TestZones.small("a.example.", 3));
    assertEquals(2, heard.size());
  }

  @Test
  void concurrentPublishesOfOneZoneReachASubscriberInOrder() throws Exception {
    PublishedZones zones = new PublishedZones();
    java.util.concurrent.ConcurrentHashMap<Name, ZoneSnapshot> lastHeard =
        new java.util.concurrent.ConcurrentHashMap<>();
    java.util.concurrent.atomic.AtomicInteger regressions =
        new java.util.concurrent.atomic.AtomicInteger();
    zones.subscribe(
        (zone, current) ->
            lastHeard.compute(
                zone,
                (z, before) -> {
                  ZoneSnapshot now = current.orElseThrow();
                  if (before != null && before.serial().isNewerThan(now.serial())) {
                    regressions.incrementAndGet();
                  }
                  return now;
                }));
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      java.util.concurrent.atomic.AtomicLong serial = new java.util.concurrent.atomic.AtomicLong();
      List<java.util.concurrent.Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 500; i++) {
                    try {
                      zones.publish(TestZones.large("race.example.", serial.incrementAndGet(), 1));
                    } catch (IllegalArgumentException lostTheRace) {
                      // a newer serial was published first: refused, as it must be
                    }
                  }
                }));
      }
      for (java.util.concurrent.Future<?> f : done) {
        f.get(60, java.util.concurrent.TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdown();
    }
    assertEquals(0, regressions.get());
    assertSame(
        zones.snapshot(TestRecords.name("race.example.")).orElseThrow(),
        lastHeard.get(TestRecords.name("race.example.")));
  }

  @Test
  void aChangedZoneWithAnOldOrEqualSerialIsRefused() {
    PublishedZones zones = new PublishedZones();
    ZoneSnapshot v5 = TestZones.small("example.com.", 5);
    zones.publish(v5);
    ZoneSnapshot older = TestZones.large("example.com.", 4, 3);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> zones.publish(older));
    assertTrue(e.getMessage().contains("example.com."), e.getMessage());
    assertTrue(e.getMessage().contains("4") && e.getMessage().contains("5"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> zones.publish(TestZones.large("example.com.", 5, 3)));
    // 2^31 apart is not "greater" either (RFC 1982: undefined)
    assertThrows(
        IllegalArgumentException.class,
        () -> zones.publish(TestZones.large("example.com.", 5 + 0x8000_0000L, 3)));
    assertSame(v5, zones.snapshot(v5.origin()).orElseThrow());
    // wrapping around 2^32 is greater
    ZoneSnapshot wrapped = TestZones.large("example.com.", 0xFFFF_FFF0L, 3);
    zones.withdraw(v5.origin());
    zones.publish(wrapped);
    zones.publish(TestZones.large("example.com.", 3, 4));
    assertEquals(3, zones.snapshot(v5.origin()).orElseThrow().serial().value());
  }

  @Test
  void aCaseOnlyChangeUnderTheSameSerialIsRefusedAndAcceptedUnderANewOne() {
    // Issue 19: a case-only change republished with the same serial was silently ignored.
    PublishedZones zones = new PublishedZones();
    ZoneSnapshot v1 = TestZones.small("example.com.", 1);
    zones.publish(v1);
    java.util.List<org.xbill.DNS.Record> recased = new ArrayList<>(v1.records());
    org.xbill.DNS.Record www = recased.get(3);
    recased.set(
        3,
        new org.xbill.DNS.ARecord(
            TestRecords.name(www.getName().toString().toLowerCase(java.util.Locale.ROOT)),
            www.getDClass(),
            www.getTTL(),
            ((org.xbill.DNS.ARecord) www).getAddress()));
    ZoneSnapshot sameSerial = ZoneSnapshot.of(v1.soa(), recased);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> zones.publish(sameSerial));
    assertTrue(e.getMessage().contains("raise the serial"), e.getMessage());
    assertSame(v1, zones.snapshot(v1.origin()).orElseThrow());
    ZoneSnapshot newSerial = ZoneSnapshot.of(TestRecords.soa("example.com.", 2), recased);
    zones.publish(newSerial);
    assertSame(newSerial, zones.snapshot(v1.origin()).orElseThrow());
  }
}
