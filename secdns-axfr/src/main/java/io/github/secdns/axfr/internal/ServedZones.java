package io.github.secdns.axfr.internal;

import io.github.secdns.core.zone.ZoneSnapshot;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.annotation.Nullable;
import org.xbill.DNS.Name;

/**
 * The versions the responder serves for a subscribing zone source: one entry per zone (the snapshot
 * itself: it holds everything the hot path reads, the SOA's octets included), replaced atomically
 * on every change the source reports. Reads are lock-free (the I/O thread answers every query from
 * here); changes of one zone come one at a time from the source.
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

  private final ConcurrentHashMap<Name, ZoneSnapshot> zones = new ConcurrentHashMap<>();

  /** Creates an empty set. */
  public ServedZones() {}

  /**
   * Applies a change the source reported.
   *
   * @param zone the zone's origin
   * @param current its current version, or empty when withdrawn
   * @return what changed
   */
  public Change apply(Name zone, Optional<ZoneSnapshot> current) {
    if (current.isEmpty()) {
      ZoneSnapshot previous = zones.remove(zone);
      return previous == null ? new NotServed() : new Withdrawn(previous);
    }
    ZoneSnapshot snapshot = current.get();
    Change[] change = new Change[1];
    zones.compute(
        snapshot.origin(),
        (z, old) -> {
          if (old != null && old.sameVersionAs(snapshot)) {
            change[0] = new Unchanged(old);
            return old;
          }
          change[0] = old == null ? new Added(snapshot) : new Replaced(old, snapshot);
          return snapshot;
        });
    return change[0];
  }

  /**
   * Returns the version served for a zone; lock-free, allocation-free.
   *
   * @param zone the zone's origin, any letter case
   * @return the version, or null when the zone is not served
   */
  @Nullable
  public ZoneSnapshot find(Name zone) {
    return zones.get(zone);
  }

  /**
   * Returns the version served for a zone.
   *
   * @param zone the zone's origin, any letter case
   * @return the version, if the zone is served
   */
  public Optional<ZoneSnapshot> get(Name zone) {
    return Optional.ofNullable(zones.get(zone));
  }

  /**
   * Tells whether a version is the one served for its zone.
   *
   * @param snapshot a version
   * @return true when it is current
   */
  public boolean isCurrent(ZoneSnapshot snapshot) {
    ZoneSnapshot served = zones.get(snapshot.origin());
    return served != null && served.sameVersionAs(snapshot);
  }

  /**
   * Returns a live view of the versions served (weakly consistent while changes happen).
   *
   * @return the versions
   */
  public Collection<ZoneSnapshot> all() {
    return zones.values();
  }

  /**
   * Returns how many zones are served.
   *
   * @return the count
   */
  public int size() {
    return zones.size();
  }
}
