package io.github.secdns.examples.cli;

import io.github.secdns.core.config.SecondaryDnsConfiguration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.annotation.Nullable;
import org.xbill.DNS.Name;

/**
 * The zones {@code serve} answers for, by name: each zone's {@link ServeZoneState} (for a zone read
 * from a file, its {@link ServedZone}). The one map of {@code serve} that finds a zone by its name:
 * the responder's configurations, the status lines, the catalog and the zone directory (its lookup
 * of a file's zone by the origin the file's name gives, its check for a second file of an origin)
 * all read it, where each had a map of its own (about 40 octets a zone per map, with its table, at
 * 100,000 zones).
 *
 * <p>Thread-safe: concurrent (zones come and go with {@code --zone-dir}; the responder's threads
 * read it) and unsorted (the status lines are put in order only when asked for).
 */
final class ServeZones {

  private final ConcurrentHashMap<Name, ServeZoneState> zones = new ConcurrentHashMap<>();

  /** Serves the zone from now on with this state (in place of any it had). */
  void put(Name zone, ServeZoneState state) {
    zones.put(zone, state);
  }

  /** The zone's state, if it is served. */
  Optional<ServeZoneState> get(Name zone) {
    return Optional.ofNullable(zones.get(zone));
  }

  /** The zone's state, or null when it is not served (for the listeners' paths: no Optional). */
  @Nullable
  ServeZoneState getOrNull(Name zone) {
    return zones.get(zone);
  }

  /** Stops serving the zone. */
  void remove(Name zone) {
    zones.remove(zone);
  }

  /** Puts {@code previous} back in place of {@code state}, if that is still the zone's state. */
  void restore(Name zone, ServeZoneState state, ServeZoneState previous) {
    zones.replace(zone, state, previous);
  }

  /** The configuration the responder reads for the zone: empty when it is not served. */
  Optional<SecondaryDnsConfiguration> configuration(Name zone) {
    ServeZoneState state = zones.get(zone);
    return state == null ? Optional.empty() : state.responderConfiguration();
  }

  /** The zones and their states: a live view, weakly consistent while zones come and go. */
  Collection<Map.Entry<Name, ServeZoneState>> entries() {
    return zones.entrySet();
  }

  /** How many zones are served. */
  int size() {
    return zones.size();
  }
}
