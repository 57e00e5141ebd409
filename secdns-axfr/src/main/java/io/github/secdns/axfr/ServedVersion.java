package io.github.secdns.axfr;

import io.github.secdns.core.serial.SerialNumber;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;
import org.xbill.DNS.Name;

/**
 * What the responder applies to a zone now: the version it serves and the revision of the zone's
 * configuration in force, and since when (issue 16: a host shows "the secondaries get serial S
 * under configuration revision R since T"; several nodes compare what each applies).
 *
 * @param zone the zone's origin
 * @param serial the serial of the version served: its IXFR history holds it, so a secondary that
 *     asks gets it (incrementally where the history reaches the secondary's serial)
 * @param configurationRevision the revision of the zone's configuration the responder applies (its
 *     ACL, keys, IXFR setting, NOTIFY targets); empty when the zone has no configuration
 * @param since when this serial and this revision became what the responder applies (the
 *     responder's clock)
 */
public record ServedVersion(
    Name zone, SerialNumber serial, OptionalLong configurationRevision, Instant since) {

  /** Checks for nulls. */
  public ServedVersion {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(serial, "serial");
    Objects.requireNonNull(configurationRevision, "configurationRevision");
    Objects.requireNonNull(since, "since");
  }
}
