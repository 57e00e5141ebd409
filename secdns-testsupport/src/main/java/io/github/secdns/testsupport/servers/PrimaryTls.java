package io.github.secdns.testsupport.servers;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How a secondary pulls its zone over TLS (XoT, RFC 9103) from its primary's TLS port, and how it
 * authenticates the primary: <em>opportunistic</em> (encrypted, the certificate not checked),
 * <em>strict</em> (the certificate must chain to the given CAs and carry the host name) or
 * <em>mutual</em> (strict, and the secondary presents a client certificate). BIND 9.18 does all
 * three ({@code tls} clause, {@code primaries { ... tls NAME; }}); NSD 4.6 only strict ({@code
 * tls-cert-bundle}, {@code tls-auth} with {@code auth-domain-name}); knotd 3.2 none. A server that
 * cannot do the mode asked for refuses to write its configuration.
 *
 * @param certificateAuthorities PEM file of the CAs the primary's certificate must chain to; empty
 *     for opportunistic TLS
 * @param hostName the name the primary's certificate must carry; present exactly when the CAs are
 * @param clientCertificate PEM certificate the secondary presents (mutual TLS), if any
 * @param clientKey PEM private key of the client certificate; present exactly when it is
 */
public record PrimaryTls(
    Optional<Path> certificateAuthorities,
    Optional<String> hostName,
    Optional<Path> clientCertificate,
    Optional<Path> clientKey) {

  /** The name of the {@code tls} clause (named) or {@code tls-auth} clause (nsd). */
  static final String TLS_NAME = "xot-primary";

  /** Checks that the CAs come with a host name and the client certificate with its key. */
  public PrimaryTls {
    Objects.requireNonNull(certificateAuthorities, "certificateAuthorities");
    Objects.requireNonNull(hostName, "hostName");
    Objects.requireNonNull(clientCertificate, "clientCertificate");
    Objects.requireNonNull(clientKey, "clientKey");
    if (certificateAuthorities.isPresent() != hostName.isPresent()) {
      throw new IllegalArgumentException("strict TLS needs both the CA file and the host name");
    }
    if (clientCertificate.isPresent() != clientKey.isPresent()) {
      throw new IllegalArgumentException("a client certificate needs its key, and the reverse");
    }
  }

  /**
   * Encrypted, the primary's certificate not checked.
   *
   * @return the settings
   */
  public static PrimaryTls opportunistic() {
    return new PrimaryTls(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * The primary's certificate checked against the CAs and the host name.
   *
   * @param certificateAuthorities PEM file of the trusted CAs
   * @param hostName the name the certificate must carry
   * @return the settings
   */
  public static PrimaryTls strict(Path certificateAuthorities, String hostName) {
    return new PrimaryTls(
        Optional.of(certificateAuthorities),
        Optional.of(hostName),
        Optional.empty(),
        Optional.empty());
  }

  /**
   * The same, and the secondary presents this client certificate (mutual TLS).
   *
   * @param certificate PEM client certificate
   * @param key its PEM private key
   * @return the settings
   */
  public PrimaryTls withClientCertificate(Path certificate, Path key) {
    return new PrimaryTls(
        certificateAuthorities, hostName, Optional.of(certificate), Optional.of(key));
  }

  /**
   * Whether the primary's certificate is checked.
   *
   * @return true for strict and mutual TLS
   */
  public boolean isStrict() {
    return certificateAuthorities.isPresent();
  }

  /**
   * Whether the secondary presents a client certificate.
   *
   * @return true for mutual TLS
   */
  public boolean isMutual() {
    return clientCertificate.isPresent();
  }
}
