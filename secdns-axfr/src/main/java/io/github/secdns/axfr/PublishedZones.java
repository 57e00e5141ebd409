package io.github.secdns.axfr;

import io.github.secdns.core.zone.ZoneSnapshot;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.xbill.DNS.Name;

/**
 * A ready-made, thread-safe {@link ZoneSource}: the host publishes each new version of a zone and
 * withdraws zones it no longer serves.
 *
 * <p>Publishing replaces the zone's current version atomically. A transfer takes the version that
 * is current when its request is processed and streams exactly that version to the end, even when a
 * newer one is published meanwhile; the next request gets the newer one. Zone names are matched
 * case-insensitively. Every method may be called from any thread.
 *
 * <p>A serial names exactly one content (RFC 1034 section 4.3.5, checklist item 50): a version
 * whose content differs from the current one must have a serial that is greater in RFC 1982
 * arithmetic, or {@link #publish} refuses it. Republishing the current version is a no-op. Versions
 * are compared with {@link ZoneSnapshot#sameVersionAs}, exactly (letter case and TTLs included): a
 * change of letter case alone is a change of content and needs a new serial.
 *
 * <p>A responder serving these zones learns about every new version at once: it computes the zone's
 * IXFR history for it in the background and sends the NOTIFYs of the zone's configuration once the
 * version can be transferred.
 */
public final class PublishedZones implements ZoneSource {

  private final ConcurrentHashMap<Name, ZoneSnapshot> zones = new ConcurrentHashMap<>();
  private final CopyOnWriteArrayList<BiConsumer<Name, Optional<ZoneSnapshot>>> observers =
      new CopyOnWriteArrayList<>();

  /** Creates an empty set of zones. */
  public PublishedZones() {}

  /**
   * Makes a version the current one of its zone (the SOA owner). Publishing a version equal to the
   * current one changes nothing (no new history entry, no NOTIFY).
   *
   * @param snapshot the new version
   * @return the version it replaced (or the equal current one), if any
   * @throws IllegalArgumentException when the content differs from the current version but the
   *     serial is not greater than the current serial (RFC 1982); the current version stays
   */
  public Optional<ZoneSnapshot> publish(ZoneSnapshot snapshot) {
    Objects.requireNonNull(snapshot, "snapshot");
    ZoneSnapshot[] previous = new ZoneSnapshot[1];
    ZoneSnapshot now =
        zones.compute(
            snapshot.origin(),
            (zone, old) -> {
              previous[0] = old;
              if (old == null) {
                return snapshot;
              }
              if (old.sameVersionAs(snapshot)) {
                return old;
              }
              if (!snapshot.serial().isNewerThan(old.serial())) {
                throw new IllegalArgumentException(
                    "zone "
                        + zone
                        + ": the new version changes the content but its serial "
                        + snapshot.serial()
                        + " is not greater than the current serial "
                        + old.serial()
                        + " (RFC 1982); raise the serial");
              }
              return snapshot;
            });
    if (now != previous[0]) {
      notifyObservers(snapshot.origin(), Optional.of(now));
    }
    return Optional.ofNullable(previous[0]);
  }

  /**
   * Stops serving a zone; requests for it get NOTAUTH from now on.
   *
   * @param zone the zone's origin, any letter case
   * @return the version that was current, if any
   */
  public Optional<ZoneSnapshot> withdraw(Name zone) {
    Optional<ZoneSnapshot> previous = Optional.ofNullable(zones.remove(zone));
    if (previous.isPresent()) {
      notifyObservers(zone, Optional.empty());
    }
    return previous;
  }

  @Override
  public Optional<ZoneSnapshot> snapshot(Name zone) {
    return Optional.ofNullable(zones.get(zone));
  }

  /**
   * Returns the origins of the zones served now.
   *
   * @return an unmodifiable copy
   */
  public Set<Name> zones() {
    return Set.copyOf(zones.keySet());
  }

  /**
   * Lets a responder learn about every change at once: the zone and its new current version (empty
   * when withdrawn). Called on the publishing thread, after the change is visible.
   */
  void addObserver(BiConsumer<Name, Optional<ZoneSnapshot>> observer) {
    observers.add(observer);
  }

  void removeObserver(BiConsumer<Name, Optional<ZoneSnapshot>> observer) {
    observers.remove(observer);
  }

  private void notifyObservers(Name zone, Optional<ZoneSnapshot> current) {
    for (BiConsumer<Name, Optional<ZoneSnapshot>> o : observers) {
      o.accept(zone, current);
    }
  }

  @Override
  public String toString() {
    return "PublishedZones" + zones.keySet();
  }
}
