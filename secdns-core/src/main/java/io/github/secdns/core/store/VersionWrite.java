package io.github.secdns.core.store;

import io.github.secdns.core.serial.SerialNumber;
import io.github.secdns.core.zone.HistoryEntry;
import io.github.secdns.core.zone.ZoneHistory;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one publish writes to a {@link ZoneVersionStore}, all or nothing: the condition (the
 * serial the store must hold now, or none for a zone it does not serve), the new version, the
 * journal entry that leads to it and how many of the newest journal entries to keep.
 *
 * <p>Build it with {@link #first} for a zone the store does not serve yet, or with {@link #between}
 * from the publisher's {@link ZoneHistory} before and after the new version, so that the journal in
 * the store stays exactly the history the publisher computed.
 *
 * @param version the new current version
 * @param expectedSerial the serial of the store's current version of the zone; empty when the zone
 *     must be new (not served)
 * @param journalEntry the entry appended to the zone's journal: the delta from {@code
 *     expectedSerial} to {@code version}; empty when no delta is kept (the history starts over)
 * @param journalKeep how many of the zone's newest journal entries remain after the write, the new
 *     entry included
 */
public record VersionWrite(
    ZoneSnapshot version,
    Optional<SerialNumber> expectedSerial,
    Optional<HistoryEntry> journalEntry,
    int journalKeep) {

  /**
   * Checks that the parts fit together.
   *
   * @throws IllegalArgumentException when the new serial is older than the expected one (RFC 1982:
   *     a serial names one content, so it never goes back), the journal entry does not lead from
   *     the expected serial to the new version, or {@code journalKeep} is negative or leaves out
   *     the new entry
   */
  public VersionWrite {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(expectedSerial, "expectedSerial");
    Objects.requireNonNull(journalEntry, "journalEntry");
    if (journalKeep < 0) {
      throw new IllegalArgumentException("journalKeep must not be negative, was " + journalKeep);
    }
    if (expectedSerial.isPresent()
        && !version.serial().equals(expectedSerial.get())
        && !version.serial().isNewerThan(expectedSerial.get())) {
      throw new IllegalArgumentException(
          "zone "
              + version.origin()
              + ": serial "
              + version.serial()
              + " is not newer than the current serial "
              + expectedSerial.get()
              + " (RFC 1982); a serial names one content, raise the serial");
    }
    if (journalEntry.isPresent()) {
      HistoryEntry entry = journalEntry.get();
      if (expectedSerial.isEmpty()) {
        throw new IllegalArgumentException(
            "zone " + version.origin() + ": a new zone has no journal entry to append");
      }
      if (!entry.delta().fromSerial().equals(expectedSerial.get())
          || !entry.delta().newSoa().equals(version.soa())
          || !entry.delta().toSerial().equals(version.serial())) {
        throw new IllegalArgumentException(
            "zone "
                + version.origin()
                + ": the journal entry leads from "
                + entry.delta().fromSerial()
                + " to "
                + entry.delta().toSerial()
                + ", not from "
                + expectedSerial.get()
                + " to "
                + version.serial());
      }
      if (journalKeep < 1) {
        throw new IllegalArgumentException(
            "zone " + version.origin() + ": journalKeep must keep the new entry");
      }
    }
  }

  /**
   * A write for a zone the store does not serve yet: no journal.
   *
   * @param version the zone's first version
   * @return the write; the store refuses it when it serves the zone already
   */
  public static VersionWrite first(ZoneSnapshot version) {
    return new VersionWrite(version, Optional.empty(), Optional.empty(), 0);
  }

  /**
   * A write that moves the store from {@code before}'s current version to {@code after}'s, with the
   * journal entry {@code after} added and the bounds it applied.
   *
   * <p>Typical use: {@code after = before.withVersion(next)}. When {@code after} is {@code before}
   * (the same content again), the write republishes the current version, which the store treats as
   * already done.
   *
   * @param before the publisher's history, whose current version the store must hold now
   * @param after the history with the new version
   * @return the write
   * @throws IllegalArgumentException when the histories belong to different zones, {@code after}
   *     does not continue {@code before}, or the serial goes back
   */
  public static VersionWrite between(ZoneHistory before, ZoneHistory after) {
    ZoneSnapshot from = before.current();
    ZoneSnapshot to = after.current();
    if (!from.origin().equals(to.origin())) {
      throw new IllegalArgumentException(
          "cannot write a version of " + to.origin() + " after a version of " + from.origin());
    }
    List<HistoryEntry> entries = after.entries();
    Optional<HistoryEntry> appended = Optional.empty();
    if (after != before && !entries.isEmpty()) {
      HistoryEntry newest = entries.get(entries.size() - 1);
      if (!newest.delta().fromSerial().equals(from.serial())) {
        throw new IllegalArgumentException(
            "zone "
                + to.origin()
                + ": the newer history does not continue the older one (its newest delta starts"
                + " at serial "
                + newest.delta().fromSerial()
                + ", not at "
                + from.serial()
                + "); build it with before.withVersion(next)");
      }
      appended = Optional.of(newest);
    }
    return new VersionWrite(to, Optional.of(from.serial()), appended, entries.size());
  }

  /**
   * Whether the version a store holds under this write's serial is this write's content ({@link
   * ZoneSnapshot#sameVersionAs}); a store may read it from its storage, hence the exception type.
   *
   * @param <E> what reading the stored version may throw
   */
  @FunctionalInterface
  public interface StoredContent<E extends Exception> {
    /**
     * Compares.
     *
     * @return whether the stored version is this write's content
     * @throws E when the stored version cannot be read
     */
    boolean isThisVersion() throws E;
  }

  /**
   * Decides this write's compare-and-set against what a store holds of its zone, the rule every
   * store applies ({@link ZoneVersionStore#publish}, {@link ZoneVersionStore#publishAll}): the same
   * serial with the same content is a success that writes nothing; the same serial with other
   * content loses ({@link VersionConflictException.Reason#SERIAL_TAKEN}: one serial names one
   * content); a current serial other than the expected one loses ({@link
   * VersionConflictException.Reason#CURRENT_MOVED}); else the write is to be stored. For store
   * implementations; pure, thread-safe.
   *
   * @param current the serial the store holds; empty when it serves no version of the zone
   * @param currentPosition the feed position of the stored version, for the receipt
   * @param sameContent asked only when {@code current} is this write's serial
   * @param <E> what {@code sameContent} may throw
   * @return the receipt of a version the store holds already (nothing to write); empty when the
   *     write is to be stored
   * @throws VersionConflictException when the write loses
   * @throws E when {@code sameContent} throws it
   */
  public <E extends Exception> Optional<PublishReceipt> decide(
      Optional<SerialNumber> current, long currentPosition, StoredContent<E> sameContent) throws E {
    if (current.isPresent() && current.get().equals(version.serial())) {
      if (sameContent.isThisVersion()) {
        return Optional.of(
            new PublishReceipt(version.origin(), version.serial(), false, currentPosition));
      }
      throw VersionConflictException.of(
          this, VersionConflictException.Reason.SERIAL_TAKEN, current);
    }
    if (!current.equals(expectedSerial)) {
      throw VersionConflictException.of(
          this, VersionConflictException.Reason.CURRENT_MOVED, current);
    }
    return Optional.empty();
  }
}
