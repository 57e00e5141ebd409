package io.github.secdns.axfr.internal;

import io.github.secdns.core.zone.ZoneSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.annotation.Nullable;
import org.xbill.DNS.Name;

/**
 * The versions the responder serves for a subscribing zone source: the snapshot itself (it holds
 * everything the hot path reads, the SOA's octets included) in the zone's {@link ZoneEntry},
 * replaced atomically on every change the source reports; a withdrawn zone's entry goes, with
 * everything else kept of it. Reads are lock-free (the I/O thread answers every query from here);
 * changes of one zone come one at a time from the source.
 *
 * <p>Thread-safe.
 */
public final class ServedZones {

  /** What a reported change did. */
  public sealed interface Change {}

  /** The zone was not served and still is not. */
  public record NotServed() implements Change {}

  /**
   * The same version was reported again: nothing to do.
   *
   * @param current the version served
   */
  public record Unchanged(ZoneSnapshot current) implements Change {}

  /**
   * The zone is served from now on.
   *
   * @param current its version
   */
  public record Added(ZoneSnapshot current) implements Change {}

  /**
   * The zone has a new version.
   *
   * @param previous the version served before
   * @param current the version served from now on
   */
  public record Replaced(ZoneSnapshot previous, ZoneSnapshot current) implements Change {}

  /**
   * The zone is no longer served.
   *
   * @param previous the version served before
   */
  public record Withdrawn(ZoneSnapshot previous) implements Change {}

  private final ZoneEntries entries;

  /** Creates an empty set with entries of its own. */
  public ServedZones() {
    this(new ZoneEntries());
  }

  /**
   * Creates an empty set over the responder's zone entries.
   *
   * @param entries the entries, shared with the histories
   */
  public ServedZones(ZoneEntries entries) {
    this.entries = entries;
  }

  /**
   * Applies a change the source reported.
   *
   * @param zone the zone's origin
   * @param current its current version, or empty when withdrawn
   * @return what changed
   */
  public Change apply(Name zone, Optional<ZoneSnapshot> current) {
    if (current.isEmpty()) {
      ZoneEntry entry = entries.find(zone);
      ZoneSnapshot previous = entry == null ? null : entry.served;
      if (previous == null) {
        return new NotServed();
      }
      entries.remove(zone); // its history and reports go with it
      return new Withdrawn(previous);
    }
    ZoneSnapshot snapshot = current.get();
    ZoneEntry entry = entries.entry(snapshot.origin());
    synchronized (entry) {
      ZoneSnapshot old = entry.served;
      if (old != null && old.sameVersionAs(snapshot)) {
        return new Unchanged(old);
      }
      entry.served = snapshot;
      return old == null ? new Added(snapshot) : new Replaced(old, snapshot);
    }
  }

  /**
   * Returns the version served for a zone; lock-free, allocation-free.
   *
   * @param zone the zone's origin, any letter case
   * @return the version, or null when the zone is not served
   */
  @Nullable
  public ZoneSnapshot find(Name zone) {
    ZoneEntry entry = entries.find(zone);
    return entry == null ? null : entry.served;
  }

  /**
   * Returns the version served for a zone.
   *
   * @param zone the zone's origin, any letter case
   * @return the version, if the zone is served
   */
  public Optional<ZoneSnapshot> get(Name zone) {
    return Optional.ofNullable(find(zone));
  }

  /**
   * Tells whether a version is the one served for its zone.
   *
   * @param snapshot a version
   * @return true when it is current
   */
  public boolean isCurrent(ZoneSnapshot snapshot) {
    ZoneSnapshot served = find(snapshot.origin());
    return served != null && served.sameVersionAs(snapshot);
  }

  /**
   * Returns the versions served now (a copy; weakly consistent while changes happen).
   *
   * @return the versions
   */
  public List<ZoneSnapshot> all() {
    List<ZoneSnapshot> all = new ArrayList<>();
    for (ZoneEntry entry : entries.all()) {
      ZoneSnapshot served = entry.served;
      if (served != null) {
        all.add(served);
      }
    }
    return all;
  }

  /**
   * Returns how many zones are served (counted: a walk over the entries).
   *
   * @return the count
   */
  public int size() {
    return all().size();
  }
}
