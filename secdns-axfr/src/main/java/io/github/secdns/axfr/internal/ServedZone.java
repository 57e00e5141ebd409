package io.github.secdns.axfr.internal;

import io.github.secdns.core.zone.ZoneSnapshot;
import java.util.Objects;
import org.xbill.DNS.Section;

/**
 * One served version of a zone together with what answering it needs on the hot path, prepared once
 * per version: the SOA record's uncompressed wire form, so that an SOA answer is a copy of octets.
 *
 * <p>Immutable (the array is never handed out to be changed) and thread-safe.
 */
public final class ServedZone {

  private final ZoneSnapshot snapshot;
  private final byte[] soaRecord;

  private ServedZone(ZoneSnapshot snapshot) {
    this.snapshot = Objects.requireNonNull(snapshot, "snapshot");
    // The owner written out in full: it keeps the zone's letter case whatever the question's.
    this.soaRecord = snapshot.soa().toWire(Section.ANSWER);
  }

  /**
   * Prepares a version for serving.
   *
   * @param snapshot the version
   * @return the prepared version
   */
  public static ServedZone of(ZoneSnapshot snapshot) {
    return new ServedZone(snapshot);
  }

  /**
   * Returns the version.
   *
   * @return the snapshot
   */
  public ZoneSnapshot snapshot() {
    return snapshot;
  }

  /**
   * Returns the SOA record's wire form (owner uncompressed, as {@code Record.toWire}); callers must
   * not change it.
   *
   * @return the octets
   */
  byte[] soaRecord() {
    return soaRecord;
  }

  @Override
  public String toString() {
    return "ServedZone[" + snapshot + "]";
  }
}
