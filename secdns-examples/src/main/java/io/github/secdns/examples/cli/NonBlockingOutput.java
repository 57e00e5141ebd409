package io.github.secdns.examples.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The standard output of a long-running command ({@code serve}), written by a thread of its own so
 * that no thread of the command ever blocks on it. A standard output can block for good: a pipe
 * nobody reads, a paused terminal, a container's log driver in its default blocking mode. Printed
 * to directly, one line then held up the thread that printed it: the zone watcher (no new version
 * was published while its {@code published} line waited), the status, the NOTIFY lines.
 *
 * <p>What is written is queued as it comes (each write is a line or a batch of them) and the writer
 * thread hands it to the real output in order, one write per batch. At most {@value
 * #CAPACITY_BYTES} octets wait: beyond, while the real output does not keep up, writes are counted
 * by their lines instead of queued, and the count goes to standard error once the writer gets
 * through ({@code serve: 12 lines not printed: standard output did not keep up}). {@link #close()}
 * hands over what is still queued, waiting while the real output takes it (a write racing with
 * {@code close()} may be lost: close once the command's threads are done printing).
 *
 * <p>Text is encoded as UTF-8 (the wrapping {@link PrintStream} of {@link #around}).
 *
 * <p>Threading: any thread may write, concurrently; writes never block (until {@link #close()},
 * after which they go straight to the real output). Thread-safe.
 */
final class NonBlockingOutput extends OutputStream {

  /** Octets waiting for the real output, at most. */
  static final int CAPACITY_BYTES = 4 << 20;

  /** Octets of text without a line end queued in parts of this size. */
  static final int FLUSH_AT = 64 << 10;

  /** How long {@link #close()} waits for the real output to take anything more, at most. */
  static final long CLOSE_PATIENCE_MILLIS = 2_000;

  private final PrintStream target;
  private final PrintStream err;
  private final long capacityBytes;
  private final Queue<byte[]> queue = new ConcurrentLinkedQueue<>();
  private final AtomicLong queuedBytes = new AtomicLong();
  private final AtomicLong droppedLines = new AtomicLong();
  private final AtomicBoolean wakeUpPending = new AtomicBoolean();
  private final AtomicLong handedOver = new AtomicLong(); // batches the real output took
  private final Thread writer;
  private volatile boolean closed;

  /** The text written since the last flush. Guarded by {@code this}. */
  private byte[] pending = new byte[256];

  private int pendingLength;

  private NonBlockingOutput(PrintStream target, PrintStream err, long capacityBytes) {
    this.target = target;
    this.err = err;
    this.capacityBytes = capacityBytes;
    this.writer = new Thread(this::run, "secdns-standard-output");
    writer.setDaemon(true); // a blocked output never keeps the JVM alive
  }

  /**
   * Wraps a standard output; close the returned stream (after the last line) to hand over what is
   * still queued and end the writer thread. Closing it does not close {@code out}.
   *
   * @param out the real standard output
   * @param err where the count of lines not printed goes
   * @return a print stream whose writes never block, printing UTF-8, flushed at each line
   */
  static PrintStream around(PrintStream out, PrintStream err) {
    return around(out, err, CAPACITY_BYTES);
  }

  /** {@link #around(PrintStream, PrintStream)} with another capacity (tests). */
  static PrintStream around(PrintStream out, PrintStream err, long capacityBytes) {
    NonBlockingOutput output = new NonBlockingOutput(out, err, capacityBytes);
    output.writer.start();
    return new PrintStream(output, true, StandardCharsets.UTF_8);
  }

  @Override
  public void write(int b) {
    write(new byte[] {(byte) b}, 0, 1);
  }

  /**
   * Adds to the text of the line being written; {@link #flush()} queues it. The wrapping print
   * stream writes a line as its text, then its line separator, then flushes (at most one thread at
   * a time: it holds its own lock), so a line is queued, or counted as not printed, whole.
   */
  @Override
  public synchronized void write(byte[] b, int off, int len) {
    if (closed) {
      target.write(b, off, len); // the writer is gone: what comes after close goes straight out
      target.flush();
      return;
    }
    if (pendingLength + len > pending.length) {
      pending = Arrays.copyOf(pending, Math.max(pendingLength + len, pending.length * 2));
    }
    System.arraycopy(b, off, pending, pendingLength, len);
    pendingLength += len;
    if (pendingLength >= FLUSH_AT) {
      flush(); // a long text without a line end goes out in parts
    }
  }

  /** Queues what was written since the last flush (the wrapping print stream flushes each line). */
  @Override
  public synchronized void flush() {
    if (pendingLength == 0) {
      return;
    }
    byte[] unit = Arrays.copyOf(pending, pendingLength);
    pendingLength = 0;
    if (pending.length > FLUSH_AT) {
      pending = new byte[256]; // a long text's buffer is not kept
    }
    if (closed) {
      target.write(unit, 0, unit.length);
      target.flush();
      return;
    }
    if (queuedBytes.addAndGet(unit.length) > capacityBytes) {
      queuedBytes.addAndGet(-unit.length);
      droppedLines.addAndGet(Math.max(1, lines(unit)));
      return;
    }
    queue.add(unit);
    if (wakeUpPending.compareAndSet(false, true)) {
      LockSupport.unpark(writer);
    }
  }

  private static int lines(byte[] b) {
    int n = 0;
    for (int i = 0; i < b.length; i++) {
      if (b[i] == '\n') {
        n++;
      }
    }
    return n;
  }

  /** The writer thread: what is queued, in order, one batch at a time, until {@link #close()}. */
  private void run() {
    while (!closed) {
      if (!wakeUpPending.get()) {
        LockSupport.park(this);
        continue; // woken by a write, by close(), or for no reason
      }
      // Cleared before the queue is read: a write queued from now on wakes the writer again.
      wakeUpPending.set(false);
      handOver();
    }
  }

  /** Hands what is queued to the real output, one write, then reports lines not printed. */
  private void handOver() {
    int size = 0;
    byte[][] batch = new byte[16][];
    int count = 0;
    for (byte[] chunk; (chunk = queue.poll()) != null; ) {
      if (count == batch.length) {
        batch = Arrays.copyOf(batch, count * 2);
      }
      batch[count++] = chunk;
      size += chunk.length;
    }
    if (count > 0) {
      byte[] all = new byte[size];
      int at = 0;
      for (int i = 0; i < count; i++) {
        System.arraycopy(batch[i], 0, all, at, batch[i].length);
        at += batch[i].length;
      }
      target.write(all, 0, size); // may block: only this thread waits
      target.flush();
      queuedBytes.addAndGet(-size);
      handedOver.incrementAndGet();
    }
    reportNotPrinted(err, droppedLines.getAndSet(0), "line");
  }

  /**
   * Says on {@code err} how many lines were counted instead of printed, if any ({@code serve: 12
   * lines not printed: standard output did not keep up}).
   *
   * @param what what a line is, singular ({@code line}, {@code transfer line})
   */
  static void reportNotPrinted(PrintStream err, long notPrinted, String what) {
    if (notPrinted > 0) {
      err.println(
          "serve: "
              + notPrinted
              + " "
              + what
              + (notPrinted == 1 ? "" : "s")
              + " not printed: standard output did not keep up");
    }
  }

  /**
   * Hands over what is still queued (on this thread, once the writer has stopped), waiting while
   * the real output takes batches, and gives up after {@value #CLOSE_PATIENCE_MILLIS} ms in which
   * it took nothing: the rest is then not printed. Later writes go straight to the real output.
   * Idempotent; {@code out} stays open.
   */
  @Override
  public void close() throws IOException {
    synchronized (this) {
      if (closed) {
        return;
      }
      flush(); // a last text without a line end
      closed = true; // a write from now on goes straight out: none is left in the pending text
    }
    LockSupport.unpark(writer);
    boolean interrupted = false;
    long seen = -1;
    while (writer.isAlive() && seen != handedOver.get()) {
      seen = handedOver.get(); // the writer is handing a batch over: wait while it progresses
      try {
        writer.join(CLOSE_PATIENCE_MILLIS);
      } catch (InterruptedException e) {
        interrupted = true;
        break;
      }
    }
    if (!writer.isAlive()) {
      handOver();
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
