package io.github.secdns.axfr.internal;

import io.github.secdns.core.zone.ZoneSnapshot;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.xbill.DNS.DNSOutput;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Renders a zone version into the answer sections of the messages of a full transfer: the SOA
 * first, every other record once, the SOA again last (RFC 5936 section 2.2).
 *
 * <p>Pure: no I/O and no shared state. Each message leaves room for the header, the question
 * (message 0 only), an OPT record and a worst-case TSIG record, and is closed once the next record
 * would take it past the target size; a message larger than the target holds a single record. A
 * record that does not fit in an empty 65535-octet message fails the rendering with {@link
 * RecordTooLargeException}. Owner names are compressed case-sensitively with a fresh table per
 * message; RDATA is written uncompressed (always allowed, and case-preserving).
 */
public final class ZoneRenderer {

  private final int targetMessageSize;

  /**
   * Creates a renderer.
   *
   * @param targetMessageSize the size a message is closed at, at most 65535
   */
  public ZoneRenderer(int targetMessageSize) {
    if (targetMessageSize < WireSizes.MIN_TARGET_MESSAGE_SIZE
        || targetMessageSize > WireSizes.MAX_MESSAGE) {
      throw new IllegalArgumentException(
          "target message size must be between "
              + WireSizes.MIN_TARGET_MESSAGE_SIZE
              + " and "
              + WireSizes.MAX_MESSAGE
              + ": "
              + targetMessageSize);
    }
    this.targetMessageSize = targetMessageSize;
  }

  /**
   * Renders one version.
   *
   * @param snapshot the version
   * @return the rendered messages
   * @throws RecordTooLargeException when a record cannot fit in any message
   * @throws CancellationException when the rendering thread is interrupted
   */
  public RenderedZone render(ZoneSnapshot snapshot) {
    List<Record> records = snapshot.records();
    List<Record> sequence =
        new java.util.AbstractList<Record>() {
          @Override
          public Record get(int index) {
            return index == 0 || index == records.size() + 1
                ? snapshot.soa()
                : records.get(index - 1);
          }

          @Override
          public int size() {
            return records.size() + 2;
          }
        };
    for (Record r : records) {
      if (r.getType() == Type.SOA) {
        throw new IllegalStateException("a snapshot holds a second SOA: " + r);
      }
    }
    return renderSequence(snapshot, sequence);
  }

  /**
   * Packs any answer sequence of a zone into messages under the same rules (for an incremental IXFR
   * answer, whose sequence holds SOAs in the middle): no check of SOA placement is made.
   *
   * @param snapshot the version the sequence belongs to (its origin sizes the question)
   * @param sequence the records in sending order
   * @return the rendered messages
   * @throws RecordTooLargeException when a record cannot fit in any message
   * @throws CancellationException when the rendering thread is interrupted
   */
  public RenderedZone renderSequence(ZoneSnapshot snapshot, List<Record> sequence) {
    int questionLength = snapshot.origin().length() + 4;
    List<ByteBuffer> bodies = new ArrayList<>();
    List<Integer> counts = new ArrayList<>();
    MessageBuilder current = new MessageBuilder(true, questionLength);
    long total = 0;
    int n = sequence.size();
    for (int i = 0; i < n; i++) {
      if ((i & 0x3FF) == 0 && Thread.currentThread().isInterrupted()) {
        throw new CancellationException("rendering of " + snapshot + " was interrupted");
      }
      Record r = sequence.get(i);
      byte[] wire = r.toWire(Section.ANSWER);
      if (!current.fits(wire.length, targetMessageSize)) {
        if (current.count > 0) {
          bodies.add(current.finish());
          counts.add(current.count);
          current = new MessageBuilder(false, questionLength);
        }
        if (!current.fits(wire.length, WireSizes.MAX_MESSAGE)) {
          throw new RecordTooLargeException(
              "record "
                  + r.getName()
                  + " "
                  + Type.string(r.getType())
                  + " of zone "
                  + snapshot.origin()
                  + " takes "
                  + wire.length
                  + " octets and does not fit in a transfer message (room: "
                  + current.room(WireSizes.MAX_MESSAGE)
                  + " octets)");
        }
      }
      current.add(r, wire);
      total++;
    }
    bodies.add(current.finish());
    counts.add(current.count);
    return new RenderedZone(snapshot, bodies, counts, questionLength, total);
  }

  /** One message being filled. */
  private static final class MessageBuilder {
    private final DNSOutput out = new DNSOutput(4096);
    private final CaseSensitiveCompressor compressor;
    private final int overhead;
    private int count;

    MessageBuilder(boolean first, int questionLength) {
      int base = WireSizes.HEADER + (first ? questionLength : 0);
      this.compressor = new CaseSensitiveCompressor(base);
      this.overhead = base + WireSizes.OPT_WITHOUT_OPTIONS + WireSizes.TSIG_RESERVE;
    }

    int room(int limit) {
      return limit - overhead - out.current();
    }

    /** Whether a record of at most {@code uncompressed} octets keeps the message within limit. */
    boolean fits(int uncompressed, int limit) {
      return uncompressed <= room(limit);
    }

    void add(Record r, byte[] uncompressed) {
      int ownerLength = r.getName().length();
      compressor.writeName(r.getName(), out);
      out.writeByteArray(uncompressed, ownerLength, uncompressed.length - ownerLength);
      count++;
    }

    ByteBuffer finish() {
      return ByteBuffer.wrap(out.toByteArray()).asReadOnlyBuffer();
    }
  }
}
