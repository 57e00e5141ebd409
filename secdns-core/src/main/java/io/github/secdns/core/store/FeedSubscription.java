package io.github.secdns.core.store;

/**
 * A running delivery of a store's change feed to one listener (see {@link ZoneVersionStore#watch}).
 */
public interface FeedSubscription extends AutoCloseable {

  /**
   * Stops the delivery and releases what it holds (thread, connection). Idempotent; when it
   * returns, the listener is not called any more.
   */
  @Override
  void close();
}
