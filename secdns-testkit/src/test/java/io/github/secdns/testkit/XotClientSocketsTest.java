package io.github.secdns.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.secdns.testsupport.XotClientSockets;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The testsupport's XoT client sockets against a JDK TLS server on loopback that offers TLS 1.2 and
 * 1.3. (It lives here, not in secdns-testsupport's tests, because the certificates come from the
 * testkit's {@link TestCertificates}, and the testkit depends on the testsupport.)
 */
class XotClientSocketsTest {

  private static final TestCertificates.Authority CA = TestCertificates.authority("xot test CA");
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private final ExecutorService server = Executors.newSingleThreadExecutor();

  @AfterEach
  void stopServer() throws InterruptedException {
    server.shutdownNow();
    assertEquals(true, server.awaitTermination(10, TimeUnit.SECONDS), "server thread ended");
  }

  @Test
  void aSocketNegotiatesTls13AndDotWithAServerOfTheTrustedAuthority() throws Exception {
    try (SSLServerSocket listener = listener(CA.server("xot.test").ipAddress(LOOPBACK).issue())) {
      Future<String> served = server.submit(() -> handshake(listener));
      try (SSLSocket socket = XotClientSockets.trusting(CA.certificate()).createSocket()) {
        socket.connect(new InetSocketAddress(LOOPBACK, listener.getLocalPort()), 10_000);
        socket.setSoTimeout(10_000);
        socket.startHandshake();
        assertEquals("TLSv1.3", socket.getSession().getProtocol());
        assertEquals("dot", socket.getApplicationProtocol());
      }
      assertEquals("dot", served.get(10, TimeUnit.SECONDS), "the server saw ALPN dot");
    }
  }

  @Test
  void aServerOfAnotherAuthorityIsRefused() throws Exception {
    TestCertificates.Authority other = TestCertificates.authority("another CA");
    try (SSLServerSocket listener =
        listener(other.server("xot.test").ipAddress(LOOPBACK).issue())) {
      Future<String> served = server.submit(() -> handshake(listener));
      try (SSLSocket socket = XotClientSockets.trusting(CA.certificate()).createSocket()) {
        socket.connect(new InetSocketAddress(LOOPBACK, listener.getLocalPort()), 10_000);
        socket.setSoTimeout(10_000);
        assertThrows(SSLHandshakeException.class, socket::startHandshake);
      }
      served.cancel(true);
    }
  }

  @Test
  void connectedSocketsAreNotOffered() {
    XotClientSockets sockets = XotClientSockets.trusting(CA.certificate());
    assertThrows(UnsupportedOperationException.class, () -> sockets.createSocket("127.0.0.1", 53));
    assertThrows(UnsupportedOperationException.class, () -> sockets.createSocket(LOOPBACK, 53));
    assertThrows(
        UnsupportedOperationException.class,
        () -> sockets.createSocket("127.0.0.1", 53, LOOPBACK, 0));
    assertThrows(
        UnsupportedOperationException.class, () -> sockets.createSocket(LOOPBACK, 53, LOOPBACK, 0));
  }

  private static SSLServerSocket listener(TestCertificate certificate) throws Exception {
    char[] password = "test".toCharArray();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry(
        "server",
        certificate.privateKey(),
        password,
        certificate.chain().toArray(new X509Certificate[0]));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, password);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), null, null);
    SSLServerSocket listener =
        (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 1, LOOPBACK);
    SSLParameters p = listener.getSSLParameters();
    p.setProtocols(new String[] {"TLSv1.2", "TLSv1.3"});
    p.setApplicationProtocols(new String[] {"dot"});
    listener.setSSLParameters(p);
    return listener;
  }

  /** Accepts one connection, completes the handshake and returns the ALPN protocol chosen. */
  private static String handshake(SSLServerSocket listener) throws Exception {
    try (SSLSocket accepted = (SSLSocket) listener.accept()) {
      accepted.setSoTimeout(10_000);
      accepted.startHandshake();
      return accepted.getApplicationProtocol();
    }
  }
}
