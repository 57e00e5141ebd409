package io.github.secdns.testsupport;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * QuickTheories generators biased to the edges where bugs live: serials at the 2^32 wrap and pairs
 * near 2^31 apart, prefix lengths at 0, at the full length and at octet boundaries, and IPv4, IPv6
 * and IPv4-mapped IPv6 addresses. Uniform values are still part of every mix.
 */
public final class Edges {

  /** The largest serial, 2^32 - 1. */
  public static final long MAX_SERIAL = Rfc1982.MODULUS - 1;

  private static final byte[] MAPPED_PREFIX = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF
  };

  private Edges() {}

  /**
   * Serials: uniform over 0 .. 2^32 - 1 for a third, otherwise close to 2^32 - 1 (the wrap), close
   * to 0, or close to 2^31 and 2^31 - 1.
   *
   * @return the generator
   */
  public static Gen<Long> serials() {
    return Generate.frequency(
        List.of(
            Pair.of(3, Generate.longRange(0, MAX_SERIAL)),
            Pair.of(2, Generate.longRange(0, 40).map(d -> MAX_SERIAL - d)),
            Pair.of(1, Generate.longRange(0, 40)),
            Pair.of(1, Generate.longRange(-40, 40).map(d -> Rfc1982.HALF + d)),
            Pair.of(1, Generate.longRange(-40, 40).map(d -> Rfc1982.HALF - 1 + d))));
  }

  /**
   * Serials so close below 2^32 - 1 that a few increments wrap them past 0.
   *
   * @param increments how many increments of up to {@code step} the property will add
   * @param step the largest single increment
   * @return the generator
   */
  public static Gen<Long> serialsBeforeTheWrap(int increments, long step) {
    long reach = increments * step;
    return Generate.frequency(
        List.of(
            Pair.of(3, Generate.longRange(0, reach).map(d -> MAX_SERIAL - d)),
            Pair.of(1, serials())));
  }

  /**
   * Distances to add to a serial modulo 2^32: exactly 2^31 and a few either side of it, small ones,
   * ones just short of 2^32 (a small step backwards), and uniform ones.
   *
   * @return the generator
   */
  public static Gen<Long> serialDistances() {
    return Generate.frequency(
        List.of(
            Pair.of(2, Generate.longRange(-3, 3).map(d -> Rfc1982.HALF + d)),
            Pair.of(1, Generate.longRange(0, 3)),
            Pair.of(1, Generate.longRange(1, 3).map(d -> Rfc1982.MODULUS - d)),
            Pair.of(2, Generate.longRange(0, MAX_SERIAL))));
  }

  /**
   * Prefix lengths for an address of {@code bits} bits: 0, the full length, octet boundaries and
   * one either side, and any length.
   *
   * @param bits 32 or 128
   * @return the generator
   */
  public static Gen<Integer> prefixLengths(int bits) {
    return Generate.frequency(
        List.of(
            Pair.of(1, Generate.pick(List.of(0, bits, bits - 1, 1))),
            Pair.of(2, Generate.range(0, bits / 8).map(o -> o * 8)),
            Pair.of(
                1,
                Generate.range(0, bits / 8)
                    .zip(
                        Generate.pick(List.of(-1, 1)),
                        (o, d) -> Math.max(0, Math.min(bits, o * 8 + d)))),
            Pair.of(2, Generate.range(0, bits))));
  }

  /**
   * IPv4 addresses (4 octets): all zeros, all ones, loopback, and uniform ones.
   *
   * @return the generator
   */
  public static Gen<byte[]> ipv4Addresses() {
    Gen<byte[]> uniform = octets(4);
    return Generate.frequency(
            List.of(
                Pair.of(
                    1,
                    Generate.pick(
                        List.of(
                            new byte[] {0, 0, 0, 0},
                            new byte[] {-1, -1, -1, -1},
                            new byte[] {127, 0, 0, 1},
                            new byte[] {(byte) 192, 0, 2, (byte) 255}))),
                Pair.of(4, uniform)))
        .describedAs(a -> literal(a, false));
  }

  /**
   * IPv6 addresses (16 octets): {@code ::}, {@code ::1}, all ones, documentation space, link-local,
   * IPv4-mapped, and uniform ones.
   *
   * @return the generator
   */
  public static Gen<byte[]> ipv6Addresses() {
    return Generate.frequency(
            List.of(
                Pair.of(
                    1,
                    Generate.pick(
                        List.of(
                            new byte[16],
                            ipv6("0000000000000000000000000000001"),
                            ipv6("ffffffffffffffffffffffffffffffff"),
                            ipv6("fe800000000000000000000000000000")))),
                Pair.of(1, octets(12).map(b -> join(ipv6("20010db8000000000000000000000000"), b))),
                Pair.of(2, ipv4MappedAddresses()),
                Pair.of(4, octets(16))))
        .describedAs(a -> literal(a, true));
  }

  /**
   * IPv4-mapped IPv6 addresses, {@code ::ffff:a.b.c.d} (16 octets).
   *
   * @return the generator
   */
  public static Gen<byte[]> ipv4MappedAddresses() {
    return ipv4Addresses().map(v4 -> concat(MAPPED_PREFIX, v4)).describedAs(a -> literal(a, true));
  }

  /**
   * Whether two addresses of one family share their first {@code length} bits: the definition of a
   * CIDR prefix match, bit by bit, as an oracle.
   *
   * @param a the first address
   * @param b the second address
   * @param length how many leading bits
   * @return true when the leading bits are equal
   */
  public static boolean sameLeadingBits(byte[] a, byte[] b, int length) {
    if (a.length != b.length) {
      return false;
    }
    for (int bit = 0; bit < length; bit++) {
      int shift = 7 - bit % 8;
      if (((a[bit / 8] >> shift) & 1) != ((b[bit / 8] >> shift) & 1)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The address with every bit after the first {@code length} cleared.
   *
   * @param address the address
   * @param length how many leading bits to keep
   * @return a new array
   */
  public static byte[] network(byte[] address, int length) {
    byte[] out = address.clone();
    for (int bit = length; bit < out.length * 8; bit++) {
      out[bit / 8] &= (byte) ~(1 << (7 - bit % 8));
    }
    return out;
  }

  /**
   * An address as text: dotted quad for 4 octets; for 16 octets the full, uncompressed form {@code
   * 2001:0db8:0000:...}, or with {@code mappedAsDotted} and an IPv4-mapped address {@code
   * ::ffff:a.b.c.d}.
   *
   * @param address 4 or 16 octets
   * @param mappedAsDotted whether to write an IPv4-mapped address in its dotted form
   * @return the literal
   */
  public static String literal(byte[] address, boolean mappedAsDotted) {
    if (address.length == 4) {
      return (address[0] & 0xFF)
          + "."
          + (address[1] & 0xFF)
          + "."
          + (address[2] & 0xFF)
          + "."
          + (address[3] & 0xFF);
    }
    if (mappedAsDotted && Arrays.equals(Arrays.copyOf(address, 12), MAPPED_PREFIX)) {
      return "::ffff:" + literal(Arrays.copyOfRange(address, 12, 16), false);
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 16; i += 2) {
      if (i > 0) {
        out.append(':');
      }
      out.append(HexFormat.of().formatHex(address, i, i + 2));
    }
    return out.toString();
  }

  private static Gen<byte[]> octets(int n) {
    return Generate.byteArrays(
        Generate.constant(n), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));
  }

  private static byte[] ipv6(String hex) {
    String padded = hex.length() < 32 ? "0".repeat(32 - hex.length()) + hex : hex;
    return HexFormat.of().parseHex(padded);
  }

  private static byte[] join(byte[] prefix, byte[] tail) {
    byte[] out = prefix.clone();
    System.arraycopy(tail, 0, out, out.length - tail.length, tail.length);
    return out;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
