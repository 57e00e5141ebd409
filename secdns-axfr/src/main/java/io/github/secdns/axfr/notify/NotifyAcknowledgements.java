package io.github.secdns.axfr.notify;

import io.github.secdns.core.config.NotifyTarget;
import io.github.secdns.core.serial.SerialNumber;
import java.util.Optional;
import org.xbill.DNS.Name;

/**
 * Service provider interface: which serial each NOTIFY target last acknowledged for each zone, so
 * that a restarted responder notifies only where a target may have missed a change (see {@code
 * StartupNotify.unacknowledged}). A host keeps it in its database, or a journal beside the zone's
 * IXFR history; {@link #inMemory()} is the default, which survives a responder restart within one
 * process.
 *
 * <p>A target is its address and port (its key name does not matter here).
 *
 * <p>Threading: called on the responder's background threads, never on its I/O thread or the
 * sender's threads, so an implementation may do I/O; calls for one zone and target come one at a
 * time. A failure is reported by throwing an unchecked exception: a failed lookup counts as "not
 * acknowledged" (the NOTIFY is sent), a failed record is logged.
 */
public interface NotifyAcknowledgements {

  /**
   * Returns the serial a target last acknowledged for a zone.
   *
   * @param zone the zone's origin
   * @param target the target
   * @return the serial, or empty when the target never acknowledged one (or it is not known)
   */
  Optional<SerialNumber> acknowledged(Name zone, NotifyTarget target);

  /**
   * Records that a target acknowledged a serial of a zone (answered its NOTIFY with NOERROR or
   * NOTIMP).
   *
   * @param zone the zone's origin
   * @param target the target
   * @param serial the serial the NOTIFY announced
   */
  void acknowledge(Name zone, NotifyTarget target, SerialNumber serial);

  /**
   * Returns a store kept in memory (lost when the process ends). Thread-safe.
   *
   * @return a new, empty store
   */
  static NotifyAcknowledgements inMemory() {
    return new InMemoryAcknowledgements();
  }
}
