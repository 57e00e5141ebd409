package io.github.secdns.axfr.internal;

import io.github.secdns.core.zone.ZoneSnapshot;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A rendering that grows: the messages of one transfer answer (a version's full transfer, or an
 * incremental IXFR answer) as the render threads close them, in order, shared by every transfer of
 * that answer while it is still being rendered, and whole once it is finished.
 *
 * <p>It is written as one or more <em>segments</em>, each a run of consecutive messages rendered by
 * one thread ({@link ZoneRenderer#render(ZoneSnapshot, Rendering)} writes a single segment; {@link
 * SplitRender} writes a big zone's full transfer as several, on several threads). A segment
 * publishes each message once it is closed; a segment's messages become readable only once every
 * segment before it has ended, so readers always see a prefix of the final sequence of messages,
 * growing in order. Then the rendering is completed, or failed. Any number of threads read: a
 * message published is never changed, so a reader that saw {@link #published()} greater than an
 * index reads that message's body without a lock. A rendering that failed (a record too large for
 * any message, an interruption) keeps the messages readable before the failure: transfers that were
 * streaming it send them and then the failure reply, at the place of the failing record.
 *
 * <p>Thread-safe.
 */
public final class Rendering {

  /** Hears of a rendering's progress, on a render thread, after each message is published. */
  @FunctionalInterface
  public interface Progress {
    /**
     * A message was published (it may not be readable yet: a later segment's message is readable
     * once the segments before it have ended). Called by each segment's thread, so possibly by
     * several threads at once.
     *
     * @param messages the messages readable now
     * @param grownBy the octets the rendering's arrays grew by since the same segment's previous
     *     report (the sum of every report is the memory the rendering holds)
     */
    void published(int messages, long grownBy);

    /** Hears nothing. */
    Progress NONE = (messages, grownBy) -> {};
  }

  private static final CompletableFuture<Void> NOW = CompletableFuture.completedFuture(null);

  private final ZoneSnapshot snapshot;
  private final int questionLength;
  private final Progress progress;
  private final CompletableFuture<RenderedZone> result = new CompletableFuture<>();

  /** Per segment, its latest publication. Guarded by this. */
  private final Messages[] segments;

  /** Per segment, whether it ended well (all its messages published). Guarded by this. */
  private final boolean[] ended;

  /** What readers may read; replaced (never changed) by the render threads. */
  private volatile View view = View.NONE;

  /**
   * Completed, and replaced, at each publication and at the end: what a waiting reader waits on.
   */
  private volatile CompletableFuture<Void> next = new CompletableFuture<>();

  /**
   * Creates an empty rendering of an answer of a zone version, written as one segment.
   *
   * @param snapshot the version the answer belongs to (its origin sizes the question of message 0)
   * @param progress told of each message published
   */
  public Rendering(ZoneSnapshot snapshot, Progress progress) {
    this(snapshot, progress, 1);
  }

  /**
   * Creates an empty rendering written as {@code segments} segments.
   *
   * @param snapshot the version the answer belongs to (its origin sizes the question of message 0)
   * @param progress told of each message published
   * @param segments how many segments write into it, at least one
   */
  Rendering(ZoneSnapshot snapshot, Progress progress, int segments) {
    if (segments < 1) {
      throw new IllegalArgumentException("at least one segment: " + segments);
    }
    this.snapshot = Objects.requireNonNull(snapshot, "snapshot");
    this.questionLength = snapshot.origin().length() + 4;
    this.progress = Objects.requireNonNull(progress, "progress");
    this.segments = new Messages[segments];
    Arrays.fill(this.segments, Messages.NONE);
    this.ended = new boolean[segments];
  }

  /**
   * Wraps a finished rendering.
   *
   * @param zone the rendering
   * @return a complete rendering of it
   */
  public static Rendering of(RenderedZone zone) {
    Rendering r = new Rendering(zone.snapshot(), Progress.NONE);
    r.complete(zone);
    return r;
  }

  /**
   * Returns a rendering that failed before any message.
   *
   * @param snapshot the version
   * @param failure why
   * @return a failed rendering
   */
  static Rendering failed(ZoneSnapshot snapshot, Throwable failure) {
    Rendering r = new Rendering(snapshot, Progress.NONE);
    r.fail(failure);
    return r;
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
   * Returns the octets of the question section that message 0 assumes.
   *
   * @return the length
   */
  public int questionLength() {
    return questionLength;
  }

  /**
   * Returns how many messages can be read now.
   *
   * @return the count; once the rendering succeeded, all of its messages
   */
  public int published() {
    return view.count;
  }

  /**
   * Returns the body of a published message as a fresh read-only buffer.
   *
   * @param index the message index, below {@link #published()}
   * @return the body octets
   */
  public ByteBuffer body(int index) {
    View v = view;
    Objects.checkIndex(index, v.count);
    int s = v.segmentOf(index);
    Messages m = v.segments[s];
    int i = index - v.firsts[s];
    return ByteBuffer.wrap(m.chunks[m.chunkOf[i]], m.starts[i], m.lengths[i])
        .slice()
        .asReadOnlyBuffer();
  }

  /**
   * Returns the number of records in a published message.
   *
   * @param index the message index, below {@link #published()}
   * @return the count
   */
  public int count(int index) {
    View v = view;
    Objects.checkIndex(index, v.count);
    int s = v.segmentOf(index);
    return v.segments[s].counts[index - v.firsts[s]];
  }

  /**
   * Tells whether the rendering ended, well or not.
   *
   * @return true once complete or failed
   */
  public boolean isDone() {
    return result.isDone();
  }

  /**
   * Returns why the rendering failed, once it has.
   *
   * @return the failure; empty while it runs and when it succeeded
   */
  public Optional<Throwable> failure() {
    if (!result.isCompletedExceptionally()) {
      return Optional.empty();
    }
    try {
      result.join();
      return Optional.empty();
    } catch (CompletionException e) {
      return Optional.of(e.getCause() != null ? e.getCause() : e);
    } catch (RuntimeException e) {
      return Optional.of(e);
    }
  }

  /**
   * Returns the finished rendering.
   *
   * @return completes with it, or exceptionally with the failure
   */
  public CompletableFuture<RenderedZone> result() {
    return result.copy();
  }

  /**
   * Returns what completes once message {@code index} is published or the rendering ends.
   *
   * @param index a message index
   * @return a completed future when either is already the case
   */
  public CompletableFuture<Void> whenPublished(int index) {
    // Read the future first: a publication after this read completes it.
    CompletableFuture<Void> waitFor = next;
    if (view.count > index || result.isDone()) {
      return NOW;
    }
    return waitFor.thenApply(v -> null); // callers' dependents never touch the shared future
  }

  /**
   * Publishes the messages a segment closed so far (that segment's thread only). The arrays are
   * kept, not copied: entries below {@code count} must never change again, later entries may. The
   * messages become readable now if every earlier segment has ended, else when they all have.
   */
  void publish(
      int segment,
      byte[][] chunks,
      int[] chunkOf,
      int[] starts,
      int[] lengths,
      int[] counts,
      int count) {
    Messages m = new Messages(chunks, chunkOf, starts, lengths, counts, count);
    synchronized (this) {
      segments[segment] = m;
      refresh();
    }
  }

  /**
   * Tells that a segment ended well (its thread only, after its last publication): the messages of
   * the segments after it that were waiting for it become readable.
   */
  void endSegment(int segment) {
    synchronized (this) {
      ended[segment] = true;
      refresh();
    }
  }

  /** Makes readable the segments whose predecessors all ended, and wakes readers on growth. */
  private void refresh() {
    int readable = 0;
    while (readable < segments.length - 1 && ended[readable]) {
      readable++;
    }
    View now = View.of(Arrays.copyOf(segments, readable + 1));
    if (now.count != view.count) {
      view = now;
      wake();
    }
  }

  /** Tells the progress listener (a segment's thread), after that segment's publication. */
  void progressed(long grownBy) {
    progress.published(view.count, grownBy);
  }

  /** Ends the rendering well: readers now read the finished arrays. */
  void complete(RenderedZone zone) {
    view =
        View.of(
            new Messages[] {
              new Messages(
                  zone.chunks(),
                  zone.chunkOf(),
                  zone.starts(),
                  zone.lengths(),
                  zone.countArray(),
                  zone.messageCount())
            });
    result.complete(zone);
    wake();
  }

  /** Ends the rendering with a failure; what was readable stays readable. */
  void fail(Throwable failure) {
    result.completeExceptionally(failure);
    wake();
  }

  private void wake() {
    CompletableFuture<Void> woken = next;
    next = new CompletableFuture<>();
    woken.complete(null);
  }

  /** One segment's published messages: arrays whose entries below {@code count} are final. */
  // A snapshot swapped as a whole and read by index, never compared or hashed.
  @SuppressWarnings("ArrayRecordComponent")
  private record Messages(
      byte[][] chunks, int[] chunkOf, int[] starts, int[] lengths, int[] counts, int count) {
    static final Messages NONE =
        new Messages(new byte[0][], new int[0], new int[0], new int[0], new int[0], 0);
  }

  /**
   * What readers read: consecutive segments' messages, {@code firsts[s]} the index of segment s's
   * first message, {@code count} the messages of them all.
   */
  @SuppressWarnings("ArrayRecordComponent")
  private record View(Messages[] segments, int[] firsts, int count) {
    static final View NONE = of(new Messages[] {Messages.NONE});

    static View of(Messages[] segments) {
      int[] firsts = new int[segments.length];
      int count = 0;
      for (int s = 0; s < segments.length; s++) {
        firsts[s] = count;
        count += segments[s].count;
      }
      return new View(segments, firsts, count);
    }

    /** The segment holding message {@code index} (a few segments at most: a linear search). */
    int segmentOf(int index) {
      int s = segments.length - 1;
      while (firsts[s] > index) {
        s--;
      }
      return s;
    }
  }
}
