package io.github.secdns.core.serial;

import static io.github.secdns.testsupport.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.secdns.testsupport.Edges;
import io.github.secdns.testsupport.Rfc1982;
import java.util.concurrent.atomic.AtomicInteger;
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

  /** Every pair, the edges (the 2^32 wrap, 2^31 apart) weighted: the same answer as RFC 1982. */
  @Test
  void comparisonAgreesWithTheRfc1982Oracle() {
    AtomicInteger undefined = new AtomicInteger();
    AtomicInteger acrossTheWrap = new AtomicInteger();
    qt().withExamples(5000)
        .forAll(Edges.serials(), Edges.serialDistances())
        .checkAssert(
            (a, distance) -> {
              long b = (a + distance) % Rfc1982.MODULUS;
              SerialComparison ours = SerialNumber.of(a).compareWith(SerialNumber.of(b));
              assertEquals(Rfc1982.compare(a, b).name(), ours.name(), a + " vs " + b);
              if (ours == SerialComparison.UNDEFINED) {
                undefined.incrementAndGet();
              }
              if (b < a && ours == SerialComparison.LESS) {
                acrossTheWrap.incrementAndGet();
              }
            });
    assertTrue(undefined.get() > 0, "no pair exactly 2^31 apart was generated");
    assertTrue(acrossTheWrap.get() > 0, "no pair across the 2^32 wrap was generated");
  }

  @Test
  void comparisonIsAntisymmetric() {
    qt().withExamples(2000)
        .forAll(Edges.serials(), Edges.serials())
        .checkAssert(
            (a, b) -> {
              SerialComparison ab = SerialNumber.of(a).compareWith(SerialNumber.of(b));
              SerialComparison ba = SerialNumber.of(b).compareWith(SerialNumber.of(a));
              switch (ab) {
                case LESS -> assertEquals(SerialComparison.GREATER, ba);
                case GREATER -> assertEquals(SerialComparison.LESS, ba);
                case EQUAL, UNDEFINED -> assertEquals(ab, ba);
              }
              assertEquals(Rfc1982.compare(a, b).name(), ab.name(), a + " vs " + b);
            });
  }

  @Test
  void anyAllowedIncrementMakesTheSerialNewerAndAgreesWithTheOracle() {
    qt().withExamples(2000)
        .forAll(
            Edges.serials(),
            longs()
                .between(1, SerialNumber.MAX_INCREMENT)
                .mix(
                    longs().between(SerialNumber.MAX_INCREMENT - 2, SerialNumber.MAX_INCREMENT), 30)
                .mix(longs().between(1, 3), 20))
        .checkAssert(
            (start, inc) -> {
              SerialNumber next = SerialNumber.of(start).plus(inc);
              assertEquals(Rfc1982.add(start, inc), next.value());
              assertTrue(next.isNewerThan(SerialNumber.of(start)));
              assertEquals(Rfc1982.Order.GREATER, Rfc1982.compare(next.value(), start));
            });
  }
}
