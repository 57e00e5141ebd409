package io.github.secdns.core.zone;

import static io.github.secdns.core.zone.TestZones.ORIGIN;
import static io.github.secdns.core.zone.TestZones.snapshot;
import static io.github.secdns.testsupport.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.secdns.core.serial.SerialNumber;
import io.github.secdns.testsupport.Edges;
import io.github.secdns.testsupport.MutableClock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

class ZoneHistoryTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  // 16 records: the deltas below stay well inside the size bound.
  private static final long BASE = 0x0000_0000_0000_FFFFL;

  private final MutableClock clock = new MutableClock(T0);

  private ZoneHistory oneTwoThree() {
    return ZoneHistory.start(snapshot(1, BASE), clock)
        .withVersion(snapshot(2, BASE ^ 0b1))
        .withVersion(snapshot(3, BASE ^ 0b11));
  }

  @Test
  void clientAtOrAfterTheCurrentSerialIsUpToDate() {
    ZoneHistory h = oneTwoThree();
    assertInstanceOf(HistoryLookup.UpToDate.class, h.lookup(SerialNumber.of(3)));
    assertInstanceOf(HistoryLookup.UpToDate.class, h.lookup(SerialNumber.of(4)));
    assertEquals(
        3, ((HistoryLookup.UpToDate) h.lookup(SerialNumber.of(3))).currentSoa().getSerial());
  }

  @Test
  void clientInHistoryGetsTheChainOldestFirst() {
    ZoneHistory h = oneTwoThree();
    HistoryLookup.Incremental from1 = (HistoryLookup.Incremental) h.lookup(SerialNumber.of(1));
    assertEquals(2, from1.chain().size());
    assertEquals(1, from1.chain().get(0).fromSerial().value());
    assertEquals(2, from1.chain().get(1).fromSerial().value());
    assertEquals(3, from1.chain().get(1).toSerial().value());
    HistoryLookup.Incremental from2 = (HistoryLookup.Incremental) h.lookup(SerialNumber.of(2));
    assertEquals(1, from2.chain().size());
    assertEquals(
        ZoneDiffTest.exact(snapshot(3, BASE ^ 0b11)),
        ZoneDiffTest.exact(ZoneDiff.condense(from1.chain()).applyTo(snapshot(1, BASE))));
  }

  @Test
  void unknownOrIncomparableSerialGetsTheFullZone() {
    ZoneHistory h = oneTwoThree();
    assertInstanceOf(HistoryLookup.FullZone.class, h.lookup(SerialNumber.of(0)));
    // 3 + 2^31 would be "newer", 3 - 2^31 (mod 2^32) is exactly 2^31 away: incomparable.
    assertInstanceOf(
        HistoryLookup.FullZone.class, h.lookup(SerialNumber.of((3 + 0x8000_0000L) & 0xFFFF_FFFFL)));
    assertSame(h.current(), ((HistoryLookup.FullZone) h.lookup(SerialNumber.of(0))).snapshot());
  }

  @Test
  void deltasOlderThanTheSoaExpireAreNotOffered() {
    ZoneHistory h = oneTwoThree();
    long expire = h.current().soa().getExpire();
    clock.advanceSeconds(expire);
    assertInstanceOf(HistoryLookup.Incremental.class, h.lookup(SerialNumber.of(1)));
    clock.advanceSeconds(1);
    assertInstanceOf(HistoryLookup.FullZone.class, h.lookup(SerialNumber.of(1)));
    assertTrue(h.oldestSerial().isEmpty());
    ZoneHistory next = h.withVersion(snapshot(4, BASE));
    assertEquals(1, next.entries().size());
    assertEquals(3, next.entries().get(0).delta().fromSerial().value());
  }

  @Test
  void aDeltaLargerThanTheZoneIsNotKept() {
    ZoneHistory h = oneTwoThree().withVersion(snapshot(4, ~BASE));
    assertTrue(h.entries().isEmpty());
    assertInstanceOf(HistoryLookup.FullZone.class, h.lookup(SerialNumber.of(3)));
  }

  @Test
  void aSerialThatDoesNotMoveForwardStartsTheHistoryOver() {
    ZoneHistory h = oneTwoThree();
    ZoneHistory back = h.withVersion(snapshot(2, BASE));
    assertTrue(back.entries().isEmpty());
    ZoneHistory sameSerialOtherContent = h.withVersion(snapshot(3, BASE));
    assertTrue(sameSerialOtherContent.entries().isEmpty());
    assertSame(h, h.withVersion(snapshot(3, BASE ^ 0b11)));
  }

  @Test
  void anotherZoneIsRefused() {
    ZoneSnapshot other =
        ZoneSnapshot.of(
            new org.xbill.DNS.SOARecord(
                Name.fromConstantString("example.org."),
                org.xbill.DNS.DClass.IN,
                60,
                ORIGIN,
                ORIGIN,
                9,
                1,
                1,
                1,
                1),
            List.of());
    assertThrows(IllegalArgumentException.class, () -> oneTwoThree().withVersion(other));
  }

  /**
   * Up to 20 versions, most a small change of the one before (a bit flipped), some a new zone
   * altogether; first serials weighted right below the 2^32 wrap so that chains cross it.
   */
  @Test
  void historyStaysWithinItsBoundsAndEveryChainLeadsToTheCurrentVersion() {
    AtomicInteger chainsAcrossTheWrap = new AtomicInteger();
    qt().forAll(
            lists().of(longs().between(0, 63).mix(longs().all(), 15)).ofSizeBetween(1, 20),
            lists().of(integers().between(0, 400_000)).ofSize(20),
            Edges.serialsBeforeTheWrap(20, 20))
        .checkAssert(
            (changes, gaps, firstSerial) -> {
              MutableClock c = new MutableClock(T0);
              long expire = 1_000_000;
              Map<SerialNumber, ZoneSnapshot> versions = new HashMap<>();
              SerialNumber serial = SerialNumber.of(firstSerial);
              long mask = BASE;
              ZoneSnapshot first =
                  ZoneSnapshot.of(
                      TestZones.soa(serial.value(), expire), snapshot(0, mask).records());
              versions.put(serial, first);
              ZoneHistory h = ZoneHistory.start(first, c);
              for (int i = 0; i < changes.size(); i++) {
                c.advanceSeconds(gaps.get(i));
                serial = serial.plus(1 + i);
                long change = changes.get(i);
                // 0..63: flip that record; anything else: a new zone with that content.
                mask = change >= 0 && change < 64 ? mask ^ (1L << change) : change;
                ZoneSnapshot v =
                    ZoneSnapshot.of(
                        TestZones.soa(serial.value(), expire), snapshot(0, mask).records());
                versions.put(serial, v);
                h = h.withVersion(v);

                assertTrue(h.totalSize() <= h.current().size(), h.toString());
                for (HistoryEntry e : h.entries()) {
                  assertTrue(!e.recordedAt().isBefore(c.instant().minusSeconds(expire)));
                }
                for (HistoryEntry e : h.entries()) {
                  HistoryLookup lookup = h.lookup(e.delta().fromSerial());
                  ZoneSnapshot result = versions.get(e.delta().fromSerial());
                  for (ZoneDelta d : ((HistoryLookup.Incremental) lookup).chain()) {
                    result = d.applyTo(result);
                  }
                  assertEquals(ZoneDiffTest.exact(v), ZoneDiffTest.exact(result));
                  if (e.delta().fromSerial().value() > serial.value()) {
                    chainsAcrossTheWrap.incrementAndGet();
                  }
                }
              }
            });
    assertTrue(chainsAcrossTheWrap.get() > 0, "no chain crossed the 2^32 wrap");
  }
}
