package io.github.secdns.axfr;

import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;

/**
 * What a TLS connection negotiated, as the transfer policy and the events see it (XoT, RFC 9103).
 *
 * @param protocol the TLS version, always {@code TLSv1.3} on the responder's TLS listeners
 * @param cipherSuite the cipher suite, e.g. {@code TLS_AES_256_GCM_SHA384}
 * @param applicationProtocol the ALPN protocol negotiated: {@code dot} for XoT, empty when the
 *     client offered none (such a connection gets SOA answers but no zone transfer)
 * @param clientCertificate the client's certificate, present only under mutual TLS, once it has
 *     been verified against the listener's client CAs
 */
public record TlsDetails(
    String protocol,
    String cipherSuite,
    String applicationProtocol,
    Optional<X509Certificate> clientCertificate) {

  /** The ALPN protocol of DNS over TLS, required for zone transfers (RFC 9103 section 7.1). */
  public static final String ALPN_DOT = "dot";

  /** Checks that no component is null. */
  public TlsDetails {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(cipherSuite, "cipherSuite");
    Objects.requireNonNull(applicationProtocol, "applicationProtocol");
    Objects.requireNonNull(clientCertificate, "clientCertificate");
  }

  /**
   * Tells whether the client negotiated the ALPN protocol {@code dot}, without which RFC 9103
   * section 7.1 forbids answering zone transfers.
   *
   * @return true when {@link #applicationProtocol()} is {@code dot}
   */
  public boolean negotiatedDot() {
    return ALPN_DOT.equals(applicationProtocol);
  }

  /**
   * Describes the session for logs: protocol, cipher suite, ALPN and the client certificate's
   * subject.
   *
   * @return for example {@code TLSv1.3 TLS_AES_128_GCM_SHA256 alpn=dot client=CN=xfr.example}
   */
  @Override
  public String toString() {
    return protocol
        + " "
        + cipherSuite
        + " alpn="
        + (applicationProtocol.isEmpty() ? "none" : applicationProtocol)
        + clientCertificate.map(c -> " client=" + c.getSubjectX500Principal().getName()).orElse("");
  }
}
