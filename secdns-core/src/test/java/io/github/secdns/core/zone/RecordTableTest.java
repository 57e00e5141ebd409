package io.github.secdns.core.zone;

import static io.github.secdns.core.zone.TestZones.UNIVERSE;
import static io.github.secdns.testsupport.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Record;

/**
 * The record table's cursors walk exactly the entries added under a hash, however many share it or
 * its slot, and {@link RecordTable#findExact} finds a record by comparing, not by its hash alone.
 */
class RecordTableTest {

  /**
   * Hashes that mostly land on the same few slots whatever the capacity (the low bits alike, or the
   * last slot wrapping to the first): their entries share probe runs.
   */
  private static final int[] HASHES = {0, 32, 64, 1024, Integer.MIN_VALUE, 1, 33, -1, 7};

  /** The record indexes that the cursors from {@link RecordTable#first} walk, in their order. */
  private static List<Integer> walk(RecordTable table, int hash) {
    List<Integer> indexes = new ArrayList<>();
    for (int cursor = table.first(hash); cursor >= 0; cursor = table.next(cursor)) {
      indexes.add(table.indexAt(cursor));
    }
    return indexes;
  }

  @Test
  void theCursorsWalkEveryEntryAddedUnderAHashAndNoOther() {
    // The last hash is never added: its walk is empty though its slot's run is not.
    qt().forAll(
            lists().of(integers().between(0, HASHES.length - 2)).ofSizeBetween(0, 300),
            integers().between(1, 400))
        .checkAssert(
            (picks, expected) -> {
              RecordTable table = new RecordTable(expected);
              for (int i = 0; i < picks.size(); i++) {
                table.add(HASHES[picks.get(i)], i);
              }
              assertEquals(picks.size(), table.size());
              for (int h = 0; h < HASHES.length; h++) {
                List<Integer> added = new ArrayList<>();
                for (int i = 0; i < picks.size(); i++) {
                  if (picks.get(i) == h) {
                    added.add(i);
                  }
                }
                List<Integer> walked = walk(table, HASHES[h]);
                Collections.sort(walked);
                assertEquals(added, walked, "hash " + HASHES[h]);
              }
            });
  }

  @Test
  void aThousandEntriesUnderOneHashAreAllWalkedInTheOrderAdded() {
    // Sized at once (4096 slots): the order added holds until the table grows and moves them.
    // 42 + 4096 shares their slot; 43 is taken by them, 42 + 8192 shares it but is never added.
    RecordTable table = new RecordTable(2000);
    List<Integer> added = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      table.add(42, i);
      table.add(42 + 4096, 5000 + i);
      added.add(i);
    }
    assertEquals(added, walk(table, 42));
    assertEquals(1000, walk(table, 42 + 4096).size());
    assertEquals(List.of(), walk(table, 43));
    assertEquals(List.of(), walk(table, 42 + 8192));
  }

  @Test
  void findExactComparesTheRecordsBehindEqualHashes() {
    // The records a mask picks are the table's; every record of the universe is looked up. Under
    // one hash for all, only the comparison tells them apart.
    qt().forAll(longs().all(), booleans().all())
        .checkAssert(
            (mask, oneHash) -> {
              List<Record> chosen = new ArrayList<>();
              for (int i = 0; i < UNIVERSE.size(); i++) {
                if ((mask & (1L << i)) != 0) {
                  chosen.add(UNIVERSE.get(i));
                }
              }
              PackedRecords records = PackedRecords.of(chosen);
              PackedRecords universe = PackedRecords.of(UNIVERSE);
              RecordTable table = new RecordTable(records.size());
              for (int i = 0; i < records.size(); i++) {
                table.add(oneHash ? 0 : records.exactHash(i), i);
              }
              for (int u = 0; u < universe.size(); u++) {
                int hash = oneHash ? 0 : universe.exactHash(u);
                int found = table.findExact(hash, records, universe, u);
                // Records here are told apart exactly, not by Record.equals (case and TTL aside).
                int expected = Long.bitCount(mask & ((1L << u) - 1));
                if ((mask & (1L << u)) == 0) {
                  assertEquals(-1, found, "absent: " + UNIVERSE.get(u));
                } else {
                  assertTrue(found >= 0, "present: " + UNIVERSE.get(u));
                  assertTrue(records.sameRecord(found, universe, u));
                  assertEquals(expected, found);
                }
              }
            });
  }
}
