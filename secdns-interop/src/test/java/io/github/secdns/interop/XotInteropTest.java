package io.github.secdns.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.axfr.TransferStats;
import io.github.secdns.axfr.tls.TlsIdentity;
import io.github.secdns.axfr.tls.TlsMaterialException;
import io.github.secdns.axfr.tls.XotListener;
import io.github.secdns.core.diagnostics.Transport;
import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.testkit.TestCertificate;
import io.github.secdns.testkit.TestCertificates;
import io.github.secdns.testsupport.Addresses;
import io.github.secdns.testsupport.servers.PrimaryTls;
import io.github.secdns.testsupport.servers.TsigSecret;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
 * a change. The primary is the embedded responder with an XoT listener ({@link
 * ResponderPrimary#startWithXot}), the zone requires TLS, and its events prove each transfer went
 * over TLS with ALPN dot. The secondaries are the shared launcher's, told to pull over TLS ({@link
 * PrimaryTls}).
 *
 * <p>The certificates are made by the test (a CA, the server's for {@code xot.test} and 127.0.0.1,
 * a client's from a second CA) and written to its temporary directory only.
 */
@InteropTest
class XotInteropTest {

  private static final Name ZONE = InteropZones.ZONE;
  private static final String HOST_NAME = "xot.test";
  private static final Duration CONVERGE = Duration.ofSeconds(60);
  private static final TestCertificates.Authority CA = TestCertificates.authority("XoT interop CA");
  private static final TestCertificates.Authority CLIENT_CA =
      TestCertificates.authority("XoT interop client CA");
  private static final TestCertificate SERVER =
      CA.server(HOST_NAME).ipAddress(Addresses.LOOPBACK_1).issue();

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
    TsigSecret key = TsigSecret.generate("xot-key.interop.test", InteropZones.SEED);
    ZoneSnapshot v1 = InteropZones.firstVersion();
    ResponderPrimary primary =
        primary(
            new PrimarySettings(ZONE, List.of("127.0.0.0/8"), Optional.of(key), List.of()),
            v1,
            false);
    String ca = caFile().toString();
    for (List<String> mode :
        List.of(List.of("+tls"), List.of("+tls-ca=" + ca, "+tls-hostname=" + HOST_NAME))) {
      List<String> args = new ArrayList<>(axfrArgs(primary.xotEndpoint(), key));
      args.addAll(mode);
      DigTool.Result result = DigTool.kdig(args);
      assertEquals(0, result.exitCode(), result::toString);
      ZoneReadBack.assertSameZone(
          v1, result.records(), ZoneReadBack.NameCase.EXACT, "kdig " + mode);
      TransferStats stats = primary.nextCompletedTransfer();
      assertEquals(Transport.TLS, stats.request().transport());
      assertEquals(key.name(), stats.request().keyName().orElseThrow());
      assertTrue(stats.request().tls().orElseThrow().negotiatedDot());
    }
    // Strict with a name the certificate does not carry: kdig gives up before asking.
    List<String> wrong = new ArrayList<>(axfrArgs(primary.xotEndpoint(), key));
    wrong.addAll(List.of("+tls-ca=" + ca, "+tls-hostname=wrong.test"));
    DigTool.Result refused = DigTool.kdig(wrong);
    assertTrue(refused.records().isEmpty(), refused::toString);
    assertTrue(
        refused.output().toLowerCase(Locale.ROOT).contains("certificate"), refused::toString);
    // Over plain TCP the zone, which requires TLS, is refused.
    DigTool.Result plain = DigTool.kdig(axfrArgs(primary.endpoint(), key));
    assertTrue(plain.records().isEmpty(), plain::toString);
    assertTrue(plain.output().contains("REFUSED"), plain::toString);
  }

  @ParameterizedTest
  @EnumSource(BindTls.class)
  void bindPullsOverTlsAndFollowsAChangeByNotifyAndIxfrOverTls(BindTls mode) throws Exception {
    SecondarySettings planned =
        SecondarySettings.planned(SecondaryKind.BIND, Addresses.LOOPBACK_1, ZONE);
    ZoneSnapshot v1 = InteropZones.firstVersion();
    ResponderPrimary primary =
        primary(
            PrimarySettings.openTo(ZONE, List.of(planned.endpoint())), v1, mode == BindTls.MUTUAL);
    Secondary bind =
        secondary(
            SecondaryKind.BIND,
            planned.withPrimary(primary.xotEndpoint()).withPrimaryTls(bindTls(mode)));

    bind.awaitSerial(v1.soa().getSerial(), CONVERGE);
    bind.assertHolds(v1, true, "over TLS, " + mode);
    TransferStats first = primary.nextCompletedTransfer();
    assertEquals(Type.AXFR, first.request().qtype());
    assertEquals(Transport.TLS, first.request().transport());
    assertTrue(first.request().tls().orElseThrow().negotiatedDot());
    assertEquals(
        mode == BindTls.MUTUAL,
        first.request().tls().orElseThrow().clientCertificate().isPresent());

    ZoneSnapshot v2 = InteropZones.nextVersion(v1, 1);
    primary.publish(v2);
    bind.awaitSerial(v2.soa().getSerial(), CONVERGE);
    bind.awaitNotifyLogged(v2.soa().getSerial(), CONVERGE);
    TransferStats change = primary.nextCompletedTransfer();
    assertEquals(Type.IXFR, change.request().qtype(), "the change came by IXFR");
    assertEquals(Transport.TLS, change.request().transport());
    bind.assertHolds(v2, true, "after IXFR over TLS, " + mode);
  }

  @Test
  void nsdPullsOverTlsInStrictModeAndFollowsAChange() throws Exception {
    SecondarySettings planned =
        SecondarySettings.planned(SecondaryKind.NSD, Addresses.LOOPBACK_2, ZONE);
    ZoneSnapshot v1 = InteropZones.firstVersion();
    ResponderPrimary primary =
        primary(PrimarySettings.openTo(ZONE, List.of(planned.endpoint())), v1, false);
    Secondary nsd =
        secondary(
            SecondaryKind.NSD,
            planned
                .withPrimary(primary.xotEndpoint())
                .withPrimaryTls(PrimaryTls.strict(caFile(), HOST_NAME)));

    nsd.awaitSerial(v1.soa().getSerial(), CONVERGE);
    nsd.assertHolds(v1, true, "over TLS, strict");
    TransferStats first = primary.nextCompletedTransfer();
    assertEquals(Transport.TLS, first.request().transport());

    ZoneSnapshot v2 = InteropZones.nextVersion(v1, 1);
    primary.publish(v2);
    nsd.awaitSerial(v2.soa().getSerial(), CONVERGE);
    TransferStats change = primary.nextCompletedTransfer();
    assertEquals(Type.IXFR, change.request().qtype(), "the change came by IXFR");
    assertEquals(Transport.TLS, change.request().transport());
    nsd.assertHolds(v2, true, "after IXFR over TLS");
  }

  /** The BIND secondary's TLS settings for the mode; the client certificate from another CA. */
  private PrimaryTls bindTls(BindTls mode) throws IOException {
    switch (mode) {
      case OPPORTUNISTIC:
        return PrimaryTls.opportunistic();
      case STRICT:
        return PrimaryTls.strict(caFile(), HOST_NAME);
      default:
        TestCertificate client = CLIENT_CA.client("bind-secondary.interop.test").issue();
        Path cert = dir.resolve("bind-client.pem");
        Path key = dir.resolve("bind-client.key");
        client.writePem(cert, key);
        return PrimaryTls.strict(caFile(), HOST_NAME).withClientCertificate(cert, key);
    }
  }

  /** The CA of the primary's certificate, as a PEM file in the test's directory. */
  private Path caFile() throws IOException {
    Path file = dir.resolve("ca.pem");
    Files.writeString(file, CA.certificatePem(), StandardCharsets.US_ASCII);
    return file;
  }

  /** kdig arguments for a TSIG-signed AXFR of the zone from the endpoint. */
  private static List<String> axfrArgs(InetSocketAddress at, TsigSecret key) {
    return List.of(
        "@" + at.getAddress().getHostAddress(),
        "-p",
        String.valueOf(at.getPort()),
        "-y",
        key.digArgument(),
        ZONE.toString(),
        "AXFR");
  }

  /**
   * The embedded responder with a TLS listener on 127.0.0.1 for {@link #HOST_NAME} (client
   * certificates of {@link #CLIENT_CA} required when {@code mutual}), the zone requiring TLS.
   */
  private ResponderPrimary primary(PrimarySettings settings, ZoneSnapshot initial, boolean mutual)
      throws TlsMaterialException {
    XotListener.Builder tls =
        XotListener.builder(new InetSocketAddress(Addresses.LOOPBACK_1, 0))
            .identity(TlsIdentity.of(SERVER.privateKey(), SERVER.chain().subList(0, 1)));
    if (mutual) {
      tls.clientCertificateAuthorities(List.of(CLIENT_CA.certificate()));
    }
    ResponderPrimary primary = ResponderPrimary.startWithXot(settings, initial, tls.build());
    started.push(primary);
    return primary;
  }

  private Secondary secondary(SecondaryKind kind, SecondarySettings settings) {
    Secondary secondary = Secondary.start(kind, settings);
    started.push(secondary);
    return secondary;
  }
}
