package io.github.secdns.axfr.internal;

import io.github.secdns.axfr.ServedVersion;
import io.github.secdns.core.config.NotifyTarget;
import io.github.secdns.core.serial.SerialNumber;
import io.github.secdns.core.zone.ZoneHistory;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import javax.annotation.Nullable;
import org.xbill.DNS.Name;

/**
 * Everything the responder keeps about one zone, in one object behind one map entry ({@link
 * ZoneEntries}): the version served ({@link ServedZones}), the state of its IXFR history ({@link
 * ZoneHistories}), the version reported to the host ({@link #servedVersion}) and the serial last
 * announced by a change NOTIFY ({@link #notifyIfNewer}). A host's responder holds one per zone
 * (issue 13: 100,000 of them), so these are primitive fields of one object of 64 octets, not four
 * map entries and the objects behind them.
 *
 * <p>Thread-safe: {@link #served} and {@link #ready} are read without a lock (the I/O thread
 * answers from them); every other field is guarded by this object.
 */
public final class ZoneEntry {

  private static final byte APPLIED = 1;
  private static final byte HAS_REVISION = 2;
  private static final byte NOTIFIED = 4;

  /** The version served for a subscribing source; null when none (a looked-up source). */
  @Nullable volatile ZoneSnapshot served;

  /** The version folded into the history last (guarded by this). */
  @Nullable ZoneSnapshot lastObserved;

  /** The fold still running or last run; null when {@link #ready} is the newest history. */
  @Nullable CompletableFuture<ZoneHistory> tail;

  /**
   * The newest history computed, read by queries without a lock; null also while the zone's only
   * version is its first, whose history is that version alone and is not kept ({@code
   * ZoneHistories.firstOnly}).
   */
  @Nullable volatile ZoneHistory ready;

  // The served version reported to the host, in primitive fields (guarded by this).
  @Nullable private Name zone;
  private int serial;
  private long revision;
  private long sinceSecond;
  private int sinceNano;

  /** The serial of the last change NOTIFY (guarded by this). */
  private int notified;

  /** Which of the above are set: APPLIED, HAS_REVISION, NOTIFIED (guarded by this). */
  private byte flags;

  /** The serial the targets in {@link #acknowledgedBy} acknowledged (guarded by this). */
  private int acknowledgedSerial;

  /**
   * The targets that acknowledged a background NOTIFY of {@link #acknowledgedSerial}: null, one
   * {@link NotifyTarget} (the usual zone has one), or an array (guarded by this).
   */
  @Nullable private Object acknowledgedBy;

  ZoneEntry() {}

  /**
   * Returns the version served now.
   *
   * @return the version, or empty when the zone is not served by a subscribing source
   */
  public Optional<ZoneSnapshot> served() {
    return Optional.ofNullable(served);
  }

  /** What completes with the newest history: the running fold, else the ready history. */
  @Nullable
  CompletableFuture<ZoneHistory> historyTail() {
    if (tail != null) {
      return tail;
    }
    ZoneHistory h = ready;
    return h == null ? null : CompletableFuture.completedFuture(h);
  }

  /**
   * Records the version the responder applies to the zone now (the host is told of it).
   *
   * @param version the version
   */
  public synchronized void apply(ServedVersion version) {
    zone = version.zone();
    serial = (int) version.serial().value();
    OptionalLong r = version.configurationRevision();
    revision = r.orElse(0);
    Instant since = version.since();
    sinceSecond = since.getEpochSecond();
    sinceNano = since.getNano();
    flags = (byte) ((flags & NOTIFIED) | APPLIED | (r.isPresent() ? HAS_REVISION : 0));
  }

  /**
   * Remembers that a target acknowledged a background NOTIFY of this serial, so that a copy queued
   * again before the answer came (a catch-up while the startup fan-out runs) is not sent. Only the
   * newest serial is kept.
   *
   * @param serial the serial announced
   * @param target the target that acknowledged it
   */
  public synchronized void acknowledged(SerialNumber serial, NotifyTarget target) {
    int s = (int) serial.value();
    if (acknowledgedBy == null || acknowledgedSerial != s) {
      acknowledgedSerial = s;
      acknowledgedBy = target;
    } else if (!wasAcknowledgedBy(target)) {
      NotifyTarget[] before =
          acknowledgedBy instanceof NotifyTarget[] many
              ? many
              : new NotifyTarget[] {(NotifyTarget) acknowledgedBy};
      NotifyTarget[] after = Arrays.copyOf(before, before.length + 1);
      after[before.length] = target;
      acknowledgedBy = after;
    }
  }

  /**
   * Whether a target acknowledged a background NOTIFY of this serial (as {@link #acknowledged}
   * remembered).
   *
   * @param serial a serial
   * @param target a target
   * @return true when it did
   */
  public synchronized boolean wasAcknowledged(SerialNumber serial, NotifyTarget target) {
    return acknowledgedBy != null
        && Integer.toUnsignedLong(acknowledgedSerial) == serial.value()
        && wasAcknowledgedBy(target);
  }

  private boolean wasAcknowledgedBy(NotifyTarget target) {
    if (acknowledgedBy instanceof NotifyTarget[] many) {
      for (NotifyTarget t : many) {
        if (t.equals(target)) {
          return true;
        }
      }
      return false;
    }
    return target.equals(acknowledgedBy);
  }

  /**
   * Whether the version applied (reported servable) has this serial.
   *
   * @param serial a serial
   * @return true when that serial is the one applied
   */
  public synchronized boolean applies(SerialNumber serial) {
    return (flags & APPLIED) != 0 && Integer.toUnsignedLong(this.serial) == serial.value();
  }

  /**
   * Returns the version the responder applies to the zone now.
   *
   * @return a record equal to the one last {@linkplain #apply applied}, or empty when none was
   */
  public synchronized Optional<ServedVersion> servedVersion() {
    if ((flags & APPLIED) == 0 || zone == null) {
      return Optional.empty();
    }
    return Optional.of(
        new ServedVersion(
            zone,
            SerialNumber.of(Integer.toUnsignedLong(serial)),
            (flags & HAS_REVISION) != 0 ? OptionalLong.of(revision) : OptionalLong.empty(),
            Instant.ofEpochSecond(sinceSecond, sinceNano)));
  }

  /**
   * Replaces the version applied, only if it is still {@code expected} (the configuration's
   * revision changed while it was read).
   *
   * @param expected the version read before
   * @param next the version to apply instead
   * @return true when replaced; false when another version was applied meanwhile
   */
  public synchronized boolean replace(ServedVersion expected, ServedVersion next) {
    if (!servedVersion().equals(Optional.of(expected))) {
      return false;
    }
    apply(next);
    return true;
  }

  /**
   * Takes {@code next} as the serial last announced if it is newer than the one before (RFC 1982),
   * or there was none.
   *
   * @param next the serial of a new version
   * @return true when the NOTIFY of {@code next} is to be sent
   */
  public synchronized boolean notifyIfNewer(SerialNumber next) {
    if ((flags & NOTIFIED) != 0
        && !next.isNewerThan(SerialNumber.of(Integer.toUnsignedLong(notified)))) {
      return false;
    }
    notified(next);
    return true;
  }

  /**
   * Takes {@code serial} as the serial last announced, whatever was before (a NOTIFY the host asked
   * for).
   *
   * @param serial the serial announced
   */
  public synchronized void notified(SerialNumber serial) {
    notified = (int) serial.value();
    flags |= NOTIFIED;
  }

  /**
   * Tells whether a change NOTIFY already announced this serial.
   *
   * @param serial a serial
   * @return true when it is the serial last announced
   */
  public synchronized boolean wasNotified(SerialNumber serial) {
    return (flags & NOTIFIED) != 0 && Integer.toUnsignedLong(notified) == serial.value();
  }
}
