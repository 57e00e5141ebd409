package io.github.secdns.axfr.internal;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import javax.annotation.Nullable;
import org.xbill.DNS.Name;

/**
 * The responder's zones, one map entry each ({@link ZoneEntry}), shared by the versions served
 * ({@link ServedZones}), the IXFR histories ({@link ZoneHistories}) and the responder's reports and
 * NOTIFY bookkeeping: one map keyed by the zone's name instead of one per concern, because a host's
 * responder holds 100,000 zones and each map costs an entry and its share of a table per zone.
 *
 * <p>Thread-safe; reads are lock-free.
 */
public final class ZoneEntries {

  private final ConcurrentHashMap<Name, ZoneEntry> entries = new ConcurrentHashMap<>();

  /** Creates an empty set. */
  public ZoneEntries() {}

  /**
   * Returns a zone's entry, made empty when there is none.
   *
   * @param zone the zone's origin, any letter case
   * @return the entry
   */
  public ZoneEntry entry(Name zone) {
    return entries.computeIfAbsent(zone, z -> new ZoneEntry());
  }

  /**
   * Returns a zone's entry; lock-free, allocation-free.
   *
   * @param zone the zone's origin, any letter case
   * @return the entry, or null when there is none
   */
  @Nullable
  public ZoneEntry find(Name zone) {
    return entries.get(zone);
  }

  /**
   * Forgets a zone: everything kept of it.
   *
   * @param zone the zone's origin, any letter case
   * @return the entry removed, or null when there was none
   */
  @Nullable
  public ZoneEntry remove(Name zone) {
    return entries.remove(zone);
  }

  /**
   * Returns a live view of the entries (weakly consistent while zones come and go).
   *
   * @return the entries
   */
  Collection<ZoneEntry> all() {
    return entries.values();
  }
}
