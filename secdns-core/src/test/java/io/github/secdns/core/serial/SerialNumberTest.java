package io.github.secdns.core.serial;

import static io.github.secdns.testsupport.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.longs;

import org.junit.jupiter.api.Test;

class SerialNumberTest {

  @Test
  void wrapFromMaxToZeroIsNewer() {
    SerialNumber max = SerialNumber.of(SerialNumber.MAX_VALUE);
    assertEquals(SerialNumber.of(0), max.next());
    assertEquals(SerialComparison.GREATER, SerialNumber.of(0).compareWith(max));
    assertTrue(SerialNumber.of(0).isNewerThan(max));
    assertTrue(max.isOlderThan(SerialNumber.of(0)));
  }

  @Test
  void equalValuesAreEqual() {
    assertEquals(SerialComparison.EQUAL, SerialNumber.of(42).compareWith(SerialNumber.of(42)));
  }

  @Test
  void pairExactlyHalfTheSpaceApartIsIncomparable() {
    SerialNumber zero = SerialNumber.of(0);
    SerialNumber half = SerialNumber.of(0x8000_0000L);
    assertEquals(SerialComparison.UNDEFINED, zero.compareWith(half));
    assertEquals(SerialComparison.UNDEFINED, half.compareWith(zero));
    assertFalse(zero.isOlderThan(half));
    assertFalse(zero.isNewerThan(half));
  }

  @Test
  void distancesJustUnderAndOverHalfAreOrdered() {
    SerialNumber a = SerialNumber.of(10);
    assertEquals(SerialComparison.LESS, a.compareWith(SerialNumber.of(10 + 0x7FFF_FFFFL)));
    assertEquals(SerialComparison.GREATER, a.compareWith(SerialNumber.of(10 + 0x8000_0001L)));
  }

  @Test
  void outOfRangeValuesAndIncrementsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> SerialNumber.of(-1));
    assertThrows(IllegalArgumentException.class, () -> SerialNumber.of(1L << 32));
    assertThrows(IllegalArgumentException.class, () -> SerialNumber.of(1).plus(0x8000_0000L));
    assertThrows(IllegalArgumentException.class, () -> SerialNumber.of(1).plus(-1));
  }

  @Test
  void comparisonIsAntisymmetric() {
    qt().forAll(
            longs().between(0, SerialNumber.MAX_VALUE), longs().between(0, SerialNumber.MAX_VALUE))
        .checkAssert(
            (a, b) -> {
              SerialComparison ab = SerialNumber.of(a).compareWith(SerialNumber.of(b));
              SerialComparison ba = SerialNumber.of(b).compareWith(SerialNumber.of(a));
              switch (ab) {
                case LESS -> assertEquals(SerialComparison.GREATER, ba);
                case GREATER -> assertEquals(SerialComparison.LESS, ba);
                case EQUAL, UNDEFINED -> assertEquals(ab, ba);
              }
            });
  }

  @Test
  void anyAllowedIncrementMakesTheSerialNewer() {
    qt().forAll(
            longs().between(0, SerialNumber.MAX_VALUE),
            longs().between(1, SerialNumber.MAX_INCREMENT))
        .checkAssert(
            (start, inc) ->
                assertTrue(SerialNumber.of(start).plus(inc).isNewerThan(SerialNumber.of(start))));
  }
}
