package io.github.secdns.core.zone;

import java.util.List;
import java.util.Objects;
import org.xbill.DNS.SOARecord;

/**
 * What a zone's history can offer a client that asks for an IXFR from its serial (RFC 1995 section
 * 4): nothing new, an incremental chain, or only the full zone.
 */
public sealed interface HistoryLookup
    permits HistoryLookup.UpToDate, HistoryLookup.Incremental, HistoryLookup.FullZone {

  /**
   * The client's serial is equal to or newer than the current one: the answer is the current SOA
   * alone.
   *
   * @param currentSoa the zone's current SOA
   */
  record UpToDate(SOARecord currentSoa) implements HistoryLookup {
    /** Checks for null. */
    public UpToDate {
      Objects.requireNonNull(currentSoa, "currentSoa");
    }
  }

  /**
   * The history reaches the client's serial: the answer is these deltas, oldest first, from the
   * client's serial to the current one.
   *
   * @param chain at least one delta; contiguous; the last one ends at the current serial
   */
  record Incremental(List<ZoneDelta> chain) implements HistoryLookup {
    /**
     * Copies the chain.
     *
     * @throws IllegalArgumentException when the chain is empty
     */
    public Incremental {
      chain = List.copyOf(chain);
      if (chain.isEmpty()) {
        throw new IllegalArgumentException("an incremental answer has at least one delta");
      }
    }
  }

  /**
   * The history does not reach the client's serial (too old, expired, never seen, or incomparable):
   * the answer is the full zone between SOAs, AXFR-style, with IXFR kept as the question type (RFC
   * 1995 section 4).
   *
   * @param snapshot the current version to send in full
   */
  record FullZone(ZoneSnapshot snapshot) implements HistoryLookup {
    /** Checks for null. */
    public FullZone {
      Objects.requireNonNull(snapshot, "snapshot");
    }
  }
}
