package io.github.secdns.axfr.internal;

import io.github.secdns.core.zone.ZoneSnapshot;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The answer sections of every message of a full transfer of one zone version, rendered once and
 * shared by every client that transfers that version.
 *
 * <p>Immutable and thread-safe: each body is handed out as a read-only duplicate. The body of
 * message 0 was rendered with compression offsets that assume a question of {@link
 * #questionLength()} octets after the header; later bodies assume no question.
 *
 * @param snapshot the version rendered
 * @param bodies the answer section octets of each message, in order
 * @param counts the number of records in each body
 * @param questionLength the octets of the question section that message 0 carries
 * @param records the number of records in all messages (the SOA counted twice)
 */
public record RenderedZone(
    ZoneSnapshot snapshot,
    List<ByteBuffer> bodies,
    List<Integer> counts,
    int questionLength,
    long records) {

  /** Validates and copies the lists. */
  public RenderedZone {
    bodies = List.copyOf(bodies);
    counts = List.copyOf(counts);
    if (bodies.size() != counts.size() || bodies.isEmpty()) {
      throw new IllegalArgumentException("one count per body, at least one body");
    }
  }

  /**
   * Returns the number of messages of a transfer of this version.
   *
   * @return at least 1
   */
  public int messageCount() {
    return bodies.size();
  }

  /**
   * Returns the body of one message as a fresh read-only buffer (its own position and limit).
   *
   * @param index the message index
   * @return the body octets
   */
  public ByteBuffer body(int index) {
    return bodies.get(index).asReadOnlyBuffer();
  }

  /**
   * Returns the total octets of all bodies: roughly the memory this version holds.
   *
   * @return the sum of the body sizes
   */
  public long bodyBytes() {
    long sum = 0;
    for (ByteBuffer b : bodies) {
      sum += b.remaining();
    }
    return sum;
  }
}
