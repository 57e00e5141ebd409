package io.github.secdns.core.diagnostics;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;
import org.xbill.DNS.Rcode;

/**
 * One check of the primary's XoT listener (zone transfer over TLS, RFC 9103): a TLS 1.3 handshake
 * offering ALPN {@code dot}, what it negotiated, the certificate the listener presented and, when
 * asked, an SOA query for the zone over that connection.
 *
 * @param address the listener's address
 * @param port the listener's port (853 by convention)
 * @param outcome how the handshake went
 * @param detail why it failed, for the message (an alert, an error); empty when it completed
 * @param applicationProtocol the ALPN protocol negotiated ({@code dot}, or the empty string for
 *     none); present exactly when the handshake completed
 * @param certificate the certificate the listener presented, when one was seen
 * @param expectedName the host name secondaries verify the certificate against (strict TLS: BIND's
 *     {@code remote-hostname}, NSD's {@code auth-domain-name}), when the probe was given one
 * @param trusted whether the certificate chain verified against the certificate authorities the
 *     probe was given; empty when it was given none
 * @param soaRcode the response code of the SOA query for the zone over the connection (a dnsjava
 *     {@link Rcode} value); empty when none was asked or none came back
 */
public record XotProbe(
    InetAddress address,
    int port,
    Outcome outcome,
    String detail,
    Optional<String> applicationProtocol,
    Optional<CertificateFacts> certificate,
    Optional<String> expectedName,
    Optional<Boolean> trusted,
    Optional<Integer> soaRcode) {

  /** How the handshake went. */
  public enum Outcome {
    /** TLS 1.3 was negotiated. */
    HANDSHAKE_COMPLETED,
    /** The listener answered but the handshake failed (an alert, no common TLS version). */
    HANDSHAKE_FAILED,
    /** No connection or no handshake within the time-out. */
    TIMED_OUT,
    /** The connection was refused or reset. */
    NETWORK_ERROR
  }

  /**
   * Checks consistency: a completed handshake says which ALPN protocol it negotiated; any other
   * outcome negotiated nothing and asked nothing.
   *
   * @throws IllegalArgumentException when the components contradict each other
   */
  public XotProbe {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(applicationProtocol, "applicationProtocol");
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(expectedName, "expectedName");
    Objects.requireNonNull(trusted, "trusted");
    Objects.requireNonNull(soaRcode, "soaRcode");
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("the port must be between 1 and 65535, was " + port);
    }
    boolean completed = outcome == Outcome.HANDSHAKE_COMPLETED;
    if (completed != applicationProtocol.isPresent()) {
      throw new IllegalArgumentException(
          "the ALPN protocol is known exactly when the handshake completed");
    }
    if (!completed && soaRcode.isPresent()) {
      throw new IllegalArgumentException("no SOA answer without a completed handshake");
    }
  }

  /**
   * Tells whether the listener negotiated the ALPN protocol {@code dot}, which XoT requires (RFC
   * 9103 section 7.1).
   *
   * @return true when the handshake completed with {@code dot}
   */
  public boolean negotiatedDot() {
    return applicationProtocol.filter("dot"::equals).isPresent();
  }
}
