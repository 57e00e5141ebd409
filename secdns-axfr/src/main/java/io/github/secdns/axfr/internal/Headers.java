package io.github.secdns.axfr.internal;

import java.nio.ByteBuffer;

/** Writes the 12-octet DNS header of a response. */
public final class Headers {

  private static final int QR = 0x8000;
  private static final int AA = 0x0400;
  private static final int RD = 0x0100;

  private Headers() {}

  /**
   * Puts a response header: QR set, TC, RA, Z, AD and CD clear.
   *
   * @param out where to put the 12 octets
   * @param id the query's ID
   * @param opcode the query's opcode
   * @param recursionDesired the query's RD bit
   * @param authoritative whether AA is set
   * @param rcode the low 4 bits of the response code
   * @param qdcount the question count
   * @param ancount the answer count
   * @param nscount the authority count
   * @param arcount the additional count
   */
  public static void putResponseHeader(
      ByteBuffer out,
      int id,
      int opcode,
      boolean recursionDesired,
      boolean authoritative,
      int rcode,
      int qdcount,
      int ancount,
      int nscount,
      int arcount) {
    int flags = QR | ((opcode & 0xF) << 11) | (rcode & 0xF);
    if (authoritative) {
      flags |= AA;
    }
    if (recursionDesired) {
      flags |= RD;
    }
    out.putShort((short) id);
    out.putShort((short) flags);
    out.putShort((short) qdcount);
    out.putShort((short) ancount);
    out.putShort((short) nscount);
    out.putShort((short) arcount);
  }
}
