package io.github.secdns.axfr.notify;

import java.util.function.LongSupplier;

/**
 * Spreads sends out so that a change to many zones at once does not burst (RFC 1996 section 4.3):
 * each send gets the next free slot, at least one interval after the previous one.
 *
 * <p>Thread-safe.
 */
final class NotifyPacer {

  private final long intervalNanos;
  private final LongSupplier nanoTime;
  private long nextFree;
  private boolean started;

  NotifyPacer(double sendsPerSecond, LongSupplier nanoTime) {
    this.intervalNanos = (long) Math.ceil(1_000_000_000d / sendsPerSecond);
    this.nanoTime = nanoTime;
  }

  /**
   * Reserves the next slot.
   *
   * @return how long to wait before sending, in nanoseconds, 0 or more
   */
  synchronized long reserve() {
    long now = nanoTime.getAsLong();
    long slot = !started || now - nextFree > 0 ? now : nextFree;
    started = true;
    nextFree = slot + intervalNanos;
    return slot - now;
  }
}
