package io.github.secdns.axfr;

import io.github.secdns.core.zone.ZoneSnapshot;
import java.util.Optional;
import org.xbill.DNS.Name;

/**
 * Where the responder gets zone contents from: the host application's own storage.
 *
 * <p>Implementations must be thread-safe and fast (called once per request, on a worker thread);
 * typically they read an {@code AtomicReference} the host swaps when it publishes a new version.
 */
@FunctionalInterface
public interface ZoneSource {

  /**
   * Returns the current version of a zone.
   *
   * @param zone the zone's origin, as asked for (letter case as the client sent it)
   * @return the current snapshot, or empty when this server is not authoritative for the zone
   */
  Optional<ZoneSnapshot> snapshot(Name zone);
}
