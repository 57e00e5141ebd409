package io.github.secdns.axfr;

import io.github.secdns.core.serial.SerialNumber;
import java.time.Instant;
import java.util.OptionalLong;
import org.xbill.DNS.Name;

/**
 * What the responder keeps per zone of a {@link ServedVersion}: the same facts in primitive fields,
 * one object instead of four (the record, its {@link SerialNumber}, {@link OptionalLong} and {@link
 * Instant}). A host's responder holds one per zone served (issue 13: 100,000 of them), and the
 * record is read only when a host asks ({@link AxfrResponder#servedVersion}) or is told of a
 * change, so it is made then.
 *
 * <p>Immutable; thread-safe. Compared by identity (the responder replaces the very entry it read).
 */
final class AppliedVersion {

  private final Name zone;
  private final long serial;
  private final boolean hasRevision;
  private final long revision;
  private final long sinceSecond;
  private final int sinceNano;

  /**
   * Keeps what a served version says.
   *
   * @param version the version
   */
  AppliedVersion(ServedVersion version) {
    this.zone = version.zone();
    this.serial = version.serial().value();
    this.hasRevision = version.configurationRevision().isPresent();
    this.revision = hasRevision ? version.configurationRevision().getAsLong() : 0;
    Instant since = version.since();
    this.sinceSecond = since.getEpochSecond();
    this.sinceNano = since.getNano();
  }

  /**
   * Returns the configuration revision applied.
   *
   * @return the revision, empty when the zone has no configuration
   */
  OptionalLong configurationRevision() {
    return hasRevision ? OptionalLong.of(revision) : OptionalLong.empty();
  }

  /**
   * Makes the served version back.
   *
   * @return a record equal to the one this was made from
   */
  ServedVersion version() {
    return new ServedVersion(
        zone,
        SerialNumber.of(serial),
        configurationRevision(),
        Instant.ofEpochSecond(sinceSecond, sinceNano));
  }
}
