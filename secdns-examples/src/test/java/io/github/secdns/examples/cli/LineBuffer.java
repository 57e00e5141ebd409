package io.github.secdns.examples.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/** An output stream whose complete lines a test can wait for, with a deadline. */
final class LineBuffer extends OutputStream {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

  @Override
  public synchronized void write(int b) {
    bytes.write(b);
    if (b == '\n') {
      notifyAll();
    }
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) {
    bytes.write(b, off, len);
    notifyAll();
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
