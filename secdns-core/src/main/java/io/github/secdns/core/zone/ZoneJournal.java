package io.github.secdns.core.zone;

import java.util.List;
import org.xbill.DNS.Name;

/**
 * Service provider interface for a host that persists a zone's IXFR history, so that the history
 * survives a restart and secondaries keep receiving incremental transfers.
 *
 * <p>secdns calls it only through {@link ZoneHistory#restore(ZoneSnapshot, ZoneJournal,
 * java.time.Clock)} and {@link ZoneHistory#withVersion(ZoneSnapshot, ZoneJournal)}: an entry is
 * appended <em>before</em> the version it leads to is served (RFC 1995 section 5), and the oldest
 * entries are dropped once the history's bounds no longer hold them.
 *
 * <p>Threading: secdns calls a journal for one zone from one thread at a time (the thread that
 * publishes versions of that zone); calls for different zones may come from different threads at
 * the same time. Implementations do their own I/O and report failures by throwing an unchecked
 * exception, which reaches the caller of {@code withVersion} or {@code restore}.
 */
public interface ZoneJournal {

  /**
   * Returns the persisted history of a zone.
   *
   * @param zone the zone's origin
   * @return the entries, oldest first; empty when nothing is stored
   */
  List<HistoryEntry> load(Name zone);

  /**
   * Stores one more entry at the newest end of a zone's history. It must be durable when this
   * method returns.
   *
   * @param zone the zone's origin
   * @param entry the entry; its old serial is the new serial of the entry stored before it
   */
  void append(Name zone, HistoryEntry entry);

  /**
   * Drops all but the newest {@code count} entries of a zone's history.
   *
   * @param zone the zone's origin
   * @param count how many of the newest entries to keep; 0 drops the whole history
   */
  void keepNewest(Name zone, int count);
}
