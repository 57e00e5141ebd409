package io.github.secdns.core.export;

import io.github.secdns.core.serial.SerialNumber;
import java.time.Clock;
import java.util.Optional;

/**
 * How the exporter chooses the serial of a new version.
 *
 * <p>Whatever the policy, a version whose content differs from the previous export gets a serial
 * that is <em>greater</em> than the previous one in RFC 1982 arithmetic: when the policy's
 * candidate is not greater (the host did not raise its serial but a flattened ALIAS changed; two
 * changes in the same second; the clock went back), the exporter uses the previous serial plus one
 * instead, skipping 0 (some implementations treat serial 0 as "unset"; dnsjava's {@code
 * Serial.increment} skips it too). A version whose content is unchanged keeps the previous serial.
 * The first export (no previous one) uses the candidate as is.
 */
public enum SerialPolicy {
  /** The host's own SOA serial. */
  KEEP_HOST,
  /**
   * The current Unix time in seconds from the injected clock, modulo 2<sup>32</sup> (DNSimple's
   * choice).
   */
  UNIX_TIME,
  /**
   * {@code YYYYMMDDnn} from the injected clock's UTC date, starting at {@code nn = 00}. After
   * {@code nn = 99} the serial keeps counting into the next day's number, which is still greater.
   */
  DATE_COUNTER,
  /** The previous export's serial plus one; the host's serial for the first export. */
  INCREMENT;

  /**
   * Returns the serial of a version whose content differs from the previous one (or of a first
   * version), by this policy and the rule above: greater than the previous serial, falling back to
   * the previous serial plus one (skipping 0) when the policy's candidate is not. The catalog
   * producer uses the same rule as the exporter through this method.
   *
   * @param hostSerial the host's own serial: the serial for {@link #KEEP_HOST}, the first serial
   *     for {@link #INCREMENT}; ignored by the time-based policies
   * @param previous the previous version's serial, or empty for a first version
   * @param clock the clock for {@link #UNIX_TIME} and {@link #DATE_COUNTER}
   * @return the serial
   */
  public SerialNumber nextSerial(
      SerialNumber hostSerial, Optional<SerialNumber> previous, Clock clock) {
    return SerialAssigner.assign(this, hostSerial, previous, clock);
  }
}
