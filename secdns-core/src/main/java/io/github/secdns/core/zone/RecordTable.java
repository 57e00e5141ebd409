package io.github.secdns.core.zone;

import java.util.function.IntPredicate;

/**
 * An open-addressing hash table of record indexes (into some {@link PackedRecords}), with the hash
 * of each entry kept beside it: what replaces a {@code HashSet<Record>} for deduplication and
 * matching. It costs two {@code int}s per slot and no object per record; the caller decides what
 * "the same record" means (exactly, or as dnsjava's {@code Record.equals}) and is asked only when
 * the hashes are equal. Not thread-safe; used inside one method call.
 */
final class RecordTable {

  private int[] entries; // record index + 1; 0 is an empty slot
  private int[] hashes;
  private int count;

  RecordTable(int expected) {
    int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
    entries = new int[capacity];
    hashes = new int[capacity];
  }

  /**
   * Returns an entry with this hash that {@code same} accepts, or -1.
   *
   * @param hash the hash of the record looked for
   * @param same tells whether the entry with this record index is the record looked for
   */
  int find(int hash, IntPredicate same) {
    int mask = entries.length - 1;
    for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
      int entry = entries[slot];
      if (entry == 0) {
        return -1;
      }
      if (hashes[slot] == hash && same.test(entry - 1)) {
        return entry - 1;
      }
    }
  }

  /** Adds a record index under its hash (the caller made sure it is not there yet). */
  void add(int hash, int index) {
    if ((count + 1) * 2 > entries.length) {
      grow();
    }
    insert(entries, hashes, hash, index + 1);
    count++;
  }

  int size() {
    return count;
  }

  /** Empties the table and gives its arrays back (it grows again as entries are added). */
  void clear() {
    entries = new int[32];
    hashes = new int[32];
    count = 0;
  }

  /** Makes room for this many entries in all, at once. */
  void expect(int expected) {
    while (expected * 2 > entries.length) {
      grow();
    }
  }

  private static void insert(int[] entries, int[] hashes, int hash, int entry) {
    int mask = entries.length - 1;
    int slot = hash & mask;
    while (entries[slot] != 0) {
      slot = (slot + 1) & mask;
    }
    entries[slot] = entry;
    hashes[slot] = hash;
  }

  private void grow() {
    int[] oldEntries = entries;
    int[] oldHashes = hashes;
    entries = new int[oldEntries.length * 2];
    hashes = new int[oldEntries.length * 2];
    for (int i = 0; i < oldEntries.length; i++) {
      if (oldEntries[i] != 0) {
        insert(entries, hashes, oldHashes[i], oldEntries[i]);
      }
    }
  }
}
