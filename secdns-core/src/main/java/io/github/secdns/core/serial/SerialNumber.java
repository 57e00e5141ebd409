package io.github.secdns.core.serial;

import javax.annotation.Nullable;

/**
 * A zone serial number: an unsigned 32-bit value compared in RFC 1982 serial number arithmetic.
 *
 * <p>Immutable and thread-safe. Values are held in a {@code long} in the range {@code 0 ..
 * 4294967295}; anything outside is rejected.
 *
 * @param value the serial, {@code 0 <= value <= 4294967295}
 */
public record SerialNumber(long value) implements Comparable<SerialNumber> {

  /** The largest serial value, 2<sup>32</sup> - 1. */
  public static final long MAX_VALUE = 0xFFFF_FFFFL;

  /** The largest increment RFC 1982 allows in one step, 2<sup>31</sup> - 1. */
  public static final long MAX_INCREMENT = 0x7FFF_FFFFL;

  private static final long HALF = 0x8000_0000L;

  /**
   * Checks the range.
   *
   * @throws IllegalArgumentException when the value is negative or above {@link #MAX_VALUE}
   */
  public SerialNumber {
    if (value < 0 || value > MAX_VALUE) {
      throw new IllegalArgumentException(
          "serial must be between 0 and " + MAX_VALUE + ", was " + value);
    }
  }

  /**
   * Returns the serial with the given value.
   *
   * @param value the serial, {@code 0 <= value <= 4294967295}
   * @return the serial
   * @throws IllegalArgumentException when the value is out of range
   */
  public static SerialNumber of(long value) {
    return new SerialNumber(value);
  }

  // equals and hashCode by hand: the record's generated ones are bootstrapped through method
  // handles on first use, which spins classes at every JVM start (see docs/ARCHITECTURE.md,
  // "Start-up").
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof SerialNumber other && other.value == value;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(value);
  }

  /**
   * Compares this serial with another in RFC 1982 arithmetic (section 3.2).
   *
   * @param other the serial to compare with
   * @return {@link SerialComparison#UNDEFINED} when the two are exactly 2<sup>31</sup> apart
   */
  public SerialComparison compareWith(SerialNumber other) {
    long a = value;
    long b = other.value;
    if (a == b) {
      return SerialComparison.EQUAL;
    }
    long distance = (b - a) & MAX_VALUE;
    if (distance == HALF) {
      return SerialComparison.UNDEFINED;
    }
    return distance < HALF ? SerialComparison.LESS : SerialComparison.GREATER;
  }

  /**
   * Tells whether this serial is newer than the other in RFC 1982 arithmetic.
   *
   * @param other the serial to compare with
   * @return true only when the comparison is {@link SerialComparison#GREATER}
   */
  public boolean isNewerThan(SerialNumber other) {
    return compareWith(other) == SerialComparison.GREATER;
  }

  /**
   * Tells whether this serial is older than the other in RFC 1982 arithmetic.
   *
   * @param other the serial to compare with
   * @return true only when the comparison is {@link SerialComparison#LESS}
   */
  public boolean isOlderThan(SerialNumber other) {
    return compareWith(other) == SerialComparison.LESS;
  }

  /**
   * Adds an increment modulo 2<sup>32</sup> (RFC 1982 section 3.1).
   *
   * @param increment between 0 and {@link #MAX_INCREMENT}
   * @return the serial after the addition; it wraps from {@code 4294967295} to {@code 0}
   * @throws IllegalArgumentException when the increment is outside the range RFC 1982 allows
   */
  public SerialNumber plus(long increment) {
    if (increment < 0 || increment > MAX_INCREMENT) {
      throw new IllegalArgumentException(
          "a serial increment must be between 0 and " + MAX_INCREMENT + ", was " + increment);
    }
    return new SerialNumber((value + increment) & MAX_VALUE);
  }

  /**
   * Returns the next serial, wrapping to 0 after {@link #MAX_VALUE}.
   *
   * @return this serial plus one
   */
  public SerialNumber next() {
    return plus(1);
  }

  /**
   * Orders serials by their unsigned value. This is a total order for sorting and maps; it is
   * <em>not</em> the RFC 1982 order, which is not transitive. Use {@link #compareWith} to decide
   * which version is newer.
   */
  @Override
  public int compareTo(SerialNumber other) {
    return Long.compare(value, other.value);
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}
