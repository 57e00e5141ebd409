package io.github.secdns.core.zone;

import io.github.secdns.core.serial.SerialNumber;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import javax.annotation.Nullable;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The difference between two successive versions of a zone, in the shape an IXFR carries it (RFC
 * 1995 section 4): the old SOA, the records deleted, the new SOA and the records added.
 *
 * <p>A modified record is a deletion of the old record plus an addition of the new one. Records are
 * compared exactly (owner name, type, class, TTL and RDATA octet for octet, letter case included),
 * so a TXT change from {@code "Hello"} to {@code "hello"}, a new TTL or a re-cased owner name all
 * appear as a deletion plus an addition. The SOAs are never part of the deleted or added lists.
 *
 * <p>Compact like {@link ZoneSnapshot}: the deleted and added records are {@link PackedRecords};
 * {@link #deleted()} and {@link #added()} are views that decode on reading.
 *
 * <p>Immutable and thread-safe.
 */
public final class ZoneDelta {

  private final SOARecord oldSoa;
  private final SOARecord newSoa;
  private final PackedRecords deleted;
  private final PackedRecords added;

  private ZoneDelta(
      SOARecord oldSoa, SOARecord newSoa, PackedRecords deleted, PackedRecords added) {
    this.oldSoa = oldSoa;
    this.newSoa = newSoa;
    this.deleted = deleted;
    this.added = added;
  }

  /**
   * Builds a delta from its parts, for example when a host reads one back from its journal.
   *
   * @param oldSoa the SOA of the version the delta starts from
   * @param newSoa the SOA of the version the delta leads to; same owner as {@code oldSoa}
   * @param deleted the records removed, without SOA
   * @param added the records added, without SOA
   * @return the delta
   * @throws IllegalArgumentException when the SOA owners differ, a list holds an SOA, or a record
   *     lies outside the zone; the message names the record
   */
  public static ZoneDelta of(
      SOARecord oldSoa,
      SOARecord newSoa,
      Collection<? extends Record> deleted,
      Collection<? extends Record> added) {
    return of(oldSoa, newSoa, PackedRecords.of(deleted), PackedRecords.of(added));
  }

  /**
   * Builds a delta from packed parts (no copy of their octets).
   *
   * @param oldSoa the SOA of the version the delta starts from
   * @param newSoa the SOA of the version the delta leads to; same owner as {@code oldSoa}
   * @param deleted the records removed, without SOA
   * @param added the records added, without SOA
   * @return the delta
   * @throws IllegalArgumentException when the SOA owners differ, a list holds an SOA, or a record
   *     lies outside the zone; the message names the record
   */
  public static ZoneDelta of(
      SOARecord oldSoa, SOARecord newSoa, PackedRecords deleted, PackedRecords added) {
    Objects.requireNonNull(oldSoa, "oldSoa");
    Objects.requireNonNull(newSoa, "newSoa");
    if (!oldSoa.getName().equals(newSoa.getName())) {
      throw new IllegalArgumentException(
          "a delta stays inside one zone, but the SOA owners differ: "
              + oldSoa.getName()
              + " and "
              + newSoa.getName());
    }
    check(oldSoa, deleted, "deleted");
    check(oldSoa, added, "added");
    return new ZoneDelta(oldSoa, newSoa, deleted, added);
  }

  private static void check(SOARecord soa, PackedRecords records, String what) {
    byte[] origin = soa.getName().toWire();
    for (int i = 0; i < records.size(); i++) {
      if (records.type(i) == Type.SOA) {
        throw new IllegalArgumentException(
            "the " + what + " records of a delta never hold the SOA; found " + records.get(i));
      }
      if (!WireRecord.isAtOrBelow(
          records.data(), records.start(i), records.ownerLength(i), origin)) {
        throw new IllegalArgumentException(
            what
                + " record "
                + ZoneRecords.text(records.get(i))
                + " lies outside the zone "
                + soa.getName());
      }
    }
  }

  /**
   * Returns the SOA of the version this delta starts from.
   *
   * @return the old SOA
   */
  public SOARecord oldSoa() {
    return oldSoa;
  }

  /**
   * Returns the SOA of the version this delta leads to.
   *
   * @return the new SOA
   */
  public SOARecord newSoa() {
    return newSoa;
  }

  /**
   * Returns the serial this delta starts from.
   *
   * @return the old SOA's serial
   */
  public SerialNumber fromSerial() {
    return SerialNumber.of(oldSoa.getSerial());
  }

  /**
   * Returns the serial this delta leads to.
   *
   * @return the new SOA's serial
   */
  public SerialNumber toSerial() {
    return SerialNumber.of(newSoa.getSerial());
  }

  /**
   * Returns the records the newer version no longer has, in the older version's order, as a view
   * that decodes on reading.
   *
   * @return an unmodifiable list without SOA
   */
  public List<Record> deleted() {
    return deleted.asList();
  }

  /**
   * Returns the records the newer version has in addition, in the newer version's order, as a view
   * that decodes on reading.
   *
   * @return an unmodifiable list without SOA
   */
  public List<Record> added() {
    return added.asList();
  }

  /**
   * Returns the deleted records in packed wire form.
   *
   * @return the records, in the older version's order
   */
  public PackedRecords packedDeleted() {
    return deleted;
  }

  /**
   * Returns the added records in packed wire form.
   *
   * @return the records, in the newer version's order
   */
  public PackedRecords packedAdded() {
    return added;
  }

  /**
   * Returns the number of records this delta puts on the wire: the deletions, the additions and its
   * two SOAs. History bounds compare this with {@link ZoneSnapshot#size()}.
   *
   * @return {@code deleted().size() + added().size() + 2}
   */
  public long size() {
    return (long) deleted.size() + added.size() + 2;
  }

  /**
   * Returns the octets of this delta in uncompressed wire form: both SOAs and every deleted and
   * added record.
   *
   * @return the wire size
   */
  public long wireSize() {
    return (long) oldSoa.toWire(Section.ANSWER).length
        + newSoa.toWire(Section.ANSWER).length
        + deleted.wireSize()
        + added.wireSize();
  }

  /**
   * Applies this delta to a version of the zone, the way a secondary applies an IXFR.
   *
   * @param base the version this delta starts from
   * @return the version this delta leads to
   * @throws IllegalArgumentException when {@code base}'s SOA is not this delta's old SOA, a deleted
   *     record is missing from {@code base}, or an added record is already there
   */
  public ZoneSnapshot applyTo(ZoneSnapshot base) {
    if (!sameSoa(base.soa(), oldSoa)) {
      throw new IllegalArgumentException(
          "this delta starts from serial " + fromSerial() + ", not from " + base.serial());
    }
    PackedRecords records = base.packedRecords();
    RecordTable table = new RecordTable(records.size());
    for (int i = 0; i < records.size(); i++) {
      table.add(records.exactHash(i), i);
    }
    BitSet gone = new BitSet(records.size());
    for (int d = 0; d < deleted.size(); d++) {
      int found = table.findExact(deleted.exactHash(d), records, deleted, d);
      if (found < 0) {
        throw new IllegalArgumentException(
            "record to delete is not in serial " + base.serial() + ": " + deleted.get(d));
      }
      gone.set(found);
    }
    for (int a = 0; a < added.size(); a++) {
      int found = table.findExact(added.exactHash(a), records, added, a);
      if (found >= 0 && !gone.get(found)) {
        throw new IllegalArgumentException(
            "record to add is already in serial " + base.serial() + ": " + added.get(a));
      }
    }
    ZoneSnapshot.Builder next = ZoneSnapshot.builder(newSoa);
    int from = 0;
    for (int i = gone.nextSetBit(0); i >= 0; i = gone.nextSetBit(i + 1)) {
      next.addAll(records, from, i);
      from = i + 1;
    }
    next.addAll(records, from, records.size());
    next.addAll(added, 0, added.size());
    return next.build();
  }

  static boolean sameSoa(SOARecord a, SOARecord b) {
    return Arrays.equals(a.toWire(Section.ANSWER), b.toWire(Section.ANSWER));
  }

  private boolean sameAs(ZoneDelta other) {
    return sameSoa(oldSoa, other.oldSoa)
        && sameSoa(newSoa, other.newSoa)
        && deleted.sameInOrder(other.deleted)
        && added.sameInOrder(other.added);
  }

  /** Two deltas are equal when their SOAs and record lists are exactly equal, case included. */
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ZoneDelta zoneDelta && sameAs(zoneDelta);
  }

  @Override
  public int hashCode() {
    return Objects.hash(oldSoa.getSerial(), newSoa.getSerial(), deleted.size(), added.size());
  }

  @Override
  public String toString() {
    return "ZoneDelta["
        + oldSoa.getName()
        + " "
        + fromSerial()
        + " -> "
        + toSerial()
        + ", deleted="
        + deleted.size()
        + ", added="
        + added.size()
        + "]";
  }
}
