package io.github.secdns.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC clock that moves only when a test moves it. Thread-safe: a test thread may move it while
 * the code under test reads it on another thread.
 */
public final class MutableClock extends Clock {

  private volatile Instant now;

  /**
   * Creates a clock standing at {@code start}.
   *
   * @param start the first instant it tells
   */
  public MutableClock(Instant start) {
    this.now = start;
  }

  /**
   * Moves the clock forward (or back, with a negative duration).
   *
   * @param duration how far
   */
  public void advance(Duration duration) {
    now = now.plus(duration);
  }

  /**
   * Moves the clock forward by whole seconds.
   *
   * @param seconds how many
   */
  public void advanceSeconds(long seconds) {
    advance(Duration.ofSeconds(seconds));
  }

  /**
   * Sets the instant the clock tells.
   *
   * @param instant the new instant
   */
  public void set(Instant instant) {
    now = instant;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  /** Only UTC: a clock in another zone would no longer move with this one. */
  @Override
  public Clock withZone(ZoneId zone) {
    if (!ZoneOffset.UTC.equals(zone)) {
      throw new UnsupportedOperationException("a MutableClock tells UTC only, not " + zone);
    }
    return this;
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public String toString() {
    return "MutableClock[" + now + "]";
  }
}
