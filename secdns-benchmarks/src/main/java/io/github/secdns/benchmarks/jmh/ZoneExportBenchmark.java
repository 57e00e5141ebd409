package io.github.secdns.benchmarks.jmh;

import io.github.secdns.benchmarks.zone.ZoneGenerator;
import io.github.secdns.core.export.ExportRequest;
import io.github.secdns.core.export.ExportResult;
import io.github.secdns.core.export.HostZone;
import io.github.secdns.core.export.SoaSettings;
import io.github.secdns.core.export.ZoneExporter;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.xbill.DNS.Name;

/**
 * {@link ZoneExporter#export}: a host zone of 100k plain records (the generated mix) exported into
 * a {@code ZoneSnapshot} with the host's SOA settings and apex NS of two primaries and two
 * secondaries, with the previous export given (serial policy and content comparison included), with
 * and without the zone digest (ZONEMD).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ZoneExportBenchmark extends LargeZoneBenchmark {

  /** Whether the export publishes a ZONEMD record (RFC 8976): sorts and hashes the whole zone. */
  @Param({"false", "true"})
  public boolean zoneDigest;

  private ZoneExporter exporter;
  private ExportRequest first;
  private ExportRequest next;

  /** Builds the host zone and a first export. */
  @Setup
  public void setUp() {
    ZoneSnapshot generated = ZoneGenerator.generate(size, 2026112401L, 42);
    HostZone zone =
        HostZone.builder(generated.soa())
            .records(
                generated.records().stream()
                    .filter(r -> !r.getName().equals(ZoneGenerator.ORIGIN))
                    .toList())
            .build();
    SoaSettings soa =
        SoaSettings.builder(
                Name.fromConstantString("ns1.host.net."),
                Name.fromConstantString("admin.host.net."))
            .build();
    exporter =
        ZoneExporter.create(Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC));
    List<Name> primaries =
        List.of(Name.fromConstantString("ns1.host.net."), Name.fromConstantString("ns2.host.net."));
    List<Name> secondaries =
        List.of(
            Name.fromConstantString("ns1.secondary.com."),
            Name.fromConstantString("ns2.secondary.com."));
    first =
        ExportRequest.builder(zone, soa)
            .primaryNameServers(primaries)
            .secondaryNameServers(secondaries)
            .publishZoneDigest(zoneDigest)
            .build();
    ExportResult previous = exporter.export(first);
    next =
        ExportRequest.builder(zone, soa)
            .primaryNameServers(primaries)
            .secondaryNameServers(secondaries)
            .previous(previous)
            .publishZoneDigest(zoneDigest)
            .build();
  }

  /** Export without a previous version. */
  @Benchmark
  public ExportResult firstExport() {
    return exporter.export(first);
  }

  /** Export with the previous version (unchanged content: the serial stays). */
  @Benchmark
  public ExportResult unchangedReexport() {
    return exporter.export(next);
  }
}
