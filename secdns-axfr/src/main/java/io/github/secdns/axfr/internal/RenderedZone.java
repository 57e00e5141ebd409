package io.github.secdns.axfr.internal;

import io.github.secdns.core.zone.ZoneSnapshot;
import java.nio.ByteBuffer;
import java.util.AbstractList;
import java.util.List;
import java.util.Objects;

/**
 * The answer sections of every message of a transfer of one zone version, rendered once and shared
 * by every client that transfers that version.
 *
 * <p>The bodies lie back to back in a few large arrays (chunks of at most half a mebibyte), so a
 * rendering costs its wire size plus twelve octets per message, and a small zone one array.
 * Immutable and thread-safe: each body is handed out as a read-only view. The body of message 0 was
 * rendered with compression offsets that assume a question of {@link #questionLength()} octets
 * after the header; later bodies assume no question.
 */
public final class RenderedZone {

  private final ZoneSnapshot snapshot;
  private final byte[][] chunks;
  private final int[] chunkOf;
  private final int[] starts;
  private final int[] lengths;
  private final int[] counts;
  private final int questionLength;
  private final long records;

  /**
   * Creates a rendering; the arrays are kept, not copied (the renderer hands them over).
   *
   * @param snapshot the version rendered
   * @param chunks the arrays holding the bodies
   * @param chunkOf per message, the chunk its body is in
   * @param starts per message, where its body starts in its chunk
   * @param lengths per message, its body's length
   * @param counts per message, the records in its body
   * @param questionLength the octets of the question section that message 0 carries
   * @param records the number of records in all messages (the SOA counted twice)
   */
  RenderedZone(
      ZoneSnapshot snapshot,
      byte[][] chunks,
      int[] chunkOf,
      int[] starts,
      int[] lengths,
      int[] counts,
      int questionLength,
      long records) {
    if (counts.length == 0
        || chunkOf.length != counts.length
        || starts.length != counts.length
        || lengths.length != counts.length) {
      throw new IllegalArgumentException(
          "one chunk, start, length and count per body, at least one");
    }
    this.snapshot = Objects.requireNonNull(snapshot, "snapshot");
    this.chunks = chunks;
    this.chunkOf = chunkOf;
    this.starts = starts;
    this.lengths = lengths;
    this.counts = counts;
    this.questionLength = questionLength;
    this.records = records;
  }

  /**
   * Joins the segments of one transfer, rendered separately ({@link SplitRender}), into the
   * rendering of the whole: their messages one after the other, the arrays kept, not copied.
   *
   * @param segments the segments in order, the first holding message 0
   * @return the whole rendering; it retains what the segments retained together
   */
  static RenderedZone concatenation(List<RenderedZone> segments) {
    RenderedZone first = segments.get(0);
    int chunkCount = 0;
    int messages = 0;
    long records = 0;
    for (RenderedZone s : segments) {
      chunkCount += s.chunks.length;
      messages += s.counts.length;
      records += s.records;
    }
    byte[][] chunks = new byte[chunkCount][];
    int[] chunkOf = new int[messages];
    int[] starts = new int[messages];
    int[] lengths = new int[messages];
    int[] counts = new int[messages];
    int c = 0;
    int m = 0;
    for (RenderedZone s : segments) {
      System.arraycopy(s.chunks, 0, chunks, c, s.chunks.length);
      int n = s.counts.length;
      for (int i = 0; i < n; i++) {
        chunkOf[m + i] = c + s.chunkOf[i];
      }
      System.arraycopy(s.starts, 0, starts, m, n);
      System.arraycopy(s.lengths, 0, lengths, m, n);
      System.arraycopy(s.counts, 0, counts, m, n);
      c += s.chunks.length;
      m += n;
    }
    return new RenderedZone(
        first.snapshot, chunks, chunkOf, starts, lengths, counts, first.questionLength, records);
  }

  /**
   * Returns the version rendered.
   *
   * @return the snapshot
   */
  public ZoneSnapshot snapshot() {
    return snapshot;
  }

  /**
   * Returns the number of messages of a transfer of this version.
   *
   * @return at least 1
   */
  public int messageCount() {
    return counts.length;
  }

  /**
   * Returns the body of one message as a fresh read-only buffer (its own position and limit).
   *
   * @param index the message index
   * @return the body octets
   */
  public ByteBuffer body(int index) {
    return ByteBuffer.wrap(chunks[chunkOf[index]], starts[index], lengths[index])
        .slice()
        .asReadOnlyBuffer();
  }

  /**
   * Returns the number of records in one message.
   *
   * @param index the message index
   * @return the count
   */
  public int count(int index) {
    return counts[index];
  }

  /**
   * Returns the number of records in each message.
   *
   * @return an unmodifiable list view
   */
  public List<Integer> counts() {
    return new AbstractList<Integer>() {
      @Override
      public Integer get(int index) {
        return counts[index];
      }

      @Override
      public int size() {
        return counts.length;
      }
    };
  }

  /**
   * Returns the octets of the question section that message 0 carries.
   *
   * @return the length
   */
  public int questionLength() {
    return questionLength;
  }

  /**
   * Returns the number of records in all messages (the SOA counted twice in a full transfer).
   *
   * @return the count
   */
  public long records() {
    return records;
  }

  /**
   * Returns the total octets of all bodies.
   *
   * @return the sum of the body sizes
   */
  public long bodyBytes() {
    long sum = 0;
    for (int length : lengths) {
      sum += length;
    }
    return sum;
  }

  /**
   * Returns the memory this rendering holds: its arrays.
   *
   * @return octets, about {@link #bodyBytes()} plus 16 per message
   */
  public long retainedBytes() {
    long sum = 16L * counts.length;
    for (byte[] chunk : chunks) {
      sum += chunk.length;
    }
    return sum;
  }

  // The arrays, for a Rendering that reads them after it finished (same package, not copied).

  byte[][] chunks() {
    return chunks;
  }

  int[] chunkOf() {
    return chunkOf;
  }

  int[] starts() {
    return starts;
  }

  int[] lengths() {
    return lengths;
  }

  int[] countArray() {
    return counts;
  }
}
