package io.github.secdns.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.axfr.AxfrResponder;
import io.github.secdns.axfr.PublishedZones;
import io.github.secdns.axfr.TransferListener;
import io.github.secdns.axfr.TransferStats;
import io.github.secdns.axfr.Transport;
import io.github.secdns.axfr.notify.NotifyOutcome;
import io.github.secdns.axfr.notify.NotifySender;
import io.github.secdns.axfr.tls.TlsIdentity;
import io.github.secdns.axfr.tls.TlsMaterialException;
import io.github.secdns.axfr.tls.XotListener;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.config.TransferAuthentication;
import io.github.secdns.core.config.XotPolicy;
import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.testkit.TestCertificate;
import io.github.secdns.testkit.TestCertificates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * Zone transfer over TLS (XoT, RFC 9103) with real clients: {@code kdig +tls} transfers a
 * TSIG-signed zone (opportunistic, and strict with {@code +tls-ca}/{@code +tls-hostname}); a BIND
 * 9.18 secondary pulls over TLS in opportunistic, strict (host name + CA) and mutual-TLS modes and
 * follows a change (NOTIFY over UDP, then IXFR over TLS); NSD 4.6 pulls in strict mode and follows
 * a change. The primary is the embedded responder with an XoT listener, the zone requires TLS, and
 * its events prove each transfer went over TLS with ALPN dot.
 *
 * <p>The certificates are made by the test (a CA, the server's for {@code xot.test} and 127.0.0.1,
 * a client's from a second CA) and written to its temporary directory only.
 */
@InteropTest
class XotInteropTest {

  private static final Name ZONE = SecondaryInteropContract.ZONE;
  private static final String HOST_NAME = "xot.test";
  private static final Duration CONVERGE = Duration.ofSeconds(60);
  private static final TestCertificates.Authority CA = TestCertificates.authority("XoT interop CA");
  private static final TestCertificates.Authority CLIENT_CA =
      TestCertificates.authority("XoT interop client CA");

  @TempDir Path dir;

  private final Deque<AutoCloseable> started = new ArrayDeque<>();

  /** How the BIND secondary authenticates the primary (BIND ARM 9.18, "tls" statement). */
  enum BindTls {
    /** Encrypted, the certificate not checked. */
    OPPORTUNISTIC,
    /** The certificate checked against the CA and the host name. */
    STRICT,
    /** Strict, and the secondary presents a client certificate the listener requires. */
    MUTUAL
  }

  @AfterEach
  void stopAll() throws Exception {
    while (!started.isEmpty()) {
      started.pop().close();
    }
  }

  @Test
  void kdigOverTlsTransfersATsigSignedZoneAndRefusesAWrongHostName() throws Exception {
    TsigSecret key = TsigSecret.generate("xot-key.interop.test", SecondaryInteropContract.SEED);
    ZoneSnapshot v1 = SecondaryInteropContract.firstVersion();
    XotPrimary primary = primary(v1, Optional.of(key), false, List.of());
    String tls = "+tls";
    for (List<String> mode :
        List.of(
            List.of(tls),
            List.of(
                "+tls-ca=" + write("ca.pem", CA.certificatePem()), "+tls-hostname=" + HOST_NAME))) {
      List<String> args = new ArrayList<>(primary.kdigArgs(key));
      args.addAll(mode);
      DigTool.Result result = DigTool.kdig(args);
      assertEquals(0, result.exitCode(), result::toString);
      ZoneReadBack.assertSameZone(
          v1, result.records(), ZoneReadBack.NameCase.EXACT, "kdig " + mode);
      TransferStats stats = primary.nextTransfer();
      assertEquals(Transport.TLS, stats.request().transport());
      assertEquals(key.name(), stats.request().keyName().orElseThrow());
      assertTrue(stats.request().tls().orElseThrow().negotiatedDot());
    }
    // Strict with a name the certificate does not carry: kdig gives up before asking.
    List<String> wrong = new ArrayList<>(primary.kdigArgs(key));
    wrong.addAll(List.of("+tls-ca=" + dir.resolve("ca.pem"), "+tls-hostname=wrong.test"));
    DigTool.Result refused = DigTool.kdig(wrong);
    assertTrue(refused.records().isEmpty(), refused::toString);
    assertTrue(
        refused.output().toLowerCase(java.util.Locale.ROOT).contains("certificate"),
        refused::toString);
    // Over plain TCP the zone, which requires TLS, is refused.
    DigTool.Result plain =
        DigTool.kdig(
            List.of(
                "@" + primary.plain().getAddress().getHostAddress(),
                "-p",
                String.valueOf(primary.plain().getPort()),
                "-y",
                key.digArgument(),
                ZONE.toString(),
                "AXFR"));
    assertTrue(plain.records().isEmpty(), plain::toString);
    assertTrue(plain.output().contains("REFUSED"), plain::toString);
  }

  @ParameterizedTest
  @EnumSource(BindTls.class)
  void bindPullsOverTlsAndFollowsAChangeByNotifyAndIxfrOverTls(BindTls mode) throws Exception {
    SecondarySettings planned = SecondarySettings.planned(SecondaryKind.BIND, Loopback.ONE, ZONE);
    ZoneSnapshot v1 = SecondaryInteropContract.firstVersion();
    XotPrimary primary =
        primary(v1, Optional.empty(), mode == BindTls.MUTUAL, List.of(planned.endpoint()));
    SecondarySettings settings = planned.withPrimary(primary.tls());
    ServerProcess bind = start(SecondaryKind.BIND, settings, bindConfig(settings, mode));

    ZoneReadBack.awaitSerial(bind, ZONE, v1.soa().getSerial(), CONVERGE);
    ZoneReadBack.assertSameZone(
        v1, ZoneReadBack.axfrFrom(bind, ZONE), ZoneReadBack.NameCase.EXACT, "BIND " + mode);
    TransferStats first = primary.nextTransfer();
    assertEquals(Type.AXFR, first.request().qtype());
    assertEquals(Transport.TLS, first.request().transport());
    assertTrue(first.request().tls().orElseThrow().negotiatedDot());
    assertEquals(
        mode == BindTls.MUTUAL,
        first.request().tls().orElseThrow().clientCertificate().isPresent());

    ZoneSnapshot v2 = ZoneGenerator.nextVersion(v1, 1);
    primary.publish(v2);
    ZoneReadBack.awaitSerial(bind, ZONE, v2.soa().getSerial(), CONVERGE);
    bind.awaitLog(SecondaryKind.BIND.notifyFor(v2.soa().getSerial()), CONVERGE);
    TransferStats change = primary.nextTransfer();
    assertEquals(Type.IXFR, change.request().qtype(), "the change came by IXFR");
    assertEquals(Transport.TLS, change.request().transport());
    ZoneReadBack.assertSameZone(
        v2, ZoneReadBack.axfrFrom(bind, ZONE), ZoneReadBack.NameCase.EXACT, "BIND after IXFR");
  }

  @Test
  void nsdPullsOverTlsInStrictModeAndFollowsAChange() throws Exception {
    SecondarySettings planned = SecondarySettings.planned(SecondaryKind.NSD, Loopback.TWO, ZONE);
    ZoneSnapshot v1 = SecondaryInteropContract.firstVersion();
    XotPrimary primary = primary(v1, Optional.empty(), false, List.of(planned.endpoint()));
    SecondarySettings settings = planned.withPrimary(primary.tls());
    ServerProcess nsd = start(SecondaryKind.NSD, settings, nsdConfig(settings));

    ZoneReadBack.awaitSerial(nsd, ZONE, v1.soa().getSerial(), CONVERGE);
    ZoneReadBack.assertSameZone(
        v1, ZoneReadBack.axfrFrom(nsd, ZONE), ZoneReadBack.NameCase.FOLDED, "NSD strict");
    TransferStats first = primary.nextTransfer();
    assertEquals(Transport.TLS, first.request().transport());

    ZoneSnapshot v2 = ZoneGenerator.nextVersion(v1, 1);
    primary.publish(v2);
    ZoneReadBack.awaitSerial(nsd, ZONE, v2.soa().getSerial(), CONVERGE);
    TransferStats change = primary.nextTransfer();
    assertEquals(Type.IXFR, change.request().qtype(), "the change came by IXFR");
    assertEquals(Transport.TLS, change.request().transport());
    ZoneReadBack.assertSameZone(
        v2, ZoneReadBack.axfrFrom(nsd, ZONE), ZoneReadBack.NameCase.FOLDED, "NSD after IXFR");
  }

  // ---- the secondaries' configurations: the harness's, with the TLS parts added

  private String bindConfig(SecondarySettings s, BindTls mode) throws IOException {
    String conf = BindConfig.secondary(s, dirOf(s));
    String ca = write("ca.pem", CA.certificatePem());
    String tls;
    switch (mode) {
      case OPPORTUNISTIC:
        tls = "tls xot { };\n";
        break;
      case STRICT:
        tls =
            "tls xot {\n  ca-file \"" + ca + "\";\n  remote-hostname \"" + HOST_NAME + "\";\n};\n";
        break;
      default:
        TestCertificate client = CLIENT_CA.client("bind-secondary.interop.test").issue();
        Path cert = dir.resolve("bind-client.pem");
        Path key = dir.resolve("bind-client.key");
        client.writePem(cert, key);
        tls =
            "tls xot {\n  ca-file \""
                + ca
                + "\";\n  remote-hostname \""
                + HOST_NAME
                + "\";\n  cert-file \""
                + cert
                + "\";\n  key-file \""
                + key
                + "\";\n};\n";
        break;
    }
    String primaries = "port " + s.primary().getPort() + "; };";
    assertTrue(conf.contains(primaries), conf);
    return tls + conf.replace(primaries, "port " + s.primary().getPort() + " tls xot; };");
  }

  private String nsdConfig(SecondarySettings s) throws IOException {
    String conf = NsdConfig.secondary(s, dirOf(s));
    String ca = write("ca.pem", CA.certificatePem());
    String server = "server:\n";
    String request =
        "request-xfr: " + Loopback.ONE.getHostAddress() + "@" + s.primary().getPort() + " NOKEY";
    assertTrue(conf.startsWith(server) && conf.contains(request), conf);
    return conf.replace(server, server + "    tls-cert-bundle: \"" + ca + "\"\n")
            .replace(request, request + " xot")
        + "tls-auth:\n    name: \"xot\"\n    auth-domain-name: \""
        + HOST_NAME
        + "\"\n";
  }

  private Path dirOf(SecondarySettings s) throws IOException {
    return Files.createDirectories(dir.resolve("secondary-" + s.port()));
  }

  private ServerProcess start(SecondaryKind kind, SecondarySettings s, String config)
      throws IOException {
    Path home = dirOf(s);
    Path conf = home.resolve(kind.binary() + ".conf");
    Files.writeString(conf, config, StandardCharsets.UTF_8);
    ServerProcess process =
        ServerProcess.start(
            kind + " secondary over TLS",
            kind.command(conf),
            home,
            s.listenAddress(),
            s.port(),
            home.resolve(kind.logName()),
            ZONE,
            Secondary.START_TIMEOUT);
    started.push(process);
    return process;
  }

  private String write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text, StandardCharsets.US_ASCII);
    return file.toString();
  }

  private XotPrimary primary(
      ZoneSnapshot initial,
      Optional<TsigSecret> key,
      boolean mutual,
      List<InetSocketAddress> notifyTargets)
      throws Exception {
    XotPrimary primary = XotPrimary.start(initial, key, mutual, notifyTargets);
    started.push(primary);
    return primary;
  }

  /**
   * The embedded responder as an XoT primary: a plain listener (UDP for SOA, TCP) and a TLS
   * listener on 127.0.0.1, the zone requiring TLS, the ACL 127.0.0.0/8 (and the key, when given),
   * NOTIFY over UDP to the secondaries.
   */
  private static final class XotPrimary implements AutoCloseable {
    private static final TestCertificate SERVER =
        CA.server(HOST_NAME).ipAddress(Loopback.ONE).issue();

    private final PublishedZones zones;
    private final AxfrResponder responder;
    private final BlockingQueue<TransferStats> transfers;
    private final BlockingQueue<NotifyOutcome> notifies;
    private final int notifyTargets;

    private XotPrimary(
        PublishedZones zones,
        AxfrResponder responder,
        BlockingQueue<TransferStats> transfers,
        BlockingQueue<NotifyOutcome> notifies,
        int notifyTargets) {
      this.zones = zones;
      this.responder = responder;
      this.transfers = transfers;
      this.notifies = notifies;
      this.notifyTargets = notifyTargets;
    }

    static XotPrimary start(
        ZoneSnapshot initial,
        Optional<TsigSecret> key,
        boolean mutual,
        List<InetSocketAddress> notifyTargets)
        throws IOException, TlsMaterialException {
      SecondaryDnsConfiguration.Builder b =
          SecondaryDnsConfiguration.builder()
              .zone(ZONE.toString())
              .addSecondaryNameServer("ns1.secondary-provider.example")
              .addAclEntry("127.0.0.0/8")
              .xotPolicy(XotPolicy.REQUIRED);
      key.ifPresent(
          k ->
              b.addTsigKey(k.configName(), TsigSecret.ALGORITHM, k.base64Secret())
                  .transferAuthentication(TransferAuthentication.ADDRESS_AND_KEY));
      for (InetSocketAddress t : notifyTargets) {
        b.addNotifyTarget(t.getAddress().getHostAddress(), t.getPort(), null);
      }
      SecondaryDnsConfiguration configuration = b.build();
      XotListener.Builder tls =
          XotListener.builder(new InetSocketAddress(Loopback.ONE, 0))
              .identity(TlsIdentity.of(SERVER.privateKey(), SERVER.chain().subList(0, 1)));
      if (mutual) {
        tls.clientCertificateAuthorities(List.of(CLIENT_CA.certificate()));
      }
      PublishedZones zones = new PublishedZones();
      zones.publish(initial);
      BlockingQueue<TransferStats> transfers = new LinkedBlockingQueue<>();
      BlockingQueue<NotifyOutcome> notifies = new LinkedBlockingQueue<>();
      AxfrResponder responder =
          AxfrResponder.builder()
              .listen(new InetSocketAddress(Loopback.ONE, 0))
              .xot(tls.build())
              .zoneSource(zones)
              .configurations(zone -> Optional.of(configuration).filter(c -> c.zone().equals(zone)))
              .listener(
                  new TransferListener() {
                    @Override
                    public void completed(TransferStats stats) {
                      transfers.add(stats);
                    }
                  })
              .notifications(
                  NotifySender.builder()
                      .localAddress(new InetSocketAddress(Loopback.ONE, 0))
                      .listener(notifies::add))
              .build();
      try {
        responder.start();
        responder.whenReady(initial).get(CONVERGE.toMillis(), TimeUnit.MILLISECONDS);
      } catch (IOException e) {
        responder.close();
        throw new UncheckedIOException(e);
      } catch (Exception e) {
        responder.close();
        throw new AssertionError("the responder did not take up the first version", e);
      }
      return new XotPrimary(zones, responder, transfers, notifies, notifyTargets.size());
    }

    InetSocketAddress plain() {
      return responder.boundAddresses().get(0);
    }

    InetSocketAddress tls() {
      return responder.boundXotAddresses().get(0);
    }

    List<String> kdigArgs(TsigSecret key) {
      return List.of(
          "@" + tls().getAddress().getHostAddress(),
          "-p",
          String.valueOf(tls().getPort()),
          "-y",
          key.digArgument(),
          ZONE.toString(),
          "AXFR");
    }

    /** The next completed transfer. */
    TransferStats nextTransfer() throws InterruptedException {
      TransferStats stats = transfers.poll(CONVERGE.toMillis(), TimeUnit.MILLISECONDS);
      assertNotNull(stats, "no transfer completed in time");
      return stats;
    }

    /** Publishes a version and waits until every target acknowledged its NOTIFY. */
    void publish(ZoneSnapshot next) throws Exception {
      zones.publish(next);
      responder.whenReady(next).get(CONVERGE.toMillis(), TimeUnit.MILLISECONDS);
      int acknowledged = 0;
      long deadline = System.nanoTime() + CONVERGE.toNanos();
      while (acknowledged < notifyTargets) {
        NotifyOutcome outcome = notifies.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        assertNotNull(outcome, "NOTIFY not acknowledged in time");
        if (outcome instanceof NotifyOutcome.Acknowledged ack
            && ack.serial().value() == next.soa().getSerial()) {
          acknowledged++;
        }
      }
    }

    @Override
    public void close() {
      responder.close();
    }
  }
}
