package io.github.secdns.benchmarks.e2e;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Checks an AXFR answer from its octets, message by message, without dnsjava and without
 * allocating: every message has the query's ID, is a response (QR) to a standard query, is not
 * truncated and says NOERROR; its answer records are walked (owner name skipped, compression
 * pointers included, type, class, TTL, RDATA length) within the message's bounds; the first record
 * of the transfer is an SOA of class IN, the last one an SOA; the answer counts add up to exactly
 * the expected records (the zone's records plus the closing SOA). That is what a secondary needs to
 * know the transfer is whole, at a fraction of the cost of parsing the records, so the client costs
 * every server the same and little.
 *
 * <p>Not thread-safe: one instance per connection slot, reused with {@link #start} per transfer.
 */
final class RawAxfrCheck {

  private static final int SOA = 6;
  private static final int IN = 1;

  private int id;
  private long expected;
  private long records;
  private int messages;
  private int lastType;

  /**
   * Begins a transfer.
   *
   * @param queryId the query's message ID
   * @param expectedRecords the records the transfer must carry (zone size + 1)
   */
  void start(int queryId, long expectedRecords) {
    id = queryId;
    expected = expectedRecords;
    records = 0;
    messages = 0;
    lastType = -1;
  }

  /**
   * Checks the next message of the transfer.
   *
   * @param m holds the message (absolute reads; its position and limit are not used)
   * @param offset where the message starts (after the length prefix)
   * @param length the message's length
   * @return true when the transfer is complete with this message
   * @throws IOException when the message is not what the transfer must carry
   */
  boolean message(ByteBuffer m, int offset, int length) throws IOException {
    if (length < 12) {
      throw fail("a message shorter than a header: " + length + " octets");
    }
    int end = offset + length;
    int messageId = u16(m, offset);
    int flags = u16(m, offset + 2);
    if (messageId != id) {
      throw fail("ID " + messageId + ", the query's is " + id);
    }
    if ((flags & 0x8000) == 0 || (flags & 0x7800) != 0 || (flags & 0x0200) != 0) {
      throw fail("not an untruncated response to a standard query: flags " + flags);
    }
    if ((flags & 0x000f) != 0) {
      throw fail("RCODE " + (flags & 0x000f));
    }
    int questions = u16(m, offset + 4);
    int answers = u16(m, offset + 6);
    int p = offset + 12;
    for (int i = 0; i < questions; i++) {
      p = skipName(m, p, end) + 4;
      if (p > end) {
        throw fail("a question past the message's end");
      }
    }
    for (int i = 0; i < answers; i++) {
      p = skipName(m, p, end);
      if (p + 10 > end) {
        throw fail("a record header past the message's end");
      }
      int type = u16(m, p);
      if (records == 0 && i == 0 && (type != SOA || u16(m, p + 2) != IN)) {
        throw fail(
            "the first record is of type " + type + " class " + u16(m, p + 2) + ", not SOA IN");
      }
      lastType = type;
      p += 10 + u16(m, p + 8);
      if (p > end) {
        throw fail("RDATA past the message's end");
      }
    }
    messages++;
    records += answers;
    if (records > expected) {
      throw fail(records + " records, more than the " + expected + " expected");
    }
    if (records == expected) {
      if (lastType != SOA) {
        throw fail("the last record is of type " + lastType + ", not SOA");
      }
      return true;
    }
    return false;
  }

  /**
   * Answer records received so far.
   *
   * @return the sum of the messages' answer counts
   */
  long records() {
    return records;
  }

  /**
   * Messages received so far.
   *
   * @return the count
   */
  int messages() {
    return messages;
  }

  /** The position after a name: labels up to the root label or a compression pointer. */
  private int skipName(ByteBuffer m, int p, int end) throws IOException {
    while (true) {
      if (p >= end) {
        throw failName();
      }
      int len = m.get(p) & 0xff;
      if (len == 0) {
        return p + 1;
      }
      if ((len & 0xc0) == 0xc0) {
        if (p + 2 > end) {
          throw failName();
        }
        return p + 2;
      }
      if ((len & 0xc0) != 0) {
        throw failName();
      }
      p += 1 + len;
    }
  }

  private IOException failName() {
    return fail("a malformed or truncated name");
  }

  private IOException fail(String what) {
    return new IOException("AXFR message " + messages + ": " + what);
  }

  private static int u16(ByteBuffer m, int p) {
    return ((m.get(p) & 0xff) << 8) | (m.get(p + 1) & 0xff);
  }
}
