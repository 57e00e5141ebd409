package io.github.secdns.axfr.notify;

/**
 * Receives the outcome of every NOTIFY, one call per target and serial.
 *
 * <p>Called on one of the sender's threads: return quickly and do not block (hand the event to your
 * own executor for storage). An exception thrown here is logged and otherwise ignored.
 */
@FunctionalInterface
public interface NotifyListener {

  /**
   * Called once the outcome for one target is known.
   *
   * @param outcome acknowledged, rejected or unanswered
   */
  void onOutcome(NotifyOutcome outcome);
}
