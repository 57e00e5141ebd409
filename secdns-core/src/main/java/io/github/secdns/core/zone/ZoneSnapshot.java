package io.github.secdns.core.zone;

import io.github.secdns.core.serial.SerialNumber;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.annotation.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * One version of a zone, exactly as secondaries receive it: the apex SOA and every other record.
 *
 * <p>Immutable and thread-safe. A transfer streams exactly one snapshot; a host publishes a new
 * snapshot for every new version instead of changing an old one. Records keep the letter case they
 * were built with, in owner names and in RDATA.
 *
 * <p>A snapshot holds each record once (records equal by {@link Record#equals} are kept once, the
 * first occurrence wins) and in the order given, which is the order a transfer sends them in.
 */
public final class ZoneSnapshot {

  private final SOARecord soa;
  private final List<Record> records;
  // Computed on first use: dnsjava renders a record's wire form on every hashCode() call, so
  // hashing a large zone is expensive and most snapshots are never put in a hash table.
  private volatile int hash;

  private ZoneSnapshot(SOARecord soa, List<Record> records) {
    this.soa = soa;
    this.records = records;
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
    Objects.requireNonNull(soa, "soa");
    Name origin = soa.getName();
    if (!origin.isAbsolute()) {
      throw new IllegalArgumentException("the SOA owner must be an absolute name: " + origin);
    }
    Set<Record> unique = new LinkedHashSet<>(Math.max(16, records.size() * 4 / 3 + 1));
    for (Record r : records) {
      Objects.requireNonNull(r, "record");
      if (r.getType() == Type.SOA) {
        if (r.equals(soa)) {
          continue;
        }
        throw new IllegalArgumentException(
            "a zone has exactly one SOA, at its apex " + origin + "; found another: " + r);
      }
      if (!r.getName().subdomain(origin)) {
        throw new IllegalArgumentException("record " + r + " lies outside the zone " + origin);
      }
      if (r.getDClass() != soa.getDClass()) {
        throw new IllegalArgumentException(
            "record " + r + " has another class than the zone's SOA");
      }
      if (isMetaType(r.getType())) {
        throw new IllegalArgumentException(
            "record " + r + " is a meta type and cannot be part of a zone");
      }
      unique.add(r);
    }
    return new ZoneSnapshot(soa, Collections.unmodifiableList(new ArrayList<>(unique)));
  }

  private static boolean isMetaType(int type) {
    // RFC 6895 section 3.1: OPT and the range 128-255 are meta types or QTYPEs, never zone data.
    return type == Type.OPT || (type >= 128 && type <= 255);
  }

  /**
   * Returns the zone's origin, the owner of its SOA.
   *
   * @return the origin, an absolute name
   */
  public Name origin() {
    return soa.getName();
  }

  /**
   * Returns the apex SOA record of this version.
   *
   * @return the SOA
   */
  public SOARecord soa() {
    return soa;
  }

  /**
   * Returns the serial of this version, taken from the SOA.
   *
   * @return the serial
   */
  public SerialNumber serial() {
    return SerialNumber.of(soa.getSerial());
  }

  /**
   * Returns every record of the zone except the apex SOA, in transfer order.
   *
   * @return an unmodifiable list
   */
  public List<Record> records() {
    return records;
  }

  /**
   * Returns the number of records including the SOA.
   *
   * @return {@code records().size() + 1}
   */
  public int size() {
    return records.size() + 1;
  }

  /**
   * Two snapshots are equal when they have equal SOAs and the same set of other records (order does
   * not matter). Equality follows {@link Record#equals}, which ignores letter case in names.
   */
  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ZoneSnapshot)) {
      return false;
    }
    ZoneSnapshot other = (ZoneSnapshot) o;
    // Cheap checks first: a new version differs in its SOA (serial), and hashing a large zone
    // renders every record (PublishedZones.publish compares each new version with the old).
    return soa.equals(other.soa)
        && records.size() == other.records.size()
        && hashCode() == other.hashCode()
        && new HashSet<>(records).equals(new HashSet<>(other.records));
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      int sum = 0;
      for (Record r : records) {
        sum += r.hashCode();
      }
      // Order-independent, like the set equality it must agree with; never 0 once computed.
      h = Objects.hash(soa, sum) | 1;
      hash = h;
    }
    return h;
  }

  @Override
  public String toString() {
    return "ZoneSnapshot[origin=" + origin() + ", serial=" + serial() + ", records=" + size() + "]";
  }
}
