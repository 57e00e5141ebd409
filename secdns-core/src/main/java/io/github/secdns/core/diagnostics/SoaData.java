package io.github.secdns.core.diagnostics;

import io.github.secdns.core.serial.SerialNumber;
import java.util.Objects;
import org.xbill.DNS.SOARecord;

/**
 * The serial and timers of an SOA record, as served by the primary or seen in an answer.
 *
 * <p>Timers are unsigned 32-bit numbers of seconds (RFC 1035 section 3.3.13).
 *
 * @param serial the zone serial
 * @param refresh seconds between a secondary's checks of the primary
 * @param retry seconds between checks after a failed one
 * @param expire seconds after which a secondary that cannot reach the primary stops answering
 * @param minimum the negative-caching TTL (RFC 2308)
 */
public record SoaData(SerialNumber serial, long refresh, long retry, long expire, long minimum) {

  /**
   * Checks that every timer is an unsigned 32-bit value.
   *
   * @throws IllegalArgumentException when a timer is negative or above 4294967295
   */
  public SoaData {
    Objects.requireNonNull(serial, "serial");
    checkTimer("refresh", refresh);
    checkTimer("retry", retry);
    checkTimer("expire", expire);
    checkTimer("minimum", minimum);
  }

  /**
   * Takes the serial and timers of a dnsjava SOA record.
   *
   * @param soa the record
   * @return its serial and timers
   */
  public static SoaData of(SOARecord soa) {
    return new SoaData(
        SerialNumber.of(soa.getSerial()),
        soa.getRefresh(),
        soa.getRetry(),
        soa.getExpire(),
        soa.getMinimum());
  }

  private static void checkTimer(String field, long value) {
    if (value < 0 || value > SerialNumber.MAX_VALUE) {
      throw new IllegalArgumentException(
          "the SOA "
              + field
              + " must be between 0 and "
              + SerialNumber.MAX_VALUE
              + ", was "
              + value);
    }
  }
}
