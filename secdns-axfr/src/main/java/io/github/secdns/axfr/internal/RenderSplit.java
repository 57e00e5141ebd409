package io.github.secdns.axfr.internal;

/**
 * When a full transfer is rendered in segments on several render threads ({@link SplitRender}), and
 * into how many: a version of more than {@code aboveRecords} records is split into {@value
 * #SEGMENTS_PER_THREAD} segments per thread, of about equal record counts; smaller versions, and
 * every incremental answer, are rendered by one thread as before.
 *
 * <p>Why a threshold: a split adds work (a hand-off to another thread, about 50 microseconds, a
 * message boundary and a fresh compression table per segment, the join of the segments' tables) and
 * takes the second render thread from whatever other zone waits for it; it only saves time on one
 * rendering a secondary waits for. Rendering costs about 0.1 microsecond per record, so below
 * {@value #DEFAULT_ABOVE_RECORDS} records (at most about 6 ms, 2 to 3 MB of messages) a split saves
 * a few milliseconds at most, and a host with many mid-sized zones renders more of them at once
 * with one thread each. Above it the rendering is what the first transfer waits for (issue 15: a
 * million records take about 0.1 s, several times what sending them takes), and two threads nearly
 * halve it.
 *
 * <p>Why more segments than threads: the render threads do not progress at the same pace while the
 * JIT compilers take CPU from one of them (a cold start, issue 15), and the transfer streams the
 * segments in order; with one segment per thread it waited for the slower thread's whole half, with
 * two per thread the thread that ends first takes the last segment no thread has begun. At a
 * million records in a cold {@code serve} (10 starts per line, four lines alternating, same
 * minutes): first AXFR p50 0.124 s with one segment per thread, 0.114 s with two, p90 0.191 s and
 * 0.169 s; knotd 0.131 and 0.137 s.
 *
 * @param threads the render threads a big version's segments are shared among; 1 renders every
 *     version in one piece
 * @param aboveRecords versions of more records than this are split
 */
public record RenderSplit(int threads, int aboveRecords) {

  /** The default threshold, in records other than the SOA (see the class comment). */
  public static final int DEFAULT_ABOVE_RECORDS = 65_536;

  /** Segments of a split version per render thread (see the class comment). */
  public static final int SEGMENTS_PER_THREAD = 2;

  /** Renders every version on one thread. */
  public static final RenderSplit NONE = new RenderSplit(1, Integer.MAX_VALUE);

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException when {@code threads} is below 1 or {@code aboveRecords}
   *     negative
   */
  public RenderSplit {
    if (threads < 1) {
      throw new IllegalArgumentException("at least one thread: " + threads);
    }
    if (aboveRecords < 0) {
      throw new IllegalArgumentException("aboveRecords must not be negative: " + aboveRecords);
    }
  }

  /**
   * Returns into how many segments a version's full transfer is rendered.
   *
   * @param records the version's records other than the SOA
   * @return 1 for a version up to the threshold; else {@value #SEGMENTS_PER_THREAD} per thread, but
   *     never more than one segment per record plus one (each segment then carries at least one
   *     record or the SOA)
   */
  public int segments(int records) {
    if (threads == 1 || records <= aboveRecords) {
      return 1;
    }
    return (int) Math.min((long) threads * SEGMENTS_PER_THREAD, records + 1L);
  }

  /**
   * Returns where segment {@code segment} of {@code segments} starts among a version's records: the
   * records are shared out evenly, segment s taking {@code [start(s), start(s + 1))}.
   *
   * @param records the version's records other than the SOA
   * @param segments the segments, as {@link #segments(int)} gave
   * @param segment from 0 to {@code segments} (the latter gives {@code records})
   * @return the index of the segment's first record
   */
  static int start(int records, int segments, int segment) {
    return (int) ((long) records * segment / segments);
  }
}
