package io.github.secdns.core.diagnostics;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.xbill.DNS.Name;

/**
 * A zone transfer (AXFR or IXFR) a client attempted against the host's primary, as the responder
 * recorded it. Only the latest attempt per source address counts.
 *
 * @param source the client's source address
 * @param result how it ended
 * @param keyName the TSIG key the request was signed with, if any
 * @param at when it ended
 */
public record TransferAttempt(
    InetAddress source, Result result, Optional<Name> keyName, Instant at) {

  /** How a transfer attempt ended. */
  public enum Result {
    /** The zone was transferred (or the client was told it is current). */
    COMPLETED,
    /** REFUSED: the source address is not allowed (RFC 5936 section 5). */
    REFUSED,
    /** NOTAUTH: the TSIG signature was missing, unknown or wrong (RFC 8945). */
    NOT_AUTHORIZED,
    /** The transfer started but broke off (connection lost, time-out). */
    FAILED
  }

  /** Checks for nulls. */
  public TransferAttempt {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(keyName, "keyName");
    Objects.requireNonNull(at, "at");
  }
}
