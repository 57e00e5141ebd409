package io.github.secdns.core.catalog;

import io.github.secdns.core.serial.SerialNumber;

/**
 * The SOA timers of a catalog zone. The defaults are RFC 9432's example (appendix A): REFRESH 3600,
 * RETRY 600, EXPIRE 2147483646, MINIMUM 0.
 *
 * <p>Why these: consumers learn of changes by NOTIFY within seconds, so REFRESH is only the
 * fallback for a lost NOTIFY (an hour, retried every ten minutes). EXPIRE is as long as RFC 1982
 * allows because an expired catalog "loses its catalog meaning" (RFC 9432 section 5.1): consumers
 * stop processing it and a long outage of the primary must not change what they serve. MINIMUM and
 * every TTL are 0 because nobody resolves a catalog; only its consumers read it, by transfer.
 *
 * <p>Immutable and thread-safe.
 *
 * @param refresh the SOA REFRESH in seconds, an unsigned 32-bit value
 * @param retry the SOA RETRY in seconds, an unsigned 32-bit value
 * @param expire the SOA EXPIRE in seconds, an unsigned 32-bit value
 * @param minimum the SOA MINIMUM in seconds, an unsigned 32-bit value
 */
public record CatalogSoaTimers(long refresh, long retry, long expire, long minimum) {

  /** RFC 9432's example timers: 3600, 600, 2147483646, 0. */
  public static final CatalogSoaTimers DEFAULT = new CatalogSoaTimers(3600, 600, 2147483646L, 0);

  /**
   * Checks that every timer is an unsigned 32-bit value.
   *
   * @throws IllegalArgumentException naming the timer that is out of range
   */
  public CatalogSoaTimers {
    long[] values = {refresh, retry, expire, minimum};
    String[] names = {"REFRESH", "RETRY", "EXPIRE", "MINIMUM"};
    for (int i = 0; i < values.length; i++) {
      if (values[i] < 0 || values[i] > SerialNumber.MAX_VALUE) {
        throw new IllegalArgumentException(
            "the catalog's SOA "
                + names[i]
                + " must be between 0 and "
                + SerialNumber.MAX_VALUE
                + " seconds, was "
                + values[i]);
      }
    }
  }
}
