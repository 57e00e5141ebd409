package io.github.secdns.axfr;

import io.github.secdns.core.zone.ZoneSnapshot;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * <p>It is a subscribing source ({@link #subscribe}): a responder serving these zones learns about
 * every new version when {@link #publish} makes it current, on the publishing thread, before {@code
 * publish} returns (so a query right after {@code publish} returns sees the new version); it
 * computes the zone's IXFR history in the background and sends the NOTIFYs of the zone's
 * configuration once the history holds the version. Publishes of one zone are serialized (so its
 * subscribers hear of them in order); publishes of different zones mostly run in parallel.
 */
public final class PublishedZones implements ZoneSource {

  /** Locks that order the changes of one zone and their reports; a zone maps to one stripe. */
  private static final int STRIPES = 64;

  private final ConcurrentHashMap<Name, ZoneSnapshot> zones = new ConcurrentHashMap<>();
  private final CopyOnWriteArrayList<Listener> listeners = new CopyOnWriteArrayList<>();
  private final Object[] stripes = new Object[STRIPES];

  /** Creates an empty set of zones. */
  public PublishedZones() {
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new Object();
    }
  }

  private Object stripe(Name zone) {
    // Name.hashCode ignores letter case, like Name.equals.
    return stripes[Math.floorMod(zone.hashCode(), STRIPES)];
  }

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
    synchronized (stripe(snapshot.origin())) {
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
        report(snapshot.origin(), Optional.of(now));
      }
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
    synchronized (stripe(zone)) {
      Optional<ZoneSnapshot> previous = Optional.ofNullable(zones.remove(zone));
      if (previous.isPresent()) {
        report(previous.get().origin(), Optional.empty());
      }
      return previous;
    }
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
   * {@inheritDoc}
   *
   * <p>Reports every zone on the calling thread before returning, then every publish and withdraw
   * on the thread that makes it, while that zone's changes are held back (so the listener must not
   * block: another publish of the same zone waits for it).
   */
  @Override
  public Optional<Subscription> subscribe(Listener listener) {
    Objects.requireNonNull(listener, "listener");
    listeners.add(listener);
    // A change racing with this replay is reported by its publisher (the listener is registered
    // already) and, when it came first, read here again: same version twice, never an older one
    // after a newer one, because the replay of a zone holds that zone's stripe.
    for (Name zone : zones.keySet()) {
      synchronized (stripe(zone)) {
        ZoneSnapshot current = zones.get(zone);
        if (current != null && listeners.contains(listener)) {
          call(listener, current.origin(), Optional.of(current));
        }
      }
    }
    return Optional.of(() -> listeners.remove(listener));
  }

  private void report(Name zone, Optional<ZoneSnapshot> current) {
    for (Listener l : listeners) {
      call(l, zone, current);
    }
  }

  private static void call(Listener l, Name zone, Optional<ZoneSnapshot> current) {
    // A failing subscriber must not undo a publish that already happened, nor keep the others
    // from hearing of it; the responder's own listener never throws.
    try {
      l.changed(zone, current);
    } catch (RuntimeException e) {
      org.slf4j.LoggerFactory.getLogger(PublishedZones.class)
          .warn("a subscriber of the published zones failed on {}", zone, e);
    }
  }

  @Override
  public String toString() {
    return "PublishedZones" + zones.keySet();
  }
}
