package io.github.secdns.core.zone;

import static io.github.secdns.core.zone.TestZones.UNIVERSE;
import static io.github.secdns.core.zone.TestZones.assertSameRecords;
import static io.github.secdns.core.zone.TestZones.snapshot;
import static io.github.secdns.core.zone.TestZones.soa;
import static io.github.secdns.testsupport.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Record;

/**
 * A version derived from another in ranges of its records ({@link ZoneSnapshot.Builder#addAll(
 * PackedRecords, int, int)} with a version's records) is built without comparing those ranges, and
 * its difference from the other is found among the records not copied: both must give exactly what
 * the record-by-record way gives.
 */
class DerivedVersionTest {

  /**
   * One script of builder steps, applied to two builders: one given the version's own records (the
   * runs may be taken), one given the same records in a list that is not a version's (every record
   * is checked and compared, as before runs existed).
   */
  private record Script(ZoneSnapshot older, ZoneSnapshot other, long seed) {

    ZoneSnapshot apply(PackedRecords olderRecords, PackedRecords otherRecords) {
      SplittableRandom random = new SplittableRandom(seed);
      ZoneSnapshot.Builder b = ZoneSnapshot.builder(soa(older.serial().value() + 1));
      int position = 0;
      int steps = 1 + random.nextInt(12);
      for (int s = 0; s < steps; s++) {
        int kind = random.nextInt(10);
        if (kind < 5 && olderRecords.size() > 0) {
          // A range of the older version, usually after the one before (a run), sometimes not.
          int from =
              kind < 4 && position < olderRecords.size()
                  ? position + random.nextInt(Math.min(3, olderRecords.size() - position))
                  : random.nextInt(olderRecords.size());
          int to = from + random.nextInt(olderRecords.size() - from + 1);
          b.addAll(olderRecords, from, to);
          position = Math.max(position, to);
        } else if (kind < 8) {
          // A record that may equal one of the older version exactly, or apart from letter case
          // or TTL (the universe holds such variants), or be new.
          b.add(UNIVERSE.get(random.nextInt(UNIVERSE.size())));
        } else if (kind < 9 && otherRecords.size() > 0) {
          int from = random.nextInt(otherRecords.size());
          b.addAll(otherRecords, from, from + random.nextInt(otherRecords.size() - from + 1));
        } else {
          b.add(
              new ARecord(
                  TestZones.name("new" + random.nextInt(4)),
                  DClass.IN,
                  300,
                  TestZones.address(1 + random.nextInt(4))));
        }
      }
      return b.build();
    }
  }

  @Test
  void aDerivedVersionHoldsWhatCheckingEveryRecordGivesAndItsDifferenceIsTheSame() {
    AtomicInteger derivedDiffs = new AtomicInteger();
    AtomicInteger runsMetOthers = new AtomicInteger();
    qt().forAll(longs().all(), longs().all(), longs().all())
        .checkAssert(
            (olderMask, otherMask, seed) -> {
              ZoneSnapshot older = large(olderMask, seed);
              ZoneSnapshot other = snapshot(20, otherMask);
              Script script = new Script(older, other, seed);
              ZoneSnapshot derived = script.apply(older.packedRecords(), other.packedRecords());
              ZoneSnapshot checked =
                  script.apply(
                      PackedRecords.of(older.records()), PackedRecords.of(other.records()));
              assertNull(checked.derivation(), "a list that is not a version's is never a run");

              assertSameRecords(checked.packedRecords(), derived.packedRecords());

              ZoneDelta viaDerivation = ZoneDiff.between(older, derived);
              ZoneDelta recordByRecord =
                  ZoneDiff.between(older, ZoneSnapshot.fromBytes(derived.toBytes()));
              assertSameRecords(recordByRecord.packedDeleted(), viaDerivation.packedDeleted());
              assertSameRecords(recordByRecord.packedAdded(), viaDerivation.packedAdded());
              assertTrue(viaDerivation.applyTo(older).sameVersionAs(derived));

              Derivation d = derived.derivation();
              if (d != null && d.isFrom(older.packedRecords())) {
                derivedDiffs.incrementAndGet();
                if (derived.size() < older.size() && viaDerivation.added().size() > 0) {
                  runsMetOthers.incrementAndGet();
                }
              }
            });
    // The property means something only if the derivation was the one used, often, and with
    // records added otherwise among the runs.
    assertTrue(derivedDiffs.get() > 100, "differences found via a derivation: " + derivedDiffs);
    assertTrue(runsMetOthers.get() > 20, "with records added among the runs: " + runsMetOthers);
  }

  @Test
  void aOneRecordChangeIsFoundFromTheDerivationAlone() {
    ZoneSnapshot older = large(-1L, 42);
    PackedRecords records = older.packedRecords();
    int changed = records.size() / 2;
    Record replacement =
        new ARecord(TestZones.name("changed"), DClass.IN, 300, TestZones.address(9));
    ZoneSnapshot newer =
        ZoneSnapshot.builder(soa(11))
            .addAll(records, 0, changed)
            .add(replacement)
            .addAll(records, changed + 1, records.size())
            .build();

    Derivation d = newer.derivation();
    assertNotNull(d);
    assertTrue(d.isFrom(records));
    assertEquals(2, d.ranges());
    ZoneDelta delta = ZoneDiff.between(older, newer);
    assertEquals(List.of(records.get(changed)), delta.deleted());
    assertEquals(List.of(replacement), delta.added());
    // Another version's records are not the source: the comparison of every record decides.
    ZoneSnapshot unrelated = ZoneSnapshot.fromBytes(older.toBytes());
    assertTrue(!d.isFrom(unrelated.packedRecords()));
    assertEquals(delta, ZoneDiff.between(unrelated, newer));
  }

  @Test
  void aSmallVersionKeepsNoDerivation() {
    ZoneSnapshot older = snapshot(10, -1L);
    PackedRecords records = older.packedRecords();
    ZoneSnapshot newer =
        ZoneSnapshot.builder(soa(11))
            .addAll(records, 0, 1)
            .add(new ARecord(TestZones.name("changed"), DClass.IN, 300, TestZones.address(9)))
            .addAll(records, 2, records.size())
            .build();
    assertNull(newer.derivation(), "a small zone is compared record by record");
    assertEquals(List.of(records.get(1)), ZoneDiff.between(older, newer).deleted());
  }

  /**
   * A version big enough to keep a derivation ({@link Derivation#MIN_COPIED}): the universe's
   * records of {@code mask} (with their letter case and TTL variants) at random places among
   * distinct filler records.
   */
  private static ZoneSnapshot large(long mask, long seed) {
    SplittableRandom random = new SplittableRandom(seed ^ mask);
    List<Record> records = new ArrayList<>();
    for (int i = 0; i < Derivation.MIN_COPIED + 100; i++) {
      records.add(
          new ARecord(TestZones.name("f" + i), DClass.IN, 300, TestZones.address(1 + i % 200)));
    }
    for (int i = 0; i < 64; i++) {
      if ((mask >>> i & 1) != 0) {
        records.add(random.nextInt(records.size() + 1), UNIVERSE.get(i));
      }
    }
    return ZoneSnapshot.of(soa(10), records);
  }

  @Test
  void aNewSoaOnTheSameRecordsIsAnEmptyDifference() {
    ZoneSnapshot older = snapshot(10, 0x0F0F_0F0F_0F0F_0F0FL);
    ZoneDelta delta = ZoneDiff.between(older, older.withSoa(soa(11)));
    assertTrue(delta.deleted().isEmpty());
    assertTrue(delta.added().isEmpty());
    assertEquals(11, delta.toSerial().value());
  }
}
