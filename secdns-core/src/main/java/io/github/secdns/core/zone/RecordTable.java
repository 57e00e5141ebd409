package io.github.secdns.core.zone;

/**
 * An open-addressing hash table of record indexes (into some {@link PackedRecords}), with the hash
 * of each entry kept beside it: what replaces a {@code HashSet<Record>} for deduplication and
 * matching. It costs two {@code int}s per slot and no object per record or per lookup; the caller
 * decides what "the same record" means (exactly, {@link #findExact}, or as dnsjava's {@code
 * Record.equals}) and compares only the entries with equal hashes ({@link #first}, {@link #next}).
 * Not thread-safe; used inside one method call.
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
   * Returns a cursor on the first entry with this hash, or -1 when there is none. With {@link
   * #next} it walks the entries with this hash in probe order; {@link #indexAt} reads the record
   * index behind a cursor. A loop at the call site, not a predicate passed in: a lambda that
   * captures the record looked for is an object per lookup, a million while a big zone loads.
   * Adding to the table invalidates a cursor.
   *
   * @param hash the hash of the record looked for
   * @return a cursor, or -1
   */
  int first(int hash) {
    return withHashFrom(hash, hash & (entries.length - 1));
  }

  /**
   * Returns a cursor on the next entry with the same hash as the one under {@code cursor}, or -1
   * when there is none.
   *
   * @param cursor a cursor from {@link #first} or {@link #next}
   * @return a cursor, or -1
   */
  int next(int cursor) {
    return withHashFrom(hashes[cursor], (cursor + 1) & (entries.length - 1));
  }

  /**
   * Returns the record index of the entry under a cursor.
   *
   * @param cursor a cursor from {@link #first} or {@link #next}
   * @return the record index it was added with
   */
  int indexAt(int cursor) {
    return entries[cursor] - 1;
  }

  /**
   * Returns the entry that is record {@code otherIndex} of {@code other} octet for octet ({@link
   * PackedRecords#sameRecord}), or -1: for a table of records of {@code records} added under their
   * {@link PackedRecords#exactHash}.
   *
   * @param hash {@code other.exactHash(otherIndex)}
   * @param records the records this table holds indexes of
   * @param other the list of the record looked for (or {@code records} itself)
   * @param otherIndex the record looked for
   * @return its index in {@code records}, or -1
   */
  int findExact(int hash, PackedRecords records, PackedRecords other, int otherIndex) {
    for (int cursor = first(hash); cursor >= 0; cursor = next(cursor)) {
      int index = indexAt(cursor);
      if (records.sameRecord(index, other, otherIndex)) {
        return index;
      }
    }
    return -1;
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

  /** The first slot from {@code from} on, in probe order, that holds this hash; -1 at a gap. */
  private int withHashFrom(int hash, int from) {
    // Never more than half full: the probe always reaches an empty slot.
    int mask = entries.length - 1;
    for (int slot = from; ; slot = (slot + 1) & mask) {
      if (entries[slot] == 0) {
        return -1;
      }
      if (hashes[slot] == hash) {
        return slot;
      }
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
