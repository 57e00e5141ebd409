package io.github.secdns.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.axfr.AxfrResponder;
import io.github.secdns.axfr.PublishedZones;
import io.github.secdns.axfr.ServedVersion;
import io.github.secdns.axfr.StartupNotify;
import io.github.secdns.axfr.VersionListener;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.diagnostics.DiagnosticCode;
import io.github.secdns.core.diagnostics.Finding;
import io.github.secdns.core.export.ExportResult;
import io.github.secdns.core.export.ZoneExporter;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

/**
 * Issue 16, "still propagating to the primary name server": {@code serve}'s diagnostics get the
 * configuration revision the responder applies (its {@link ServedVersion}), not the saved one, so
 * {@code CONFIGURATION_PROPAGATING} is there while a saved change has not been taken up, and gone
 * once it has. A real responder on loopback.
 */
class AppliedRevisionTest {

  private static final Clock CLOCK = Clock.systemUTC();

  private static List<DiagnosticCode> codes(
      ServedZone zone, SecondaryDnsConfiguration saved, OptionalLong applied, ExportResult export) {
    List<Finding> findings =
        new ZoneDiagnostics(
                zone.primaryNameServers(),
                saved,
                applied,
                Optional.empty(),
                Optional.empty(),
                export.snapshot().soa())
            .findings(CLOCK);
    return findings.stream().map(Finding::code).toList();
  }

  @Test
  void propagatingWhileTheResponderHasNotTakenUpTheSavedRevisionThenNot() throws Exception {
    ServeOptions options = ServeOptions.parse(List.of("--listen", "127.0.0.1:0"));
    ServedZone zone = new ServedZone(options.zones().get(0), options, ZoneExporter.create(CLOCK));
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    HostZoneFile.Loaded loaded = zone.read(quiet);
    ServeCommand.Prepared prepared =
        ServeCommand.prepare(zone, loaded, options, new ConfigurationTemplates(options, CLOCK));
    ExportResult export = zone.export(loaded);
    Name origin = zone.origin();
    SecondaryDnsConfiguration first = prepared.configuration();

    Map<Name, SecondaryDnsConfiguration> saved = new ConcurrentHashMap<>(Map.of(origin, first));
    PublishedZones published = new PublishedZones();
    published.publish(export.snapshot());
    SecondaryDnsConfiguration second = first.toBuilder().revision(first.revision() + 1).build();
    CompletableFuture<ServedVersion> takenUp = new CompletableFuture<>();
    VersionListener listener =
        new VersionListener() {
          @Override
          public void servable(ServedVersion version) {
            if (version.configurationRevision().equals(OptionalLong.of(second.revision()))) {
              takenUp.complete(version);
            }
          }
        };
    try (AxfrResponder responder =
        AxfrResponder.builder()
            .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .zoneSource(published)
            .configurations(name -> Optional.ofNullable(saved.get(name)))
            .versionListener(listener)
            .startupNotify(StartupNotify.off())
            .build()) {
      responder.start();
      ServeCommand.awaitServableAtStart(responder);
      assertEquals(
          OptionalLong.of(first.revision()), ServeCommand.appliedRevision(responder, origin));
      List<DiagnosticCode> settled =
          codes(zone, first, ServeCommand.appliedRevision(responder, origin), export);
      assertFalse(settled.contains(DiagnosticCode.CONFIGURATION_PROPAGATING), settled::toString);

      // Saved, not yet taken up by the responder: still propagating.
      saved.put(origin, second);
      List<DiagnosticCode> before =
          codes(zone, second, ServeCommand.appliedRevision(responder, origin), export);
      assertTrue(before.contains(DiagnosticCode.CONFIGURATION_PROPAGATING), before::toString);

      // Taken up: the responder reports the new revision, and the finding is gone.
      responder.configurationChanged(origin);
      takenUp.get(30, TimeUnit.SECONDS);
      assertEquals(
          OptionalLong.of(second.revision()), ServeCommand.appliedRevision(responder, origin));
      List<DiagnosticCode> after =
          codes(zone, second, ServeCommand.appliedRevision(responder, origin), export);
      assertFalse(after.contains(DiagnosticCode.CONFIGURATION_PROPAGATING), after::toString);
      assertFalse(after.contains(DiagnosticCode.APPLIED_REVISION_UNKNOWN), after::toString);
    }
  }

  @Test
  void serveSaysNothingIsPropagatingOnceItListens() throws Exception {
    // serve waits for the responder to apply every zone before it prints its diagnostics.
    try (RunningServe serve = RunningServe.start("--listen", "127.0.0.1:0")) {
      serve.awaitListening();
      String out = serve.out.text();
      assertFalse(out.contains("CONFIGURATION_PROPAGATING"), out);
      assertTrue(out.contains("Diagnostics (configuration only;"), out);
    }
  }
}
