package io.github.secdns.axfr.internal;

import io.github.secdns.core.zone.ZoneSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * One version's full transfer rendered as several segments on several threads (issue 15): segment 0
 * is the SOA and the first records, the last segment the last records and the SOA again, each
 * segment starting a new message ({@link ZoneRenderer#renderSegment}). DNS messages are independent
 * (name compression never reaches across messages), so the segments are rendered at once and their
 * messages sent one after the other.
 *
 * <p>Publication stays in order: each segment publishes its messages into the shared {@link
 * Rendering} as it closes them, and the rendering makes a segment's messages readable only once
 * every segment before it has ended; a transfer streams segment 0 while the others render, then
 * finds their messages rendered already. When every segment has ended the rendering completes with
 * their {@linkplain RenderedZone#concatenation concatenation}. When a segment fails (a record too
 * large for any message, an interruption), the rendering fails once every segment before it has
 * ended, so readers get every message before the failing record and then the failure, as for a
 * rendering on one thread; the segments after it are stopped and their messages never read. An
 * earlier segment's failure wins over a later one's.
 *
 * <p>No thread ever waits for another: {@link #run} hands segments 1 and later to the executor,
 * renders segment 0, then renders any segment no thread has taken yet (the executor may be busy
 * with other zones, or shut down), and returns; whichever thread ends the last segment completes
 * the rendering. So a split rendering never holds more threads than the executor's, and never
 * deadlocks on a pool whose threads all render.
 *
 * <p>Thread-safe: segments are claimed atomically; the outcome is decided under a lock.
 */
final class SplitRender {

  /**
   * Hears how a split rendering ends, on the thread that ends it, just before the rendering is
   * completed or failed.
   */
  interface Ended {
    /**
     * Every segment ended well; the rendering is completed with the whole next.
     *
     * @param whole the segments joined
     */
    void completed(RenderedZone whole);

    /**
     * A segment failed; the rendering is failed next, after the messages before the failing record.
     *
     * @param failure the earliest segment's failure
     */
    void failed(Throwable failure);
  }

  private final ZoneRenderer renderer;
  private final ZoneSnapshot snapshot;
  private final Rendering into;
  private final int segments;
  private final Ended ended;

  /** Per segment: 0 free, 1 taken by a thread. */
  private final AtomicIntegerArray taken;

  /** Per segment, its messages once it ended well. Guarded by this. */
  private final RenderedZone[] done;

  /** Per segment, why it failed. Guarded by this. */
  private final Throwable[] failures;

  /** Whether the outcome was decided. Guarded by this. */
  private boolean settled;

  /** The first segment that failed: the segments after it are no longer wanted. */
  private volatile int firstFailed = Integer.MAX_VALUE;

  /**
   * Prepares a split rendering.
   *
   * @param renderer renders each segment
   * @param snapshot the version
   * @param into the rendering to write, created for {@code segments} segments
   * @param segments how many, at least 2 and at most one more than the version's records
   * @param ended told once, on the thread that ends the rendering, just before {@code into} ends
   */
  SplitRender(
      ZoneRenderer renderer, ZoneSnapshot snapshot, Rendering into, int segments, Ended ended) {
    if (segments < 2 || segments > (snapshot.size() - 1) + 1L) {
      throw new IllegalArgumentException(
          segments + " segments for " + (snapshot.size() - 1) + " records");
    }
    this.renderer = Objects.requireNonNull(renderer, "renderer");
    this.snapshot = Objects.requireNonNull(snapshot, "snapshot");
    this.into = Objects.requireNonNull(into, "into");
    this.segments = segments;
    this.ended = Objects.requireNonNull(ended, "ended");
    this.taken = new AtomicIntegerArray(segments);
    this.done = new RenderedZone[segments];
    this.failures = new Throwable[segments];
  }

  /**
   * Renders: hands the later segments to {@code executor}, renders segment 0 on this thread, then
   * every segment no other thread has taken. Returns without waiting for the others.
   *
   * @param executor where the later segments may run (a task that finds its segment taken does
   *     nothing)
   */
  void run(Executor executor) {
    for (int s = 1; s < segments; s++) {
      int segment = s;
      try {
        executor.execute(() -> render(segment));
      } catch (RejectedExecutionException e) {
        break; // rendered on this thread below
      }
    }
    for (int s = 0; s < segments; s++) {
      render(s);
    }
  }

  /** Renders one segment unless a thread has taken it already. */
  private void render(int segment) {
    if (!taken.compareAndSet(segment, 0, 1)) {
      return;
    }
    int records = snapshot.size() - 1;
    RenderedZone part;
    try {
      part =
          renderer.renderSegment(
              snapshot,
              RenderSplit.start(records, segments, segment),
              RenderSplit.start(records, segments, segment + 1),
              segment == segments - 1,
              into,
              segment,
              () -> firstFailed < segment,
              true);
    } catch (RuntimeException | Error e) {
      synchronized (this) {
        failures[segment] = e;
        firstFailed = Math.min(firstFailed, segment);
      }
      settle();
      return;
    }
    into.endSegment(segment);
    synchronized (this) {
      done[segment] = part;
    }
    settle();
  }

  /**
   * Ends the rendering once its outcome is known: every segment ended well, or one failed and every
   * segment before it ended well.
   */
  private void settle() {
    Optional<Throwable> failure = Optional.empty();
    List<RenderedZone> parts = new ArrayList<>(segments);
    synchronized (this) {
      if (settled) {
        return;
      }
      for (int s = 0; s < segments && failure.isEmpty(); s++) {
        if (failures[s] != null) {
          failure = Optional.of(failures[s]);
        } else if (done[s] == null) {
          return; // still rendering: its thread settles when it ends
        } else {
          parts.add(done[s]);
        }
      }
      settled = true;
    }
    // The listener first: whoever sees the rendering end sees the bookkeeping done.
    if (failure.isPresent()) {
      ended.failed(failure.get());
      into.fail(failure.get());
    } else {
      RenderedZone whole = RenderedZone.concatenation(parts);
      ended.completed(whole);
      into.complete(whole);
    }
  }
}
