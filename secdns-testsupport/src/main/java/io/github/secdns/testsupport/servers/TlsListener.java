package io.github.secdns.testsupport.servers;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A TLS listener of a server (XoT, RFC 9103: DNS over TLS 1.3 on its own port): the port on the
 * server's listen address, and the PEM files of its certificate chain and private key. Only named
 * is configured with one here (the XoT benchmark's BIND primary); knotd 3.2 has no XoT, and nsd's
 * TLS service is not needed by any test.
 *
 * @param port the TLS port on the server's listen address
 * @param certificateChain PEM certificate chain, the server's certificate first
 * @param privateKey PEM private key of that certificate
 */
public record TlsListener(int port, Path certificateChain, Path privateKey) {

  /** The name of the {@code tls} clause in named.conf. */
  static final String NAMED_TLS_NAME = "xot-listener";

  /** Checks the port and the files' presence in the record (not on disk). */
  public TlsListener {
    if (port <= 0 || port > 65_535) {
      throw new IllegalArgumentException("TLS port out of range: " + port);
    }
    Objects.requireNonNull(certificateChain, "certificateChain");
    Objects.requireNonNull(privateKey, "privateKey");
  }
}
