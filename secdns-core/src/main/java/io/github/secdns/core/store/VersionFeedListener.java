package io.github.secdns.core.store;

import java.util.List;

/**
 * Receives a store's change feed (see {@link ZoneVersionStore#watch}).
 *
 * <p>Threading: a store calls one listener from one thread at a time, in feed order. A listener
 * should return quickly (hand loading a version to another thread); while it runs, the feed waits.
 */
public interface VersionFeedListener {

  /**
   * Receives the next changes, in feed order.
   *
   * @param changes at least one change; positions strictly growing across calls
   */
  void onChanges(List<VersionChange> changes);

  /**
   * Tells that the feed lost its store (for example the database went away). Called once per
   * outage; the store keeps trying and calls {@link #onFeedRestored} when it reads again. Changes
   * committed meanwhile are delivered after the outage, none is lost. Does nothing by default.
   *
   * @param failure what failed; its message names no secret
   */
  default void onFeedFailure(RuntimeException failure) {}

  /** Tells that the feed reads again after {@link #onFeedFailure}. Does nothing by default. */
  default void onFeedRestored() {}
}
