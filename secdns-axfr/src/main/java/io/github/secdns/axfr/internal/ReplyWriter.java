package io.github.secdns.axfr.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * Writes the single-message replies: error replies and the SOA answer. Pure.
 *
 * <p>Written by hand instead of with dnsjava's {@code Message.toWire} because that compresses
 * case-insensitively and would point the SOA owner into the client's question, changing its letter
 * case (checklist item 14).
 */
public final class ReplyWriter {

  /** The UDP payload size this server advertises in its OPT records (the DNS Flag Day value). */
  public static final int ADVERTISED_UDP_PAYLOAD = 1232;

  /** The size of a UDP reply to a query without EDNS. */
  public static final int CLASSIC_UDP_PAYLOAD = 512;

  private ReplyWriter() {}

  /**
   * Writes an error reply (or any reply with an empty answer section).
   *
   * @param id the query's ID
   * @param opcode the query's opcode
   * @param recursionDesired the query's RD bit
   * @param question the question octets, copied when present
   * @param rcode the full (extended) response code
   * @param queryOpt the query's OPT record; an OPT is added only when present
   * @param extendedError an extended DNS error (RFC 8914) to add, only when the query had EDNS
   * @return the message octets
   */
  public static byte[] error(
      int id,
      int opcode,
      boolean recursionDesired,
      Optional<byte[]> question,
      int rcode,
      Optional<OPTRecord> queryOpt,
      Optional<ExtendedErrorCodeOption> extendedError) {
    byte[] opt = queryOpt.map(q -> responseOpt(q, rcode, extendedError)).orElse(new byte[0]);
    int qlen = question.map(q -> q.length).orElse(0);
    ByteBuffer out = ByteBuffer.allocate(WireSizes.HEADER + qlen + opt.length);
    Headers.putResponseHeader(
        out,
        id,
        opcode,
        recursionDesired,
        false,
        rcode,
        question.isPresent() ? 1 : 0,
        0,
        0,
        opt.length > 0 ? 1 : 0);
    question.ifPresent(out::put);
    out.put(opt);
    return out.array();
  }

  /**
   * Writes the authoritative answer to an SOA query for a zone apex.
   *
   * @param id the query's ID
   * @param recursionDesired the query's RD bit
   * @param question the question octets
   * @param soaRecord the zone's SOA record in wire form, owner written out in full (so it keeps the
   *     zone's letter case whatever the question's), as {@code Record.toWire(Section.ANSWER)}
   * @param queryOpt the query's OPT record; an OPT is added only when present
   * @param maxSize the largest reply allowed (UDP payload size); above it, TC is set and the answer
   *     left out
   * @return the message octets
   */
  public static byte[] soaAnswer(
      int id,
      boolean recursionDesired,
      byte[] question,
      ByteBuffer soaRecord,
      Optional<OPTRecord> queryOpt,
      int maxSize) {
    byte[] opt = queryOpt.map(q -> responseOpt(q, 0, Optional.empty())).orElse(new byte[0]);
    int length = WireSizes.HEADER + question.length + soaRecord.remaining() + opt.length;
    boolean truncated = length > maxSize;
    ByteBuffer out = ByteBuffer.allocate(length - (truncated ? soaRecord.remaining() : 0));
    Headers.putResponseHeader(
        out, id, 0, recursionDesired, true, 0, 1, truncated ? 0 : 1, 0, opt.length > 0 ? 1 : 0);
    if (truncated) {
      out.put(2, (byte) (out.get(2) | 0x02));
    }
    out.put(question);
    if (!truncated) {
      out.put(soaRecord.duplicate());
    }
    out.put(opt);
    return out.array();
  }

  /**
   * Returns the OPT record octets of a response to a query that had EDNS: our payload size, the
   * upper bits of the response code, version 0, the DO bit copied (RFC 3225).
   *
   * @param queryOpt the query's OPT
   * @param rcode the full response code
   * @param extendedError an extended error to carry
   * @return the record octets
   */
  public static byte[] responseOpt(
      OPTRecord queryOpt, int rcode, Optional<ExtendedErrorCodeOption> extendedError) {
    List<EDNSOption> options = new ArrayList<>();
    extendedError.ifPresent(options::add);
    int flags = queryOpt.getFlags() & ExtendedFlags.DO;
    Record opt = new OPTRecord(ADVERTISED_UDP_PAYLOAD, rcode >>> 4, 0, flags, options);
    return opt.toWire(Section.ADDITIONAL);
  }

  /**
   * Returns the largest UDP reply a query allows.
   *
   * @param queryOpt the query's OPT record
   * @return 512 without EDNS, else the client's size capped by ours (at least 512)
   */
  public static int udpLimit(Optional<OPTRecord> queryOpt) {
    return queryOpt
        .map(
            o ->
                Math.max(CLASSIC_UDP_PAYLOAD, Math.min(o.getPayloadSize(), ADVERTISED_UDP_PAYLOAD)))
        .orElse(CLASSIC_UDP_PAYLOAD);
  }
}
