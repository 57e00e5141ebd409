package io.github.secdns.axfr.tls;

import io.github.secdns.axfr.TlsDetails;
import io.github.secdns.axfr.internal.IdentityKeyManager;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.annotation.Nullable;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TLS listener of the responder for zone transfer over TLS (XoT, RFC 9103): the address to listen
 * on (port 853 by convention), the certificate and key it presents, and optionally the certificate
 * authorities whose client certificates it requires (mutual TLS).
 *
 * <p>Every connection negotiates TLS 1.3 only (RFC 9103 section 7.1; a TLS 1.2 client fails the
 * handshake with a {@code protocol_version} alert) and ALPN {@code dot}: a client offering other
 * protocols only fails the handshake ({@code no_application_protocol}); a client offering none
 * completes it, gets SOA answers, and is refused every zone transfer. The transfer ACL and TSIG
 * keys apply on top, and each zone's {@link io.github.secdns.core.config.XotPolicy} says whether it
 * may travel over TLS, over plain TCP, or both.
 *
 * <p><b>Reload without restart.</b> {@link #reload()} reads the certificate and key files again
 * (and the client CA file), {@link #reload(TlsIdentity)} takes a new identity: connections accepted
 * afterwards present the new certificate, connections already open finish with the one they
 * negotiated. A reload that fails changes nothing.
 *
 * <p>Thread-safe: {@link #reload()} may run on any thread while the responder accepts connections.
 * Give the listener to {@link io.github.secdns.axfr.AxfrResponder.Builder#xot}.
 */
public final class XotListener {

  /** The XoT port (RFC 7858 section 3.1, RFC 9103 section 7.1). */
  public static final int DEFAULT_PORT = 853;

  /** The only TLS version offered. */
  public static final String TLS_1_3 = "TLSv1.3";

  /** A certificate this close to its expiry is logged as a warning at load and reload. */
  static final Duration EXPIRY_WARNING = Duration.ofDays(14);

  private static final Logger LOG = LoggerFactory.getLogger(XotListener.class);

  private final InetSocketAddress address;
  private final Optional<Path> certificateFile;
  private final Optional<Path> keyFile;
  private final Optional<Path> clientCaFile;
  private volatile Material current;

  /** What new connections use; replaced as a whole by a reload. */
  private record Material(
      TlsIdentity identity, Optional<List<X509Certificate>> clientCas, SSLContext context) {}

  private XotListener(Builder b, Material material) {
    this.address = b.address;
    this.certificateFile = Optional.ofNullable(b.certificateFile);
    this.keyFile = Optional.ofNullable(b.keyFile);
    this.clientCaFile = Optional.ofNullable(b.clientCaFile);
    this.current = material;
  }

  /**
   * Starts a builder for a listener on an address.
   *
   * @param address a literal (resolved) address; port 0 picks a free port when the responder starts
   * @return a new builder
   * @throws IllegalArgumentException when the address is unresolved
   */
  public static Builder builder(InetSocketAddress address) {
    Objects.requireNonNull(address, "address");
    if (address.isUnresolved()) {
      throw new IllegalArgumentException("the XoT listen address must be resolved: " + address);
    }
    return new Builder(address);
  }

  /**
   * Returns the address to listen on, as given (the port the responder bound is in {@link
   * io.github.secdns.axfr.AxfrResponder#boundXotAddresses()}).
   *
   * @return the address
   */
  public InetSocketAddress address() {
    return address;
  }

  /**
   * Returns the identity new connections present.
   *
   * @return the current identity
   */
  public TlsIdentity identity() {
    return current.identity();
  }

  /**
   * Returns the certificate authorities client certificates must chain to, under mutual TLS.
   *
   * @return the authorities, or empty when clients are not asked for a certificate
   */
  public Optional<List<X509Certificate>> clientCertificateAuthorities() {
    return current.clientCas();
  }

  /**
   * Reads the certificate chain and key files again (and the client CA file, when given as a file):
   * connections accepted from now on present the new certificate; open ones are not touched. When
   * anything fails, the listener keeps what it had.
   *
   * @throws TlsMaterialException naming the file and what is wrong with it
   * @throws IllegalStateException when the listener was built from a {@link TlsIdentity} rather
   *     than from files (use {@link #reload(TlsIdentity)})
   */
  public void reload() throws TlsMaterialException {
    if (certificateFile.isEmpty() || keyFile.isEmpty()) {
      throw new IllegalStateException(
          "this XoT listener was built from a TlsIdentity, not from files: use reload(identity)");
    }
    TlsIdentity identity = TlsIdentity.fromPemFiles(certificateFile.get(), keyFile.get());
    Optional<List<X509Certificate>> cas =
        clientCaFile.isPresent()
            ? Optional.of(Pem.readCertificates(clientCaFile.get()))
            : current.clientCas();
    install(identity, cas);
  }

  /**
   * Takes a new identity: connections accepted from now on present it; open ones are not touched.
   *
   * @param identity the new certificate chain and key
   * @throws TlsMaterialException when no TLS 1.3 context can be made with it
   */
  public void reload(TlsIdentity identity) throws TlsMaterialException {
    install(Objects.requireNonNull(identity, "identity"), current.clientCas());
  }

  private void install(TlsIdentity identity, Optional<List<X509Certificate>> cas)
      throws TlsMaterialException {
    current = material(identity, cas);
    LOG.info("XoT listener {} now presents {}", address, identity);
    warnIfExpiring(identity);
  }

  /**
   * Creates the server side of one TLS connection with the current identity: TLS 1.3 only, ALPN
   * {@code dot}, client certificates required under mutual TLS. The responder calls it for every
   * connection it accepts.
   *
   * @return a new engine in server mode
   */
  public SSLEngine newServerEngine() {
    Material m = current;
    SSLEngine engine = m.context().createSSLEngine();
    engine.setUseClientMode(false);
    SSLParameters parameters = engine.getSSLParameters();
    parameters.setProtocols(new String[] {TLS_1_3});
    parameters.setApplicationProtocols(new String[] {TlsDetails.ALPN_DOT});
    parameters.setNeedClientAuth(m.clientCas().isPresent());
    engine.setSSLParameters(parameters);
    return engine;
  }

  @Override
  public String toString() {
    Material m = current;
    return "XotListener["
        + address
        + ", "
        + m.identity()
        + (m.clientCas().isPresent()
            ? ", mutual TLS with " + m.clientCas().get().size() + " client CA(s)"
            : "")
        + "]";
  }

  private static Material material(TlsIdentity identity, Optional<List<X509Certificate>> cas)
      throws TlsMaterialException {
    try {
      TrustManager[] trust = null;
      if (cas.isPresent()) {
        KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
        anchors.load(null, null);
        int i = 0;
        for (X509Certificate ca : cas.get()) {
          anchors.setCertificateEntry("client-ca-" + i++, ca);
        }
        TrustManagerFactory factory =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(anchors);
        trust = factory.getTrustManagers();
      }
      SSLContext context = SSLContext.getInstance(TLS_1_3);
      context.init(new KeyManager[] {new IdentityKeyManager(identity)}, trust, null);
      return new Material(identity, cas.map(List::copyOf), context);
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new TlsMaterialException("cannot set up TLS 1.3 with " + identity + ": " + e, e);
    }
  }

  private static void warnIfExpiring(TlsIdentity identity) {
    Instant now = Instant.now();
    if (identity.notAfter().isBefore(now)) {
      LOG.warn(
          "the XoT certificate {} has expired: secondaries that verify it will fail", identity);
    } else if (identity.notAfter().isBefore(now.plus(EXPIRY_WARNING))) {
      LOG.warn("the XoT certificate {} expires within 14 days: reload a new one", identity);
    }
  }

  /** Configures an {@link XotListener}. Not thread-safe. */
  public static final class Builder {
    private final InetSocketAddress address;
    @Nullable private TlsIdentity identity;
    @Nullable private Path certificateFile;
    @Nullable private Path keyFile;
    @Nullable private List<X509Certificate> clientCas;
    @Nullable private Path clientCaFile;

    private Builder(InetSocketAddress address) {
      this.address = address;
    }

    /**
     * Presents a fixed identity (replace it with {@link XotListener#reload(TlsIdentity)}).
     *
     * @param identity the certificate chain and key
     * @return this builder
     */
    public Builder identity(TlsIdentity identity) {
      this.identity = Objects.requireNonNull(identity, "identity");
      this.certificateFile = null;
      this.keyFile = null;
      return this;
    }

    /**
     * Presents the identity of two PEM files, read when the listener is built and again on {@link
     * XotListener#reload()}.
     *
     * @param certificateChain the certificates, the server's own first
     * @param privateKey an unencrypted PKCS#8 RSA or EC key (may be the same file)
     * @return this builder
     */
    public Builder identityFiles(Path certificateChain, Path privateKey) {
      this.certificateFile = Objects.requireNonNull(certificateChain, "certificateChain");
      this.keyFile = Objects.requireNonNull(privateKey, "privateKey");
      this.identity = null;
      return this;
    }

    /**
     * Requires a client certificate that chains to one of these authorities (mutual TLS, RFC 9103
     * section 9.3.3); a client without one, or with another, fails the handshake.
     *
     * @param authorities one or more CA certificates
     * @return this builder
     */
    public Builder clientCertificateAuthorities(List<X509Certificate> authorities) {
      if (authorities.isEmpty()) {
        throw new IllegalArgumentException("mutual TLS needs at least one client CA certificate");
      }
      this.clientCas = List.copyOf(authorities);
      this.clientCaFile = null;
      return this;
    }

    /**
     * Requires a client certificate that chains to a CA of this PEM file (mutual TLS); the file is
     * read again on {@link XotListener#reload()}.
     *
     * @param authorities a PEM file with one or more CA certificates
     * @return this builder
     */
    public Builder clientCertificateAuthoritiesFile(Path authorities) {
      this.clientCaFile = Objects.requireNonNull(authorities, "authorities");
      this.clientCas = null;
      return this;
    }

    /**
     * Reads what was given and builds the listener.
     *
     * @return the listener
     * @throws TlsMaterialException naming the file or value that cannot be used
     * @throws IllegalStateException when neither an identity nor identity files were given
     */
    public XotListener build() throws TlsMaterialException {
      TlsIdentity id;
      if (identity != null) {
        id = identity;
      } else if (certificateFile != null && keyFile != null) {
        id = TlsIdentity.fromPemFiles(certificateFile, keyFile);
      } else {
        throw new IllegalStateException(
            "an XoT listener needs a certificate and key: identity(...) or identityFiles(...)");
      }
      Optional<List<X509Certificate>> cas =
          clientCaFile != null
              ? Optional.of(Pem.readCertificates(clientCaFile))
              : Optional.ofNullable(clientCas);
      XotListener listener = new XotListener(this, material(id, cas));
      warnIfExpiring(id);
      return listener;
    }
  }
}
