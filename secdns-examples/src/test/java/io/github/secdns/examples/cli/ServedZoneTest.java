package io.github.secdns.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.export.ExportFindingCode;
import io.github.secdns.core.export.ExportResult;
import io.github.secdns.core.export.ZoneExporter;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jol.info.GraphLayout;
import org.xbill.DNS.Name;

/**
 * What a {@link ServedZone} keeps of its last export: the version alone when the export found
 * nothing and served no ALIAS value (a zone directory's 100,000 zones, issue 13), the whole result
 * otherwise (the start's description prints its findings, the next export takes its ALIAS values as
 * the last good ones).
 */
class ServedZoneTest {

  static {
    // The zone's exporter and flags hold lambdas (hidden classes), whose field offsets JOL reads
    // its own way.
    System.setProperty("jol.magicFieldOffset", "true");
  }

  private static final Clock CLOCK = Clock.systemUTC();
  private static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream());

  @TempDir Path dir;

  @Test
  void aZoneWhoseExportFoundNothingKeepsItsVersionAlone() throws Exception {
    Files.writeString(
        dir.resolve("z1.example.zone"),
        """
        @ 3600 IN SOA ns1.host.example. hostmaster.host.example. 2026120601 7200 3600 1209600 300
        @ 3600 IN NS ns1.host.example.
        @ 3600 IN NS ns2.host.example.
        www 300 IN A 192.0.2.1
        """);
    ServeOptions options =
        ServeOptions.parse(List.of("--listen", "127.0.0.1:0", "--zone-dir", dir.toString()));
    ServedZone.Source files = ServedZone.Source.directory(dir, options, ZoneExporter.create(CLOCK));
    ServedZone zone = new ServedZone(files, "z1.example.zone", Name.fromString("z1.example."));
    ExportResult result = exportOnce(zone, options);

    assertEquals(List.of(), result.findings());
    assertSame(result.snapshot(), zone.lastVersion().orElseThrow());
    assertEquals(List.of(), zone.lastFindings());
    assertFalse(
        GraphLayout.parseInstance(zone).getClasses().contains(ExportResult.class),
        "the zone holds its last export's result, not just its version");

    // The version kept is the next export's previous one: the same file gives no new version.
    ExportResult again = exportOnce(zone, options);
    assertFalse(again.contentChanged());
    assertEquals(result.serial(), again.serial());
    assertSame(again.snapshot(), zone.lastVersion().orElseThrow());
  }

  @Test
  void aZoneWhoseExportFoundSomethingKeepsTheWholeResult() throws Exception {
    // The sample zone: its ALIAS and URL are flattened (findings, ALIAS values served).
    ServeOptions options = ServeOptions.parse(List.of("--listen", "127.0.0.1:0"));
    ServedZone zone = new ServedZone(options.zones().get(0), options, ZoneExporter.create(CLOCK));
    ExportResult result = exportOnce(zone, options);

    assertTrue(
        result.findings().stream()
            .anyMatch(f -> f.code() == ExportFindingCode.VIRTUAL_RECORD_FLATTENED),
        result.findings()::toString);
    assertFalse(result.targetValues().isEmpty());
    assertEquals(result.findings(), zone.lastFindings());
    assertSame(result.snapshot(), zone.lastVersion().orElseThrow());

    ExportResult again = exportOnce(zone, options);
    assertFalse(again.contentChanged());
    assertEquals(result.targetValues(), again.targetValues());
    assertEquals(again.findings(), zone.lastFindings());
  }

  /** Reads, configures and exports the zone as {@code serve} does. */
  private static ExportResult exportOnce(ServedZone zone, ServeOptions options) throws Exception {
    HostZoneFile.Loaded loaded = zone.read(NOWHERE);
    ServeCommand.prepare(zone, loaded, options, new ConfigurationTemplates(options, CLOCK));
    return zone.export(loaded);
  }
}
