package io.github.secdns.core.config;

import io.github.secdns.core.internal.IpLiterals;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Objects;
import javax.annotation.Nullable;

/**
 * An IPv4 or IPv6 network in CIDR form, such as {@code 192.0.2.0/24} or {@code 2001:db8::/32}. A
 * single address is a prefix of full length ({@code /32} or {@code /128}).
 *
 * <p>Immutable and thread-safe. Parsing never asks a resolver: only literals are accepted.
 */
public final class AddressPrefix {

  private final byte[] network;
  private final int length;

  private AddressPrefix(byte[] network, int length) {
    this.network = network;
    this.length = length;
  }

  /**
   * Parses {@code ADDRESS} or {@code ADDRESS/LENGTH}. IPv6 may be compressed; host bits must be
   * zero, so that {@code 192.0.2.1/24} is rejected rather than silently widened. An IPv4-mapped
   * IPv6 prefix of length 96 or more ({@code ::ffff:192.0.2.0/120}) is the IPv4 prefix it maps
   * ({@code 192.0.2.0/24}): clients connecting over IPv4 are seen as IPv4 addresses.
   *
   * @param text the prefix as typed into a form
   * @return the prefix
   * @throws IllegalArgumentException with a message that says what is wrong
   */
  public static AddressPrefix parse(String text) {
    Objects.requireNonNull(text, "text");
    String s = text.strip();
    String addressPart = s;
    Integer prefixLength = null;
    int slash = s.indexOf('/');
    if (slash >= 0) {
      addressPart = s.substring(0, slash);
      String lengthPart = s.substring(slash + 1);
      if (lengthPart.isEmpty()
          || lengthPart.length() > 3
          || !lengthPart.chars().allMatch(Character::isDigit)) {
        throw new IllegalArgumentException(
            "'" + s + "' has an invalid prefix length; expected a number after '/'");
      }
      prefixLength = Integer.parseInt(lengthPart);
    }
    byte[] bytes =
        IpLiterals.octets(addressPart)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "'" + s + "' is not an IPv4 or IPv6 address or CIDR prefix"));
    int max = bytes.length * 8;
    int len = prefixLength == null ? max : prefixLength;
    if (len > max) {
      throw new IllegalArgumentException(
          "'"
              + s
              + "' has a prefix length above "
              + max
              + " for an "
              + (max == 32 ? "IPv4" : "IPv6")
              + " address");
    }
    if (isIpv4Mapped(bytes) && len >= 96) {
      // ::ffff:a.b.c.d/96+n is the IPv4 network a.b.c.d/n: the JDK reports every IPv4-mapped
      // client address as an IPv4 address, so the prefix must be an IPv4 one to match it.
      bytes = Arrays.copyOfRange(bytes, 12, 16);
      len -= 96;
    }
    byte[] masked = mask(bytes, len);
    if (!Arrays.equals(masked, bytes)) {
      throw new IllegalArgumentException(
          "'" + s + "' has host bits set; did you mean " + new AddressPrefix(masked, len) + "?");
    }
    return new AddressPrefix(masked, len);
  }

  /**
   * An address and port as an operator writes them: {@code 192.0.2.1:53}, {@code [2001:db8::1]:53}
   * (the address in its canonical text, IPv6 compressed as RFC 5952 says and in brackets as RFC
   * 3986 section 3.2.2 says; no scope). The one way messages and listings of the library write an
   * endpoint. Stateless and thread-safe.
   *
   * @param address the address
   * @param port the port
   * @return the text
   */
  public static String hostPort(InetAddress address, int port) {
    String host = of(address).toString();
    return (address instanceof Inet4Address ? host : "[" + host + "]") + ":" + port;
  }

  /**
   * Returns the prefix that holds exactly one address.
   *
   * @param address the address
   * @return a {@code /32} or {@code /128} prefix
   */
  public static AddressPrefix of(InetAddress address) {
    byte[] bytes = address.getAddress();
    return new AddressPrefix(bytes, bytes.length * 8);
  }

  /**
   * Tells whether the address lies in this network. An IPv4 address never matches an IPv6 prefix
   * and the other way round.
   *
   * @param address the address to test
   * @return true when it lies in this network
   */
  public boolean contains(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (bytes.length != network.length) {
      return false;
    }
    int full = length / 8;
    for (int i = 0; i < full; i++) {
      if (bytes[i] != network[i]) {
        return false;
      }
    }
    int rest = length % 8;
    if (rest == 0) {
      return true;
    }
    int maskByte = (0xFF << (8 - rest)) & 0xFF;
    return (bytes[full] & maskByte) == (network[full] & maskByte);
  }

  /**
   * Returns the network address.
   *
   * @return the first address of the network
   */
  public InetAddress network() {
    try {
      return InetAddress.getByAddress(network.clone());
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * Returns the prefix length.
   *
   * @return 0 to 32 for IPv4, 0 to 128 for IPv6
   */
  public int length() {
    return length;
  }

  /**
   * Tells whether this is an IPv4 prefix.
   *
   * @return true for IPv4, false for IPv6
   */
  public boolean isIpv4() {
    return network.length == 4;
  }

  /**
   * Tells whether this prefix holds exactly one address.
   *
   * @return true for {@code /32} (IPv4) and {@code /128} (IPv6)
   */
  public boolean isSingleAddress() {
    return length == network.length * 8;
  }

  /**
   * Tells whether this prefix matches every address of its family ({@code 0.0.0.0/0} or {@code
   * ::/0}).
   *
   * @return true when the prefix length is 0
   */
  public boolean isEverything() {
    return length == 0;
  }

  private static boolean isIpv4Mapped(byte[] bytes) {
    if (bytes.length != 16 || bytes[10] != (byte) 0xFF || bytes[11] != (byte) 0xFF) {
      return false;
    }
    for (int i = 0; i < 10; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static byte[] mask(byte[] bytes, int len) {
    byte[] out = bytes.clone();
    for (int i = 0; i < out.length; i++) {
      int bitsHere = Math.max(0, Math.min(8, len - i * 8));
      int m = bitsHere == 0 ? 0 : (0xFF << (8 - bitsHere)) & 0xFF;
      out[i] = (byte) (out[i] & m);
    }
    return out;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof AddressPrefix addressPrefix
        && addressPrefix.length == length
        && Arrays.equals(addressPrefix.network, network);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(network) * 31 + length;
  }

  /** Returns the canonical text: compressed IPv6, and {@code /LENGTH} unless a single address. */
  @Override
  public String toString() {
    InetAddress address = network();
    String text = address instanceof Inet4Address ? address.getHostAddress() : compress(address);
    return isSingleAddress() ? text : text + "/" + length;
  }

  private static String compress(InetAddress address) {
    // RFC 5952 form: lower case, longest run of zero groups replaced by "::".
    byte[] b = address.getAddress();
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((b[2 * i] & 0xFF) << 8) | (b[2 * i + 1] & 0xFF);
    }
    int bestStart = -1;
    int bestLen = 0;
    for (int i = 0; i < 8; ) {
      if (groups[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLen && j - i > 1) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(groups[i]));
    }
    return sb.toString();
  }
}
