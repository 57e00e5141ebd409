package io.github.secdns.core.store;

import io.github.secdns.core.serial.SerialNumber;
import java.util.Objects;
import java.util.Optional;
import org.xbill.DNS.Name;

/**
 * Thrown when a publish loses its compare-and-set: another publisher (thread or node) changed the
 * zone first, or the serial already names other content in the store. Nothing was written.
 *
 * <p>What to do: load the zone's current version again, rebuild the new version on top of it (with
 * a new serial when {@link Reason#SERIAL_TAKEN}) and publish again, or give up.
 */
public final class VersionConflictException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why the compare-and-set failed. */
  public enum Reason {
    /** The store's current version is not the one the write expected (another publisher won). */
    CURRENT_MOVED,
    /** The store already holds this serial with different content: one serial names one content. */
    SERIAL_TAKEN
  }

  private final transient Name zone;
  private final Reason reason;
  private final transient Optional<SerialNumber> attemptedSerial;
  private final transient Optional<SerialNumber> expectedSerial;
  private final transient Optional<SerialNumber> currentSerial;

  /**
   * Creates the exception; the message names the zone and every serial involved.
   *
   * @param zone the zone's origin
   * @param reason why the compare-and-set failed
   * @param attemptedSerial the serial of the version that was not stored; empty for a withdrawal
   * @param expectedSerial the serial the write expected the store to hold; empty for a new zone
   * @param currentSerial the serial the store holds; empty when it does not serve the zone
   */
  public VersionConflictException(
      Name zone,
      Reason reason,
      Optional<SerialNumber> attemptedSerial,
      Optional<SerialNumber> expectedSerial,
      Optional<SerialNumber> currentSerial) {
    super(message(zone, reason, attemptedSerial, expectedSerial, currentSerial));
    this.zone = zone;
    this.reason = reason;
    this.attemptedSerial = attemptedSerial;
    this.expectedSerial = expectedSerial;
    this.currentSerial = currentSerial;
  }

  /**
   * The exception for a publish that lost its compare-and-set: names the write's zone, its serial
   * and the serial it expected.
   *
   * @param write the write that was not stored
   * @param reason why the compare-and-set failed
   * @param currentSerial the serial the store holds; empty when it does not serve the zone
   * @return the exception
   */
  public static VersionConflictException of(
      VersionWrite write, Reason reason, Optional<SerialNumber> currentSerial) {
    return new VersionConflictException(
        write.version().origin(),
        reason,
        Optional.of(write.version().serial()),
        write.expectedSerial(),
        currentSerial);
  }

  private static String message(
      Name zone,
      Reason reason,
      Optional<SerialNumber> attempted,
      Optional<SerialNumber> expected,
      Optional<SerialNumber> current) {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(reason, "reason");
    String held = current.map(s -> "serial " + s).orElse("no version");
    String what = attempted.map(s -> "this publish of serial " + s).orElse("this withdrawal");
    if (reason == Reason.SERIAL_TAKEN) {
      return "zone "
          + zone
          + ": serial "
          + attempted.map(String::valueOf).orElse("?")
          + " already names other content in the store; nothing was written (publish the change"
          + " with a new serial)";
    }
    return "zone "
        + zone
        + ": the store holds "
        + held
        + " but "
        + what
        + " expected "
        + expected.map(s -> "serial " + s).orElse("a new zone")
        + "; another publisher changed it first and nothing was written (load the current"
        + " version and try again)";
  }

  /**
   * Returns the zone.
   *
   * @return the zone's origin
   */
  public Name zone() {
    return zone;
  }

  /**
   * Returns why the compare-and-set failed.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }

  /**
   * Returns the serial of the version that was not stored.
   *
   * @return the serial, or empty when a withdrawal failed
   */
  public Optional<SerialNumber> attemptedSerial() {
    return attemptedSerial;
  }

  /**
   * Returns the serial the write expected the store to hold.
   *
   * @return the serial, or empty when the write expected a new zone
   */
  public Optional<SerialNumber> expectedSerial() {
    return expectedSerial;
  }

  /**
   * Returns the serial the store held when the write failed.
   *
   * @return the serial, or empty when the store does not serve the zone
   */
  public Optional<SerialNumber> currentSerial() {
    return currentSerial;
  }
}
