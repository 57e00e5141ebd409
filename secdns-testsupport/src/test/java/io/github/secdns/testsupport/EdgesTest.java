package io.github.secdns.testsupport;

import static io.github.secdns.testsupport.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The generators reach their edges, and the bit-level helpers say what CIDR means. */
class EdgesTest {

  @Test
  void serialsReachTheWrapHalfTheSpaceAndZero() {
    Set<String> seen = new HashSet<>();
    qt().withExamples(2000)
        .forAll(Edges.serials())
        .checkAssert(
            s -> {
              assertTrue(s >= 0 && s <= Edges.MAX_SERIAL, () -> "not a serial: " + s);
              if (s == Edges.MAX_SERIAL) {
                seen.add("max");
              }
              if (s == Rfc1982.HALF || s == Rfc1982.HALF - 1) {
                seen.add("half");
              }
              if (s == 0) {
                seen.add("zero");
              }
            });
    assertEquals(Set.of("max", "half", "zero"), seen);
  }

  @Test
  void distancesReachExactlyHalfTheSpace() {
    Set<Long> seen = new HashSet<>();
    qt().withExamples(1000).forAll(Edges.serialDistances()).checkAssert(seen::add);
    assertTrue(seen.contains(Rfc1982.HALF));
    assertTrue(seen.contains(Rfc1982.HALF - 1));
    assertTrue(seen.contains(Rfc1982.HALF + 1));
  }

  @Test
  void addressesOfEveryKindAreGenerated() {
    Set<String> seen = new HashSet<>();
    qt().withExamples(1000)
        .forAll(Edges.ipv6Addresses())
        .checkAssert(
            a -> {
              assertEquals(16, a.length);
              if (Edges.literal(a, true).startsWith("::ffff:")) {
                seen.add("mapped");
              } else {
                seen.add("v6");
              }
            });
    assertEquals(Set.of("mapped", "v6"), seen);
  }

  @Test
  void networkAndLeadingBitsFollowTheBits() {
    byte[] a = {10, 1, (byte) 0b1100_0000, 7};
    assertArrayEquals(new byte[] {10, 1, (byte) 0b1000_0000, 0}, Edges.network(a, 17));
    assertTrue(Edges.sameLeadingBits(a, new byte[] {10, 1, (byte) 0b1011_1111, 0}, 17));
    assertFalse(Edges.sameLeadingBits(a, new byte[] {10, 1, (byte) 0b0100_0000, 7}, 17));
    assertTrue(Edges.sameLeadingBits(a, new byte[] {1, 2, 3, 4}, 0));
    assertEquals(
        "::ffff:192.0.2.1", Edges.literal(Addresses.ipv6("::ffff:192.0.2.1").getAddress(), true));
    assertEquals(
        "0000:0000:0000:0000:0000:ffff:c000:0201",
        Edges.literal(Addresses.ipv6("::ffff:192.0.2.1").getAddress(), false));
  }
}
