/**
 * Zone transfer over TLS (XoT, RFC 9103): the {@link io.github.secdns.axfr.tls.XotListener} a
 * responder listens on with TLS 1.3 and ALPN {@code dot}, its certificate and key ({@link
 * io.github.secdns.axfr.tls.TlsIdentity}, from PEM files or a {@link java.security.KeyStore}),
 * optional client certificates (mutual TLS), and reloading them without a restart.
 *
 * <p>Only the JDK is used (no TLS library): {@code javax.net.ssl.SSLEngine} on the responder's NIO
 * transport, PEM parsed with {@code java.util.Base64} and {@code java.security}.
 *
 * <p>Nullness: parameters and return values are non-null unless annotated otherwise; absent values
 * are expressed with {@link java.util.Optional}.
 */
@ParametersAreNonnullByDefault
package io.github.secdns.axfr.tls;

import javax.annotation.ParametersAreNonnullByDefault;
