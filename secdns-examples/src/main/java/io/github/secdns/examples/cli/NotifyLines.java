package io.github.secdns.examples.cli;

import io.github.secdns.axfr.notify.NotifyListener;
import io.github.secdns.axfr.notify.NotifyOutcome;
import io.github.secdns.core.config.NotifyTarget;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.annotation.Nullable;
import org.xbill.DNS.Rcode;

/**
 * The {@code notify} lines of a serve over many zones: the first {@value #LISTED} NOTIFY outcomes
 * (at start, and again after a {@link #PERIOD} without any) get their own line as before ({@code
 * notify Acknowledged[example.com. 1 by 127.0.0.2:53 after 1 tries, NOERROR]}); after them, each
 * target's outcomes are counted, and one line per target and {@link #PERIOD} sums them up, for the
 * targets that had outcomes in it:
 *
 * <pre>
 * notify 127.0.0.2:53 in the last 10 s: 9,871 acknowledged, 12 failed (3 unanswered, 9 REFUSED)
 * </pre>
 *
 * A startup NOTIFY fan-out over a zone directory or a database of 100,000 zones printed 100,000
 * lines or more (one per zone and target), which nobody reads and which drown the lines that
 * matter. A failure is never hidden: the first failure of a target gets its own line at once (for
 * about {@value #LISTED} failing targets, so that a host whose every target fails still prints a
 * bounded number), every other failure is counted by kind (unanswered, or the RCODE of the
 * rejection). An outcome that got its own line is not counted again in a summary.
 *
 * <p>Threading: {@link #onOutcome} is called on the NOTIFY sender's threads, concurrently, and
 * never blocks (the listener's contract): it counts with atomics and queues the lines to print,
 * which the printer prints. {@link #tick()} and {@link #flush()} print; {@link #start} runs them on
 * a daemon thread of its own, which {@link #close()} stops before printing what is pending.
 * Thread-safe.
 */
final class NotifyLines implements NotifyListener, AutoCloseable {

  /** How many outcomes are printed one by one, and for about how many targets a first failure. */
  static final int LISTED = 10;

  /** How long a summary line counts for: one line per target at most this often. */
  static final Duration PERIOD = Duration.ofSeconds(10);

  /** How often the thread of {@link #start} looks at the clock for the end of a period. */
  static final Duration TICK = Duration.ofSeconds(1);

  private final PrintStream out;
  private final Clock clock;
  private final Executor printer;
  @Nullable private final ScheduledExecutorService thread;

  /** The lines of the outcomes printed one by one, until the printer prints them. */
  private final Queue<String> queued = new ConcurrentLinkedQueue<>();

  /** Whether a print of the queued lines is handed to the printer and has not begun yet. */
  private final AtomicBoolean printPending = new AtomicBoolean();

  private final AtomicInteger listed = new AtomicInteger();

  /** Whether an outcome got its own line since the period began. */
  private final AtomicBoolean listedInPeriod = new AtomicBoolean();

  /** The targets whose first failure was printed on its own line. */
  private final Set<NotifyTarget> failureListed = ConcurrentHashMap.newKeySet();

  /** What each target had since the period began, by target without its key. */
  private final ConcurrentMap<NotifyTarget, Counts> counts = new ConcurrentHashMap<>();

  private final AtomicBoolean closed = new AtomicBoolean();

  /** Guarded by {@code this}. */
  private Instant periodStart;

  /**
   * Lines printed by the caller: nothing runs by itself. The lines of the first outcomes are
   * printed through {@code printer} (a test passes {@code Runnable::run} to print them at once);
   * the summaries when {@link #tick()} or {@link #flush()} is called.
   *
   * @param out where the lines go
   * @param clock what tells when a period ends and how long it was
   * @param printer where the lines of the first outcomes are printed, soon after they come
   */
  NotifyLines(PrintStream out, Clock clock, Executor printer) {
    this(out, clock, printer, null);
  }

  private NotifyLines(
      PrintStream out, Clock clock, Executor printer, @Nullable ScheduledExecutorService thread) {
    this.out = out;
    this.clock = clock;
    this.printer = printer;
    this.thread = thread;
    this.periodStart = clock.instant();
  }

  /**
   * Lines printed on a daemon thread of their own: the first outcomes' as they come, a summary per
   * target at the end of each {@link #PERIOD} of {@code clock} (looked at every {@link #TICK}).
   * {@link #close()} ends the thread.
   *
   * @param out where the lines go
   * @param clock what tells when a period ends and how long it was (the program's {@link Io#clock})
   * @return the lines, printing
   */
  static NotifyLines start(PrintStream out, Clock clock) {
    ScheduledExecutorService thread =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread t = new Thread(task, "secdns-notify-lines");
              t.setDaemon(true);
              return t;
            });
    NotifyLines lines = new NotifyLines(out, clock, thread, thread);
    // Printing throws nothing, so the periodic task never ends by itself; its future is not read.
    var unused =
        thread.scheduleWithFixedDelay(
            lines::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    return lines;
  }

  /**
   * Counts an outcome, or queues its line for the printer if it is one of the first or its target's
   * first failure. Never blocks; called on the sender's threads.
   *
   * @param outcome the outcome
   */
  @Override
  public void onOutcome(NotifyOutcome outcome) {
    // Counted per address and port: a target's key does not make it another target.
    NotifyTarget target =
        new NotifyTarget(outcome.target().address(), outcome.target().port(), Optional.empty());
    boolean failure =
        outcome instanceof NotifyOutcome.Rejected || outcome instanceof NotifyOutcome.Unanswered;
    if (listedOnItsOwn(target, failure)) {
      listedInPeriod.set(true);
      queued.add("notify " + outcome);
      if (printPending.compareAndSet(false, true)) {
        try {
          printer.execute(this::printQueued);
        } catch (RejectedExecutionException closing) {
          // The thread is stopping: close() prints what is queued.
          printPending.set(false);
        }
      }
      return;
    }
    Counts c = counts.get(target);
    if (c == null) {
      c = counts.computeIfAbsent(target, t -> new Counts());
    }
    c.add(outcome);
  }

  /** Whether the outcome gets its own line: one of the first, or its target's first failure. */
  private boolean listedOnItsOwn(NotifyTarget target, boolean failure) {
    // get() first: the count stops growing once the first are listed (no overflow in a long run).
    if (listed.get() < LISTED && listed.getAndIncrement() < LISTED) {
      if (failure) {
        failureListed.add(target);
      }
      return true;
    }
    // size() then add(): racing threads may list a few more failing targets, never unbounded.
    return failure && failureListed.size() < LISTED && failureListed.add(target);
  }

  /** Prints the queued lines of the first outcomes. */
  private void printQueued() {
    // Cleared before draining: a line queued meanwhile either is drained now or hands the printer
    // a print of its own.
    printPending.set(false);
    for (String line; (line = queued.poll()) != null; ) {
      out.println(line);
    }
    out.flush();
  }

  /**
   * Prints the queued lines, and the summaries if the period has ended by the clock. The thread of
   * {@link #start} calls it every {@link #TICK}; a test calls it after moving its clock.
   */
  void tick() {
    printQueued();
    synchronized (this) {
      Instant now = clock.instant();
      if (!now.isBefore(periodStart.plus(PERIOD))) {
        summarize(now);
      }
    }
  }

  /** Prints the queued lines and the summaries of the period so far, ending the period now. */
  void flush() {
    printQueued();
    synchronized (this) {
      summarize(clock.instant());
    }
  }

  /** One line per target with outcomes since the period began, in the order of the targets. */
  private void summarize(Instant now) {
    String period = " in the last " + duration(Duration.between(periodStart, now)) + ": ";
    periodStart = now;
    SortedMap<String, Taken> byTarget = new TreeMap<>();
    for (Map.Entry<NotifyTarget, Counts> e : counts.entrySet()) {
      Taken taken = e.getValue().take();
      if (!taken.none()) {
        byTarget.put(e.getKey().toString(), taken);
      }
    }
    byTarget.forEach((target, taken) -> out.println("notify " + target + period + taken));
    out.flush();
    if (!listedInPeriod.getAndSet(false) && byTarget.isEmpty()) {
      // A quiet period: the burst is over, and the NOTIFYs of a later change (an edit, a file
      // replaced) are listed one by one again, naming their zones, as at start.
      listed.set(0);
      failureListed.clear();
    }
  }

  /**
   * Stops the thread of {@link #start} (waiting for it), then prints what is pending: the queued
   * lines and the summaries of the period so far. Close the NOTIFY sender first: an outcome that
   * comes after this is not printed. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    boolean interrupted = false;
    if (thread != null) {
      thread.shutdown();
      try {
        if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
          thread.shutdownNow();
        }
      } catch (InterruptedException e) {
        thread.shutdownNow();
        interrupted = true;
      }
    }
    flush();
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Whole seconds from one second on (rounded), milliseconds below. */
  static String duration(Duration d) {
    long millis = Math.max(0, d.toMillis());
    if (millis < 1000) {
      return millis + " ms";
    }
    return count((millis + 500) / 1000) + " s";
  }

  private static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /**
   * One target's counts since the period began; increments and {@link #take()} race without loss
   * (an outcome counted during a take is in this period or the next).
   */
  private static final class Counts {
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong notImplemented = new AtomicLong();
    private final AtomicLong unanswered = new AtomicLong();
    private final AtomicLong superseded = new AtomicLong();
    private final ConcurrentMap<Integer, AtomicLong> rejectedByRcode = new ConcurrentHashMap<>();

    void add(NotifyOutcome outcome) {
      if (outcome instanceof NotifyOutcome.Acknowledged a) {
        acknowledged.incrementAndGet();
        if (a.rcode() == Rcode.NOTIMP) {
          notImplemented.incrementAndGet();
        }
      } else if (outcome instanceof NotifyOutcome.Rejected r) {
        rejectedByRcode.computeIfAbsent(r.rcode(), k -> new AtomicLong()).incrementAndGet();
      } else if (outcome instanceof NotifyOutcome.Unanswered) {
        unanswered.incrementAndGet();
      } else {
        superseded.incrementAndGet();
      }
    }

    Taken take() {
      SortedMap<Integer, Long> rejected = new TreeMap<>();
      rejectedByRcode.forEach(
          (rcode, n) -> {
            long taken = n.getAndSet(0);
            if (taken > 0) {
              rejected.put(rcode, taken);
            }
          });
      return new Taken(
          acknowledged.getAndSet(0),
          notImplemented.getAndSet(0),
          unanswered.getAndSet(0),
          rejected,
          superseded.getAndSet(0));
    }
  }

  /**
   * A target's counts of one period.
   *
   * @param acknowledged acknowledged, NOTIMP included (the target relies on polling)
   * @param notImplemented of them, answered NOTIMP
   * @param unanswered no answer after every try
   * @param rejected the rejections by RCODE
   * @param superseded replaced by a newer serial's NOTIFY before an answer
   */
  private record Taken(
      long acknowledged,
      long notImplemented,
      long unanswered,
      SortedMap<Integer, Long> rejected,
      long superseded) {

    boolean none() {
      return acknowledged == 0 && unanswered == 0 && rejected.isEmpty() && superseded == 0;
    }

    /** {@code 40 acknowledged (2 NOTIMP), 3 failed (1 unanswered, 2 REFUSED), 1 superseded...} */
    @Override
    public String toString() {
      List<String> parts = new ArrayList<>();
      if (acknowledged > 0) {
        parts.add(
            count(acknowledged)
                + " acknowledged"
                + (notImplemented > 0 ? " (" + count(notImplemented) + " NOTIMP)" : ""));
      }
      long failed = unanswered + rejected.values().stream().mapToLong(Long::longValue).sum();
      if (failed > 0) {
        List<String> kinds = new ArrayList<>();
        if (unanswered > 0) {
          kinds.add(count(unanswered) + " unanswered");
        }
        rejected.forEach((rcode, n) -> kinds.add(count(n) + " " + Rcode.string(rcode)));
        parts.add(count(failed) + " failed (" + String.join(", ", kinds) + ")");
      }
      if (superseded > 0) {
        parts.add(count(superseded) + " superseded by a newer serial");
      }
      return String.join(", ", parts);
    }
  }
}
