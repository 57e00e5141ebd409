package io.github.secdns.core.zone;

import io.github.secdns.core.serial.SerialComparison;
import io.github.secdns.core.serial.SerialNumber;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xbill.DNS.Name;
import org.xbill.DNS.SOARecord;

/**
 * A bounded history of a zone's versions for IXFR (RFC 1995): the current version and the deltas
 * that lead to it from older versions.
 *
 * <p>Immutable and thread-safe: {@link #withVersion} returns a new history and leaves this one as
 * it is, so a responder publishes a new history atomically (for example through an {@code
 * AtomicReference}) while transfers in flight keep reading the one they started with.
 *
 * <p>Bounds (RFC 1995 sections 2 and 5), enforced each time a version is added and, for age, on
 * every lookup:
 *
 * <ul>
 *   <li>size: the deltas together hold at most as many records ({@link ZoneDelta#size()}) as the
 *       current version ({@link ZoneSnapshot#size()}); beyond that a full transfer is cheaper, so
 *       the oldest deltas are dropped. A single delta larger than the zone is never kept.
 *   <li>age: a delta recorded longer ago than the current SOA's EXPIRE is dropped: a secondary that
 *       still holds its old version has expired the zone anyway.
 * </ul>
 *
 * <p>Time comes only from the injected {@link Clock}.
 */
public final class ZoneHistory {

  private final ZoneSnapshot current;
  private final List<HistoryEntry> entries;
  private final Clock clock;

  private ZoneHistory(ZoneSnapshot current, List<HistoryEntry> entries, Clock clock) {
    this.current = current;
    this.entries = entries;
    this.clock = clock;
  }

  /**
   * Starts a history whose only version is {@code current}.
   *
   * @param current the zone's current version
   * @param clock the clock that dates deltas and ages them
   * @return a history without deltas
   */
  public static ZoneHistory start(ZoneSnapshot current, Clock clock) {
    return new ZoneHistory(
        Objects.requireNonNull(current, "current"),
        List.of(),
        Objects.requireNonNull(clock, "clock"));
  }

  /**
   * Rebuilds a history from entries a host persisted, for example after a restart.
   *
   * <p>Only the newest contiguous run of entries that ends exactly at {@code current}'s SOA is
   * kept, and only when the newest delta agrees with {@code current}'s content (what it added is
   * there, what it deleted is not): a journal left behind by a version that was never served, or
   * broken in the middle, cannot mislead a client. Then the bounds apply.
   *
   * @param current the zone's current version
   * @param entries persisted entries, oldest first
   * @param clock the clock that dates deltas and ages them
   * @return the rebuilt history
   */
  public static ZoneHistory restore(ZoneSnapshot current, List<HistoryEntry> entries, Clock clock) {
    Objects.requireNonNull(current, "current");
    Objects.requireNonNull(clock, "clock");
    List<HistoryEntry> kept = new ArrayList<>();
    SOARecord expectedNewSoa = current.soa();
    for (int i = entries.size() - 1; i >= 0; i--) {
      HistoryEntry entry = entries.get(i);
      if (!entry.delta().newSoa().getName().equals(current.origin())
          || !ZoneDelta.sameSoa(entry.delta().newSoa(), expectedNewSoa)) {
        break;
      }
      kept.add(entry);
      expectedNewSoa = entry.delta().oldSoa();
    }
    Collections.reverse(kept);
    if (!kept.isEmpty() && !agreesWith(kept.get(kept.size() - 1).delta(), current)) {
      kept.clear();
    }
    return new ZoneHistory(current, bounded(current, kept, clock.instant()), clock);
  }

  /** Whether the current content holds what the newest delta added and lacks what it deleted. */
  private static boolean agreesWith(ZoneDelta newest, ZoneSnapshot current) {
    // One pass over the current records, hashing each; the delta's records are the table.
    PackedRecords added = newest.packedAdded();
    PackedRecords deleted = newest.packedDeleted();
    RecordTable addedTable = table(added);
    RecordTable deletedTable = table(deleted);
    PackedRecords content = current.packedRecords();
    int addedFound = 0;
    for (int i = 0; i < content.size(); i++) {
      int h = content.exactHash(i);
      if (deletedTable.findExact(h, deleted, content, i) >= 0) {
        return false;
      }
      if (addedTable.findExact(h, added, content, i) >= 0) {
        addedFound++;
      }
    }
    return addedFound == added.size();
  }

  private static RecordTable table(PackedRecords records) {
    RecordTable table = new RecordTable(records.size());
    for (int i = 0; i < records.size(); i++) {
      table.add(records.exactHash(i), i);
    }
    return table;
  }

  /**
   * Rebuilds a history from a host's journal, and trims the journal to what the history keeps.
   *
   * @param current the zone's current version
   * @param journal the host's persisted history
   * @param clock the clock that dates deltas and ages them
   * @return the rebuilt history
   */
  public static ZoneHistory restore(ZoneSnapshot current, ZoneJournal journal, Clock clock) {
    ZoneHistory history = restore(current, journal.load(current.origin()), clock);
    journal.keepNewest(current.origin(), history.entries.size());
    return history;
  }

  /**
   * Returns a history whose current version is {@code next}, computing the delta from the current
   * version once.
   *
   * <p>When {@code next} is exactly the current version, this history is returned. When its serial
   * is not newer than the current one (RFC 1982), the history starts over from {@code next}: deltas
   * across a serial that went back or stayed put would be ambiguous, and every client falls back to
   * a full transfer.
   *
   * @param next the newly published version of the same zone
   * @return the new history; this one is unchanged
   * @throws IllegalArgumentException when {@code next} belongs to another zone
   */
  public ZoneHistory withVersion(ZoneSnapshot next) {
    if (!next.origin().equals(current.origin())) {
      throw new IllegalArgumentException(
          "the history of " + current.origin() + " cannot take a version of " + next.origin());
    }
    if (!next.serial().isNewerThan(current.serial())) {
      return next.sameVersionAs(current) ? this : new ZoneHistory(next, List.of(), clock);
    }
    Instant now = clock.instant();
    List<HistoryEntry> grown = new ArrayList<>(entries.size() + 1);
    grown.addAll(entries);
    grown.add(new HistoryEntry(ZoneDiff.between(current, next), now));
    return new ZoneHistory(next, bounded(next, grown, now), clock);
  }

  /**
   * Like {@link #withVersion(ZoneSnapshot)}, and keeps the host's journal in step: the new entry is
   * appended before this method returns (so before the version is served), then the journal is
   * trimmed to the entries the new history keeps.
   *
   * @param next the newly published version of the same zone
   * @param journal the host's persisted history of this zone, in step with this history
   * @return the new history
   */
  public ZoneHistory withVersion(ZoneSnapshot next, ZoneJournal journal) {
    ZoneHistory updated = withVersion(next);
    if (updated == this) {
      return this;
    }
    Name zone = current.origin();
    // Bounds drop the oldest entries first, so the new entry survives unless every entry went
    // (a delta larger than the zone, or a reset after a serial that did not move forward).
    if (!updated.entries.isEmpty()) {
      journal.append(zone, updated.entries.get(updated.entries.size() - 1));
    }
    journal.keepNewest(zone, updated.entries.size());
    return updated;
  }

  private static List<HistoryEntry> bounded(
      ZoneSnapshot current, List<HistoryEntry> entries, Instant now) {
    int first = firstLive(current, entries, now);
    long total = 0;
    for (int i = first; i < entries.size(); i++) {
      total += entries.get(i).delta().size();
    }
    while (first < entries.size() && total > current.size()) {
      total -= entries.get(first).delta().size();
      first++;
    }
    return List.copyOf(entries.subList(first, entries.size()));
  }

  /** Index of the oldest entry not older than the current SOA's EXPIRE. */
  private static int firstLive(ZoneSnapshot current, List<HistoryEntry> entries, Instant now) {
    Instant cutoff = now.minus(Duration.ofSeconds(current.soa().getExpire()));
    int first = 0;
    while (first < entries.size() && entries.get(first).recordedAt().isBefore(cutoff)) {
      first++;
    }
    return first;
  }

  /**
   * Returns the current version.
   *
   * @return the newest snapshot
   */
  public ZoneSnapshot current() {
    return current;
  }

  /**
   * Returns the retained entries, oldest first, as last bounded (entries may have aged past the SOA
   * EXPIRE since; {@link #lookup} ignores those).
   *
   * @return an unmodifiable list; the last entry ends at the current serial
   */
  public List<HistoryEntry> entries() {
    return entries;
  }

  /**
   * Returns the oldest serial an incremental transfer can start from right now.
   *
   * @return the serial, or empty when no delta is live
   */
  public Optional<SerialNumber> oldestSerial() {
    int first = firstLive(current, entries, clock.instant());
    return first < entries.size()
        ? Optional.of(entries.get(first).delta().fromSerial())
        : Optional.empty();
  }

  /**
   * Returns the number of records the retained deltas hold together.
   *
   * @return the sum of {@link ZoneDelta#size()}; never above {@code current().size()}
   */
  public long totalSize() {
    long total = 0;
    for (HistoryEntry e : entries) {
      total += e.delta().size();
    }
    return total;
  }

  /**
   * Decides what a client holding {@code clientSerial} receives for an IXFR query.
   *
   * @param clientSerial the serial of the client's SOA in the query's authority section
   * @return up to date when {@code clientSerial} is equal to or newer than the current serial in
   *     RFC 1982 arithmetic; the chain from {@code clientSerial} when the live history starts a
   *     delta exactly there; otherwise the full zone
   */
  public HistoryLookup lookup(SerialNumber clientSerial) {
    SerialComparison comparison = clientSerial.compareWith(current.serial());
    if (comparison == SerialComparison.EQUAL || comparison == SerialComparison.GREATER) {
      return new HistoryLookup.UpToDate(current.soa());
    }
    if (comparison == SerialComparison.LESS) {
      for (int i = firstLive(current, entries, clock.instant()); i < entries.size(); i++) {
        if (entries.get(i).delta().fromSerial().equals(clientSerial)) {
          List<ZoneDelta> chain = new ArrayList<>(entries.size() - i);
          for (HistoryEntry e : entries.subList(i, entries.size())) {
            chain.add(e.delta());
          }
          return new HistoryLookup.Incremental(chain);
        }
      }
    }
    return new HistoryLookup.FullZone(current);
  }

  @Override
  public String toString() {
    return "ZoneHistory["
        + current.origin()
        + ", serial="
        + current.serial()
        + ", deltas="
        + entries.size()
        + ", records="
        + totalSize()
        + "]";
  }
}
