package io.github.secdns.benchmarks.zone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.zone.ZoneSnapshot;
import org.junit.jupiter.api.Test;

/**
 * The benchmarks' zones as the embedded host builds them: record by record into a sized builder,
 * the same version as the list of the shared generator would give.
 */
class ZoneGeneratorTest {

  @Test
  void aZoneBuiltRecordByRecordHoldsTheListsRecordsInItsOrder() {
    ZoneSnapshot built = ZoneGenerator.generate(20_000, 7, 42);
    ZoneSnapshot fromList =
        ZoneSnapshot.of(ZoneGenerator.soa(7), ZoneGenerator.records(20_000, 42));
    assertEquals(20_000, built.size());
    assertEquals(fromList.records(), built.records());
    assertEquals(fromList.records(), ZoneGenerator.generate(20_000, 7, 42, false).records());
  }

  /**
   * The builder's size hint covers a million records' octets and wastes less than 1/64 of them, so
   * that the version keeps the one array the builder filled (no growth, no copy to trim it: what
   * the embedded host's memory at 1M records in docs/BENCHMARKS.md depends on).
   */
  @Test
  void theSizeHintFitsAMillionRecordsWithinOneSixtyFourth() {
    ZoneSnapshot zone = ZoneGenerator.generate(1_000_000, 1, 20_261_205);
    long hinted = (long) zone.size() * ZoneGenerator.OCTETS_PER_RECORD;
    long octets = zone.wireSize() - zone.soa().toWire(org.xbill.DNS.Section.ANSWER).length;
    assertTrue(octets <= hinted, octets + " octets above the hint " + hinted);
    assertTrue(hinted - octets <= octets / 64, (hinted - octets) + " octets unused of " + hinted);
  }
}
