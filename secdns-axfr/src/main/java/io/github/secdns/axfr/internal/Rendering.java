package io.github.secdns.axfr.internal;

import io.github.secdns.core.zone.ZoneSnapshot;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A rendering that grows: the messages of one transfer answer (a version's full transfer, or an
 * incremental IXFR answer) as the render thread closes them, in order, shared by every transfer of
 * that answer while it is still being rendered, and whole once it is finished.
 *
 * <p>One thread renders ({@link ZoneRenderer#render(ZoneSnapshot, Rendering)}): it publishes each
 * message once it is closed, then completes or fails the rendering. Any number of threads read: a
 * message published is never changed, so a reader that saw {@link #published()} greater than an
 * index reads that message's body without a lock. A rendering that failed (a record too large for
 * any message) keeps the messages published before the failure: transfers that were streaming it
 * send them and then the failure reply, at the place of the failing record.
 *
 * <p>Thread-safe.
 */
public final class Rendering {

  /** Hears of a rendering's progress, on the render thread, after each message is published. */
  @FunctionalInterface
  public interface Progress {
    /**
     * A message was published.
     *
     * @param messages the messages published so far
     * @param retainedBytes the memory the rendering holds now (its arrays)
     */
    void published(int messages, long retainedBytes);

    /** Hears nothing. */
    Progress NONE = (messages, retainedBytes) -> {};
  }

  private static final CompletableFuture<Void> NOW = CompletableFuture.completedFuture(null);

  private final ZoneSnapshot snapshot;
  private final int questionLength;
  private final Progress progress;
  private final CompletableFuture<RenderedZone> result = new CompletableFuture<>();

  /** What readers may read; replaced (never changed) by the render thread. */
  private volatile Messages messages = Messages.NONE;

  /**
   * Completed, and replaced, at each publication and at the end: what a waiting reader waits on.
   */
  private volatile CompletableFuture<Void> next = new CompletableFuture<>();

  /**
   * Creates an empty rendering of an answer of a zone version.
   *
   * @param snapshot the version the answer belongs to (its origin sizes the question of message 0)
   * @param progress told of each message published
   */
  public Rendering(ZoneSnapshot snapshot, Progress progress) {
    this.snapshot = Objects.requireNonNull(snapshot, "snapshot");
    this.questionLength = snapshot.origin().length() + 4;
    this.progress = Objects.requireNonNull(progress, "progress");
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
    return messages.count;
  }

  /**
   * Returns the body of a published message as a fresh read-only buffer.
   *
   * @param index the message index, below {@link #published()}
   * @return the body octets
   */
  public ByteBuffer body(int index) {
    Messages m = messages;
    Objects.checkIndex(index, m.count);
    return ByteBuffer.wrap(m.chunks[m.chunkOf[index]], m.starts[index], m.lengths[index])
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
    Messages m = messages;
    Objects.checkIndex(index, m.count);
    return m.counts[index];
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
    if (messages.count > index || result.isDone()) {
      return NOW;
    }
    return waitFor.thenApply(v -> null); // callers' dependents never touch the shared future
  }

  /**
   * Publishes the messages closed so far (render thread only). The arrays are kept, not copied:
   * entries below {@code count} must never change again, later entries may.
   */
  void publish(
      byte[][] chunks, int[] chunkOf, int[] starts, int[] lengths, int[] counts, int count) {
    messages = new Messages(chunks, chunkOf, starts, lengths, counts, count);
    wake();
  }

  /** Tells the progress listener (render thread only), after a publication. */
  void progressed(long retainedBytes) {
    progress.published(messages.count, retainedBytes);
  }

  /** Ends the rendering well (render thread only): readers now read the finished arrays. */
  void complete(RenderedZone zone) {
    messages =
        new Messages(
            zone.chunks(),
            zone.chunkOf(),
            zone.starts(),
            zone.lengths(),
            zone.countArray(),
            zone.messageCount());
    result.complete(zone);
    wake();
  }

  /** Ends the rendering with a failure (render thread only); what was published stays readable. */
  void fail(Throwable failure) {
    result.completeExceptionally(failure);
    wake();
  }

  private void wake() {
    CompletableFuture<Void> woken = next;
    next = new CompletableFuture<>();
    woken.complete(null);
  }

  /** The published messages: arrays whose entries below {@code count} are final. */
  // A snapshot swapped as a whole and read by index, never compared or hashed.
  @SuppressWarnings("ArrayRecordComponent")
  private record Messages(
      byte[][] chunks, int[] chunkOf, int[] starts, int[] lengths, int[] counts, int count) {
    static final Messages NONE =
        new Messages(new byte[0][], new int[0], new int[0], new int[0], new int[0], 0);
  }
}
