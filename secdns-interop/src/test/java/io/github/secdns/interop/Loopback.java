package io.github.secdns.interop;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Loopback addresses used by the tests (all of 127.0.0.0/8 is local on Linux). */
final class Loopback {

  static final InetAddress ONE = literal(127, 0, 0, 1);
  static final InetAddress TWO = literal(127, 0, 0, 2);
  static final InetAddress THREE = literal(127, 0, 0, 3);

  private Loopback() {}

  private static InetAddress literal(int a, int b, int c, int d) {
    try {
      return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }
}
