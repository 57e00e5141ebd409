package io.github.secdns.examples.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.diagnostics.DiagnosticCode;
import io.github.secdns.core.diagnostics.DiagnosticEngine;
import io.github.secdns.core.diagnostics.DiagnosticReport;
import io.github.secdns.core.diagnostics.HostFacts;
import io.github.secdns.core.diagnostics.Observations;
import io.github.secdns.core.lifecycle.DomainRegistration;
import io.github.secdns.core.lifecycle.EnableResult;
import io.github.secdns.core.lifecycle.SecondaryDnsLifecycle;
import io.github.secdns.core.lifecycle.ZoneState;
import io.github.secdns.core.preset.PresetApplier;
import io.github.secdns.providers.BuiltInPresets;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's "call the model and diagnostics" snippet, compiled and run. */
class ModelAndDiagnosticsSnippetTest {

  @Test
  void snippet() {
    // --- README snippet: begin
    SecondaryDnsConfiguration config =
        PresetApplier.apply(BuiltInPresets.registry().get("dnsmadeeasy"), "example.com").build();
    List<String> ours = List.of("ns1.dnsimple.com", "ns2.dnsimple.com");
    ZoneState zone =
        ZoneState.builder()
            .zone("example.com")
            .primaryNameServers(ours)
            .apexNameServers(ours)
            .registryDelegation(ours)
            .registration(DomainRegistration.ELSEWHERE)
            .build();
    EnableResult enabled = SecondaryDnsLifecycle.enable(config, zone); // store, apply, publish
    System.out.println(
        "delegation: " + enabled.delegation().from() + " -> " + enabled.delegation().to());
    DiagnosticReport report =
        DiagnosticEngine.diagnose(
            enabled.configuration(),
            HostFacts.builder(Clock.systemUTC()).dnssecEnabled(false).build(),
            Observations.none()); // or: Prober.builder()...build().probe(config, primaries)
    report.findings().forEach(f -> System.out.println(f.code() + ": " + f.message()));
    // --- README snippet: end

    assertEquals(
        List.of(
            "ns1.dnsimple.com",
            "ns2.dnsimple.com",
            "ns5.dnsmadeeasy.com",
            "ns6.dnsmadeeasy.com",
            "ns7.dnsmadeeasy.com"),
        enabled.delegation().to().hostNames());
    assertTrue(report.has(DiagnosticCode.DELEGATION_NOT_OBSERVED), report.toString());
  }
}
