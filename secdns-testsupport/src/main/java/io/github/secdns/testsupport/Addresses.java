package io.github.secdns.testsupport;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.xbill.DNS.Address;

/**
 * IP address literals for tests, parsed without ever asking a resolver ({@link
 * InetAddress#getByName} would look up anything that is not a literal). Every address a test uses
 * is loopback or documentation space: nothing leaves the machine.
 */
public final class Addresses {

  /** 127.0.0.1. */
  public static final InetAddress LOOPBACK_1 = ip("127.0.0.1");

  /** 127.0.0.2: a second source address on Linux's loopback (all of 127/8 is local). */
  public static final InetAddress LOOPBACK_2 = ip("127.0.0.2");

  /** 127.0.0.3: a third source address. */
  public static final InetAddress LOOPBACK_3 = ip("127.0.0.3");

  /** ::1. */
  public static final InetAddress LOOPBACK_V6 = ip("::1");

  private Addresses() {}

  /**
   * Parses an IPv4 or IPv6 literal. An IPv4-mapped IPv6 literal such as {@code ::ffff:192.0.2.1}
   * gives the IPv4 address, as the JDK does; use {@link #ipv6(String)} to keep the IPv6 form.
   *
   * @param literal the literal, such as {@code 192.0.2.1} or {@code 2001:db8::1}
   * @return the address
   * @throws IllegalArgumentException when the text is not a literal
   */
  public static InetAddress ip(String literal) {
    try {
      return InetAddress.getByAddress(bytes(literal));
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP literal: " + literal, e);
    }
  }

  /**
   * Parses an IPv6 literal into an {@link Inet6Address}, IPv4-mapped ones included.
   *
   * @param literal the literal
   * @return the address
   * @throws IllegalArgumentException when the text is not an IPv6 literal
   */
  public static Inet6Address ipv6(String literal) {
    byte[] b = bytes(literal);
    if (b.length != 16) {
      throw new IllegalArgumentException("not an IPv6 literal: " + literal);
    }
    try {
      return Inet6Address.getByAddress(null, b, -1);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IPv6 literal: " + literal, e);
    }
  }

  /**
   * Whether this machine has an IPv6 loopback: a UDP socket can be bound to {@code ::1}.
   *
   * @return true when {@code ::1} can be bound
   */
  public static boolean hasIpv6Loopback() {
    try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(LOOPBACK_V6, 0))) {
      return probe.getLocalPort() > 0;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * An address and port.
   *
   * @param literal the address literal
   * @param port the port
   * @return the socket address (never resolved: it is a literal)
   */
  public static InetSocketAddress endpoint(String literal, int port) {
    return new InetSocketAddress(ip(literal), port);
  }

  private static byte[] bytes(String literal) {
    String s = literal.strip();
    byte[] b =
        s.indexOf('%') >= 0
            ? null
            : Address.toByteArray(s, s.indexOf(':') >= 0 ? Address.IPv6 : Address.IPv4);
    if (b == null) {
      throw new IllegalArgumentException("not an IP literal: " + literal);
    }
    return b;
  }
}
