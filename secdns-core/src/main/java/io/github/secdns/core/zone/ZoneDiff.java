package io.github.secdns.core.zone;

import java.nio.ByteBuffer;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
   * <p>Records are compared exactly, letter case and TTL included (see {@link ZoneDelta}), octet
   * for octet in their packed wire form: no record is decoded. When {@code newer} was derived from
   * {@code older}'s records in ranges ({@link ZoneSnapshot.Builder#addAll(PackedRecords, int,
   * int)}), only the records outside those ranges are compared: the cost is the change's. Otherwise
   * the common prefix and suffix of both versions (usually almost everything: a new version mostly
   * keeps the order of the old one) are compared as octets in bulk, and only the records between
   * them go through a hash table: linear in the size of both versions. The responder computes it
   * once per published version, never per client.
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
    PackedRecords olds = older.packedRecords();
    PackedRecords news = newer.packedRecords();
    if (olds.data() == news.data() && olds.size() == news.size()) {
      // Lists that share their octets agree on every record both hold: the same records (a new SOA
      // on the same records, ZoneSnapshot#withSoa).
      return ZoneDelta.of(older.soa(), newer.soa(), PackedRecords.empty(), PackedRecords.empty());
    }
    Derivation derivation = newer.derivation();
    if (derivation != null && derivation.isFrom(olds)) {
      return fromDerivation(older, newer, derivation);
    }
    int prefix = olds.commonPrefix(news);
    int suffix = olds.commonSuffix(news, prefix);
    int oldEnd = olds.size() - suffix;
    int newEnd = news.size() - suffix;
    BitSet oldSame = new BitSet(olds.size());
    oldSame.set(0, prefix);
    oldSame.set(oldEnd, olds.size());
    BitSet newSame = new BitSet(news.size());
    newSame.set(0, prefix);
    newSame.set(newEnd, news.size());
    return differenceOutside(older, newer, oldSame, newSame);
  }

  /**
   * The difference when {@code newer}'s records were copied in ranges from {@code older}'s: the
   * records copied are the same on both sides, so only the others are compared (exactly, as above).
   * Records are unique within a version, so no record outside the copied ranges of either side
   * equals a copied one: the result is the one the comparison of every record finds.
   */
  private static ZoneDelta fromDerivation(
      ZoneSnapshot older, ZoneSnapshot newer, Derivation derivation) {
    PackedRecords olds = older.packedRecords();
    PackedRecords news = newer.packedRecords();
    BitSet oldCopied = new BitSet(olds.size());
    BitSet newCopied = new BitSet(news.size());
    for (int r = 0; r < derivation.ranges(); r++) {
      int from = derivation.sourceFrom(r);
      int to = derivation.sourceTo(r);
      oldCopied.set(from, to);
      int at = derivation.copiedTo(r);
      newCopied.set(at, at + (to - from));
    }
    return differenceOutside(older, newer, oldCopied, newCopied);
  }

  /**
   * The difference between two versions whose records {@code oldSame} and {@code newSame} are known
   * to be the same on both sides: the others are matched exactly through a hash table. Records are
   * unique within a version, so matching is one to one.
   */
  private static ZoneDelta differenceOutside(
      ZoneSnapshot older, ZoneSnapshot newer, BitSet oldSame, BitSet newSame) {
    PackedRecords olds = older.packedRecords();
    PackedRecords news = newer.packedRecords();
    RecordTable table = new RecordTable(olds.size() - oldSame.cardinality());
    for (int i = oldSame.nextClearBit(0); i < olds.size(); i = oldSame.nextClearBit(i + 1)) {
      table.add(olds.exactHash(i), i);
    }
    BitSet matched = new BitSet(olds.size());
    PackedRecords.Builder added = PackedRecords.builder();
    for (int j = newSame.nextClearBit(0); j < news.size(); j = newSame.nextClearBit(j + 1)) {
      int found = table.findExact(news.exactHash(j), olds, news, j);
      if (found >= 0) {
        matched.set(found);
      } else {
        added.addAll(news, j, j + 1);
      }
    }
    PackedRecords.Builder deleted = PackedRecords.builder();
    for (int i = oldSame.nextClearBit(0); i < olds.size(); i = oldSame.nextClearBit(i + 1)) {
      if (!matched.get(i)) {
        deleted.addAll(olds, i, i + 1);
      }
    }
    return ZoneDelta.of(older.soa(), newer.soa(), deleted.build(), added.build());
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
    // Keyed by the exact wire form (a read-only view, no copy): letter case and TTL count.
    Map<ByteBuffer, Record> deleted = new LinkedHashMap<>();
    Map<ByteBuffer, Record> added = new LinkedHashMap<>();
    ZoneDelta previous = null;
    for (ZoneDelta delta : chain) {
      if (previous != null && !previous.toSerial().equals(delta.fromSerial())) {
        throw new IllegalArgumentException(
            "the chain breaks: a delta ends at serial "
                + previous.toSerial()
                + " but the next starts at "
                + delta.fromSerial());
      }
      PackedRecords gone = delta.packedDeleted();
      for (int i = 0; i < gone.size(); i++) {
        ByteBuffer id = gone.wire(i);
        if (added.remove(id) == null) {
          deleted.put(id, gone.get(i));
        }
      }
      PackedRecords come = delta.packedAdded();
      for (int i = 0; i < come.size(); i++) {
        ByteBuffer id = come.wire(i);
        if (deleted.remove(id) == null) {
          added.put(id, come.get(i));
        }
      }
      previous = delta;
    }
    return ZoneDelta.of(
        chain.get(0).oldSoa(),
        chain.get(chain.size() - 1).newSoa(),
        deleted.values(),
        added.values());
  }
}
