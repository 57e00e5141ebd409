package io.github.secdns.core.store;

import io.github.secdns.core.zone.HistoryEntry;
import io.github.secdns.core.zone.ZoneHistory;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * A zone as a {@link ZoneVersionStore} holds it: the current version and the journal entries that
 * lead to it, read consistently (the journal never runs ahead of the version).
 *
 * @param snapshot the current version
 * @param journal the journal entries, oldest first; the newest ends at {@code snapshot}. Empty when
 *     the store keeps none or could not trust them (then {@code warnings} says why)
 * @param position the change-feed position of this version
 * @param warnings what the store found wrong and worked around while loading; empty normally
 */
public record StoredZone(
    ZoneSnapshot snapshot, List<HistoryEntry> journal, long position, List<StoreWarning> warnings) {

  /** Copies the lists. */
  public StoredZone {
    Objects.requireNonNull(snapshot, "snapshot");
    journal = List.copyOf(journal);
    warnings = List.copyOf(warnings);
  }

  /**
   * Rebuilds the IXFR history of this version: the same history on every node that loads it.
   *
   * @param clock the clock that ages the history's deltas
   * @return {@link ZoneHistory#restore(ZoneSnapshot, List, Clock)} of this version and journal
   */
  public ZoneHistory history(Clock clock) {
    return ZoneHistory.restore(snapshot, journal, clock);
  }
}
