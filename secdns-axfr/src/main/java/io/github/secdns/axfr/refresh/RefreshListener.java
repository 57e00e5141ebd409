package io.github.secdns.axfr.refresh;

/**
 * Receives what the refresher does: one event per refresh of a zone ({@link RefreshEvent.Outcome})
 * and one per failed target resolution ({@link RefreshEvent.ResolutionFailed}).
 *
 * <p>Called on a refresher thread: return quickly and do not block. An exception thrown here is
 * logged and otherwise ignored.
 */
@FunctionalInterface
public interface RefreshListener {

  /**
   * Called for each event.
   *
   * @param event what happened
   */
  void onEvent(RefreshEvent event);
}
