package io.github.secdns.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Unconnected TLS client sockets for zone transfers over TLS (XoT, RFC 9103) in tests and
 * benchmarks: TLS 1.3 only, ALPN {@code dot}, the server's chain verified against one trust anchor
 * only (no host name check: test servers listen on loopback addresses). The caller connects the
 * socket ({@link Socket#connect}); the handshake starts on first use or on {@link
 * SSLSocket#startHandshake()}.
 *
 * <p>Thread-safe: one factory can be shared; each socket belongs to its caller. Never returns null.
 */
public final class XotClientSockets extends SocketFactory {

  private final SSLContext context;

  private XotClientSockets(SSLContext context) {
    this.context = context;
  }

  /**
   * Returns a factory whose sockets trust this anchor only.
   *
   * @param anchor the authority's certificate (the testkit's {@code
   *     TestCertificates.Authority.certificate()})
   * @return the factory
   * @throws IllegalStateException when the JDK offers no TLS or no PKIX trust manager
   */
  public static XotClientSockets trusting(X509Certificate anchor) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trustingOnly(anchor), null);
      return new XotClientSockets(context);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot make a TLS client context", e);
    }
  }

  /**
   * Returns trust managers that accept a chain only when it leads to this anchor (the JDK's PKIX
   * checks, the system's trusted authorities left out): for a client context that also needs key
   * managers (mutual TLS).
   *
   * @param anchor the one trusted authority's certificate
   * @return the trust managers
   * @throws IllegalStateException when the JDK offers no PKIX trust manager
   */
  public static TrustManager[] trustingOnly(X509Certificate anchor) {
    try {
      KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
      anchors.load(null, null);
      anchors.setCertificateEntry("ca", anchor);
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(anchors);
      return tmf.getTrustManagers();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot make a trust manager", e);
    } catch (IOException e) {
      // An empty in-memory key store reads no stream: this cannot happen.
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Returns an unconnected socket offering TLS 1.3 only and ALPN {@code dot}.
   *
   * @return the socket, an {@link SSLSocket}
   * @throws IOException when the socket cannot be created
   */
  @Override
  public SSLSocket createSocket() throws IOException {
    SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
    SSLParameters p = socket.getSSLParameters();
    p.setProtocols(new String[] {"TLSv1.3"});
    p.setApplicationProtocols(new String[] {"dot"});
    socket.setSSLParameters(p);
    return socket;
  }

  /**
   * Not offered: callers connect an unconnected socket with their own timeout.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public Socket createSocket(String host, int port) {
    throw new UnsupportedOperationException("connect an unconnected socket (createSocket())");
  }

  /**
   * Not offered, as {@link #createSocket(String, int)}.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public Socket createSocket(String host, int port, InetAddress local, int localPort) {
    return createSocket(host, port);
  }

  /**
   * Not offered, as {@link #createSocket(String, int)}.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public Socket createSocket(InetAddress host, int port) {
    return createSocket(host.getHostAddress(), port);
  }

  /**
   * Not offered, as {@link #createSocket(String, int)}.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) {
    return createSocket(host.getHostAddress(), port);
  }
}
