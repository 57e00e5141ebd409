package io.github.secdns.core.store;

import io.github.secdns.core.serial.SerialNumber;
import java.util.Objects;
import java.util.Optional;
import org.xbill.DNS.Name;

/**
 * One entry of a store's change feed: zone {@code zone} has a new current version with serial
 * {@code serial} (or was withdrawn), at feed position {@code position}.
 *
 * <p>Positions grow in the order the changes were committed. The feed says only that a zone
 * changed: a consumer that falls behind may see only the newest change of a zone, and loads the
 * version itself with {@link ZoneVersionStore#load}.
 *
 * @param zone the zone's origin
 * @param serial the new current serial; empty when the zone was withdrawn
 * @param position the feed position, greater than every earlier change's
 */
public record VersionChange(Name zone, Optional<SerialNumber> serial, long position) {

  /** Checks for nulls. */
  public VersionChange {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(serial, "serial");
  }
}
