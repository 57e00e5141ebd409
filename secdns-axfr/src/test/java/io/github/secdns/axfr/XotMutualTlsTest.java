package io.github.secdns.axfr;

import static io.github.secdns.axfr.XotFixture.CA;
import static io.github.secdns.axfr.XotFixture.SERVER;
import static io.github.secdns.axfr.XotFixture.ZONE;
import static io.github.secdns.axfr.XotFixture.client;
import static io.github.secdns.axfr.XotFixture.configuration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.axfr.tls.XotListener;
import io.github.secdns.core.config.XotPolicy;
import io.github.secdns.testkit.TestCertificate;
import io.github.secdns.testkit.TestCertificates;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/** Mutual TLS: the listener requires a client certificate from its client CA. */
class XotMutualTlsTest {

  private static final TestCertificates.Authority CLIENT_CA =
      TestCertificates.authority("secdns XoT client CA");

  private static XotFixture mutual() throws Exception {
    XotListener listener =
        XotListener.builder(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .identity(XotFixture.identity(SERVER))
            .clientCertificateAuthorities(List.of(CLIENT_CA.certificate()))
            .build();
    return new XotFixture(listener, ResponderLimits.defaults(), configuration(XotPolicy.REQUIRED));
  }

  /**
   * The client gets no zone data: the handshake fails, or (TLS 1.3 checks the client's certificate
   * after the client's side is done) the first read fails or finds the connection closed.
   */
  private static void assertNoZoneData(XotClient client, XotFixture f) throws Exception {
    try (SSLSocket socket = client.open(f.tls())) {
      try {
        socket.startHandshake();
      } catch (SSLException e) {
        return;
      }
      RawDns c = RawDns.over(socket);
      try {
        c.send(RawDns.query(1, ZONE, Type.AXFR, false));
      } catch (IOException e) {
        return;
      }
      assertThrows(IOException.class, c::receive, "the server must not answer");
    }
  }

  @Test
  void aClientWithACertificateOfTheClientCaGetsTheZone() throws Exception {
    TestCertificate secondary = CLIENT_CA.client("secondary.test").issue();
    try (XotFixture f = mutual()) {
      f.zones.publish(TestZones.small(ZONE, 2));
      try (RawDns c = client().clientCertificate(secondary).connect(f.tls())) {
        c.send(RawDns.query(1, ZONE, Type.AXFR, false));
        assertEquals(Rcode.NOERROR, new Message(c.receiveTransfer().get(0)).getRcode());
      }
      TransferRequest request = RecordingListener.next(f.listener.started);
      X509Certificate presented = request.tls().orElseThrow().clientCertificate().orElseThrow();
      assertEquals(secondary.certificate(), presented);
      assertTrue(
          request.tls().orElseThrow().toString().contains("client=CN=secondary.test"),
          request.tls().orElseThrow().toString());
      // The transfer's log line says what TLS negotiated and who the client certificate names.
      RecordingListener.next(f.listener.completed);
      List<CapturedLogs.Line> lines =
          CapturedLogs.matching("client=CN=secondary.test").stream()
              .filter(l -> l.message().startsWith("AXFR out"))
              .collect(java.util.stream.Collectors.toList());
      assertEquals(1, lines.size(), lines.toString());
      String line = lines.get(0).message();
      assertTrue(line.contains("transport=TLS(TLSv1.3 TLS_"), line);
      assertTrue(line.contains("alpn=dot"), line);
    }
  }

  @Test
  void aClientWithoutACertificateGetsNoZoneData() throws Exception {
    try (XotFixture f = mutual()) {
      f.zones.publish(TestZones.small(ZONE, 2));
      assertNoZoneData(client(), f);
      assertTrue(f.listener.started.isEmpty(), "no transfer started");
    }
  }

  @Test
  void aClientWithACertificateOfAnotherCaGetsNoZoneData() throws Exception {
    TestCertificate stranger = CA.client("stranger.test").issue();
    try (XotFixture f = mutual()) {
      f.zones.publish(TestZones.small(ZONE, 2));
      assertNoZoneData(client().clientCertificate(stranger), f);
      assertTrue(f.listener.started.isEmpty(), "no transfer started");
    }
  }

  @Test
  void anExpiredClientCertificateGetsNoZoneData() throws Exception {
    java.time.Instant now = java.time.Instant.now();
    TestCertificate expired =
        CLIENT_CA
            .client("expired.test")
            .validity(now.minus(java.time.Duration.ofDays(30)), now.minusSeconds(60))
            .issue();
    try (XotFixture f = mutual()) {
      f.zones.publish(TestZones.small(ZONE, 2));
      assertNoZoneData(client().clientCertificate(expired), f);
      assertTrue(f.listener.started.isEmpty(), "no transfer started");
    }
  }
}
