package io.github.secdns.axfr.refresh;

import io.github.secdns.core.zone.ZoneSnapshot;

/**
 * Where the refresher hands a new version of a zone, typically the responder's published zones
 * ({@code publishedZones::publish}).
 *
 * <p>When {@link #publish} returns normally, the snapshot is published; the responder serving it
 * sends its NOTIFY once its IXFR history holds it (the refresher never notifies). Throwing means
 * "not published": the refresher keeps its previous export and tries again at the next refresh.
 * Called on a refresher thread, one call at a time per zone.
 */
@FunctionalInterface
public interface ZonePublisher {

  /**
   * Publishes a new version of a zone.
   *
   * @param snapshot the new version, with a serial greater than the previous one
   */
  void publish(ZoneSnapshot snapshot);
}
