package io.github.secdns.examples.cli;

import io.github.secdns.axfr.TransferFailure;
import io.github.secdns.axfr.TransferListener;
import io.github.secdns.axfr.TransferRefusal;
import io.github.secdns.axfr.TransferRequest;
import io.github.secdns.axfr.TransferStats;
import io.github.secdns.core.serial.SerialNumber;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * The {@code transfer} and {@code refused} lines of {@code serve}, one per event, printed by a
 * thread of their own: the responder reports its events on its I/O thread, which must never block
 * (the {@link TransferListener} contract), and standard output can block (a pipe nobody reads, a
 * paused terminal, a slow log collector). Printed there, one line held up every client of the
 * responder; and each line was a system call of the I/O thread's.
 *
 * <p>An event is passed on to {@code next} (the status) on the caller's thread, then queued; the
 * first event queued while the printer sleeps wakes it, and it prints {@value #GATHER_MILLIS} ms
 * later whatever came meanwhile, formatted, in one write per batch: a busy responder's I/O thread
 * wakes the printer once per batch, not once per line (a wake-up is a system call of its own), a
 * quiet one's lines come out that much later. At most {@value #CAPACITY} events wait: beyond that,
 * while standard output does not keep up, events are counted instead of queued, and the count is
 * printed on standard error once the printer gets through ({@code serve: 12 transfer lines not
 * printed: standard output did not keep up}). The status still counts them.
 *
 * <p>Threading: the listener methods are called on the responder's threads, concurrently, and never
 * block; {@link #close()} prints what is still queued (close the responder first). Thread-safe.
 */
final class TransferLines implements TransferListener, AutoCloseable {

  /** Events waiting to be printed, at most. */
  static final int CAPACITY = 16_384;

  /** Lines formatted into one write, at most. */
  static final int BATCH = 1_024;

  /** How long the printer, once woken, lets events gather before it prints them. */
  static final long GATHER_MILLIS = 20;

  /** How long {@link #close()} waits for a printer stuck in a write (standard output blocked). */
  static final long CLOSE_WAIT_SECONDS = 10;

  private final PrintStream out;
  private final PrintStream err;
  private final TransferListener next;
  private final int capacity;
  private final Queue<Object> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger(); // the queue's size, without a walk
  private final AtomicBoolean wakeUpPending = new AtomicBoolean();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Thread printer;

  private TransferLines(PrintStream out, PrintStream err, TransferListener next, int capacity) {
    this.out = out;
    this.err = err;
    this.next = next;
    this.capacity = capacity;
    this.printer = new Thread(this::print, "secdns-serve-transfer-lines");
    printer.setDaemon(true); // never keeps a stopping serve alive; close() prints what is left
  }

  /**
   * Starts the printer.
   *
   * @param out where the lines go
   * @param err where the count of lines not printed goes
   * @param next the listener every event goes to first, on the caller's thread (the status)
   * @return the lines, printing until {@link #close()}
   */
  static TransferLines start(PrintStream out, PrintStream err, TransferListener next) {
    return start(out, err, next, CAPACITY);
  }

  /** {@link #start(PrintStream, PrintStream, TransferListener)} with another capacity (tests). */
  static TransferLines start(
      PrintStream out, PrintStream err, TransferListener next, int capacity) {
    TransferLines lines = new TransferLines(out, err, next, capacity);
    lines.printer.start();
    return lines;
  }

  @Override
  public void started(TransferRequest request, SerialNumber serial) {
    next.started(request, serial);
  }

  @Override
  public void completed(TransferStats stats) {
    next.completed(stats);
    queue(stats);
  }

  @Override
  public void failed(TransferFailure failure) {
    next.failed(failure);
    queue(failure);
  }

  @Override
  public void refused(TransferRefusal refusal) {
    next.refused(refusal);
    queue(refusal);
  }

  private void queue(Object event) {
    if (closed.get() || queued.incrementAndGet() > capacity) {
      queued.decrementAndGet();
      dropped.incrementAndGet();
      return;
    }
    queue.add(event);
    if (wakeUpPending.compareAndSet(false, true)) {
      LockSupport.unpark(printer);
    }
  }

  /** The printer's loop: a batch at a time, until interrupted by {@link #close()}. */
  private void print() {
    List<Object> batch = new ArrayList<>();
    while (!Thread.currentThread().isInterrupted()) {
      if (!wakeUpPending.get()) {
        LockSupport.park(this);
        continue; // woken: by an event (the flag is set), by close(), or for no reason
      }
      try {
        TimeUnit.MILLISECONDS.sleep(GATHER_MILLIS);
      } catch (InterruptedException e) {
        return; // close() prints what is left
      }
      // Cleared before the queue is read: an event queued from now on wakes the printer again.
      wakeUpPending.set(false);
      for (Object event; (event = queue.poll()) != null; ) {
        queued.decrementAndGet();
        batch.add(event);
        if (batch.size() == BATCH) {
          printBatch(batch);
          batch.clear();
        }
      }
      if (!batch.isEmpty() || dropped.get() > 0) {
        printBatch(batch);
        batch.clear();
      }
    }
  }

  private void printBatch(List<Object> batch) {
    StringBuilder text = new StringBuilder(batch.size() * 96);
    for (Object event : batch) {
      text.append(line(event)).append(System.lineSeparator());
    }
    if (!batch.isEmpty()) {
      // One print: one write of the batch (a few for a large one), flushed once.
      out.print(text);
      out.flush();
    }
    NonBlockingOutput.reportNotPrinted(err, dropped.getAndSet(0), "transfer line");
  }

  /** The line of one event, as {@code serve} has always printed it. */
  static String line(Object event) {
    if (event instanceof TransferStats s) {
      return "transfer "
          + Type.string(s.request().qtype())
          + " "
          + s.request().zone()
          + " serial "
          + s.serial()
          + " to "
          + Addresses.format(s.request().client())
          + " over "
          + s.request().transport()
          + ": "
          + s.records()
          + " records in "
          + s.messages()
          + (s.messages() == 1 ? " message" : " messages");
    }
    if (event instanceof TransferFailure f) {
      return "transfer "
          + f.soFar().request().zone()
          + " to "
          + Addresses.format(f.soFar().request().client())
          + " failed: "
          + f.reason();
    }
    TransferRefusal r = (TransferRefusal) event;
    return "refused "
        + r.qname().map(Name::toString).orElse("?")
        + " "
        + (r.qtype().isPresent() ? Type.string(r.qtype().getAsInt()) : "")
        + " from "
        + Addresses.format(r.client())
        + ": "
        + r.rcodeName()
        + " ("
        + r.reason()
        + ")";
  }

  /**
   * Stops the printer and prints what is still queued, on this thread. Close the responder first:
   * an event that comes after this is counted as not printed. When standard output stays blocked,
   * gives up after {@value #CLOSE_WAIT_SECONDS} s (what is queued is then not printed). Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    printer.interrupt();
    boolean interrupted = false;
    try {
      printer.join(TimeUnit.SECONDS.toMillis(CLOSE_WAIT_SECONDS));
    } catch (InterruptedException e) {
      interrupted = true;
    }
    if (!printer.isAlive()) {
      List<Object> rest = new ArrayList<>();
      for (Object event; (event = queue.poll()) != null; ) {
        rest.add(event);
      }
      if (!rest.isEmpty() || dropped.get() > 0) {
        printBatch(rest);
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
