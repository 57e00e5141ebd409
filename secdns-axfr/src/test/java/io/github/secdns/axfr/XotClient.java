package io.github.secdns.axfr;

import io.github.secdns.testkit.TestCertificate;
import io.github.secdns.testsupport.Addresses;
import io.github.secdns.testsupport.XotClientSockets;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A JDK TLS client for XoT tests: connects to a TLS listener, verifies its certificate against a CA
 * (and a host name, when given), offers the ALPN protocols and TLS versions a test asks for and
 * optionally a client certificate; {@link #connect} returns a {@link RawDns} over the TLS socket
 * once the handshake is done.
 */
final class XotClient {

  private final X509Certificate trustAnchor;
  private List<String> alpn = List.of("dot");
  private List<String> protocols = List.of("TLSv1.3");
  private Optional<String> hostName = Optional.empty();
  private Optional<TestCertificate> clientCertificate = Optional.empty();
  private Optional<String> localAddress = Optional.empty();
  private int receiveBuffer;

  private XotClient(X509Certificate trustAnchor) {
    this.trustAnchor = trustAnchor;
  }

  /** A client that trusts one CA, offers ALPN dot and TLS 1.3 only. */
  static XotClient trusting(X509Certificate authority) {
    return new XotClient(authority);
  }

  /** The ALPN protocols to offer; none at all when empty. */
  XotClient alpn(String... protocols) {
    this.alpn = List.of(protocols);
    return this;
  }

  /** The TLS versions to offer. */
  XotClient protocols(String... versions) {
    this.protocols = List.of(versions);
    return this;
  }

  /** Verify the server certificate against this host name (SNI sent too). */
  XotClient hostName(String name) {
    this.hostName = Optional.of(name);
    return this;
  }

  /** Present this certificate when the server asks (mutual TLS). */
  XotClient clientCertificate(TestCertificate certificate) {
    this.clientCertificate = Optional.of(certificate);
    return this;
  }

  /** A small receive buffer (set before connecting), so that the server's writes fill up. */
  XotClient receiveBuffer(int octets) {
    this.receiveBuffer = octets;
    return this;
  }

  /** Connect from this local address (127.0.0.2, ...). */
  XotClient from(String address) {
    this.localAddress = Optional.of(address);
    return this;
  }

  /** Connects and completes the handshake. */
  RawDns connect(InetSocketAddress server) throws IOException {
    SSLSocket socket = open(server);
    try {
      socket.startHandshake();
      return RawDns.over(socket);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /** Connects; the caller starts the handshake (to see how it fails). */
  SSLSocket open(InetSocketAddress server) throws IOException {
    SSLContext context = context();
    SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
    try {
      if (receiveBuffer > 0) {
        socket.setReceiveBufferSize(receiveBuffer);
      }
      if (localAddress.isPresent()) {
        socket.bind(new InetSocketAddress(Addresses.ip(localAddress.get()), 0));
      }
      socket.connect(server, RawDns.TIMEOUT_MS);
      socket.setSoTimeout(RawDns.TIMEOUT_MS);
      SSLParameters p = socket.getSSLParameters();
      p.setProtocols(protocols.toArray(new String[0]));
      if (!alpn.isEmpty()) {
        p.setApplicationProtocols(alpn.toArray(new String[0]));
      }
      if (hostName.isPresent()) {
        p.setEndpointIdentificationAlgorithm("HTTPS");
        p.setServerNames(List.of(new SNIHostName(hostName.get())));
      }
      socket.setSSLParameters(p);
      return socket;
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  private SSLContext context() throws IOException {
    try {
      KeyManager[] keys = null;
      if (clientCertificate.isPresent()) {
        char[] password = "test".toCharArray();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry(
            "client",
            clientCertificate.get().privateKey(),
            password,
            clientCertificate.get().chain().toArray(new X509Certificate[0]));
        KeyManagerFactory kmf =
            KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, password);
        keys = kmf.getKeyManagers();
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys, XotClientSockets.trustingOnly(trustAnchor), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException(e);
    }
  }

  /** The certificate the server presented on a connected client. */
  static X509Certificate serverCertificate(RawDns client) throws IOException {
    Socket s = client.socket();
    return (X509Certificate) ((SSLSocket) s).getSession().getPeerCertificates()[0];
  }
}
