package io.github.secdns.core.zone;

import io.github.secdns.core.serial.SerialNumber;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.annotation.Nullable;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
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
 * <p>Immutable and thread-safe.
 */
public final class ZoneDelta {

  private final SOARecord oldSoa;
  private final SOARecord newSoa;
  private final List<Record> deleted;
  private final List<Record> added;

  private ZoneDelta(SOARecord oldSoa, SOARecord newSoa, List<Record> deleted, List<Record> added) {
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
    Objects.requireNonNull(oldSoa, "oldSoa");
    Objects.requireNonNull(newSoa, "newSoa");
    if (!oldSoa.getName().equals(newSoa.getName())) {
      throw new IllegalArgumentException(
          "a delta stays inside one zone, but the SOA owners differ: "
              + oldSoa.getName()
              + " and "
              + newSoa.getName());
    }
    return new ZoneDelta(
        oldSoa, newSoa, checked(oldSoa, deleted, "deleted"), checked(oldSoa, added, "added"));
  }

  private static List<Record> checked(
      SOARecord soa, Collection<? extends Record> records, String what) {
    List<Record> copy = new ArrayList<>(records.size());
    for (Record r : records) {
      Objects.requireNonNull(r, what);
      if (r.getType() == Type.SOA) {
        throw new IllegalArgumentException(
            "the " + what + " records of a delta never hold the SOA; found " + r);
      }
      if (!r.getName().subdomain(soa.getName())) {
        throw new IllegalArgumentException(
            what + " record " + r + " lies outside the zone " + soa.getName());
      }
      copy.add(r);
    }
    return Collections.unmodifiableList(copy);
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
   * Returns the records the newer version no longer has, in the older version's order.
   *
   * @return an unmodifiable list without SOA
   */
  public List<Record> deleted() {
    return deleted;
  }

  /**
   * Returns the records the newer version has in addition, in the newer version's order.
   *
   * @return an unmodifiable list without SOA
   */
  public List<Record> added() {
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
   * Applies this delta to a version of the zone, the way a secondary applies an IXFR.
   *
   * @param base the version this delta starts from
   * @return the version this delta leads to
   * @throws IllegalArgumentException when {@code base}'s SOA is not this delta's old SOA, a deleted
   *     record is missing from {@code base}, or an added record is already there
   */
  public ZoneSnapshot applyTo(ZoneSnapshot base) {
    if (!RecordIdentity.of(base.soa()).equals(RecordIdentity.of(oldSoa))) {
      throw new IllegalArgumentException(
          "this delta starts from serial " + fromSerial() + ", not from " + base.serial());
    }
    Map<RecordIdentity, Record> records = new LinkedHashMap<>();
    for (Record r : base.records()) {
      records.put(RecordIdentity.of(r), r);
    }
    for (Record r : deleted) {
      if (records.remove(RecordIdentity.of(r)) == null) {
        throw new IllegalArgumentException(
            "record to delete is not in serial " + base.serial() + ": " + r);
      }
    }
    for (Record r : added) {
      if (records.putIfAbsent(RecordIdentity.of(r), r) != null) {
        throw new IllegalArgumentException(
            "record to add is already in serial " + base.serial() + ": " + r);
      }
    }
    return ZoneSnapshot.of(newSoa, records.values());
  }

  /** Two deltas are equal when their SOAs and record lists are exactly equal, case included. */
  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof ZoneDelta)) {
      return false;
    }
    ZoneDelta other = (ZoneDelta) o;
    return RecordIdentity.of(oldSoa).equals(RecordIdentity.of(other.oldSoa))
        && RecordIdentity.of(newSoa).equals(RecordIdentity.of(other.newSoa))
        && identities(deleted).equals(identities(other.deleted))
        && identities(added).equals(identities(other.added));
  }

  private static List<RecordIdentity> identities(List<Record> records) {
    List<RecordIdentity> ids = new ArrayList<>(records.size());
    for (Record r : records) {
      ids.add(RecordIdentity.of(r));
    }
    return ids;
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
