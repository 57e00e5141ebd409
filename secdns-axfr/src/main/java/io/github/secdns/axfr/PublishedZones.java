package io.github.secdns.axfr;

import io.github.secdns.core.zone.ZoneSnapshot;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.xbill.DNS.Name;

/**
 * A ready-made, thread-safe {@link ZoneSource}: the host publishes each new version of a zone and
 * withdraws zones it no longer serves.
 *
 * <p>Publishing replaces the zone's current version atomically. A transfer takes the version
 * that is current when its request is processed and streams exactly that version to the end, even
 * when a newer one is published meanwhile; the next request gets the newer one. Zone names are
 * matched case-insensitively. Every method may be called from any thread.
 */
public final class PublishedZones implements ZoneSource {

  private final ConcurrentHashMap<Name, ZoneSnapshot> zones = new ConcurrentHashMap<>();
  private final CopyOnWriteArrayList<Consumer<Name>> observers = new CopyOnWriteArrayList<>();

  /** Creates an empty set of zones. */
  public PublishedZones() {}

  /**
   * Makes a version the current one of its zone (the SOA owner).
   *
   * @param snapshot the new version
   * @return the version it replaced, if any
   */
  public Optional<ZoneSnapshot> publish(ZoneSnapshot snapshot) {
    Objects.requireNonNull(snapshot, "snapshot");
    Optional<ZoneSnapshot> previous = Optional.ofNullable(zones.put(snapshot.origin(), snapshot));
    notifyObservers(snapshot.origin());
    return previous;
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
      notifyObservers(zone);
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

  /** Lets a responder drop its cached rendering of a zone as soon as a zone changes. */
  void addObserver(Consumer<Name> observer) {
    observers.add(observer);
  }

  void removeObserver(Consumer<Name> observer) {
    observers.remove(observer);
  }

  private void notifyObservers(Name zone) {
    for (Consumer<Name> o : observers) {
      o.accept(zone);
    }
  }

  @Override
  public String toString() {
    return "PublishedZones" + zones.keySet();
  }
}
