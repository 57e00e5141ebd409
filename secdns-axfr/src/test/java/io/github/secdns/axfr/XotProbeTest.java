package io.github.secdns.axfr;

import static io.github.secdns.axfr.XotFixture.CA;
import static io.github.secdns.axfr.XotFixture.HOST_NAME;
import static io.github.secdns.axfr.XotFixture.SERVER;
import static io.github.secdns.axfr.XotFixture.ZONE;
import static io.github.secdns.axfr.XotFixture.configuration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.axfr.probe.Prober;
import io.github.secdns.axfr.tls.XotListener;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.config.XotPolicy;
import io.github.secdns.core.diagnostics.DiagnosticCode;
import io.github.secdns.core.diagnostics.DiagnosticEngine;
import io.github.secdns.core.diagnostics.DiagnosticReport;
import io.github.secdns.core.diagnostics.Finding;
import io.github.secdns.core.diagnostics.HostFacts;
import io.github.secdns.core.diagnostics.Observations;
import io.github.secdns.core.diagnostics.XotProbe;
import io.github.secdns.testkit.TestCertificate;
import io.github.secdns.testkit.TestCertificates;
import io.github.secdns.testsupport.zones.TestRecords;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;

/** The prober's check of an XoT listener, judged by the diagnostics engine with a fixed clock. */
class XotProbeTest {

  private static final Prober PROBER =
      Prober.builder()
          .resolver(name -> Optional.empty())
          .queryTimeout(Duration.ofSeconds(20))
          .build();

  private static XotProbe probe(InetSocketAddress listener, String expectedName) {
    return PROBER.probeXot(
        TestRecords.name(ZONE),
        listener,
        Optional.of(expectedName),
        List.of(CA.certificate()),
        Optional.empty());
  }

  /** The XoT codes of the report for a zone that requires XoT, judged at an instant. */
  private static Set<DiagnosticCode> xotCodes(XotProbe probe, Instant now) {
    DiagnosticReport report = report(probe, now);
    return report.findings().stream()
        .map(Finding::code)
        .filter(c -> c.name().startsWith("XOT_"))
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(DiagnosticCode.class)));
  }

  private static DiagnosticReport report(XotProbe probe, Instant now) {
    SecondaryDnsConfiguration config = configuration(XotPolicy.REQUIRED);
    return DiagnosticEngine.diagnose(
        config,
        HostFacts.builder(Clock.fixed(now, ZoneOffset.UTC)).secondaryPullsOverXot(true).build(),
        Observations.builder().xotProbe(probe).build());
  }

  @Test
  void aHealthyListenerIsReportedAsItIsAndItsExpiryIsAWarningFourteenDaysAhead() throws Exception {
    try (XotFixture f = new XotFixture(configuration(XotPolicy.REQUIRED))) {
      f.zones.publish(TestZones.small(ZONE, 1));
      XotProbe probe = probe(f.tls(), HOST_NAME);
      assertEquals(XotProbe.Outcome.HANDSHAKE_COMPLETED, probe.outcome(), probe.detail());
      assertTrue(probe.negotiatedDot());
      assertEquals(Optional.of(true), probe.trusted());
      assertEquals(Optional.of(Rcode.NOERROR), probe.soaRcode());
      assertEquals(List.of(HOST_NAME), probe.certificate().orElseThrow().dnsNames());
      assertEquals(
          List.of(InetAddress.getLoopbackAddress()),
          probe.certificate().orElseThrow().ipAddresses());
      Instant notAfter = SERVER.certificate().getNotAfter().toInstant();
      assertEquals(notAfter, probe.certificate().orElseThrow().notAfter());

      assertEquals(EnumSet.noneOf(DiagnosticCode.class), xotCodes(probe, Instant.now()));
      assertEquals(
          EnumSet.of(DiagnosticCode.XOT_CERTIFICATE_EXPIRES_SOON),
          xotCodes(probe, notAfter.minus(Duration.ofDays(3))));
      assertEquals(
          EnumSet.of(DiagnosticCode.XOT_CERTIFICATE_EXPIRED),
          xotCodes(probe, notAfter.plusSeconds(1)));
    }
  }

  @Test
  void aNameSecondariesDoNotFindAndAnotherAuthorityAreErrors() throws Exception {
    try (XotFixture f = new XotFixture(configuration(XotPolicy.REQUIRED))) {
      f.zones.publish(TestZones.small(ZONE, 1));
      XotProbe wrongName = probe(f.tls(), "primary.other.test");
      assertEquals(
          EnumSet.of(DiagnosticCode.XOT_CERTIFICATE_NAME_MISMATCH),
          xotCodes(wrongName, Instant.now()));
      XotProbe otherCa =
          PROBER.probeXot(
              TestRecords.name(ZONE),
              f.tls(),
              Optional.of(HOST_NAME),
              List.of(TestCertificates.authority("another CA").certificate()),
              Optional.empty());
      assertEquals(Optional.of(false), otherCa.trusted());
      assertEquals(
          EnumSet.of(DiagnosticCode.XOT_CERTIFICATE_UNTRUSTED), xotCodes(otherCa, Instant.now()));
    }
  }

  @Test
  void nothingListeningAndAPlainDnsPortAreReportedForWhatTheyAre() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    XotProbe nobody =
        probe(new InetSocketAddress(InetAddress.getLoopbackAddress(), closedPort), HOST_NAME);
    assertEquals(XotProbe.Outcome.NETWORK_ERROR, nobody.outcome());
    assertEquals(
        EnumSet.of(DiagnosticCode.XOT_LISTENER_UNREACHABLE), xotCodes(nobody, Instant.now()));

    // A plain DNS port reads the ClientHello as a length and waits for the rest: the idle
    // timeout ends the handshake.
    try (XotFixture f =
        new XotFixture(
            XotFixture.listener(),
            ResponderLimits.defaults().withIdleTimeout(Duration.ofMillis(500)),
            configuration(XotPolicy.REQUIRED))) {
      XotProbe plain = probe(f.plain(), HOST_NAME);
      assertEquals(XotProbe.Outcome.HANDSHAKE_FAILED, plain.outcome());
      Finding failed =
          report(plain, Instant.now()).findings(DiagnosticCode.XOT_HANDSHAKE_FAILED).get(0);
      assertTrue(failed.message().contains("port " + f.plain().getPort()), failed.message());
    }
  }

  @Test
  void aMutualTlsListenerIsCheckedWithTheClientCertificateAndFailsWithout() throws Exception {
    TestCertificates.Authority clients = TestCertificates.authority("client CA");
    TestCertificate secondary = clients.client("secondary.test").issue();
    XotListener listener =
        XotListener.builder(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .identity(XotFixture.identity(SERVER))
            .clientCertificateAuthorities(List.of(clients.certificate()))
            .build();
    try (XotFixture f =
        new XotFixture(listener, ResponderLimits.defaults(), configuration(XotPolicy.REQUIRED))) {
      f.zones.publish(TestZones.small(ZONE, 1));
      XotProbe without = probe(f.tls(), HOST_NAME);
      assertEquals(XotProbe.Outcome.HANDSHAKE_FAILED, without.outcome());
      XotProbe with =
          PROBER.probeXot(
              TestRecords.name(ZONE),
              f.tls(),
              Optional.of(HOST_NAME),
              List.of(CA.certificate()),
              Optional.of(XotFixture.identity(secondary)));
      assertEquals(XotProbe.Outcome.HANDSHAKE_COMPLETED, with.outcome(), with.detail());
      assertEquals(Optional.of(Rcode.NOERROR), with.soaRcode());
    }
  }
}
