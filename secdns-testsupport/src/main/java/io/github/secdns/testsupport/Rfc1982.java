package io.github.secdns.testsupport;

/**
 * An oracle for serial number arithmetic, written straight from the text of RFC 1982 section 3 with
 * SERIAL_BITS = 32, independently of secdns's {@code SerialNumber}: properties compare the two.
 * Deliberately naive (no masking tricks, the definition's four cases spelled out).
 */
public final class Rfc1982 {

  /** 2^SERIAL_BITS. */
  public static final long MODULUS = 1L << 32;

  /** 2^(SERIAL_BITS - 1). */
  public static final long HALF = 1L << 31;

  /** How two serials compare (section 3.2); {@link #UNDEFINED} where the RFC leaves it open. */
  public enum Order {
    /** s1 is less than s2. */
    LESS,
    /** s1 equals s2. */
    EQUAL,
    /** s1 is greater than s2. */
    GREATER,
    /** Neither: the pair is exactly 2^31 apart. */
    UNDEFINED
  }

  private Rfc1982() {}

  /**
   * Section 3.2: "s1 is said to be less than s2 if, and only if, s1 is not equal to s2, and (i1 <
   * i2 and i2 - i1 < 2^(SERIAL_BITS - 1)) or (i1 > i2 and i1 - i2 > 2^(SERIAL_BITS - 1))", and
   * greater than with the inequalities on the distance reversed.
   *
   * @param i1 the first serial, 0 to 2^32 - 1
   * @param i2 the second serial, 0 to 2^32 - 1
   * @return how s1 compares with s2
   */
  public static Order compare(long i1, long i2) {
    requireSerial(i1);
    requireSerial(i2);
    if (i1 == i2) {
      return Order.EQUAL;
    }
    boolean less = (i1 < i2 && i2 - i1 < HALF) || (i1 > i2 && i1 - i2 > HALF);
    boolean greater = (i1 < i2 && i2 - i1 > HALF) || (i1 > i2 && i1 - i2 < HALF);
    if (less && greater) {
      throw new AssertionError("the oracle itself is wrong for " + i1 + ", " + i2);
    }
    return less ? Order.LESS : greater ? Order.GREATER : Order.UNDEFINED;
  }

  /**
   * Section 3.1: "s' = (s + n) modulo (2 ^ SERIAL_BITS)" for n from 0 to 2^(SERIAL_BITS - 1) - 1.
   *
   * @param s the serial
   * @param n the increment
   * @return the serial after the addition
   * @throws IllegalArgumentException when n is outside the range the RFC defines
   */
  public static long add(long s, long n) {
    requireSerial(s);
    if (n < 0 || n > HALF - 1) {
      throw new IllegalArgumentException("RFC 1982 does not define adding " + n);
    }
    return (s + n) % MODULUS;
  }

  private static void requireSerial(long s) {
    if (s < 0 || s >= MODULUS) {
      throw new IllegalArgumentException("not a 32-bit serial: " + s);
    }
  }
}
