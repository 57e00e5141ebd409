package io.github.secdns.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.diagnostics.DiagnosticCode;
import io.github.secdns.core.diagnostics.Finding;
import io.github.secdns.core.export.ZoneExporter;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * {@link FindingsAhead}: {@code serve}'s configuration-only diagnostics computed ahead are used
 * only for the inputs they were computed from; any other inputs get their own findings (issue 15).
 */
class FindingsAheadTest {

  private static final Clock CLOCK = Clock.systemUTC();

  /** The sample zone's diagnostics inputs, its configuration applied at {@code revision}. */
  private static ZoneDiagnostics sample(OptionalLong appliedRevision) throws Exception {
    ServeOptions options = ServeOptions.parse(List.of("--listen", "127.0.0.1:0"));
    ServedZone zone = new ServedZone(options.zones().get(0), options, ZoneExporter.create(CLOCK));
    HostZoneFile.Loaded loaded = zone.read(new PrintStream(OutputStream.nullOutputStream()));
    SecondaryDnsConfiguration c =
        ServeCommand.prepare(zone, loaded, options, new ConfigurationTemplates(options, CLOCK))
            .configuration();
    return new ZoneDiagnostics(
        loaded.primaryNameServers(),
        c,
        appliedRevision.isPresent() ? appliedRevision : OptionalLong.of(c.revision()),
        Optional.empty(),
        Optional.empty(),
        loaded.zone().soa());
  }

  private static List<DiagnosticCode> codes(List<Finding> findings) {
    return findings.stream().map(Finding::code).toList();
  }

  @Test
  void theExpectedInputsGetTheFindingsComputedAhead() throws Exception {
    ZoneDiagnostics expected = sample(OptionalLong.empty());
    FindingsAhead ahead = FindingsAhead.start(expected, CLOCK);
    // Equal inputs built again, as serve builds them once the zone is servable.
    List<Finding> first = ahead.findings(sample(OptionalLong.empty()), CLOCK);
    assertSame(first, ahead.findings(sample(OptionalLong.empty()), CLOCK), "computed once, ahead");
    assertEquals(codes(expected.findings(CLOCK)), codes(first));
    assertFalse(codes(first).contains(DiagnosticCode.CONFIGURATION_PROPAGATING), first::toString);
  }

  @Test
  void otherInputsGetTheirOwnFindings() throws Exception {
    ZoneDiagnostics expected = sample(OptionalLong.empty());
    FindingsAhead ahead = FindingsAhead.start(expected, CLOCK);
    List<Finding> computedAhead = ahead.findings(expected, CLOCK);
    // The responder applies an older revision than the one saved: still propagating.
    ZoneDiagnostics actual = sample(OptionalLong.of(expected.configuration().revision() - 1));
    List<Finding> findings = ahead.findings(actual, CLOCK);
    assertNotSame(computedAhead, findings);
    assertTrue(
        codes(findings).contains(DiagnosticCode.CONFIGURATION_PROPAGATING), findings::toString);
    assertEquals(codes(actual.findings(CLOCK)), codes(findings));
  }
}
