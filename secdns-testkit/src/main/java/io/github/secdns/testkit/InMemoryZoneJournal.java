package io.github.secdns.testkit;

import io.github.secdns.core.zone.HistoryEntry;
import io.github.secdns.core.zone.ZoneJournal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.xbill.DNS.Name;

/**
 * A {@link ZoneJournal} that keeps every zone's history in memory, standing in for a host's
 * database in tests: a responder closed and started again with the same journal restores the IXFR
 * history, as it would after a process restart with a persistent journal. Not durable.
 *
 * <p>Thread-safe: calls for one zone are serialized, calls for different zones may run at the same
 * time (as {@link ZoneJournal} allows).
 */
public final class InMemoryZoneJournal implements ZoneJournal {

  private final Map<Name, List<HistoryEntry>> entries = new ConcurrentHashMap<>();

  /** Creates an empty journal. */
  public InMemoryZoneJournal() {}

  @Override
  public List<HistoryEntry> load(Name zone) {
    List<HistoryEntry> list = entries.get(zone);
    if (list == null) {
      return List.of();
    }
    synchronized (list) {
      return List.copyOf(list);
    }
  }

  @Override
  public void append(Name zone, HistoryEntry entry) {
    List<HistoryEntry> list = entries.computeIfAbsent(zone, z -> new ArrayList<>());
    synchronized (list) {
      list.add(entry);
    }
  }

  @Override
  public void keepNewest(Name zone, int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative: " + count);
    }
    List<HistoryEntry> list = entries.get(zone);
    if (list == null) {
      return;
    }
    synchronized (list) {
      list.subList(0, Math.max(0, list.size() - count)).clear();
    }
  }

  @Override
  public String toString() {
    return "InMemoryZoneJournal" + entries.keySet();
  }
}
