package io.github.secdns.examples.cli;

import io.github.secdns.core.export.VirtualRecord;
import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import javax.annotation.Nullable;

/**
 * Hands the records of a {@link ZoneFileParser} to a checker running on a thread of its own, in
 * batches, so that a big zone file is parsed on one core while the records parsed before are
 * checked and packed on the other (issue 15: the load was about half parsing, half checking).
 *
 * <p>Memory stays flat: three batches of at most {@value #BATCH_OCTETS} octets circulate between
 * the two threads (one being filled, at most two waiting or being checked), nothing else is copied.
 *
 * <p>Errors come out as if one thread did everything: the checker takes the batches in file order
 * and stops at its first error; the parser stops at the next batch once the checker has failed, and
 * an error of the parser (a syntax error further down the file) gives way to an error the checker
 * finds in the records handed over before it. Virtual records and progress stay on the parsing
 * thread ({@code target}'s {@link ZoneFileParser.Sink#virtual} is called there).
 *
 * <p>Use: {@link #start}, the parser's {@code parse(sink)}, then {@link #finish} (or, when the
 * parse threw, {@link #fail}); both wait for the checker thread to end. The parsing thread is the
 * only caller.
 */
final class HandOffSink implements ZoneFileParser.Sink {

  /** Takes the records on the checking thread; {@code wire} is reused after the call. */
  interface Checker {
    /**
     * Checks and keeps one record.
     *
     * @param wire holds the record in uncompressed wire form at {@code offset}
     * @param line the line of the file it was read from
     * @throws UsageException naming the file (and line) of a record that is refused
     */
    void record(byte[] wire, int offset, int length, int line) throws UsageException;
  }

  static final int BATCH_OCTETS = 256 * 1024;
  private static final int BATCH_RECORDS = 8192;
  private static final int BATCHES = 3;

  /** Records back to back, with where each ends and the line it came from. */
  private static final class Batch {
    final byte[] octets = new byte[BATCH_OCTETS];
    final int[] ends = new int[BATCH_RECORDS];
    final int[] lines = new int[BATCH_RECORDS];
    int count;
    int length;
  }

  /** Tells the checker that no batch follows. */
  private static final Batch END = new Batch();

  private final ZoneFileParser.Sink target;
  private final Checker checker;
  private final String source;
  // Room for every batch and END: putting into either queue never waits for long.
  private final BlockingQueue<Batch> full = new ArrayBlockingQueue<>(BATCHES + 1);
  private final BlockingQueue<Batch> free = new ArrayBlockingQueue<>(BATCHES);
  private final Thread thread;
  private Batch current;
  @Nullable private volatile Exception failure;

  private HandOffSink(ZoneFileParser.Sink target, Checker checker, String source) {
    this.target = target;
    this.checker = checker;
    this.source = source;
    this.current = new Batch();
    for (int i = 1; i < BATCHES; i++) {
      free.add(new Batch());
    }
    this.thread = new Thread(this::check, "secdns-zone-check");
    thread.setDaemon(true);
  }

  /**
   * Starts the checking thread.
   *
   * @param target takes virtual records and progress, on the parsing thread
   * @param checker takes the standard records, on the checking thread
   * @param source the file name for messages
   * @return the sink to give the parser
   */
  static HandOffSink start(ZoneFileParser.Sink target, Checker checker, String source) {
    HandOffSink sink = new HandOffSink(target, checker, source);
    sink.thread.start();
    return sink;
  }

  @Override
  public void record(byte[] wire, int length, int line) throws UsageException {
    // Whatever the parser throws goes to fail(), which ends the checker thread.
    if (current.length + length > BATCH_OCTETS || current.count == BATCH_RECORDS) {
      handOver();
    }
    System.arraycopy(wire, 0, current.octets, current.length, length);
    current.length += length;
    current.ends[current.count] = current.length;
    current.lines[current.count] = line;
    current.count++;
  }

  @Override
  public void virtual(VirtualRecord record, int line) throws UsageException {
    target.virtual(record, line);
  }

  @Override
  public void progress(long octets, long records) {
    target.progress(octets, records);
  }

  /**
   * Hands over the last records and waits until every record is checked.
   *
   * @throws UsageException the checker's first error
   */
  void finish() throws UsageException {
    end();
    rethrowFailure();
  }

  /**
   * Ends after the parser threw: the records parsed before its error are checked all the same, then
   * the checker's error is thrown when it found one (in a record before the parser's error), else
   * the parser's.
   *
   * @param parserError what the parser threw
   * @throws UsageException the earlier of the two errors
   * @throws IOException the parser's
   */
  void fail(Exception parserError) throws UsageException, IOException {
    end();
    rethrowFailure();
    if (parserError instanceof UsageException u) {
      throw u;
    }
    if (parserError instanceof IOException io) {
      throw io;
    }
    throw (RuntimeException) parserError;
  }

  private void handOver() throws UsageException {
    rethrowFailure(); // the checker stopped: the rest of the file does not matter
    Batch next;
    try {
      full.put(current);
      current = END; // handed over: never handed over again
      next = free.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UsageException(source + ": interrupted while loading");
    }
    next.count = 0;
    next.length = 0;
    current = next;
  }

  /**
   * Hands over the records of the batch being filled, tells the checker to stop after them, and
   * waits for it. Never waits for room: there is room for every batch and END.
   */
  private void end() {
    if (current != END && current.count > 0) {
      full.add(current);
      current = END; // handed over: never handed over again
    }
    full.add(END);
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true; // the checker ends soon: it only has the batches handed over
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void rethrowFailure() throws UsageException {
    Exception e = failure;
    if (e instanceof UsageException u) {
      throw u;
    }
    if (e != null) {
      throw (RuntimeException) e;
    }
  }

  /** The checking thread: batches in order until END; after an error only recycles them. */
  private void check() {
    try {
      while (true) {
        Batch b = full.take();
        if (b == END) {
          return;
        }
        if (failure == null) {
          try {
            int start = 0;
            for (int i = 0; i < b.count; i++) {
              checker.record(b.octets, start, b.ends[i] - start, b.lines[i]);
              start = b.ends[i];
            }
          } catch (UsageException | RuntimeException e) {
            failure = e;
          }
        }
        free.add(b);
      }
    } catch (InterruptedException e) {
      // Nobody interrupts this thread; END ends it.
      Thread.currentThread().interrupt();
    }
  }
}
