package io.github.secdns.axfr.probe;

import io.github.secdns.axfr.TlsDetails;
import io.github.secdns.axfr.internal.IdentityKeyManager;
import io.github.secdns.axfr.tls.TlsIdentity;
import io.github.secdns.axfr.tls.XotListener;
import io.github.secdns.core.config.AddressPrefix;
import io.github.secdns.core.diagnostics.CertificateFacts;
import io.github.secdns.core.diagnostics.XotProbe;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.annotation.Nullable;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * One check of an XoT listener, on the calling thread: a TLS 1.3 handshake offering ALPN {@code
 * dot} (and the SNI of the expected name), which accepts any certificate so that it can report what
 * the listener presents; then the chain checked against the given authorities, and an SOA query for
 * the zone over the connection. Each step is bounded by the remaining time-out.
 */
final class XotProber {

  private static final Logger LOG = LoggerFactory.getLogger(XotProber.class);

  private XotProber() {}

  static XotProbe probe(
      Name zone,
      InetSocketAddress listener,
      Optional<String> expectedName,
      List<X509Certificate> authorities,
      Optional<TlsIdentity> clientIdentity,
      Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    InetAddress address = listener.getAddress();
    int port = listener.getPort();
    Recorder recorder = new Recorder();
    SSLSocket socket;
    try {
      SSLContext context = SSLContext.getInstance(XotListener.TLS_1_3);
      context.init(
          clientIdentity.map(id -> new KeyManager[] {new IdentityKeyManager(id)}).orElse(null),
          new TrustManager[] {recorder},
          null);
      socket = (SSLSocket) context.getSocketFactory().createSocket();
    } catch (GeneralSecurityException | IOException e) {
      return failed(address, port, XotProbe.Outcome.NETWORK_ERROR, e.toString(), recorder);
    }
    try (socket) {
      socket.connect(listener, remainingMillis(deadline));
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setProtocols(new String[] {XotListener.TLS_1_3});
      parameters.setApplicationProtocols(new String[] {TlsDetails.ALPN_DOT});
      if (expectedName.isPresent()) {
        try {
          parameters.setServerNames(List.of(new SNIHostName(expectedName.get())));
        } catch (IllegalArgumentException e) {
          // not a host name SNI can carry: verify the name all the same, without SNI
        }
      }
      socket.setSSLParameters(parameters);
      socket.setSoTimeout(remainingMillis(deadline));
      try {
        socket.startHandshake();
      } catch (SocketTimeoutException e) {
        return failed(address, port, XotProbe.Outcome.TIMED_OUT, "", recorder);
      } catch (SSLException e) {
        return failed(
            address,
            port,
            XotProbe.Outcome.HANDSHAKE_FAILED,
            String.valueOf(e.getMessage()),
            recorder);
      }
      String alpn = socket.getApplicationProtocol();
      Optional<Integer> soa;
      try {
        soa = soa(zone, socket, deadline);
      } catch (SocketTimeoutException e) {
        soa = Optional.empty();
      } catch (IOException e) {
        // TLS 1.3 judges the client's certificate after the client's side of the handshake is
        // done: a listener that wants another one says so on the first read, with an alert, or
        // (the alert lost to the reset of a connection closed with our query unread) by closing.
        return failed(
            address,
            port,
            XotProbe.Outcome.HANDSHAKE_FAILED,
            "the listener ended the TLS session right after the handshake: " + e.getMessage(),
            recorder);
      }
      return new XotProbe(
          address,
          port,
          XotProbe.Outcome.HANDSHAKE_COMPLETED,
          "",
          Optional.of(alpn == null ? "" : alpn),
          recorder.facts(),
          expectedName,
          trusted(recorder.chain, authorities),
          soa);
    } catch (SocketTimeoutException e) {
      return failed(address, port, XotProbe.Outcome.TIMED_OUT, "", recorder);
    } catch (IOException e) {
      return failed(address, port, XotProbe.Outcome.NETWORK_ERROR, e.getMessage(), recorder);
    }
  }

  private static XotProbe failed(
      InetAddress address,
      int port,
      XotProbe.Outcome outcome,
      @Nullable String detail,
      Recorder recorder) {
    return new XotProbe(
        address,
        port,
        outcome,
        detail == null ? "" : detail,
        Optional.empty(),
        recorder.facts(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /**
   * The SOA query for the zone over the TLS connection; empty when the answer does not match.
   *
   * @throws SocketTimeoutException when no answer came in time
   * @throws IOException when the listener ended the session instead (an alert, a close, a reset)
   */
  private static Optional<Integer> soa(Name zone, SSLSocket socket, long deadline)
      throws IOException {
    Message query = DnsExchange.query(zone, Type.SOA, false);
    byte[] out = query.toWire();
    byte[] framed = new byte[out.length + 2];
    framed[0] = (byte) (out.length >>> 8);
    framed[1] = (byte) out.length;
    System.arraycopy(out, 0, framed, 2, out.length);
    OutputStream os = socket.getOutputStream();
    os.write(framed);
    os.flush();
    socket.setSoTimeout(remainingMillis(deadline));
    DataInputStream in = new DataInputStream(socket.getInputStream());
    byte[] answer = new byte[in.readUnsignedShort()];
    in.readFully(answer);
    Message m = new Message(answer);
    if (m.getHeader().getID() != query.getHeader().getID()) {
      return Optional.empty();
    }
    return Optional.of(m.getRcode());
  }

  private static Optional<Boolean> trusted(
      @Nullable X509Certificate[] chain, List<X509Certificate> authorities) {
    if (authorities.isEmpty() || chain == null) {
      return Optional.empty();
    }
    try {
      KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
      anchors.load(null, null);
      int i = 0;
      for (X509Certificate ca : authorities) {
        anchors.setCertificateEntry("ca-" + i++, ca);
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(anchors);
      for (TrustManager tm : factory.getTrustManagers()) {
        if (tm instanceof X509TrustManager x509TrustManager) {
          x509TrustManager.checkServerTrusted(chain, "UNKNOWN");
          return Optional.of(true);
        }
      }
      return Optional.empty();
    } catch (CertificateException e) {
      return Optional.of(false);
    } catch (GeneralSecurityException | IOException e) {
      LOG.debug("cannot check the chain against the given authorities", e);
      return Optional.empty();
    }
  }

  static CertificateFacts facts(X509Certificate c) {
    List<String> names = new ArrayList<>();
    List<InetAddress> addresses = new ArrayList<>();
    try {
      Collection<List<?>> alternatives = c.getSubjectAlternativeNames();
      if (alternatives != null) {
        for (List<?> entry : alternatives) {
          int type = (Integer) entry.get(0);
          Object value = entry.get(1);
          if (type == 2 && value instanceof String string) {
            names.add(string);
          } else if (type == 7 && value instanceof String string) {
            try {
              addresses.add(AddressPrefix.parse(string).network());
            } catch (IllegalArgumentException e) {
              // not a literal the model reads: leave it out
            }
          }
        }
      }
    } catch (CertificateParsingException e) {
      LOG.debug("the certificate's alternative names cannot be read", e);
    }
    return new CertificateFacts(
        c.getSubjectX500Principal().getName(),
        names,
        addresses,
        c.getNotBefore().toInstant(),
        c.getNotAfter().toInstant());
  }

  private static int remainingMillis(long deadline) throws SocketTimeoutException {
    long left = (deadline - System.nanoTime()) / 1_000_000;
    if (left <= 0) {
      throw new SocketTimeoutException("the XoT check's time-out passed");
    }
    return (int) Math.min(Integer.MAX_VALUE, left);
  }

  /**
   * Accepts any server certificate and keeps it: the probe reports what the listener presents, and
   * judges trust and name itself.
   */
  private static final class Recorder extends X509ExtendedTrustManager {
    @Nullable volatile X509Certificate[] chain;

    Optional<CertificateFacts> facts() {
      X509Certificate[] c = chain;
      return c == null || c.length == 0 ? Optional.empty() : Optional.of(XotProber.facts(c[0]));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] certificates, String authType) {
      chain = certificates.clone();
    }

    @Override
    public void checkServerTrusted(
        X509Certificate[] certificates, String authType, @Nullable Socket socket) {
      chain = certificates.clone();
    }

    @Override
    public void checkServerTrusted(
        X509Certificate[] certificates, String authType, @Nullable SSLEngine engine) {
      chain = certificates.clone();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] certificates, String authType)
        throws CertificateException {
      throw new CertificateException("the prober is a client");
    }

    @Override
    public void checkClientTrusted(
        X509Certificate[] certificates, String authType, @Nullable Socket socket)
        throws CertificateException {
      throw new CertificateException("the prober is a client");
    }

    @Override
    public void checkClientTrusted(
        X509Certificate[] certificates, String authType, @Nullable SSLEngine engine)
        throws CertificateException {
      throw new CertificateException("the prober is a client");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
