package io.github.secdns.axfr.notify;

import java.util.function.LongSupplier;

/**
 * Spreads the sends to one target out so that a change to many zones at once does not burst (RFC
 * 1996 section 4.3): a token bucket in its reservation form (the generic cell rate algorithm). Each
 * send takes the next free slot; slots are one interval apart on average, and up to {@code burst}
 * slots are free at once after a quiet spell.
 *
 * <p>Thread-safe.
 */
final class NotifyPacer {

  private final long intervalNanos;
  private final long toleranceNanos;
  private final LongSupplier nanoTime;
  private long theoreticalArrival;
  private boolean started;

  /**
   * Creates a pacer.
   *
   * @param sendsPerSecond the long-run rate, positive
   * @param burst how many sends may go at once after a quiet spell, 1 or more
   * @param nanoTime the clock
   */
  NotifyPacer(double sendsPerSecond, int burst, LongSupplier nanoTime) {
    this.intervalNanos = (long) Math.ceil(1_000_000_000d / sendsPerSecond);
    this.toleranceNanos = (long) (Math.max(1, burst) - 1) * intervalNanos;
    this.nanoTime = nanoTime;
  }

  /**
   * Reserves the next slot.
   *
   * @return how long to wait before sending, in nanoseconds, 0 or more
   */
  synchronized long reserve() {
    long now = nanoTime.getAsLong();
    long slot = slot(now);
    theoreticalArrival = Math.max(theoreticalArrival(now), slot) + intervalNanos;
    started = true;
    return slot - now;
  }

  /**
   * Tells how long until a slot is free, without taking it.
   *
   * @return nanoseconds, 0 when a send may go now
   */
  synchronized long waitNanos() {
    long now = nanoTime.getAsLong();
    return slot(now) - now;
  }

  /**
   * Tells whether the pacer is back to its resting state (a full burst free), so that forgetting it
   * and starting a fresh one changes nothing.
   *
   * @return true when rested
   */
  synchronized boolean rested() {
    return !started || theoreticalArrival - nanoTime.getAsLong() <= 0;
  }

  private long theoreticalArrival(long now) {
    return !started || theoreticalArrival - now < 0 ? now : theoreticalArrival;
  }

  private long slot(long now) {
    long earliest = theoreticalArrival(now) - toleranceNanos;
    return earliest - now > 0 ? earliest : now;
  }
}
