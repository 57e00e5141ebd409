package io.github.secdns.core.zone;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Objects;
import java.util.function.IntPredicate;
import javax.annotation.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * The records of one zone apart from its SOA, packed, that passed every check a zone version makes
 * of a record: each is well formed, lies at or below the {@link #origin()}, is of the zone's {@link
 * #dclass()}, is neither an SOA nor a meta type, and no two are the same record as dnsjava's {@code
 * Record.equals} says (the first occurrence was kept). Only {@link Builder} makes one, and it makes
 * those checks, so the guarantee is this type's: code that takes a {@code ZoneRecords} (a {@link
 * ZoneSnapshot.Builder}, the exporter) never checks or compares them again.
 *
 * <p>Why a type: a big zone file is checked record by record while it is parsed (on a second core);
 * checking it again when it becomes a version would cost as much as the parse. Immutable and
 * thread-safe.
 */
public final class ZoneRecords {

  private final Name origin;
  private final int dclass;
  private final PackedRecords records;

  private ZoneRecords(Name origin, int dclass, PackedRecords records) {
    this.origin = origin;
    this.dclass = dclass;
    this.records = records;
  }

  /**
   * Starts an empty builder for a zone.
   *
   * @param origin the zone's origin, absolute
   * @param dclass the zone's class (its SOA's)
   * @param expectedOctets the wire size the records are expected to reach (a hint)
   * @return a builder
   * @throws IllegalArgumentException when the origin is not absolute
   */
  public static Builder builder(Name origin, int dclass, int expectedOctets) {
    return new Builder(origin, dclass, PackedRecords.builder(expectedOctets));
  }

  /**
   * Starts an empty builder whose records are packed behind {@code prefix} in one array (a zone
   * version's SOA, {@link PackedRecords#prefixedBy}): for {@link ZoneSnapshot.Builder}.
   */
  static Builder prefixedBy(Name origin, int dclass, byte[] prefix) {
    return new Builder(origin, dclass, PackedRecords.prefixedBy(prefix));
  }

  /**
   * A record as a message shows it: one master-file line, its fields apart by one space (dnsjava's
   * {@code toString} aligns them with tabs, which a one-line error message prints as escapes).
   */
  static String text(Record record) {
    return record.toString().replaceAll("\t+", " ");
  }

  /**
   * Returns the zone's origin.
   *
   * @return the absolute origin every record lies at or below
   */
  public Name origin() {
    return origin;
  }

  /**
   * Returns the zone's class.
   *
   * @return the class code of every record
   */
  public int dclass() {
    return dclass;
  }

  /**
   * Returns the records, in the order they were added (duplicates left out).
   *
   * @return the packed records
   */
  public PackedRecords records() {
    return records;
  }

  /**
   * Returns the number of records.
   *
   * @return the count
   */
  public int size() {
    return records.size();
  }

  /**
   * Tells whether these records were checked for this zone.
   *
   * @param zoneOrigin a zone's origin
   * @param zoneClass that zone's class
   * @return true when both are the ones these records were checked against
   */
  public boolean belongTo(Name zoneOrigin, int zoneClass) {
    return dclass == zoneClass && origin.equals(zoneOrigin);
  }

  @Override
  public String toString() {
    return "ZoneRecords[origin=" + origin + ", records=" + records.size() + "]";
  }

  /**
   * Checks records one at a time, keeps the octets of those that pass, and leaves out a record
   * equal to one kept before. A record that fails a check is not added and the builder stays
   * usable. Not thread-safe.
   */
  public static final class Builder {
    /** Passes over the unindexed records that comparing one by one may cost before a table. */
    private static final int SCAN_PASSES = 4;

    /** Records added otherwise than in runs up to which runs are still taken. */
    private static final int MAX_OTHERS = 64;

    private static final int[] NONE = {};

    private final Name origin;
    private final byte[] originWire;
    private final int dclass;
    private final PackedRecords.Builder out;
    private final RecordTable table = new RecordTable(16);
    // Records [0, indexed) are in the table; records added as already checked are indexed only
    // when a record checked here needs to be compared with them (or scanned, see equalKept).
    private int indexed;
    // The table's size hint (expect), applied when the table is first needed: a version derived
    // from the one before in runs (addRun) never needs it, and a million records' table is 32 MiB.
    private int expectedRecords;
    // Unindexed records compared one by one so far (equalKept), against SCAN_PASSES passes.
    private long scanned;

    // Runs (addRun): ranges of one list checked for this zone, none of its records equal to
    // another, taken in ascending order, so that no two runs share a record and their records are
    // distinct from each other: a run is compared only with the records added otherwise.
    @Nullable private byte[] runSource; // that list's octets, its identity
    private int runEnd; // where the last run ended in that list
    // What was copied in runs, as Derivation records it (from, to, where to); overflow: too many.
    private int[] copied = NONE;
    private int copiedRanges;
    private int copiedRecords;
    private boolean tooManyRanges;
    private int[] others = NONE; // the records not added in runs (indexes into out)
    private int otherCount;
    private boolean tooManyOthers; // more than MAX_OTHERS: runs are no longer taken
    // A bulk addition under way (beginBulk): per record, its hash and index, to sort at the end.
    @Nullable private long[] bulkKeys;
    private int bulkCount;

    private Builder(Name origin, int dclass, PackedRecords.Builder out) {
      if (!origin.isAbsolute()) {
        throw new IllegalArgumentException("the zone origin must be an absolute name: " + origin);
      }
      this.origin = origin;
      this.originWire = origin.toWire();
      this.dclass = dclass;
      this.out = out;
    }

    /**
     * Adds a record given in uncompressed wire form ({@code Record.toWire(Section.ANSWER)}).
     *
     * @param wire holds the record
     * @param offset where it starts
     * @param length its length
     * @return true when it was kept, false when it equals a record kept before (left out)
     * @throws IllegalArgumentException when the octets are not one well-formed record, or the
     *     record is an SOA, lies outside the zone, has another class or is a meta type; the message
     *     names the record
     */
    public boolean addWire(byte[] wire, int offset, int length) {
      Objects.checkFromIndexSize(offset, length, wire.length);
      int ownerLength = WireRecord.check(wire, offset, length);
      WireRecord.checkRdata(wire, offset, length, ownerLength);
      return addWellFormed(wire, offset, length, ownerLength, null);
    }

    /**
     * Adds a record whose octets are known to be well formed: the zone checks and the comparison.
     *
     * @param record the same record decoded, to name it in a message, or null to decode it then
     */
    boolean addWellFormed(
        byte[] wire, int offset, int length, int ownerLength, @Nullable Record record) {
      if (bulkKeys != null) {
        addUncompared(wire, offset, length, ownerLength, record);
        return true; // compared at endBulk
      }
      checkInZone(wire, offset, length, ownerLength, record);
      int h = WireRecord.foldedHash(wire, offset, length, ownerLength);
      if (equalKept(h, wire, offset, length, ownerLength)) {
        return false;
      }
      boolean tableCurrent = indexed == out.size();
      out.append(wire, offset, length);
      if (tableCurrent) {
        sizeTable();
        table.add(h, out.size() - 1);
        indexed = out.size();
      }
      addedOtherwise(out.size() - 1, out.size());
      return true;
    }

    /**
     * Starts adding many records at once to a builder that holds none (the records added until
     * {@link #endBulk}): each is checked as it comes, and they are compared with each other only at
     * the end, by sorting their hashes, instead of one table probe each (a probe of a million
     * records' table is a cache miss).
     *
     * @param expected how many records are coming (a hint)
     * @return false when the builder holds records already (then add them one at a time)
     */
    boolean beginBulk(int expected) {
      if (out.size() != 0 || bulkKeys != null) {
        return false;
      }
      bulkKeys = new long[Math.max(16, expected)];
      bulkCount = 0;
      return true;
    }

    /** Adds a record of a bulk addition: checked now, compared in {@link #endBulk}. */
    private void addUncompared(
        byte[] wire, int offset, int length, int ownerLength, @Nullable Record record) {
      long[] keys = Objects.requireNonNull(bulkKeys);
      checkInZone(wire, offset, length, ownerLength, record);
      int h = WireRecord.foldedHash(wire, offset, length, ownerLength);
      if (bulkCount == keys.length) {
        keys = Arrays.copyOf(keys, keys.length * 2);
        bulkKeys = keys;
      }
      keys[bulkCount++] = ((long) h << 32) | out.size();
      out.append(wire, offset, length);
    }

    /**
     * Ends a bulk addition: of the records equal to each other, the first added is kept (as one at
     * a time would), the others are removed.
     */
    void endBulk() {
      long[] keys = bulkKeys;
      if (keys == null) {
        throw new IllegalStateException("no bulk addition was begun");
      }
      bulkKeys = null;
      int n = bulkCount;
      // Sorted by hash, then by index: equal records are neighbours, the first added first.
      Arrays.sort(keys, 0, n);
      BitSet gone = new BitSet(out.size());
      byte[] data = out.data();
      for (int g = 0; g < n; ) {
        int end = g + 1;
        while (end < n && (keys[end] >>> 32) == (keys[g] >>> 32)) {
          end++;
        }
        for (int j = g + 1; j < end; j++) {
          int later = (int) keys[j];
          int start = out.start(later);
          int length = out.end(later) - start;
          int ownerLength = WireRecord.nameLength(data, start);
          for (int i = g; i < j; i++) {
            int earlier = (int) keys[i];
            if (!gone.get(earlier) && sameRecordAs(earlier, data, start, length, ownerLength)) {
              gone.set(later);
              break;
            }
          }
        }
        g = end;
      }
      out.remove(gone);
      addedOtherwise(0, out.size());
    }

    /**
     * Whether a record kept before is the same record as this one. The records not in the table
     * (added in runs or as checked) are compared one by one while that costs at most {@value
     * #SCAN_PASSES} passes over the records in all; beyond that every record goes into the table: a
     * version derived from a million records with one record changed costs a pass over their
     * lengths, not a table of a million records.
     */
    private boolean equalKept(int hash, byte[] wire, int offset, int length, int ownerLength) {
      int n = out.size();
      int unindexed = n - indexed;
      if (unindexed > 0) {
        if (scanned + unindexed > SCAN_PASSES * (long) n) {
          index();
        } else {
          scanned += unindexed;
          for (int j = indexed; j < n; j++) {
            // Equal records have equal lengths: most are passed over on their index alone.
            if (out.end(j) - out.start(j) == length
                && sameRecordAs(j, wire, offset, length, ownerLength)) {
              return true;
            }
          }
        }
      }
      return inTable(hash, wire, offset, length, ownerLength);
    }

    /**
     * Adds records {@code from} to {@code to} of {@code source} with one copy of their octets and
     * no check again, when {@code source} holds records checked for this zone none of which equals
     * another ({@link PackedRecords#areCheckedFor}: a version's records), the range follows the
     * ranges taken from it before, and few records were added otherwise: a run's records are then
     * distinct from every record kept before except those few, the only ones they are compared
     * with. The way a host derives a version from the one before (a range, a changed record, the
     * rest) costs a copy instead of a comparison of every record.
     *
     * @return false when nothing was added because one of those conditions does not hold (the
     *     caller then adds the records one at a time)
     */
    boolean addRun(PackedRecords source, int from, int to) {
      if (!source.areCheckedFor(origin, dclass)
          || bulkKeys != null // a bulk addition compares every record it holds at its end
          || tooManyOthers
          || (runSource != null && (runSource != source.data() || from < runEnd))) {
        return false;
      }
      runSource = source.data();
      runEnd = to;
      if (otherCount == 0) {
        copy(source, from, to);
        return true;
      }
      // Equal records have equal lengths: one bit per length (mod 64) of the others passes most
      // records over on their index alone.
      long otherLengths = 0;
      for (int k = 0; k < otherCount; k++) {
        otherLengths |= 1L << (out.end(others[k]) - out.start(others[k]));
      }
      byte[] data = source.data();
      int runStart = from;
      for (int i = from; i < to; i++) {
        int length = source.wireLength(i);
        if ((otherLengths & (1L << length)) != 0
            && equalsOther(data, source.start(i), length, source.ownerLength(i))) {
          copy(source, runStart, i);
          runStart = i + 1;
        }
      }
      copy(source, runStart, to);
      return true;
    }

    /** Copies records of the run source and records where they went (see derivation). */
    private void copy(PackedRecords source, int from, int to) {
      if (from == to) {
        return;
      }
      int at = out.size();
      out.addAll(source, from, to);
      copiedRecords += to - from;
      if (tooManyRanges) {
        return;
      }
      int last = (copiedRanges - 1) * 3;
      if (copiedRanges > 0
          && copied[last + 1] == from
          && copied[last + 2] + (from - copied[last]) == at) {
        copied[last + 1] = to; // continues the range before, in both lists
        return;
      }
      if (copiedRanges == Derivation.MAX_RANGES) {
        tooManyRanges = true;
        return;
      }
      if ((copiedRanges + 1) * 3 > copied.length) {
        copied = Arrays.copyOf(copied, Math.max(6, copied.length * 2));
      }
      copied[copiedRanges * 3] = from;
      copied[copiedRanges * 3 + 1] = to;
      copied[copiedRanges * 3 + 2] = at;
      copiedRanges++;
    }

    /**
     * How the records built so far were copied from the run source, if they were ({@link
     * ZoneDiff#between} uses it): none when nothing came in runs, too little for a derivation to be
     * worth keeping ({@link Derivation#MIN_COPIED}), or in too many ranges.
     */
    @Nullable
    Derivation derivation() {
      byte[] source = runSource;
      return source == null || tooManyRanges || copiedRecords < Derivation.MIN_COPIED
          ? null
          : Derivation.of(source, copied, copiedRanges);
    }

    /** Whether one of the records added otherwise than in runs is the same record as this one. */
    private boolean equalsOther(byte[] wire, int offset, int length, int ownerLength) {
      for (int k = 0; k < otherCount; k++) {
        if (sameRecordAs(others[k], wire, offset, length, ownerLength)) {
          return true;
        }
      }
      return false;
    }

    /** Records {@code from} to {@code to} of the output were added otherwise than in a run. */
    private void addedOtherwise(int from, int to) {
      if (tooManyOthers || from == to) {
        return;
      }
      if (otherCount + (to - from) > MAX_OTHERS) {
        tooManyOthers = true;
        others = NONE;
        otherCount = 0;
        return;
      }
      if (otherCount + (to - from) > others.length) {
        others =
            Arrays.copyOf(others, Math.min(MAX_OTHERS, 2 * Math.max(4, otherCount + (to - from))));
      }
      for (int j = from; j < to; j++) {
        others[otherCount++] = j;
      }
    }

    /** Applies the size hint to the table when it is first needed. */
    private void sizeTable() {
      if (expectedRecords > 0) {
        table.expect(expectedRecords);
        expectedRecords = 0;
      }
    }

    /**
     * Adds the records already checked for this zone that {@code keep} accepts, in order, each
     * compared only with the records kept before this call (they are distinct among themselves):
     * the way to put a checked zone into a version with one copy of its octets and no check again.
     *
     * @param source records checked for this builder's origin and class
     * @param keep asked once per record of {@code source} (its index), in order
     * @throws IllegalArgumentException when {@code source} was checked for another zone
     */
    void addChecked(ZoneRecords source, IntPredicate keep) {
      if (!source.belongTo(origin, dclass)) {
        throw new IllegalArgumentException(
            "records checked for " + source.origin() + " added to the zone " + origin);
      }
      PackedRecords records = source.records();
      index();
      // Equal records have the same type and length: only those that share both with a record
      // kept before are hashed and looked up (usually a few apex records among a whole zone).
      long[] kept = new long[out.size()];
      byte[] keptData = out.data();
      for (int j = 0; j < kept.length; j++) {
        int start = out.start(j);
        int type = WireRecord.u16(keptData, start + WireRecord.nameLength(keptData, start));
        kept[j] = typeAndLength(type, out.end(j) - start);
      }
      Arrays.sort(kept);
      // The types kept before, one bit each (type mod 64): most records' types are not among
      // them, and those need no length and no search.
      long keptTypes = 0;
      for (long k : kept) {
        keptTypes |= 1L << (k >>> 32);
      }
      byte[] data = records.data();
      int runStart = 0;
      int n = records.size();
      // The index sized for all the source's records and a few more (what the caller adds after
      // them) at once: grown by doubling, a big zone's index was copied some twenty times, and
      // trimmed by one more copy when built.
      out.expect(out.size() + n + 16 + n / 128, out.wireSize() + records.wireSize());
      int before = out.size();
      for (int i = 0; i < n; i++) {
        if (keep.test(i) && !keptBefore(kept, keptTypes, records, data, i)) {
          continue;
        }
        out.addAll(records, runStart, i);
        runStart = i + 1;
      }
      out.addAll(records, runStart, n);
      addedOtherwise(before, out.size());
    }

    /** Whether record {@code i} equals a record kept before (all of which are in the table). */
    private boolean keptBefore(
        long[] kept, long keptTypes, PackedRecords records, byte[] data, int i) {
      if (kept.length == 0) {
        return false;
      }
      int type = records.type(i);
      if ((keptTypes & (1L << type)) == 0) {
        return false;
      }
      int length = records.wireLength(i);
      if (Arrays.binarySearch(kept, typeAndLength(type, length)) < 0) {
        return false;
      }
      int offset = records.start(i);
      int ownerLength = records.ownerLength(i);
      int h = WireRecord.foldedHash(data, offset, length, ownerLength);
      return inTable(h, data, offset, length, ownerLength);
    }

    /**
     * Whether a record in the table is the same record as this one ({@link #sameRecordAs}); a loop
     * here rather than a predicate for the table, whose captures would be an object per record.
     */
    private boolean inTable(int hash, byte[] wire, int offset, int length, int ownerLength) {
      for (int cursor = table.first(hash); cursor >= 0; cursor = table.next(cursor)) {
        if (sameRecordAs(table.indexAt(cursor), wire, offset, length, ownerLength)) {
          return true;
        }
      }
      return false;
    }

    private static long typeAndLength(int type, int length) {
      return ((long) type << 32) | length;
    }

    /** Puts the records added as already checked into the table. */
    private void index() {
      int n = out.size();
      if (indexed == n) {
        return;
      }
      sizeTable();
      table.expect(n);
      byte[] data = out.data();
      for (int j = indexed; j < n; j++) {
        int start = out.start(j);
        int length = out.end(j) - start;
        table.add(
            WireRecord.foldedHash(data, start, length, WireRecord.nameLength(data, start)), j);
      }
      indexed = n;
    }

    /**
     * Sizes the builder for about this many records and octets (a hint; it grows as needed).
     *
     * @param records the number of records expected
     * @param octets their wire size expected
     * @return this builder
     */
    public Builder expect(int records, int octets) {
      out.expect(records, octets);
      expectedRecords = Math.max(expectedRecords, records);
      return this;
    }

    /**
     * Returns how many records were kept so far.
     *
     * @return the count
     */
    public int size() {
      return out.size();
    }

    /**
     * Returns the records kept so far. The builder stays usable; its index of the records kept is
     * let go first (a big zone's index costs a few times its record count in octets, and the
     * records may be copied to their size here) and made again only if more records come.
     *
     * @return the checked records
     */
    public ZoneRecords build() {
      table.clear();
      indexed = 0;
      scanned = 0;
      return new ZoneRecords(origin, dclass, packed());
    }

    /** The same records as {@link #build()}, packed. */
    PackedRecords packed() {
      return out.build().checkedFor(origin, dclass);
    }

    private void checkInZone(
        byte[] wire, int offset, int length, int ownerLength, @Nullable Record record) {
      int type = WireRecord.u16(wire, offset + ownerLength);
      if (type == Type.SOA) {
        throw new IllegalArgumentException(
            "a zone has exactly one SOA, at its apex "
                + origin
                + "; found another: "
                + named(record, wire, offset, length));
      }
      if (!WireRecord.isAtOrBelow(wire, offset, ownerLength, originWire)) {
        throw new IllegalArgumentException(
            "record " + named(record, wire, offset, length) + " lies outside the zone " + origin);
      }
      if (WireRecord.u16(wire, offset + ownerLength + 2) != dclass) {
        throw new IllegalArgumentException(
            "record "
                + named(record, wire, offset, length)
                + " has another class than the zone's SOA");
      }
      if (isMetaType(type)) {
        throw new IllegalArgumentException(
            "record "
                + named(record, wire, offset, length)
                + " is a meta type and cannot be part of a zone");
      }
    }

    private static String named(@Nullable Record record, byte[] wire, int offset, int length) {
      return text(record != null ? record : PackedRecords.decode(wire, offset, length));
    }

    /** Whether kept record {@code j} is the same record as dnsjava's {@code Record.equals} says. */
    private boolean sameRecordAs(int j, byte[] wire, int offset, int length, int ownerLength) {
      byte[] data = out.data();
      int start = out.start(j);
      int keptLength = out.end(j) - start;
      if (!WireRecord.foldedEquals(data, start, keptLength, wire, offset, length, ownerLength)) {
        return false;
      }
      if (WireRecord.equalsIgnoringTtl(
          data, start, keptLength, wire, offset, length, ownerLength)) {
        return true;
      }
      // Equal apart from letter case: only the record type knows which octets are names.
      return PackedRecords.decode(data, start, keptLength)
          .equals(PackedRecords.decode(wire, offset, length));
    }

    private static boolean isMetaType(int type) {
      // RFC 6895 section 3.1: OPT and the range 128-255 are meta types or QTYPEs, never zone data.
      return type == Type.OPT || (type >= 128 && type <= 255);
    }
  }
}
