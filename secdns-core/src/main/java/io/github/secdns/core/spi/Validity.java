package io.github.secdns.core.spi;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

/**
 * The days on which a provider uses an address: from a first day (inclusive) to a last day
 * (exclusive), either end open. Providers announce address changes by date ("On December 1, 2026,
 * the old IP addresses will stop working"; "On February 7th, 2023, 65.19.178.10 will be retired and
 * replaced with 45.79.109.10"), so the retired address is valid <em>until</em> that day and its
 * successor <em>from</em> it: on any day exactly one of the two is valid.
 *
 * <p>Days are calendar days in UTC ({@link #today(Clock)}), since providers announce dates without
 * a time zone and a result must not depend on where the host runs.
 *
 * @param from the first day the address is used, or empty when it has been used as long as the
 *     sources know
 * @param until the first day the address is no longer used, or empty when no end is announced
 */
public record Validity(Optional<LocalDate> from, Optional<LocalDate> until) {

  private static final Validity ALWAYS = new Validity(Optional.empty(), Optional.empty());

  /**
   * Checks the order of the days.
   *
   * @throws IllegalArgumentException when {@code from} is not before {@code until}
   */
  public Validity {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(until, "until");
    if (from.isPresent() && until.isPresent() && !from.get().isBefore(until.get())) {
      throw new IllegalArgumentException(orderProblem(from.get(), until.get()));
    }
  }

  /**
   * Returns the validity of an address with no announced start or end.
   *
   * @return the open validity
   */
  public static Validity always() {
    return ALWAYS;
  }

  /**
   * Returns the validity of an address used from a day on.
   *
   * @param first the first day it is used
   * @return the validity
   */
  public static Validity since(LocalDate first) {
    return new Validity(Optional.of(first), Optional.empty());
  }

  /**
   * Returns the validity of an address retired on a day.
   *
   * @param retired the first day it is no longer used
   * @return the validity
   */
  public static Validity before(LocalDate retired) {
    return new Validity(Optional.empty(), Optional.of(retired));
  }

  /**
   * Returns the validity of an address used from one day up to another.
   *
   * @param first the first day it is used
   * @param retired the first day it is no longer used; after {@code first}
   * @return the validity
   * @throws IllegalArgumentException when {@code first} is not before {@code retired}
   */
  public static Validity between(LocalDate first, LocalDate retired) {
    return new Validity(Optional.of(first), Optional.of(retired));
  }

  /**
   * Returns today's date in UTC by the given clock: the day every validity is judged on.
   *
   * @param clock the clock
   * @return the day
   */
  public static LocalDate today(Clock clock) {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  /**
   * Tells whether the address is used on a day.
   *
   * @param day the day
   * @return true when {@code from <= day < until}, an absent end counting as open
   */
  public boolean contains(LocalDate day) {
    return hasStarted(day) && !hasEnded(day);
  }

  /**
   * Tells whether the address is in use by a day, or will never be again: its first day is not
   * after {@code day}.
   *
   * @param day the day
   * @return true when there is no first day or it is not after {@code day}
   */
  public boolean hasStarted(LocalDate day) {
    return from.map(f -> !day.isBefore(f)).orElse(true);
  }

  /**
   * Tells whether the address is retired on a day.
   *
   * @param day the day
   * @return true when an end is announced and {@code day} is not before it
   */
  public boolean hasEnded(LocalDate day) {
    return until.map(u -> !day.isBefore(u)).orElse(false);
  }

  /**
   * Tells whether the sources announce an end.
   *
   * @return true when {@link #until()} is present
   */
  public boolean hasEnd() {
    return until.isPresent();
  }

  /**
   * Tells whether the sources announce neither a start nor an end.
   *
   * @return true for {@link #always()}
   */
  public boolean isAlways() {
    return from.isEmpty() && until.isEmpty();
  }

  static String orderProblem(LocalDate from, LocalDate until) {
    return "valid from " + from + " is not before valid until " + until;
  }

  /** Describes the validity: empty for {@link #always()}, else "from D", "until D" or both. */
  @Override
  public String toString() {
    String start = from.map(d -> "from " + d).orElse("");
    String end = until.map(d -> "until " + d).orElse("");
    return (start + (start.isEmpty() || end.isEmpty() ? "" : " ") + end);
  }
}
