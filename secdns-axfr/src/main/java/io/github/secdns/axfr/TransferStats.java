package io.github.secdns.axfr;

import io.github.secdns.core.serial.SerialNumber;
import java.time.Duration;
import java.util.Objects;

/**
 * What one transfer sent (Knot's per-transfer statistics): reported when it completes, and as far
 * as it got when it fails.
 *
 * @param request the request served
 * @param serial the serial of the version streamed
 * @param messages the DNS messages sent
 * @param records the resource records sent (the SOA counted at both ends)
 * @param bytes the octets of the DNS messages sent, without TCP length prefixes
 * @param duration from the start of the transfer to its end
 */
public record TransferStats(
    TransferRequest request,
    SerialNumber serial,
    long messages,
    long records,
    long bytes,
    Duration duration) {

  /** Checks that no component is null. */
  public TransferStats {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(serial, "serial");
    Objects.requireNonNull(duration, "duration");
  }
}
