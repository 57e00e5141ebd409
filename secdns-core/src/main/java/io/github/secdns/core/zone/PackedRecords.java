package io.github.secdns.core.zone;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import javax.annotation.Nullable;
import org.xbill.DNS.DNSInput;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * An immutable list of DNS records held as their uncompressed wire form (RFC 1035 section 4.1.3:
 * owner name, type, class, TTL, RDLENGTH, RDATA), one after the other in a single byte array, with
 * an index of where each record starts: two octets a record while the records take less than 64 KiB
 * in all (the zones of a DNS host), four octets beyond. A record costs its wire size plus two or
 * four octets, instead of the hundred and more octets of a dnsjava {@code Record} and its names. An
 * owner name's length is read from its labels when it is needed (a few octets to walk).
 *
 * <p>Names keep the letter case they were given, in owner names and in RDATA. {@link #get} decodes
 * a record into a new dnsjava {@code Record} each time it is called; {@link #asList()} is a view
 * that does the same. Code that only needs a record's type, owner or octets reads them without
 * decoding ({@link #type}, {@link #ownerLength}, {@link #copyWire}, {@link #wire}).
 *
 * <p>No validation beyond the wire structure (each record is an uncompressed absolute name, the
 * fixed part and exactly RDLENGTH octets of RDATA): what a zone accepts is checked by {@link
 * ZoneSnapshot.Builder}. Immutable and thread-safe.
 */
public final class PackedRecords {

  /** The largest end offset a {@code char} index holds: records of up to 65,535 octets in all. */
  static final int CHAR_INDEX_LIMIT = Character.MAX_VALUE;

  /** Octets compared at once, from the end, by {@link #commonSuffix}. */
  private static final int SUFFIX_BLOCK = 4096;

  private static final PackedRecords EMPTY = new PackedRecords(new byte[0], new char[] {0}, 0);

  // data[start(0)..start(count)) holds the records; data may be longer (a builder that handed it
  // over without trimming only ever writes past that end), and so may an int[] index. What stands
  // before start(0) is not a record: a zone version keeps its SOA there (one array, not two).
  private final byte[] data;
  // Where record i begins, for i in 0..count (the last entry is the end): a char[] when the end is
  // at most CHAR_INDEX_LIMIT, else an int[]. One field of either type, not two, keeps the object
  // small: it is held once per zone version (issue 13: 100,000 zones).
  private final Object index;
  private final int count;
  // Set when these records passed a zone's checks, none equal to another (ZoneRecords.Builder
  // made them; a zone version's records): a list built from ranges of them needs no comparison
  // of those ranges with each other (ZoneRecords.Builder#addRun). Null otherwise. With the two
  // fields the object is 32 octets, as the alignment makes it with one.
  @Nullable private final Name checkedOrigin;
  private final int checkedClass;

  private PackedRecords(byte[] data, Object index, int count) {
    this(data, index, count, null, 0);
  }

  private PackedRecords(
      byte[] data, Object index, int count, @Nullable Name checkedOrigin, int checkedClass) {
    this.data = data;
    this.index = index;
    this.count = count;
    this.checkedOrigin = checkedOrigin;
    this.checkedClass = checkedClass;
  }

  /**
   * Records already checked for the zone {@code origin} of class {@code dclass}, none equal to
   * another, in {@code data} at the offsets {@code index} gives ({@link OriginRelativeRecords}
   * unpacking a version's records).
   */
  static PackedRecords checked(byte[] data, char[] index, int count, Name origin, int dclass) {
    return new PackedRecords(data, index, count, origin, dclass);
  }

  /** Where record {@code i} begins ({@code i == count}: the end of the records). */
  private int at(int i) {
    return index instanceof char[] small ? small[i] : ((int[]) index)[i];
  }

  /** Whether the index is held as two octets per record (the records' end fits in a char). */
  boolean hasCharIndex() {
    return index instanceof char[];
  }

  /**
   * Returns the empty list.
   *
   * @return a list of no records
   */
  public static PackedRecords empty() {
    return EMPTY;
  }

  /**
   * Packs records in the order given (duplicates are kept).
   *
   * @param records the records
   * @return the packed records
   */
  public static PackedRecords of(Collection<? extends Record> records) {
    Builder b = builder();
    for (Record r : records) {
      b.add(r);
    }
    return b.build();
  }

  /**
   * Starts an empty builder.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder(256);
  }

  /**
   * Starts an empty builder whose array begins with {@code prefix}, which is not a record: the
   * records built share one array with it (a zone version's SOA). Lists built with no record do not
   * hold it.
   *
   * @param prefix the octets to keep in front of the records
   * @return a builder
   */
  static Builder prefixedBy(byte[] prefix) {
    Builder b = new Builder(Math.max(256, prefix.length * 2));
    System.arraycopy(prefix, 0, b.data, 0, prefix.length);
    b.prefix = prefix.length;
    b.length = prefix.length;
    b.starts[0] = prefix.length;
    return b;
  }

  /**
   * Starts an empty builder whose buffer starts at {@code expectedOctets} (it grows as needed).
   *
   * @param expectedOctets the wire size the records are expected to reach
   * @return a builder
   */
  public static Builder builder(int expectedOctets) {
    return new Builder(Math.max(16, expectedOctets));
  }

  /**
   * Returns the number of records.
   *
   * @return the count
   */
  public int size() {
    return count;
  }

  /**
   * Returns the octets of all records in uncompressed wire form.
   *
   * @return the sum of {@link #wireLength} over every record
   */
  public int wireSize() {
    return at(count) - at(0);
  }

  /**
   * Decodes one record.
   *
   * @param index the record's position
   * @return a new dnsjava record, letter case as stored
   * @throws IndexOutOfBoundsException when there is no such record
   */
  public Record get(int index) {
    Objects.checkIndex(index, size());
    return decode(data, at(index), at(index + 1) - at(index));
  }

  static Record decode(byte[] data, int offset, int length) {
    byte[] wire = Arrays.copyOfRange(data, offset, offset + length);
    try {
      return Record.fromWire(wire, Section.ANSWER);
    } catch (IOException e) {
      int ownerLength = WireRecord.nameLength(wire, 0);
      if (WireRecord.u16(wire, ownerLength + 8) == 0) {
        // dnsjava writes an empty record (Record.newRecord without data) with RDLENGTH 0 but
        // cannot read every type back from no RDATA: rebuild it the way it was made.
        try {
          return Record.newRecord(
              new Name(new DNSInput(wire)),
              WireRecord.u16(wire, ownerLength),
              WireRecord.u16(wire, ownerLength + 2),
              WireRecord.u32(wire, ownerLength + 4));
        } catch (IOException | RuntimeException again) {
          e.addSuppressed(again);
        }
      }
      // Every packed record was checked when it was added, so this is a bug.
      throw new IllegalStateException("a packed record does not decode: " + e.getMessage(), e);
    }
  }

  /** Decodes, or throws IllegalArgumentException saying why the octets are not a record. */
  static Record decodeChecked(byte[] data, int offset, int length) {
    try {
      return Record.fromWire(Arrays.copyOfRange(data, offset, offset + length), Section.ANSWER);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("the record does not decode: " + e.getMessage(), e);
    }
  }

  /**
   * Returns a read-only list view that decodes each record when it is read.
   *
   * @return an unmodifiable random-access list
   */
  public List<Record> asList() {
    return new View(this);
  }

  /**
   * Returns the length of one record in uncompressed wire form.
   *
   * @param index the record's position
   * @return the octets
   */
  public int wireLength(int index) {
    return at(index + 1) - at(index);
  }

  /**
   * Returns the length of the records from {@code from} (inclusive) to {@code to} (exclusive) in
   * uncompressed wire form: the length of {@link #wire(int, int)}, with no buffer made.
   *
   * @param from the first record
   * @param to one past the last record
   * @return the octets
   */
  public int wireLength(int from, int to) {
    Objects.checkFromToIndex(from, to, size());
    return at(to) - at(from);
  }

  /**
   * Returns the length of a record's owner name in wire form (its first octets).
   *
   * @param index the record's position
   * @return the octets, at least 1 (the root)
   */
  public int ownerLength(int index) {
    Objects.checkIndex(index, count);
    // Walked from the labels rather than kept (one octet a record): a name is a few labels, and
    // every octet kept per record is 100 KB at 100,000 zones of 20 records.
    return WireRecord.nameLength(data, at(index));
  }

  /**
   * Returns a record's type.
   *
   * @param index the record's position
   * @return the type code
   */
  public int type(int index) {
    return WireRecord.u16(data, fixedPart(index));
  }

  /**
   * Returns a record's class.
   *
   * @param index the record's position
   * @return the class code
   */
  public int dclass(int index) {
    return WireRecord.u16(data, fixedPart(index) + 2);
  }

  /**
   * Returns a record's TTL.
   *
   * @param index the record's position
   * @return the TTL in seconds
   */
  public long ttl(int index) {
    return WireRecord.u32(data, fixedPart(index) + 4);
  }

  /**
   * Where record {@code index}'s type, class, TTL and RDLENGTH begin: its index entry read once
   * (the readers above are called per record over whole zones, on a cold JVM interpreted first).
   */
  private int fixedPart(int index) {
    Objects.checkIndex(index, count);
    int start = at(index);
    return start + WireRecord.nameLength(data, start);
  }

  /**
   * Decodes a record's owner name (letter case as stored).
   *
   * @param index the record's position
   * @return the owner name
   */
  public Name owner(int index) {
    try {
      int start = at(index);
      return new Name(new DNSInput(Arrays.copyOfRange(data, start, start + ownerLength(index))));
    } catch (IOException e) {
      throw new IllegalStateException("a packed owner name does not decode", e);
    }
  }

  /**
   * Tells whether a record's owner is {@code name}, ignoring letter case as {@link Name#equals}
   * does.
   *
   * @param index the record's position
   * @param name an absolute name in wire form ({@link Name#toWire()})
   * @return true when the owner is that name
   */
  public boolean ownerIs(int index, byte[] name) {
    int length = ownerLength(index);
    return length == name.length && WireRecord.equalsIgnoreCase(data, at(index), name, 0, length);
  }

  /**
   * Tells whether a record's owner is {@code zone} or a name below it, ignoring letter case.
   *
   * @param index the record's position
   * @param zone an absolute name in wire form ({@link Name#toWire()})
   * @return true when the owner lies inside that zone
   */
  public boolean ownerAtOrBelow(int index, byte[] zone) {
    return WireRecord.isAtOrBelow(data, at(index), ownerLength(index), zone);
  }

  /**
   * Returns a hash of a record's owner name that ignores letter case: owners equal by {@link
   * #ownerIs} hash alike.
   *
   * @param index the record's position
   * @return the hash
   */
  public int ownerHash(int index) {
    Objects.checkIndex(index, count);
    int h = 1;
    int start = at(index);
    int end = start + WireRecord.nameLength(data, start);
    for (int i = start; i < end; i++) {
      h = 31 * h + WireRecord.lower(data[i]);
    }
    return h;
  }

  /**
   * Tells whether two records have the same owner name, ignoring letter case.
   *
   * @param index a record of this list
   * @param other another (or the same) list
   * @param otherIndex a record of {@code other}
   * @return true when the owners are equal ignoring case
   */
  public boolean sameOwner(int index, PackedRecords other, int otherIndex) {
    int length = ownerLength(index);
    return length == other.ownerLength(otherIndex)
        && WireRecord.equalsIgnoreCase(data, at(index), other.data, other.at(otherIndex), length);
  }

  /**
   * Cuts the records into runs of adjacent records at one owner name (equal ignoring letter case,
   * as {@link #sameOwner} says), in one pass over the octets: what a check per owner name reads
   * instead of asking {@link #sameOwner} of each record and the one before it (which walks both
   * names from their index entries again).
   *
   * @return the first record of each run in order, then {@link #size()}: one entry more than there
   *     are runs ({@code {0}} for the empty list)
   */
  public int[] ownerRunStarts() {
    int n = count;
    int[] starts = new int[n + 1];
    int runs = 0;
    int previous = 0;
    int previousLength = -1; // no name has this length: record 0 starts a run
    for (int i = 0; i < n; i++) {
      int start = at(i);
      int length = WireRecord.nameLength(data, start);
      if (length != previousLength
          || !WireRecord.equalsIgnoreCase(data, previous, data, start, length)) {
        starts[runs++] = i;
      }
      previous = start;
      previousLength = length;
    }
    starts[runs] = n;
    return runs == n ? starts : Arrays.copyOf(starts, runs + 1);
  }

  /**
   * Copies one record's uncompressed wire form into {@code destination}.
   *
   * @param index the record's position
   * @param destination where to copy
   * @param offset the position in {@code destination}
   * @return the number of octets copied ({@link #wireLength})
   */
  public int copyWire(int index, byte[] destination, int offset) {
    int length = wireLength(index);
    System.arraycopy(data, at(index), destination, offset, length);
    return length;
  }

  /**
   * Returns one record's uncompressed wire form as a read-only view (no copy).
   *
   * @param index the record's position
   * @return a read-only buffer from position 0 to the record's length
   */
  public ByteBuffer wire(int index) {
    return ByteBuffer.wrap(data, at(index), wireLength(index)).slice().asReadOnlyBuffer();
  }

  /**
   * Returns the wire form of the records from {@code from} (inclusive) to {@code to} (exclusive) as
   * one read-only view: the records back to back.
   *
   * @param from the first record
   * @param to one past the last record
   * @return a read-only buffer
   */
  public ByteBuffer wire(int from, int to) {
    Objects.checkFromToIndex(from, to, size());
    return ByteBuffer.wrap(data, at(from), at(to) - at(from)).slice().asReadOnlyBuffer();
  }

  /**
   * Tells whether record {@code index} here and record {@code otherIndex} of {@code other} are
   * equal octet for octet (letter case and TTL included).
   *
   * @param index a record of this list
   * @param other another (or the same) list
   * @param otherIndex a record of {@code other}
   * @return true when the wire forms are identical
   */
  public boolean sameRecord(int index, PackedRecords other, int otherIndex) {
    return Arrays.equals(
        data, at(index), at(index + 1), other.data, other.at(otherIndex), other.at(otherIndex + 1));
  }

  /** A hash of record {@code index}'s exact wire form (agrees with {@link #sameRecord}). */
  int exactHash(int index) {
    return WireRecord.exactHash(data, at(index), wireLength(index));
  }

  /**
   * How many records from the start are the same in both lists, octet for octet: one comparison of
   * the octets (vectorized by the JDK), then a search of the index. Each record delimits itself
   * (its name's labels, then RDLENGTH), so the records that end within the equal octets end at the
   * same offsets in both lists and are the same records.
   */
  int commonPrefix(PackedRecords other) {
    int n = Math.min(count, other.count);
    if (n == 0) {
      return 0;
    }
    int base = at(0);
    int otherBase = other.at(0);
    int octets = Math.min(at(n) - base, other.at(n) - otherBase);
    int mismatch =
        Arrays.mismatch(data, base, base + octets, other.data, otherBase, otherBase + octets);
    int equal = mismatch < 0 ? octets : mismatch;
    // The largest k <= n whose first k records end within the equal octets.
    int low = 0;
    int high = n;
    while (low < high) {
      int mid = (low + high + 1) >>> 1;
      if (at(mid) - base <= equal) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return low;
  }

  /**
   * How many records from the end are the same in both lists, octet for octet, leaving out the
   * first {@code skip} records of each (a common prefix already counted): the octets compared
   * backwards in blocks, then the records walked from the end while they start at the same distance
   * from it within the equal octets.
   */
  int commonSuffix(PackedRecords other, int skip) {
    int n = Math.min(count, other.count) - skip;
    if (n <= 0) {
      return 0;
    }
    int end = at(count);
    int otherEnd = other.at(other.count);
    int octets = Math.min(end - at(count - n), otherEnd - other.at(other.count - n));
    int equal = 0;
    while (equal < octets) {
      int block = Math.min(SUFFIX_BLOCK, octets - equal);
      int from = end - equal - block;
      int otherFrom = otherEnd - equal - block;
      if (Arrays.equals(data, from, from + block, other.data, otherFrom, otherFrom + block)) {
        equal += block;
        continue;
      }
      int i = block - 1;
      while (data[from + i] == other.data[otherFrom + i]) {
        i--;
      }
      equal += block - 1 - i;
      break;
    }
    int k = 0;
    while (k < n) {
      int distance = end - at(count - 1 - k);
      if (distance > equal || distance != otherEnd - other.at(other.count - 1 - k)) {
        break;
      }
      k++;
    }
    return k;
  }

  /** Whether both lists hold the same records in the same order, octet for octet. */
  boolean sameInOrder(PackedRecords other) {
    // Each record delimits itself (its name's labels, then RDLENGTH), so equal octets from the
    // start are equal records at equal offsets: the indexes need no comparing.
    return other == this
        || (count == other.count
            && Arrays.equals(data, at(0), at(count), other.data, other.at(0), other.at(count)));
  }

  /** The first {@code n} records, sharing this list's arrays (no copy). */
  PackedRecords first(int n) {
    Objects.checkIndex(n, count + 1);
    return n == count
        ? this
        : n == 0 ? EMPTY : new PackedRecords(data, index, n, checkedOrigin, checkedClass);
  }

  /**
   * The same records, marked as having passed every check of the zone {@code origin} of class
   * {@code dclass}, none equal to another as dnsjava's {@code Record.equals} says: only {@link
   * ZoneRecords.Builder} knows that, and only it calls this.
   */
  PackedRecords checkedFor(Name origin, int dclass) {
    return count == 0 ? this : new PackedRecords(data, index, count, origin, dclass);
  }

  /**
   * Whether these records passed every check of the zone {@code origin} of class {@code dclass},
   * none equal to another ({@link #checkedFor(Name, int)}).
   */
  boolean areCheckedFor(Name origin, int dclass) {
    return checkedOrigin != null && checkedClass == dclass && checkedOrigin.equals(origin);
  }

  byte[] data() {
    return data;
  }

  int start(int index) {
    return at(index);
  }

  @Override
  public String toString() {
    return "PackedRecords[records=" + count + ", octets=" + wireSize() + "]";
  }

  /**
   * Collects records one at a time into the packed form; nothing of a record is kept but its
   * octets. Not thread-safe.
   */
  public static final class Builder {
    private byte[] data;
    private int length;
    private int[] starts = new int[17];
    private int count;

    /** The octets before the first record (see {@link #prefixedBy}). */
    private int prefix;

    private Builder(int capacity) {
      this.data = new byte[capacity];
    }

    /**
     * Adds a record.
     *
     * @param record the record, written in uncompressed wire form (letter case kept)
     * @return this builder
     */
    public Builder add(Record record) {
      byte[] wire = Objects.requireNonNull(record, "record").toWire(Section.ANSWER);
      append(wire, 0, wire.length);
      return this;
    }

    /**
     * Adds a record given in uncompressed wire form, as {@code Record.toWire(Section.ANSWER)}
     * writes it.
     *
     * @param wire holds the record
     * @param offset where the record starts in {@code wire}
     * @param length the record's length
     * @return this builder
     * @throws IllegalArgumentException when the octets are not exactly one well-formed record
     *     (compressed or over-long names, RDLENGTH not matching, RDATA malformed for its type);
     *     nothing is added then
     */
    public Builder addWire(byte[] wire, int offset, int length) {
      Objects.checkFromIndexSize(offset, length, wire.length);
      int ownerLength = WireRecord.check(wire, offset, length);
      WireRecord.checkRdata(wire, offset, length, ownerLength);
      append(wire, offset, length);
      return this;
    }

    /**
     * Adds records {@code from} (inclusive) to {@code to} (exclusive) of another list, with one
     * copy of their octets.
     *
     * @param source the list to copy from
     * @param from the first record
     * @param to one past the last record
     * @return this builder
     */
    public Builder addAll(PackedRecords source, int from, int to) {
      Objects.checkFromToIndex(from, to, source.size());
      int n = to - from;
      if (n == 0) {
        return this;
      }
      int base = source.at(from);
      int octets = source.at(to) - base;
      ensureData(octets);
      ensureStarts(n);
      System.arraycopy(source.data, base, data, length, octets);
      for (int i = 0; i < n; i++) {
        starts[count + i] = length + source.at(from + i) - base;
      }
      length += octets;
      count += n;
      starts[count] = length;
      return this;
    }

    /**
     * Removes the records whose index is set in {@code gone}, in place: the others keep their order
     * and move down.
     */
    void remove(BitSet gone) {
      int first = gone.nextSetBit(0);
      if (first < 0 || first >= count) {
        return;
      }
      int kept = first;
      int write = starts[first];
      for (int i = first; i < count; i++) {
        // starts[i + 1] is read before anything is written there: kept <= i.
        int from = starts[i];
        int recordLength = starts[i + 1] - from;
        if (gone.get(i)) {
          continue;
        }
        System.arraycopy(data, from, data, write, recordLength);
        starts[kept++] = write;
        write += recordLength;
      }
      count = kept;
      length = write;
      starts[count] = length;
    }

    /** Appends octets already known to be one well-formed record. */
    void append(byte[] wire, int offset, int recordLength) {
      ensureData(recordLength);
      ensureStarts(1);
      System.arraycopy(wire, offset, data, length, recordLength);
      starts[count] = length;
      length += recordLength;
      count++;
      starts[count] = length;
    }

    /**
     * Sizes the buffers for this many records and octets in all (a hint: they grow as needed).
     *
     * @param records the number of records expected
     * @param octets their wire size expected
     * @return this builder
     */
    public Builder expect(int records, int octets) {
      ensureData(Math.max(0, octets - wireSize()));
      ensureStarts(Math.max(0, records - count));
      return this;
    }

    /**
     * Returns how many records were added.
     *
     * @return the count
     */
    public int size() {
      return count;
    }

    /**
     * Returns the octets added so far.
     *
     * @return the wire size
     */
    public int wireSize() {
      return length - prefix;
    }

    byte[] data() {
      return data;
    }

    int start(int index) {
      return starts[index];
    }

    int end(int index) {
      return index + 1 == count ? length : starts[index + 1];
    }

    /**
     * Returns the records added so far, in a list trimmed to their size. The builder stays usable.
     *
     * @return the packed records
     */
    public PackedRecords build() {
      if (count == 0) {
        return EMPTY;
      }
      // Hand the arrays over when little of them is unused (the builder only ever writes past
      // their end afterwards); copy them to their size otherwise.
      byte[] octets = data.length - length <= length / 64 ? data : Arrays.copyOf(data, length);
      if (length <= CHAR_INDEX_LIMIT) {
        // Every offset fits in two octets: half the index of the small zones a host has most of.
        char[] small = new char[count + 1];
        for (int i = 0; i <= count; i++) {
          small[i] = (char) starts[i];
        }
        return new PackedRecords(octets, small, count);
      }
      boolean trimIndex = starts.length - count > count / 64 + 1;
      return new PackedRecords(
          octets, trimIndex ? Arrays.copyOf(starts, count + 1) : starts, count);
    }

    private void ensureData(int more) {
      long needed = (long) length + more;
      if (needed > Integer.MAX_VALUE - 16) {
        throw new IllegalArgumentException(
            "the records take more than 2 GiB in wire form; a zone that large is not supported");
      }
      if (needed > data.length) {
        long grown = Math.max(needed, Math.min(Integer.MAX_VALUE - 16L, data.length * 2L));
        data = Arrays.copyOf(data, (int) grown);
      }
    }

    private void ensureStarts(int more) {
      if (count + more + 1 > starts.length) {
        starts = Arrays.copyOf(starts, Math.max(count + more + 1, starts.length * 2));
      }
    }
  }

  /** The list view over the packed records. */
  private static final class View extends AbstractList<Record> implements RandomAccess {
    private final PackedRecords records;

    View(PackedRecords records) {
      this.records = records;
    }

    @Override
    public Record get(int index) {
      return records.get(index);
    }

    @Override
    public int size() {
      return records.size();
    }
  }
}
