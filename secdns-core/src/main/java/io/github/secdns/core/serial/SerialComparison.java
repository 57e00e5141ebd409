package io.github.secdns.core.serial;

/**
 * The outcome of comparing two serial numbers in RFC 1982 arithmetic.
 *
 * <p>{@link #UNDEFINED} is a real outcome: two serials exactly 2<sup>31</sup> apart are neither
 * older nor newer than each other (RFC 1982 section 3.2). dnsjava's {@code Serial.compare} returns
 * an arbitrary sign for that pair, which is why secdns has its own arithmetic.
 */
public enum SerialComparison {
  /** The first serial is older (smaller) than the second. */
  LESS,
  /** The serials are equal. */
  EQUAL,
  /** The first serial is newer (greater) than the second. */
  GREATER,
  /** The serials are exactly 2<sup>31</sup> apart: the comparison is undefined. */
  UNDEFINED
}
