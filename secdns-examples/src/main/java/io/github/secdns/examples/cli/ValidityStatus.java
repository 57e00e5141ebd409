package io.github.secdns.examples.cli;

import io.github.secdns.core.spi.Validity;
import java.time.LocalDate;

/**
 * Where a preset's dated value stands on a day, as {@code presets} shows it: in use, announced for
 * later, or retired. Only a {@link #CURRENT} value is applied that day.
 */
enum ValidityStatus {
  /** The provider uses it on the day: applied. */
  CURRENT,
  /** The provider starts to use it on a later day: not applied yet. */
  ANNOUNCED,
  /** The provider stopped using it on or before the day: never applied. */
  RETIRED;

  /** The status of a value valid for {@code validity}, on {@code day}. */
  static ValidityStatus of(Validity validity, LocalDate day) {
    if (validity.hasEnded(day)) {
      return RETIRED;
    }
    return validity.hasStarted(day) ? CURRENT : ANNOUNCED;
  }

  /**
   * How the text output dates the value: nothing for a value without dates, {@code since D}, {@code
   * until D} (an announced end), {@code announced from D (not applied yet)}, {@code retired on D
   * (not applied)}.
   */
  static String describe(Validity validity, LocalDate day) {
    switch (of(validity, day)) {
      case RETIRED -> {
        return "retired on " + validity.until().orElseThrow() + " (not applied)";
      }
      case ANNOUNCED -> {
        return "announced from " + validity.from().orElseThrow() + " (not applied yet)";
      }
      default -> {
        String since = validity.from().map(d -> "since " + d).orElse("");
        String until = validity.until().map(d -> "until " + d).orElse("");
        return (since + " " + until).strip();
      }
    }
  }
}
