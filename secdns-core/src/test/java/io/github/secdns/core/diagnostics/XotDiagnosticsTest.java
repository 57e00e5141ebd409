package io.github.secdns.core.diagnostics;

import static io.github.secdns.core.diagnostics.DiagnosticCode.XOT_ALPN_NOT_NEGOTIATED;
import static io.github.secdns.core.diagnostics.DiagnosticCode.XOT_CERTIFICATE_EXPIRED;
import static io.github.secdns.core.diagnostics.DiagnosticCode.XOT_CERTIFICATE_EXPIRES_SOON;
import static io.github.secdns.core.diagnostics.DiagnosticCode.XOT_CERTIFICATE_NAME_MISMATCH;
import static io.github.secdns.core.diagnostics.DiagnosticCode.XOT_CERTIFICATE_UNTRUSTED;
import static io.github.secdns.core.diagnostics.DiagnosticCode.XOT_HANDSHAKE_FAILED;
import static io.github.secdns.core.diagnostics.DiagnosticCode.XOT_LISTENER_NOT_PROBED;
import static io.github.secdns.core.diagnostics.DiagnosticCode.XOT_LISTENER_UNREACHABLE;
import static io.github.secdns.core.diagnostics.DiagnosticCode.XOT_PROVIDER_SUPPORT_UNKNOWN;
import static io.github.secdns.core.diagnostics.DiagnosticCode.XOT_REQUIRED_NOT_SUPPORTED_BY_PROVIDER;
import static io.github.secdns.core.diagnostics.DiagnosticCode.XOT_ZONE_NOT_ANSWERED;
import static io.github.secdns.core.diagnostics.Scenario.NOW;
import static io.github.secdns.testsupport.Addresses.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.config.XotPolicy;
import io.github.secdns.core.spi.PresetCapabilities;
import io.github.secdns.core.spi.PresetDefinition;
import io.github.secdns.core.spi.ProviderPreset;
import io.github.secdns.core.spi.Support;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;

/** Zone transfer over TLS: the XoT policy, the provider's support and the listener's probes. */
class XotDiagnosticsTest {

  private static final String NAME = "xot.example.net";

  private final Scenario s = new Scenario();

  private static CertificateFacts certificate(Instant notAfter, String... names) {
    return new CertificateFacts(
        "CN=" + NAME,
        List.of(names),
        List.of(ip("198.51.100.1")),
        NOW.minus(Duration.ofDays(60)),
        notAfter);
  }

  private static XotProbe completed(String alpn, Optional<CertificateFacts> certificate) {
    return new XotProbe(
        ip("198.51.100.1"),
        853,
        XotProbe.Outcome.HANDSHAKE_COMPLETED,
        "",
        Optional.of(alpn),
        certificate,
        Optional.of(NAME),
        Optional.of(true),
        Optional.of(Rcode.NOERROR));
  }

  private static XotProbe healthy() {
    return completed("dot", Optional.of(certificate(NOW.plus(Duration.ofDays(90)), NAME)));
  }

  private Finding only(DiagnosticCode code) {
    List<Finding> found = s.report().findings(code);
    assertEquals(1, found.size(), found::toString);
    return found.get(0);
  }

  @Test
  void aHealthyListenerForAZoneThatRequiresXotHasNoFinding() {
    s.config.xotPolicy(XotPolicy.REQUIRED);
    s.pullsOverXot = true;
    s.xotProbes.add(healthy());
    assertEquals(EnumSet.noneOf(DiagnosticCode.class), s.codes());
  }

  @Test
  void aZoneThatRequiresXotNeedsAProviderThatPullsOverTlsAndAProbe() {
    s.config.xotPolicy(XotPolicy.REQUIRED);
    assertEquals(EnumSet.of(XOT_PROVIDER_SUPPORT_UNKNOWN, XOT_LISTENER_NOT_PROBED), s.codes());
    s.pullsOverXot = false;
    s.xotProbes.add(healthy());
    assertEquals(EnumSet.of(XOT_REQUIRED_NOT_SUPPORTED_BY_PROVIDER), s.codes());
    assertEquals(Severity.ERROR, only(XOT_REQUIRED_NOT_SUPPORTED_BY_PROVIDER).severity());
  }

  @Test
  void aZoneThatMerelyAllowsXotNeedsNeitherButItsProbesAreJudged() {
    s.config.xotPolicy(XotPolicy.ALLOWED);
    s.pullsOverXot = false;
    assertEquals(EnumSet.noneOf(DiagnosticCode.class), s.codes());
    s.xotProbes.add(completed("", Optional.empty()));
    assertEquals(EnumSet.of(XOT_ALPN_NOT_NEGOTIATED), s.codes());
  }

  @Test
  void aZoneThatDoesNotOfferXotIgnoresTheListener() {
    s.config.xotPolicy(XotPolicy.NOT_OFFERED);
    s.xotProbes.add(completed("", Optional.of(certificate(NOW.minusSeconds(1), "other.test"))));
    assertEquals(EnumSet.noneOf(DiagnosticCode.class), s.codes());
  }

  @Test
  void aCertificateThatExpiresWithinFourteenDaysIsAWarningAndAfterThemNothing() {
    s.xotProbes.add(completed("dot", Optional.of(certificate(NOW.plus(Duration.ofDays(3)), NAME))));
    Finding soon = only(XOT_CERTIFICATE_EXPIRES_SOON);
    assertEquals(Severity.WARNING, soon.severity());
    assertTrue(soon.message().contains("in 3 days"), soon.message());
    assertEquals(List.of(ip("198.51.100.1")), soon.addresses());

    s.xotProbes.clear();
    s.xotProbes.add(
        completed(
            "dot", Optional.of(certificate(NOW.plus(Duration.ofDays(14)).minusSeconds(1), NAME))));
    assertEquals(EnumSet.of(XOT_CERTIFICATE_EXPIRES_SOON), s.codes());
    s.xotProbes.clear();
    s.xotProbes.add(
        completed("dot", Optional.of(certificate(NOW.plus(Duration.ofDays(14)), NAME))));
    assertEquals(EnumSet.noneOf(DiagnosticCode.class), s.codes(), "exactly 14 days is fine");
  }

  @Test
  void anExpiredOrNotYetValidCertificateIsAnError() {
    s.xotProbes.add(completed("dot", Optional.of(certificate(NOW.minusSeconds(1), NAME))));
    assertEquals(EnumSet.of(XOT_CERTIFICATE_EXPIRED), s.codes());
    assertTrue(only(XOT_CERTIFICATE_EXPIRED).message().contains("expired"));
    s.xotProbes.clear();
    s.xotProbes.add(
        completed(
            "dot",
            Optional.of(
                new CertificateFacts(
                    "CN=" + NAME,
                    List.of(NAME),
                    List.of(),
                    NOW.plusSeconds(60),
                    NOW.plus(Duration.ofDays(90))))));
    assertTrue(only(XOT_CERTIFICATE_EXPIRED).message().contains("not valid before"));
  }

  @Test
  void theCertificateMustNameTheHostSecondariesVerify() {
    s.xotProbes.add(
        completed("dot", Optional.of(certificate(NOW.plus(Duration.ofDays(90)), "other.test"))));
    Finding mismatch = only(XOT_CERTIFICATE_NAME_MISMATCH);
    assertTrue(mismatch.message().contains("not valid for " + NAME), mismatch.message());
    assertTrue(mismatch.message().contains("other.test"), mismatch.message());

    // A wildcard covers one label; names compare without regard to case.
    s.xotProbes.clear();
    s.xotProbes.add(
        completed("dot", Optional.of(certificate(NOW.plus(Duration.ofDays(90)), "*.Example.NET"))));
    assertEquals(EnumSet.noneOf(DiagnosticCode.class), s.codes());
  }

  @Test
  void wildcardsMatchExactlyTheLeftMostLabel() {
    CertificateFacts c = certificate(NOW, "*.example.net", "primary.test.");
    assertTrue(c.isValidFor("xot.example.net"));
    assertTrue(c.isValidFor("XOT.example.net."));
    assertTrue(c.isValidFor("primary.test"));
    assertEquals(false, c.isValidFor("example.net"));
    assertEquals(false, c.isValidFor("a.xot.example.net"));
    assertEquals(false, c.isValidFor("other.test"));
  }

  /** A probe without certificate, name or trust: what a failed or bare check gives. */
  private static XotProbe bare(
      String address,
      int port,
      XotProbe.Outcome outcome,
      String detail,
      Optional<String> alpn,
      Optional<Integer> soa) {
    return new XotProbe(
        ip(address),
        port,
        outcome,
        detail,
        alpn,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        soa);
  }

  @Test
  void anUntrustedChainAFailedHandshakeAndAnUnreachableListenerAreErrors() {
    s.xotProbes.add(
        new XotProbe(
            ip("198.51.100.1"),
            853,
            XotProbe.Outcome.HANDSHAKE_COMPLETED,
            "",
            Optional.of("dot"),
            Optional.of(certificate(NOW.plus(Duration.ofDays(90)), NAME)),
            Optional.empty(),
            Optional.of(false),
            Optional.of(Rcode.REFUSED)));
    s.xotProbes.add(
        bare(
            "198.51.100.2",
            853,
            XotProbe.Outcome.HANDSHAKE_FAILED,
            "Received fatal alert: protocol_version",
            Optional.empty(),
            Optional.empty()));
    s.xotProbes.add(
        bare(
            "198.51.100.3",
            8853,
            XotProbe.Outcome.NETWORK_ERROR,
            "Connection refused",
            Optional.empty(),
            Optional.empty()));
    assertEquals(
        EnumSet.of(
            XOT_CERTIFICATE_UNTRUSTED,
            XOT_ZONE_NOT_ANSWERED,
            XOT_HANDSHAKE_FAILED,
            XOT_LISTENER_UNREACHABLE),
        s.codes());
    assertTrue(only(XOT_HANDSHAKE_FAILED).message().contains("protocol_version"));
    assertTrue(only(XOT_LISTENER_UNREACHABLE).message().contains("198.51.100.3 port 8853"));
    assertTrue(only(XOT_ZONE_NOT_ANSWERED).message().contains("REFUSED"));
  }

  @Test
  void aProbeRejectsContradictions() {
    String a = "198.51.100.1";
    XotProbe.Outcome failed = XotProbe.Outcome.HANDSHAKE_FAILED;
    XotProbe.Outcome completed = XotProbe.Outcome.HANDSHAKE_COMPLETED;
    assertThrows(
        IllegalArgumentException.class,
        () -> bare(a, 853, failed, "", Optional.of("dot"), Optional.empty()),
        "ALPN without a handshake");
    assertThrows(
        IllegalArgumentException.class,
        () -> bare(a, 853, failed, "", Optional.empty(), Optional.of(Rcode.NOERROR)),
        "an SOA answer without a handshake");
    assertThrows(
        IllegalArgumentException.class,
        () -> bare(a, 853, completed, "", Optional.empty(), Optional.empty()),
        "a handshake without ALPN outcome");
    assertThrows(
        IllegalArgumentException.class,
        () -> bare(a, 0, XotProbe.Outcome.TIMED_OUT, "", Optional.empty(), Optional.empty()),
        "port 0");
  }

  @Test
  void aPresetThatStatesXotSupportTellsTheEngineWhetherTheProviderPullsOverTls() {
    s.config.xotPolicy(XotPolicy.REQUIRED);
    s.xotProbes.add(healthy());

    s.provider = presetPullingOverXot(Support.SUPPORTED);
    assertEquals(Optional.of(true), s.facts().secondaryPullsOverXot());
    assertEquals(Set.of(), xotCodes());

    s.provider = presetPullingOverXot(Support.NOT_SUPPORTED);
    assertEquals(Optional.of(false), s.facts().secondaryPullsOverXot());
    assertEquals(Set.of(XOT_REQUIRED_NOT_SUPPORTED_BY_PROVIDER), xotCodes());

    s.provider = presetPullingOverXot(Support.UNKNOWN);
    assertEquals(Optional.empty(), s.facts().secondaryPullsOverXot());
    assertEquals(Set.of(XOT_PROVIDER_SUPPORT_UNKNOWN), xotCodes());

    // What the host states after the preset wins over it.
    s.provider = presetPullingOverXot(Support.NOT_SUPPORTED);
    s.pullsOverXot = true;
    assertEquals(Optional.of(true), s.facts().secondaryPullsOverXot());
    assertEquals(Set.of(), xotCodes());
  }

  /** A preset stating only its XoT support, with the scenario's name servers and sources. */
  private static ProviderPreset presetPullingOverXot(Support xot) {
    return PresetDefinition.builder(
            "xot-" + xot.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
        .displayName("XoT " + xot)
        .nameServers("ns1.secondary.com", "ns2.secondary.com")
        .transferSource("192.0.2.53")
        .capabilities(PresetCapabilities.unknown().withXot(xot))
        .build();
  }

  /** The XoT findings only: the preset's other facts are judged by their own tests. */
  private Set<DiagnosticCode> xotCodes() {
    return s.codes().stream().filter(c -> c.name().startsWith("XOT_")).collect(Collectors.toSet());
  }
}
