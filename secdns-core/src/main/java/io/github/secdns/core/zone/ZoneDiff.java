package io.github.secdns.core.zone;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xbill.DNS.Record;

/**
 * Computes the difference between two versions of a zone, and condenses a chain of differences
 * into one (RFC 1995 section 6). Pure functions; thread-safe.
 */
public final class ZoneDiff {

  private ZoneDiff() {}

  /**
   * Computes what changed from one version of a zone to the next.
   *
   * <p>Records are compared exactly, letter case and TTL included (see {@link ZoneDelta}). The cost
   * is linear in the size of both versions; the responder computes it once per published version,
   * never per client.
   *
   * @param older the version secondaries may hold
   * @param newer the version that follows it
   * @return the delta whose {@link ZoneDelta#applyTo} turns {@code older} into {@code newer}
   * @throws IllegalArgumentException when the two versions belong to different zones
   */
  public static ZoneDelta between(ZoneSnapshot older, ZoneSnapshot newer) {
    if (!older.origin().equals(newer.origin())) {
      throw new IllegalArgumentException(
          "cannot compare versions of different zones: "
              + older.origin()
              + " and "
              + newer.origin());
    }
    Set<RecordIdentity> oldIds = identities(older.records());
    Set<RecordIdentity> newIds = identities(newer.records());
    List<Record> deleted = new ArrayList<>();
    for (Record r : older.records()) {
      if (!newIds.contains(RecordIdentity.of(r))) {
        deleted.add(r);
      }
    }
    List<Record> added = new ArrayList<>();
    for (Record r : newer.records()) {
      if (!oldIds.contains(RecordIdentity.of(r))) {
        added.add(r);
      }
    }
    return ZoneDelta.of(older.soa(), newer.soa(), deleted, added);
  }

  private static Set<RecordIdentity> identities(List<Record> records) {
    Set<RecordIdentity> ids = new LinkedHashSet<>(records.size() * 4 / 3 + 1);
    for (Record r : records) {
      ids.add(RecordIdentity.of(r));
    }
    return ids;
  }

  /**
   * Condenses successive deltas into one that has the same effect: a record added and later
   * deleted disappears, and so does a record deleted and later added back.
   *
   * @param chain successive deltas, oldest first; each starts at the serial the previous one ends
   * @return one delta from the first delta's old SOA to the last delta's new SOA
   * @throws IllegalArgumentException when the chain is empty or not contiguous
   */
  public static ZoneDelta condense(List<ZoneDelta> chain) {
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("cannot condense an empty chain of deltas");
    }
    Map<RecordIdentity, Record> deleted = new LinkedHashMap<>();
    Map<RecordIdentity, Record> added = new LinkedHashMap<>();
    ZoneDelta previous = null;
    for (ZoneDelta delta : chain) {
      if (previous != null && !previous.toSerial().equals(delta.fromSerial())) {
        throw new IllegalArgumentException(
            "the chain breaks: a delta ends at serial "
                + previous.toSerial()
                + " but the next starts at "
                + delta.fromSerial());
      }
      for (Record r : delta.deleted()) {
        RecordIdentity id = RecordIdentity.of(r);
        if (added.remove(id) == null) {
          deleted.put(id, r);
        }
      }
      for (Record r : delta.added()) {
        RecordIdentity id = RecordIdentity.of(r);
        if (deleted.remove(id) == null) {
          added.put(id, r);
        }
      }
      previous = delta;
    }
    return ZoneDelta.of(
        chain.get(0).oldSoa(), previous.newSoa(), deleted.values(), added.values());
  }
}
