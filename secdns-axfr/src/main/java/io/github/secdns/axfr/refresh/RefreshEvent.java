package io.github.secdns.axfr.refresh;

import io.github.secdns.core.export.ExportFinding;
import io.github.secdns.core.serial.SerialNumber;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xbill.DNS.Name;

/** What the refresher did. Events carry names, serials and reasons only: no secret ever. */
public sealed interface RefreshEvent {

  /**
   * Returns the zone the event is about.
   *
   * @return the zone's origin
   */
  Name zone();

  /** How one refresh of a zone ended; {@link AliasRefresher#refreshNow} completes with it. */
  sealed interface Outcome extends RefreshEvent {}

  /**
   * The flattened values changed: a new version was published (the responder serving it sends its
   * NOTIFY).
   *
   * @param zone the zone
   * @param serial the serial of the published version
   * @param previous the serial it replaced; empty for the refresher's first publication
   * @param findings the export's warnings and information
   */
  record Refreshed(
      Name zone, SerialNumber serial, Optional<SerialNumber> previous, List<ExportFinding> findings)
      implements Outcome {

    /** Checks and copies the components. */
    public Refreshed {
      Objects.requireNonNull(zone, "zone");
      Objects.requireNonNull(serial, "serial");
      Objects.requireNonNull(previous, "previous");
      findings = List.copyOf(findings);
    }
  }

  /**
   * The export equals the one published before: nothing was published.
   *
   * @param zone the zone
   * @param serial the serial still served
   */
  record Unchanged(Name zone, SerialNumber serial) implements Outcome {

    /** Checks the components. */
    public Unchanged {
      Objects.requireNonNull(zone, "zone");
      Objects.requireNonNull(serial, "serial");
    }
  }

  /**
   * The exporter refused the host's zone (for example an ALIAS beside a CNAME). Nothing was
   * published; the previous version stays served.
   *
   * @param zone the zone
   * @param reason what the exporter said
   */
  record ExportFailed(Name zone, String reason) implements Outcome {

    /** Checks the components. */
    public ExportFailed {
      Objects.requireNonNull(zone, "zone");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * The publisher threw: nothing was published, and the next refresh tries again.
   *
   * @param zone the zone
   * @param serial the serial that was not published
   * @param reason the publisher's exception, as text
   */
  record PublishFailed(Name zone, SerialNumber serial, String reason) implements Outcome {

    /** Checks the components. */
    public PublishFailed {
      Objects.requireNonNull(zone, "zone");
      Objects.requireNonNull(serial, "serial");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * Resolving one ALIAS target failed. The export keeps the target's last good values (or leaves
   * the ALIAS out when there are none), and the target is not asked again before {@code retryAfter}
   * has passed.
   *
   * @param zone the zone
   * @param target the ALIAS target
   * @param reason why it did not resolve
   * @param consecutiveFailures failures in a row, 1 for the first
   * @param retryAfter the back-off until the next attempt
   */
  record ResolutionFailed(
      Name zone, Name target, String reason, int consecutiveFailures, Duration retryAfter)
      implements RefreshEvent {

    /** Checks the components. */
    public ResolutionFailed {
      Objects.requireNonNull(zone, "zone");
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(retryAfter, "retryAfter");
      if (consecutiveFailures < 1) {
        throw new IllegalArgumentException("consecutiveFailures must be at least 1");
      }
    }
  }
}
