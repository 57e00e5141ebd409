package io.github.secdns.core.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.xbill.DNS.Address;

/**
 * Parses IP address literals without ever asking a resolver.
 *
 * <p>{@link InetAddress#getByName} falls back to a DNS lookup for anything that is not a literal;
 * secdns must never do I/O in core, so every address string goes through here instead.
 */
public final class IpLiterals {

  private IpLiterals() {}

  /**
   * Parses an IPv4 or IPv6 literal (compressed IPv6 and embedded IPv4 accepted, no zone id).
   *
   * @param text the literal, surrounding white space ignored, optionally in brackets for IPv6
   * @return the address, or empty when the text is not a literal
   */
  public static Optional<InetAddress> parse(String text) {
    return octets(text)
        .flatMap(
            bytes -> {
              try {
                return Optional.of(InetAddress.getByAddress(bytes));
              } catch (UnknownHostException e) {
                return Optional.empty();
              }
            });
  }

  /**
   * Parses a literal into its octets as written: 4 for IPv4, 16 for IPv6. Unlike {@link #parse}, an
   * IPv4-mapped IPv6 literal ({@code ::ffff:192.0.2.1}) stays 16 octets (the JDK turns it into an
   * IPv4 address).
   *
   * @param text the literal, as for {@link #parse}
   * @return the octets, or empty when the text is not a literal
   */
  public static Optional<byte[]> octets(String text) {
    String s = text.strip();
    if (s.startsWith("[") && s.endsWith("]")) {
      s = s.substring(1, s.length() - 1);
    }
    if (s.isEmpty() || s.indexOf('%') >= 0) {
      return Optional.empty();
    }
    return Optional.ofNullable(
        Address.toByteArray(s, s.indexOf(':') >= 0 ? Address.IPv6 : Address.IPv4));
  }
}
