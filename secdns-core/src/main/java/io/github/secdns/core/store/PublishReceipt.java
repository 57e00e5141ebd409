package io.github.secdns.core.store;

import io.github.secdns.core.serial.SerialNumber;
import java.util.Objects;
import org.xbill.DNS.Name;

/**
 * What a successful {@link ZoneVersionStore#publish} did (or one write of a {@link
 * ZoneVersionStore#publishAll}).
 *
 * @param zone the zone's origin
 * @param serial the serial the store holds now
 * @param changed true when this call stored the version; false when the store already held exactly
 *     this content under this serial (a repeated publish, for example a retry after a lost answer)
 * @param position the change-feed position of the version (see {@link VersionChange}); every node
 *     learns about the version through the feed at this position
 */
public record PublishReceipt(Name zone, SerialNumber serial, boolean changed, long position) {

  /** Checks for nulls. */
  public PublishReceipt {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(serial, "serial");
  }
}
