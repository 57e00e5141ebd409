package io.github.secdns.core.zone;

import java.time.Instant;
import java.util.Objects;

/**
 * One delta of a zone's history and the moment it was recorded, which is when its old version
 * stopped being the current one. The age decides when the entry expires (SOA EXPIRE).
 *
 * @param delta the difference between two successive versions
 * @param recordedAt when the newer version was published
 */
public record HistoryEntry(ZoneDelta delta, Instant recordedAt) {

  /** Checks for nulls. */
  public HistoryEntry {
    Objects.requireNonNull(delta, "delta");
    Objects.requireNonNull(recordedAt, "recordedAt");
  }
}
