package io.github.secdns.testsupport.servers;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Deadline-bounded waiting for a condition that another process makes true. Never a fixed sleep:
 * the condition is polled every {@link #POLL} until it holds or the deadline passes, and a missed
 * deadline fails with a description of what was awaited and what was last seen.
 */
public final class Waits {

  /** How often a condition is polled. */
  public static final Duration POLL = Duration.ofMillis(25);

  private Waits() {}

  /** Parks the calling thread for one poll interval (between two checks of a condition). */
  public static void pause() {
    LockSupport.parkNanos(POLL.toNanos());
    if (Thread.interrupted()) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting");
    }
  }

  /**
   * Polls {@code probe} until {@code done} accepts its value.
   *
   * @param what what is awaited, for the failure message
   * @param lastSeen describes the last value and the context when the deadline passes
   * @param <T> what the probe returns
   * @param timeout the upper bound
   * @param probe reads the current value
   * @param done accepts the value that ends the wait
   * @return the accepted value
   */
  public static <T> T until(
      String what,
      Duration timeout,
      Supplier<T> probe,
      Predicate<T> done,
      Function<T, String> lastSeen) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      T value = probe.get();
      if (done.test(value)) {
        return value;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "timed out after " + timeout + " waiting for " + what + "; " + lastSeen.apply(value));
      }
      pause();
    }
  }
}
