package io.github.secdns.axfr.internal;

import io.github.secdns.core.config.TsigKey;
import java.time.Clock;
import javax.annotation.Nullable;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TSIGRecord;

/**
 * Signs the messages of one response stream (a single reply, or every message of an AXFR/IXFR) that
 * were rendered without TSIG, by appending a TSIG record to each (RFC 8945 section 5.3.1: every
 * message is signed).
 *
 * <p>The first message's MAC covers the query's MAC, the message and all TSIG variables; each later
 * MAC covers the previous MAC, the message and the timers only. This works on pre-rendered,
 * case-preserving wire bytes (checklist items 14 and 65) through dnsjava's public {@link
 * TSIG#generate(Message, byte[], int, TSIGRecord, boolean)}, and verifies with dnsjava's {@code
 * TSIG.StreamVerifier}.
 *
 * <p>Not thread-safe: one instance per response stream, used by the thread that sends it, in
 * sending order.
 */
public final class TsigStreamSigner {

  private static final int ARCOUNT_OFFSET = 10;

  private final TSIG tsig;
  @Nullable private TSIGRecord previous;
  private boolean first = true;

  /**
   * Starts a stream that answers a signed query.
   *
   * @param key the key that verified the query
   * @param queryTsig the query's TSIG record; the first message's MAC is chained to its MAC
   * @param clock the clock for Time Signed
   */
  public TsigStreamSigner(TsigKey key, TSIGRecord queryTsig, Clock clock) {
    this(TsigKeys.toDnsjava(key, clock), queryTsig);
  }

  TsigStreamSigner(TSIG tsig, @Nullable TSIGRecord queryTsig) {
    this.tsig = tsig;
    this.previous = queryTsig;
  }

  /**
   * Signs the next message of the stream.
   *
   * @param message the complete message without TSIG: ID patched, header counts set, at most 65535
   *     octets once the TSIG is appended
   * @return a new array: {@code message}, its ARCOUNT plus one, then the TSIG record
   * @throws IllegalArgumentException when the message is shorter than a header, its ARCOUNT is
   *     already 65535, or the signed message would exceed 65535 octets
   */
  public byte[] sign(byte[] message) {
    if (message.length < 12) {
      throw new IllegalArgumentException(
          "a DNS message has a 12-octet header; got " + message.length);
    }
    int arcount = u16(message, ARCOUNT_OFFSET);
    if (arcount == 0xFFFF) {
      throw new IllegalArgumentException("the additional section is full; cannot append a TSIG");
    }
    int id = u16(message, 0);
    TSIGRecord record = tsig.generate(new Message(id), message, Rcode.NOERROR, previous, first);
    byte[] rr = record.toWire(Section.ADDITIONAL);
    if (message.length + rr.length > 0xFFFF) {
      throw new IllegalArgumentException(
          "message of "
              + message.length
              + " octets has no room for a "
              + rr.length
              + "-octet TSIG; reserve TsigKeys.maxRecordLength(key)");
    }
    byte[] signed = new byte[message.length + rr.length];
    System.arraycopy(message, 0, signed, 0, message.length);
    System.arraycopy(rr, 0, signed, message.length, rr.length);
    signed[ARCOUNT_OFFSET] = (byte) ((arcount + 1) >>> 8);
    signed[ARCOUNT_OFFSET + 1] = (byte) (arcount + 1);
    previous = record;
    first = false;
    return signed;
  }

  private static int u16(byte[] b, int offset) {
    return (b[offset] & 0xFF) << 8 | (b[offset + 1] & 0xFF);
  }

  @Override
  public String toString() {
    return "TsigStreamSigner[signed=" + !first + "]";
  }
}
