package io.github.secdns.axfr;

import org.xbill.DNS.Name;

/**
 * Hears, per zone, what the responder serves: an event each time a version becomes servable (its
 * IXFR history holds it; its NOTIFYs go out now) or the zone's configuration revision changes, and
 * when a zone is withdrawn. A host records it to show what each node applies, or to advance a
 * cluster's "every node serves serial S" mark.
 *
 * <p>Threading: called on the responder's background threads ({@code secdns-axfr-zone-N}, or the
 * host's {@link java.util.concurrent.ThreadFactory}); events of one zone come in order. Must be
 * thread-safe and must not block for long (it delays the zone's NOTIFY). An exception is logged and
 * otherwise ignored. Every method does nothing by default.
 */
public interface VersionListener {

  /** A listener that ignores every event. */
  VersionListener NONE = new VersionListener() {};

  /**
   * A version became servable, or the zone's configuration revision changed.
   *
   * @param version the zone, serial, configuration revision and since when
   */
  default void servable(ServedVersion version) {}

  /**
   * A zone is no longer served.
   *
   * @param zone the zone's origin
   */
  default void withdrawn(Name zone) {}
}
