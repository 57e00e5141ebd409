package io.github.secdns.core.zone;

import io.github.secdns.core.serial.SerialNumber;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.IntPredicate;
import javax.annotation.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * One version of a zone, exactly as secondaries receive it: the apex SOA and every other record.
 *
 * <p>Immutable and thread-safe. A transfer streams exactly one snapshot; a host publishes a new
 * snapshot for every new version instead of changing an old one. Records keep the letter case they
 * were built with, in owner names and in RDATA.
 *
 * <p><b>Compact.</b> The records other than the SOA are held in wire form in one byte array, so a
 * version costs about its wire size ({@link #wireSize()}) or less, not a dnsjava {@code Record} per
 * record: a small version (fewer than 1,024 records of less than 64 KiB in all, the zones a DNS
 * host has most of) with every owner name written without the zone's origin and no index, unpacked
 * into {@link PackedRecords} when {@link #packedRecords()} is read; a larger one as {@link
 * PackedRecords} (an index entry of two or four octets per record). {@link #records()} decodes
 * records when they are read. The SOA is packed too: its wire form ({@link #soaWire()}), in front
 * of the records' octets in the same array, and the origin are kept, and {@link #soa()} decodes a
 * record when it is asked for; {@link #serial()} and {@link #dclass()} read the octets. Build large
 * versions with {@link #builder}, which takes records one at a time and keeps only their octets.
 *
 * <p>A snapshot holds each record once, in the order given, which is the order a transfer sends
 * them in: a record that dnsjava's {@code Record.equals} finds equal to an earlier one (same owner
 * name and RDATA names ignoring letter case, same type, class and RDATA, any TTL) is left out, the
 * first occurrence wins.
 *
 * <p><b>The same version.</b> {@link #sameVersionAs} is the one definition of "the same version" in
 * secdns (publishing, the IXFR history, the render cache and the exporter's serial decision all use
 * it, and {@link #equals} agrees with it): the same SOA and the same set of records, each compared
 * exactly, octet for octet in wire form (letter case and TTLs included); the order of the records
 * does not matter. A serial names exactly one content (RFC 1034 section 4.3.5), so a change of
 * letter case alone is a new version that needs a new serial.
 */
public final class ZoneSnapshot {

  /** SERIAL, REFRESH, RETRY, EXPIRE and MINIMUM: the 20 octets that end an SOA's RDATA. */
  private static final int SOA_FIXED_FIELDS = 20;

  /** The SOA's owner (the same object as the SOA record's name when built). */
  private final Name origin;

  /**
   * Begins with the SOA in uncompressed wire form (owner, type, class, TTL, RDLENGTH, RDATA; {@link
   * #soaLength} octets). Never changed. A version keeps it in front of its records, in one array
   * (issue 13: one array per zone, not two): a small version's records packed relative to the
   * origin ({@link OriginRelativeRecords}, {@code records} null), a large one's as {@code records}
   * (what follows the SOA is then not read from here).
   */
  private final byte[] soa;

  /** The records, or null when they are packed behind the SOA relative to the origin. */
  @Nullable private final PackedRecords records;

  // Computed on first use; 0 means not yet (a computed hash is never 0).
  private volatile int hash;
  // How the records were copied from another version's, when they were (ZoneDiff reads it); the
  // object stays at 32 octets with this field.
  @Nullable private final Derivation derivation;

  private ZoneSnapshot(Name origin, byte[] soa, PackedRecords records) {
    this(origin, soa, records, null);
  }

  private ZoneSnapshot(
      Name origin, byte[] soa, PackedRecords records, @Nullable Derivation derivation) {
    this.origin = origin;
    this.derivation = derivation;
    int soaLength = soaLength(soa, origin);
    // A derivation names the records' array (ZoneDiff reads the ranges copied from it): such a
    // version keeps that array. Others that are small enough are packed relative to the origin.
    byte[] packed =
        derivation == null
            ? OriginRelativeRecords.pack(soa, soaLength, origin.length(), records)
            : null;
    if (packed != null) {
      this.soa = packed;
      this.records = null;
    } else {
      this.soa = soa;
      // A version's records passed the zone's checks, none equal to another: marked so, a version
      // derived from this one in ranges of them is built without comparing those again.
      int dclass = WireRecord.u16(soa, origin.length() + 2);
      this.records =
          records.areCheckedFor(origin, dclass) ? records : records.checkedFor(origin, dclass);
    }
  }

  /**
   * Builds a snapshot from the apex SOA and the other records of the zone.
   *
   * @param soa the zone's SOA; its owner is the zone origin
   * @param records the other records; a record equal to {@code soa} is ignored
   * @return the snapshot
   * @throws IllegalArgumentException when a record lies outside the zone, has another class than
   *     the SOA, is a meta type (OPT, TSIG, TKEY, ...), or is a second SOA; the message names it
   */
  public static ZoneSnapshot of(SOARecord soa, Collection<? extends Record> records) {
    Builder b = builder(soa);
    boolean bulk = b.beginBulk(records.size());
    for (Record r : records) {
      b.add(r);
    }
    if (bulk) {
      b.endBulk();
    }
    return b.build();
  }

  /**
   * Builds a snapshot of records already checked for the zone, with no check again; a large one
   * shares their octets (no copy), so that a big zone read from a file becomes a version at no cost
   * in time or memory (a small one is packed, one copy of a few kilobytes at most). The records are
   * sent in their order.
   *
   * @param soa the zone's SOA; its owner is the zone origin
   * @param records records checked for the SOA's owner and class ({@link ZoneRecords#belongTo})
   * @return the snapshot
   * @throws IllegalArgumentException when the SOA owner is not an absolute name, or the records
   *     were checked for another zone or class
   */
  public static ZoneSnapshot of(SOARecord soa, ZoneRecords records) {
    Objects.requireNonNull(soa, "soa");
    if (!soa.getName().isAbsolute()) {
      throw new IllegalArgumentException(
          "the SOA owner must be an absolute name: " + soa.getName());
    }
    if (!records.belongTo(soa.getName(), soa.getDClass())) {
      throw new IllegalArgumentException(
          "records checked for " + records.origin() + " given to the zone " + soa.getName());
    }
    return new ZoneSnapshot(soa.getName(), soa.toWire(Section.ANSWER), records.records());
  }

  /**
   * Starts a snapshot that takes its records one at a time, keeping only their octets: the way to
   * build a large version without holding a dnsjava {@code Record} per record. For a large version,
   * size the builder first ({@link Builder#expect}): its buffer is then allocated once and becomes
   * the version's; without the hint it doubles as it fills and is copied to its size at the end,
   * three to five times the version's octets allocated on the way, which a collector may keep as
   * committed heap (docs/BENCHMARKS.md: a host's resident memory serving a million records).
   *
   * @param soa the zone's SOA; its owner is the zone origin
   * @return a builder
   * @throws IllegalArgumentException when the SOA owner is not an absolute name
   */
  public static Builder builder(SOARecord soa) {
    return new Builder(soa);
  }

  /**
   * Reads a snapshot back from {@link #toBytes()}.
   *
   * @param bytes the binary form
   * @return the snapshot, identical to the one written ({@link #sameVersionAs}, same order)
   * @throws ZoneFormatException when the octets are not a snapshot of a known format version, are
   *     truncated, or fail the checksum; never a silently different snapshot
   */
  public static ZoneSnapshot fromBytes(byte[] bytes) {
    return ZoneCodec.readSnapshot(bytes);
  }

  /**
   * Returns the stable binary form of this version, for storing it (format version 1; every integer
   * big-endian):
   *
   * <pre>
   * octets  field
   * 4       magic "SDZS" (0x53 0x44 0x5A 0x53)
   * 2       format version, 1
   * 2       S, the length of the SOA
   * S       the SOA in uncompressed wire form (RFC 1035 section 4.1.3)
   * 4       N, the number of other records
   * 4       L, their octets
   * L       the N records in uncompressed wire form, back to back, in transfer order
   * 4       CRC32C (RFC 3720 polynomial, java.util.zip.CRC32C) of every octet before it
   * </pre>
   *
   * <p>{@link #fromBytes} of this and every later secdns version reads it back; a later format gets
   * a new format version number.
   *
   * @return a new array
   */
  public byte[] toBytes() {
    return ZoneCodec.writeSnapshot(this);
  }

  /**
   * Returns the zone's origin, the owner of its SOA.
   *
   * @return the origin, an absolute name
   */
  public Name origin() {
    return origin;
  }

  /**
   * Returns the apex SOA record of this version, decoded from its packed octets: a new record,
   * equal to the one the snapshot was built with, on each call. Hot paths read {@link #serial()},
   * {@link #dclass()} or {@link #soaWire()} instead.
   *
   * @return the SOA
   */
  public SOARecord soa() {
    return (SOARecord) PackedRecords.decode(soa, 0, soaLength());
  }

  /** The SOA's octets: the owner (the origin), the ten octets of type to RDLENGTH, the RDATA. */
  private int soaLength() {
    return soaLength(soa, origin);
  }

  private static int soaLength(byte[] soa, Name origin) {
    int rdata = origin.length() + WireRecord.FIXED;
    return rdata + WireRecord.u16(soa, rdata - 2);
  }

  /**
   * Returns the SOA record's uncompressed wire form (owner in the letter case given, type, class,
   * TTL, RDATA), as a read-only view of the octets the snapshot holds (no copy).
   *
   * @return a read-only buffer from position 0 to the SOA's length
   */
  public ByteBuffer soaWire() {
    return ByteBuffer.wrap(soa, 0, soaLength()).slice().asReadOnlyBuffer();
  }

  /**
   * Returns the length of the SOA record's uncompressed wire form ({@link #soaWire()}).
   *
   * @return the octets
   */
  public int soaWireLength() {
    return soaLength();
  }

  /**
   * Copies the SOA record's uncompressed wire form ({@link #soaWire()}) into {@code destination}:
   * what a renderer that writes it into every transfer's messages needs, with no buffer made per
   * call.
   *
   * @param destination where to copy
   * @param offset the position in {@code destination}
   * @return the number of octets copied ({@link #soaWireLength()})
   */
  public int copySoaWire(byte[] destination, int offset) {
    int length = soaLength();
    System.arraycopy(soa, 0, destination, offset, length);
    return length;
  }

  /**
   * Returns the serial of this version, read from the SOA's octets.
   *
   * @return the serial
   */
  public SerialNumber serial() {
    return SerialNumber.of(serialValue());
  }

  /**
   * Returns the zone's class (the SOA's), read from its octets.
   *
   * @return the class, such as {@code DClass.IN}
   */
  public int dclass() {
    return WireRecord.u16(soa, origin.length() + 2);
  }

  /** The SERIAL field: the first of the five 32-bit fields that end the SOA's RDATA. */
  private long serialValue() {
    return WireRecord.u32(soa, soaLength() - SOA_FIXED_FIELDS);
  }

  /**
   * Returns every record of the zone except the apex SOA, in transfer order, as a read-only view
   * that decodes a new {@code Record} each time an element is read. Code that walks a large zone
   * often should read {@link #packedRecords()} instead.
   *
   * @return an unmodifiable random-access list
   */
  public List<Record> records() {
    return packed().asList();
  }

  /**
   * Returns every record of the zone except the apex SOA, in transfer order, in their packed wire
   * form. A small version (fewer than 1,024 records, less than 64 KiB in wire form) holds its owner
   * names relative to the origin and unpacks them into a new list on each call (one pass over its
   * octets): read it once per use, not once per record.
   *
   * @return the records
   */
  public PackedRecords packedRecords() {
    return packed();
  }

  /**
   * Returns a cursor over the records other than the SOA, in transfer order, from record {@code
   * from}: each in uncompressed wire form, with nothing unpacked or decoded (what a renderer that
   * copies every record into messages reads; see {@link WireCursor}).
   *
   * @param from the record the cursor's first {@link WireCursor#next()} moves to, from 0 to {@code
   *     size() - 1} (that is, past the last record)
   * @return a new cursor, positioned before record {@code from}
   * @throws IndexOutOfBoundsException when {@code from} is out of that range
   */
  public WireCursor wireCursor(int from) {
    Objects.checkIndex(from, recordCount() + 1);
    PackedRecords held = records;
    return held != null
        ? new WireCursor(held, from)
        : OriginRelativeRecords.cursor(soa, soaLength(), origin.length(), from);
  }

  /**
   * Returns the length in uncompressed wire form of the records {@code from} (inclusive) to {@code
   * to} (exclusive), the SOA not counted: read from the index or the header when the range is all
   * of them, added up over the records otherwise (a small version keeps no index).
   *
   * @param from the first record
   * @param to one past the last record
   * @return the octets
   * @throws IndexOutOfBoundsException when the range is not within the records
   */
  public long wireLength(int from, int to) {
    int n = recordCount();
    Objects.checkFromToIndex(from, to, n);
    PackedRecords held = records;
    if (held != null) {
      return held.wireLength(from, to);
    }
    if (from == 0 && to == n) {
      return recordOctets();
    }
    long octets = 0;
    WireCursor cursor = wireCursor(from);
    for (int i = from; i < to && cursor.next(); i++) {
      octets += cursor.wireLength();
    }
    return octets;
  }

  /** The records in wire form: held, or unpacked from behind the SOA. */
  private PackedRecords packed() {
    PackedRecords held = records;
    return held != null
        ? held
        : OriginRelativeRecords.unpack(soa, soaLength(), origin.length(), origin, dclass());
  }

  /** The number of records other than the SOA, read without unpacking them. */
  private int recordCount() {
    PackedRecords held = records;
    return held != null ? held.size() : OriginRelativeRecords.count(soa, soaLength());
  }

  /** The wire size of the records other than the SOA, read without unpacking them. */
  private int recordOctets() {
    PackedRecords held = records;
    return held != null ? held.wireSize() : OriginRelativeRecords.wireSize(soa, soaLength());
  }

  /**
   * Returns the number of records including the SOA.
   *
   * @return {@code records().size() + 1}
   */
  public int size() {
    return recordCount() + 1;
  }

  /**
   * Returns the octets of this version in uncompressed wire form: the SOA once and every other
   * record. The memory a snapshot holds is about this or less: a small version (fewer than 1,024
   * records, less than 64 KiB) keeps its owner names without the origin and no index; a larger one
   * keeps the records as they are plus two octets per record (four at 64 KiB and more); and a small
   * constant.
   *
   * @return the wire size
   */
  public long wireSize() {
    return (long) soaLength() + recordOctets();
  }

  /**
   * Returns the same records under another SOA of the same zone, sharing their octets when the
   * version is large (no copy; a small one's are packed again behind the new SOA): what an exporter
   * or a host does to give unchanged content a new serial.
   *
   * @param next the new SOA; same owner (ignoring case) and class as this one's
   * @return the new version
   * @throws IllegalArgumentException when the SOA belongs to another zone or class
   */
  public ZoneSnapshot withSoa(SOARecord next) {
    Objects.requireNonNull(next, "next");
    if (!next.getName().equals(origin) || next.getDClass() != dclass()) {
      throw new IllegalArgumentException(
          "the SOA " + next + " belongs to another zone or class than " + origin);
    }
    return new ZoneSnapshot(next.getName(), next.toWire(Section.ANSWER), packed());
  }

  /** How this version's records were copied from another version's, if they were. */
  @Nullable
  Derivation derivation() {
    return derivation;
  }

  /** The same SOA over other records, which must already be checked and free of duplicates. */
  ZoneSnapshot withCheckedRecords(PackedRecords checked) {
    return new ZoneSnapshot(origin, soa, checked);
  }

  /**
   * Tells whether {@code other} is the same version as this one: the same SOA, octet for octet, and
   * the same set of records, each compared octet for octet in wire form (letter case and TTLs
   * included, order ignored). This is secdns's one definition of "the same version".
   *
   * <p>Cost: constant when the serials, sizes or cached hashes differ (equal hashes never decide
   * that two versions are the same, they are only skipped when they differ); one pass over the
   * octets when the records are in the same order; otherwise a hash table of record indexes.
   *
   * @param other another version
   * @return true when both are the same version
   */
  @SuppressWarnings("ReferenceEquality") // identity is only a shortcut before the comparison
  public boolean sameVersionAs(ZoneSnapshot other) {
    if (this == other) {
      return true;
    }
    if (serialValue() != other.serialValue()
        || recordCount() != other.recordCount()
        || recordOctets() != other.recordOctets()) {
      return false;
    }
    int h = hash;
    int otherHash = other.hash;
    if (h != 0 && otherHash != 0 && h != otherHash) {
      return false;
    }
    return Arrays.equals(soa, 0, soaLength(), other.soa, 0, other.soaLength())
        && sameRecordSet(packed(), other.packed());
  }

  /** Whether two lists of unique records hold the same records, exactly, in any order. */
  static boolean sameRecordSet(PackedRecords a, PackedRecords b) {
    if (a.size() != b.size()) {
      return false;
    }
    if (a.sameInOrder(b)) {
      return true;
    }
    RecordTable table = new RecordTable(a.size());
    for (int i = 0; i < a.size(); i++) {
      table.add(a.exactHash(i), i);
    }
    for (int j = 0; j < b.size(); j++) {
      if (table.findExact(b.exactHash(j), a, b, j) < 0) {
        return false;
      }
    }
    return true;
  }

  /** Equal exactly when {@link #sameVersionAs} says so. */
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ZoneSnapshot zoneSnapshot && sameVersionAs(zoneSnapshot);
  }

  /** Agrees with {@link #sameVersionAs}: the SOA's octets and the records' octets, in any order. */
  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      int sum = 0;
      PackedRecords list = packed();
      for (int i = 0; i < list.size(); i++) {
        sum += list.exactHash(i);
      }
      h = (31 * WireRecord.exactHash(soa, 0, soaLength()) + sum) | 1;
      hash = h;
    }
    return h;
  }

  @Override
  public String toString() {
    return "ZoneSnapshot[origin=" + origin() + ", serial=" + serial() + ", records=" + size() + "]";
  }

  /**
   * Takes the records of one version one at a time and keeps only their octets; checks each as it
   * comes (the same checks and messages as {@link ZoneSnapshot#of}) and leaves out records equal to
   * an earlier one. A record that fails a check is not added and the builder stays usable. Not
   * thread-safe.
   */
  public static final class Builder {
    private final SOARecord soa;
    private final byte[] soaWire;
    // The checks and the comparison with earlier records are ZoneRecords' (one definition).
    private final ZoneRecords.Builder records;

    private Builder(SOARecord soa) {
      this.soa = Objects.requireNonNull(soa, "soa");
      if (!soa.getName().isAbsolute()) {
        throw new IllegalArgumentException(
            "the SOA owner must be an absolute name: " + soa.getName());
      }
      this.soaWire = soa.toWire(Section.ANSWER);
      this.records = ZoneRecords.prefixedBy(soa.getName(), soa.getDClass(), soaWire);
    }

    /**
     * Adds a record.
     *
     * @param record a record of the zone; one equal to the SOA is ignored
     * @return this builder
     * @throws IllegalArgumentException when the record lies outside the zone, has another class
     *     than the SOA, is a meta type, or is a second SOA; the message names it
     */
    public Builder add(Record record) {
      Objects.requireNonNull(record, "record");
      if (record.getType() == Type.SOA && record.equals(soa)) {
        return this;
      }
      byte[] wire = record.toWire(Section.ANSWER);
      records.addWellFormed(wire, 0, wire.length, record.getName().length(), record);
      return this;
    }

    /**
     * Adds every record of a collection, in its order.
     *
     * @param records the records
     * @return this builder
     * @throws IllegalArgumentException as {@link #add}; the records before the bad one stay added
     */
    public Builder addAll(Collection<? extends Record> records) {
      for (Record r : records) {
        add(r);
      }
      return this;
    }

    /**
     * Adds a record given in uncompressed wire form ({@code Record.toWire(Section.ANSWER)}), for
     * parsers and stores that never build a dnsjava {@code Record}.
     *
     * @param wire holds the record
     * @param offset where it starts
     * @param length its length
     * @return this builder
     * @throws IllegalArgumentException when the octets are not one well-formed record, or as {@link
     *     #add}
     */
    public Builder addWire(byte[] wire, int offset, int length) {
      Objects.checkFromIndexSize(offset, length, wire.length);
      int ownerLength = WireRecord.check(wire, offset, length);
      WireRecord.checkRdata(wire, offset, length, ownerLength);
      if (WireRecord.u16(wire, offset + ownerLength) == Type.SOA
          && PackedRecords.decode(wire, offset, length).equals(soa)) {
        return this;
      }
      records.addWellFormed(wire, offset, length, ownerLength, null);
      return this;
    }

    /**
     * Starts a bulk addition on a builder that holds no record: the records added until {@link
     * #endBulk} are compared with each other there (see {@link ZoneRecords.Builder#beginBulk}).
     *
     * @return false when the builder holds records (add them one at a time then)
     */
    boolean beginBulk(int expected) {
      return records.beginBulk(expected);
    }

    /** Ends a bulk addition: of equal records, the first added is kept. */
    void endBulk() {
      records.endBulk();
    }

    /**
     * Adds records {@code from} (inclusive) to {@code to} (exclusive) of a packed list, in order,
     * copying only their octets.
     *
     * <p>Records of a version of this zone ({@link ZoneSnapshot#packedRecords()}), taken in
     * ascending ranges, are neither checked nor compared again, except with the few records added
     * otherwise: a version derived from the one before (a range, a changed record, the rest) costs
     * about one copy of its octets, at any size.
     *
     * @param source the records
     * @param from the first record
     * @param to one past the last record
     * @return this builder
     * @throws IllegalArgumentException as {@link #add}; the records before the bad one stay added
     */
    public Builder addAll(PackedRecords source, int from, int to) {
      Objects.checkFromToIndex(from, to, source.size());
      if (records.addRun(source, from, to)) {
        return this;
      }
      byte[] data = source.data();
      for (int i = from; i < to; i++) {
        int offset = source.start(i);
        int length = source.wireLength(i);
        int ownerLength = source.ownerLength(i);
        if (WireRecord.u16(data, offset + ownerLength) == Type.SOA && source.get(i).equals(soa)) {
          continue;
        }
        records.addWellFormed(data, offset, length, ownerLength, null);
      }
      return this;
    }

    /**
     * Adds the records, already checked for this zone, that {@code keep} accepts, in order, with
     * one copy of their octets: they are not checked again, and each is compared only with the
     * records added before this call (a record equal to one of those is left out), never with the
     * others given here (they are distinct).
     *
     * @param source records checked for this zone's origin and class ({@link ZoneRecords#belongTo})
     * @param keep asked once for each record of {@code source} (its index), in order: whether to
     *     add it
     * @return this builder
     * @throws IllegalArgumentException when {@code source} was checked for another zone or class
     */
    public Builder addAll(ZoneRecords source, IntPredicate keep) {
      records.addChecked(source, keep);
      return this;
    }

    /**
     * Sizes the builder for a zone of about this many records and octets (a hint, to spare the
     * growing of its buffers; they grow as needed). A version derived from another: that one's
     * {@link ZoneSnapshot#size()} and {@link ZoneSnapshot#wireSize()}. A hint at most 1/64 above
     * the octets finally added keeps the buffer as the version's array; one further above costs a
     * copy to size at {@link #build()}, one below a doubling of the buffer.
     *
     * @param records the number of records expected
     * @param octets their wire size expected
     * @return this builder
     */
    public Builder expect(int records, int octets) {
      this.records.expect(records, octets);
      return this;
    }

    /**
     * Returns how many records were kept so far (duplicates left out, the SOA not counted).
     *
     * @return the count
     */
    public int size() {
      return records.size();
    }

    /**
     * Returns the version built so far. The builder stays usable.
     *
     * @return the snapshot
     */
    public ZoneSnapshot build() {
      // The SOA's octets are never changed: every snapshot built here may share them, in front of
      // the records (a version of no record keeps them alone).
      PackedRecords packed = records.packed();
      return new ZoneSnapshot(
          soa.getName(),
          packed.size() == 0 ? soaWire : packed.data(),
          packed,
          records.derivation());
    }
  }
}
