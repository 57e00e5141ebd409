package io.github.secdns.benchmarks.e2e;

import org.xbill.DNS.Name;

/**
 * An AXFR query as a secondary sends it over TCP, written octet by octet: the 2-octet length, a
 * 12-octet header (the given ID, no flags, one question), the zone's name uncompressed, type AXFR,
 * class IN. Built once per zone before a measurement, so that the client's loop neither allocates
 * nor runs dnsjava per transfer. Stateless.
 */
final class RawAxfrQuery {

  /** Query type AXFR (RFC 5936). */
  static final int AXFR = 252;

  private RawAxfrQuery() {}

  /**
   * The framed query.
   *
   * @param zone the zone
   * @param id the message ID (the low 16 bits are used)
   * @return the length prefix and the message
   */
  static byte[] framed(Name zone, int id) {
    byte[] name = zone.toWire();
    int length = 12 + name.length + 4;
    byte[] q = new byte[2 + length];
    q[0] = (byte) (length >>> 8);
    q[1] = (byte) length;
    q[2] = (byte) (id >>> 8);
    q[3] = (byte) id;
    q[7] = 1; // QDCOUNT
    System.arraycopy(name, 0, q, 14, name.length);
    int t = 14 + name.length;
    q[t] = (byte) (AXFR >>> 8);
    q[t + 1] = (byte) AXFR;
    q[t + 3] = 1; // class IN
    return q;
  }

  /**
   * The message ID of a framed query.
   *
   * @param framed a query from {@link #framed}
   * @return its ID
   */
  static int id(byte[] framed) {
    return ((framed[2] & 0xff) << 8) | (framed[3] & 0xff);
  }
}
