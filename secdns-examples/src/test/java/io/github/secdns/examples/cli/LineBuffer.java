package io.github.secdns.examples.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * An output stream whose complete lines a test can wait for, with a deadline; it can be held, as a
 * pipe nobody reads holds its writer: a write then blocks until {@link #release()}.
 */
final class LineBuffer extends OutputStream {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private boolean held;
  private int blockedWriters; // writers waiting in awaitRelease

  @Override
  public synchronized void write(int b) {
    awaitRelease();
    bytes.write(b);
    if (b == '\n') {
      notifyAll();
    }
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) {
    awaitRelease();
    bytes.write(b, off, len);
    notifyAll();
  }

  /** From now on every write blocks until {@link #release()}. */
  synchronized void hold() {
    held = true;
  }

  /** Lets the writes blocked by {@link #hold()}, and later ones, through. */
  synchronized void release() {
    held = false;
    notifyAll();
  }

  /**
   * Waits until a writer is blocked in a write (held), at most {@code timeout}.
   *
   * @throws AssertionError when none was in time
   */
  synchronized void awaitBlockedWriter(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (blockedWriters == 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("no write blocked within " + timeout + "; output:\n" + text());
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }

  private void awaitRelease() {
    if (!held) {
      return;
    }
    boolean interrupted = false;
    blockedWriters++;
    notifyAll(); // a test waiting in awaitBlockedWriter
    try {
      while (held) {
        try {
          wait();
        } catch (InterruptedException e) {
          interrupted = true; // as a blocked write to a pipe, not interruptible; kept for later
        }
      }
    } finally {
      blockedWriters--;
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Every complete line so far. */
  synchronized List<String> lines() {
    String text = bytes.toString(StandardCharsets.UTF_8);
    int end = text.lastIndexOf('\n');
    return end < 0 ? List.of() : text.substring(0, end).lines().toList();
  }

  synchronized String text() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /**
   * Waits until a complete line matches, at most {@code timeout}.
   *
   * @throws AssertionError when no line matched in time
   */
  synchronized String await(Predicate<String> line, Duration timeout, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (String l : lines()) {
        if (line.test(l)) {
          return l;
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("no line " + what + " within " + timeout + "; output:\n" + text());
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }
}
