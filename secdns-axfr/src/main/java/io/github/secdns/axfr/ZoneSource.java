package io.github.secdns.axfr;

import io.github.secdns.core.zone.ZoneHistory;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.util.Optional;
import org.xbill.DNS.Name;

/**
 * Where the responder gets zone contents from: the host application's own storage.
 *
 * <p>A source comes in one of two kinds, and the responder treats them differently:
 *
 * <ul>
 *   <li><b>A subscribing source</b> ({@link #subscribe} returns a subscription), such as {@link
 *       PublishedZones} or a host's store that learns of its changes (a database with LISTEN/NOTIFY
 *       or polling, a message bus). It tells the responder of every zone it serves and every
 *       change. The responder keeps each zone's current version in memory (it holds it anyway for
 *       the IXFR history), answers every query from there, folds each new version into the zone's
 *       IXFR history and sends its NOTIFYs: everything {@link PublishedZones} gets. {@link
 *       #snapshot} is then called only by {@link AxfrResponder#notifyNow} on the host's thread.
 *   <li><b>A looked-up source</b> (the default {@link #subscribe} returns empty), typically a
 *       lambda. The responder calls {@link #snapshot} for each query that names a zone, on its own
 *       lookup threads ({@code secdns-axfr-lookup-N}), never on the I/O thread: a lookup that
 *       blocks (a database round trip) delays only the query that waits for it, while the I/O
 *       thread goes on answering every other client. Every version a lookup returns is folded into
 *       the zone's IXFR history in the background; no NOTIFY is sent automatically (the responder
 *       cannot know of a change before someone asks), so the host calls {@link
 *       AxfrResponder#notifyNow} after each change.
 * </ul>
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface ZoneSource {

  /**
   * Returns the current version of a zone. May block (it may reach a database); the responder never
   * calls it on its I/O thread.
   *
   * @param zone the zone's origin, as asked for (letter case as the client sent it)
   * @return the current snapshot, or empty when this server is not authoritative for the zone
   */
  Optional<ZoneSnapshot> snapshot(Name zone);

  /**
   * Subscribes to the zones of this source: reports every zone served now through the listener
   * before returning, then every change as it happens, until the subscription is cancelled.
   *
   * <p>What a source promises when it subscribes:
   *
   * <ul>
   *   <li>the listener hears of every zone served when {@code subscribe} is called, before {@code
   *       subscribe} returns (the responder counts these as the versions it starts with);
   *   <li>it hears of each later change (a new version, or a withdrawn zone) after the change is
   *       visible through {@link #snapshot};
   *   <li>the calls for one zone come one at a time and in the order of the changes, so the last
   *       call for a zone always carries its current state (calls for different zones may come
   *       concurrently, from any thread); hearing the same version twice is harmless.
   *   <li>a source that keeps the IXFR history itself (a store shared by several responder nodes,
   *       whose journal was computed once by the publisher) reports a version with {@link
   *       Listener#changed(ZoneHistory)}: the responder then serves exactly that history and
   *       computes none, so every node answers the same IXFR request identically. A source may mix
   *       both calls; the responder computes a history only for versions reported without one.
   * </ul>
   *
   * <p>The listener returns quickly and never blocks: the responder only records the version and
   * hands the rest (history, rendering, NOTIFY) to its own threads.
   *
   * @param listener hears of every zone and every change
   * @return the subscription, or empty when this source cannot report changes (the default): the
   *     responder then looks every zone up per query
   */
  default Optional<Subscription> subscribe(Listener listener) {
    return Optional.empty();
  }

  /** Hears of the zones of a subscribed source. */
  @FunctionalInterface
  interface Listener {

    /**
     * A zone is served with a version, or is no longer served.
     *
     * @param zone the zone's origin
     * @param current the zone's current version, or empty when it was withdrawn
     */
    void changed(Name zone, Optional<ZoneSnapshot> current);

    /**
     * A zone is served with a version whose IXFR history the source supplies: the version is {@code
     * history.current()}, and IXFR requests are answered from {@code history} (an empty history,
     * after a journal the source could not trust, means full transfers until the next version). The
     * version is servable at once: no difference is computed.
     *
     * <p>The default reports the version alone ({@link #changed(Name, Optional)}), for listeners
     * that keep no history; the responder's listener overrides it.
     *
     * @param history the version and the deltas that lead to it, oldest first
     */
    default void changed(ZoneHistory history) {
      changed(history.current().origin(), Optional.of(history.current()));
    }
  }

  /** A subscription to a source's changes. */
  @FunctionalInterface
  interface Subscription {

    /** Stops the calls to the listener (a call in progress may still finish). Idempotent. */
    void cancel();
  }
}
