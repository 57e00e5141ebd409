package io.github.secdns.core.zone;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xbill.DNS.Record;

/**
 * Computes the difference between two versions of a zone, and condenses a chain of differences into
 * one (RFC 1995 section 6). Pure functions; thread-safe.
 */
public final class ZoneDiff {

  private ZoneDiff() {}

  /**
   * Computes what changed from one version of a zone to the next.
   *
   * <p>Records are compared exactly, letter case and TTL included (see {@link ZoneDelta}). The cost
   * is linear in the size of both versions, and small per unchanged record when the newer version
   * reuses the older one's {@code Record} instances (they are matched by reference before any
   * record is rendered). The responder computes it once per published version, never per client.
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
    // Records are immutable, so the same instance in both versions is the same record. Hosts that
    // build a version from the previous one share most instances, usually in the same order:
    // trimming the common prefix and suffix by reference, then matching the rest by reference,
    // leaves only the changed records for the exact (wire form) comparison.
    List<Record> olds = older.records();
    List<Record> news = newer.records();
    int prefix = 0;
    int limit = Math.min(olds.size(), news.size());
    while (prefix < limit && olds.get(prefix) == news.get(prefix)) {
      prefix++;
    }
    int oldEnd = olds.size();
    int newEnd = news.size();
    while (oldEnd > prefix && newEnd > prefix && olds.get(oldEnd - 1) == news.get(newEnd - 1)) {
      oldEnd--;
      newEnd--;
    }
    List<Record> oldMiddle = olds.subList(prefix, oldEnd);
    List<Record> newMiddle = news.subList(prefix, newEnd);
    Map<Record, Boolean> unmatchedOld = new IdentityHashMap<>(oldMiddle.size() * 2);
    for (Record r : oldMiddle) {
      unmatchedOld.put(r, Boolean.TRUE);
    }
    List<Record> newCandidates = new ArrayList<>();
    for (Record r : newMiddle) {
      if (unmatchedOld.remove(r) == null) {
        newCandidates.add(r);
      }
    }
    List<Record> oldCandidates = new ArrayList<>(unmatchedOld.size());
    if (!unmatchedOld.isEmpty()) {
      for (Record r : oldMiddle) {
        if (unmatchedOld.containsKey(r)) {
          oldCandidates.add(r);
        }
      }
    }
    List<RecordIdentity> oldIds = identities(oldCandidates);
    List<RecordIdentity> newIds = identities(newCandidates);
    Set<RecordIdentity> oldSet = new HashSet<>(oldIds);
    Set<RecordIdentity> newSet = new HashSet<>(newIds);
    List<Record> deleted = new ArrayList<>();
    for (int i = 0; i < oldCandidates.size(); i++) {
      if (!newSet.contains(oldIds.get(i))) {
        deleted.add(oldCandidates.get(i));
      }
    }
    List<Record> added = new ArrayList<>();
    for (int i = 0; i < newCandidates.size(); i++) {
      if (!oldSet.contains(newIds.get(i))) {
        added.add(newCandidates.get(i));
      }
    }
    return ZoneDelta.of(older.soa(), newer.soa(), deleted, added);
  }

  private static List<RecordIdentity> identities(List<Record> records) {
    List<RecordIdentity> ids = new ArrayList<>(records.size());
    for (Record r : records) {
      ids.add(RecordIdentity.of(r));
    }
    return ids;
  }

  /**
   * Condenses successive deltas into one that has the same effect: a record added and later deleted
   * disappears, and so does a record deleted and later added back.
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
    return ZoneDelta.of(chain.get(0).oldSoa(), previous.newSoa(), deleted.values(), added.values());
  }
}
