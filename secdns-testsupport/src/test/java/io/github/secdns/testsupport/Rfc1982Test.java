package io.github.secdns.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.secdns.testsupport.Rfc1982.Order;
import org.junit.jupiter.api.Test;

/** The oracle against hand-worked cases of RFC 1982 section 3 (SERIAL_BITS = 32). */
class Rfc1982Test {

  private static final long MAX = Rfc1982.MODULUS - 1;

  @Test
  void comparesAsTheDefinitionSays() {
    assertEquals(Order.EQUAL, Rfc1982.compare(7, 7));
    assertEquals(Order.LESS, Rfc1982.compare(1, 2));
    assertEquals(Order.GREATER, Rfc1982.compare(2, 1));
    assertEquals(Order.GREATER, Rfc1982.compare(0, MAX), "0 follows 2^32 - 1");
    assertEquals(Order.LESS, Rfc1982.compare(MAX, 0));
    assertEquals(Order.LESS, Rfc1982.compare(0, Rfc1982.HALF - 1));
    assertEquals(Order.UNDEFINED, Rfc1982.compare(0, Rfc1982.HALF));
    assertEquals(Order.UNDEFINED, Rfc1982.compare(Rfc1982.HALF, 0));
    assertEquals(Order.GREATER, Rfc1982.compare(0, Rfc1982.HALF + 1));
    assertEquals(Order.UNDEFINED, Rfc1982.compare(MAX, Rfc1982.HALF - 1));
  }

  @Test
  void addsModuloTwoToThe32WithinTheAllowedIncrements() {
    assertEquals(0, Rfc1982.add(MAX, 1));
    assertEquals(Rfc1982.HALF - 2, Rfc1982.add(MAX, Rfc1982.HALF - 1));
    assertThrows(IllegalArgumentException.class, () -> Rfc1982.add(0, Rfc1982.HALF));
    assertThrows(IllegalArgumentException.class, () -> Rfc1982.add(0, -1));
    assertThrows(IllegalArgumentException.class, () -> Rfc1982.compare(Rfc1982.MODULUS, 0));
  }
}
