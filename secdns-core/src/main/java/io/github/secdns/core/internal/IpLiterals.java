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
    String s = text.strip();
    if (s.startsWith("[") && s.endsWith("]")) {
      s = s.substring(1, s.length() - 1);
    }
    if (s.isEmpty() || s.indexOf('%') >= 0) {
      return Optional.empty();
    }
    byte[] bytes = Address.toByteArray(s, s.indexOf(':') >= 0 ? Address.IPv6 : Address.IPv4);
    if (bytes == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByAddress(bytes));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}
