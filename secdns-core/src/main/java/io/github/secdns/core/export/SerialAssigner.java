package io.github.secdns.core.export;

import io.github.secdns.core.serial.SerialNumber;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/** Chooses the serial of a changed version according to a {@link SerialPolicy}. */
final class SerialAssigner {

  private SerialAssigner() {}

  /**
   * Returns the serial for a version whose content differs from the previous export (or for a first
   * export).
   */
  static SerialNumber assign(
      SerialPolicy policy, SerialNumber host, Optional<SerialNumber> previous, Clock clock) {
    SerialNumber candidate = candidate(policy, host, previous, clock);
    if (previous.isEmpty()) {
      return candidate;
    }
    SerialNumber prev = previous.get();
    // RFC 1982: a greater serial is one less than 2^31 ahead; anything else (equal, older or
    // exactly 2^31 away) would not make the secondaries transfer, so count on from the previous.
    return candidate.isNewerThan(prev) ? candidate : nextSkippingZero(prev);
  }

  private static SerialNumber candidate(
      SerialPolicy policy, SerialNumber host, Optional<SerialNumber> previous, Clock clock) {
    switch (policy) {
      case KEEP_HOST -> {
        return host;
      }
      case UNIX_TIME -> {
        return SerialNumber.of(clock.instant().getEpochSecond() & SerialNumber.MAX_VALUE);
      }
      case DATE_COUNTER -> {
        LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        long yyyymmdd = day.getYear() * 10_000L + day.getMonthValue() * 100L + day.getDayOfMonth();
        // Fits in 32 bits until the year 4294.
        return SerialNumber.of((yyyymmdd * 100L) & SerialNumber.MAX_VALUE);
      }
      case INCREMENT -> {
        return previous.map(SerialAssigner::nextSkippingZero).orElse(host);
      }
      default -> throw new AssertionError(policy);
    }
  }

  /**
   * The next serial, skipping 0: some implementations treat 0 as "no serial" (dnsjava's {@code
   * Serial.increment} skips it for the same reason). 1 is still greater than 2^32 - 1.
   */
  static SerialNumber nextSkippingZero(SerialNumber serial) {
    SerialNumber next = serial.next();
    return next.value() == 0 ? next.next() : next;
  }
}
