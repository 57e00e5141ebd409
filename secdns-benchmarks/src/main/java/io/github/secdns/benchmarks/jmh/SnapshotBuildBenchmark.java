package io.github.secdns.benchmarks.jmh;

import io.github.secdns.benchmarks.zone.ZoneGenerator;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;

/**
 * {@link ZoneSnapshot#of}: what a host pays to turn its records into a version before it can
 * publish it (part of "published → servable" for the host, not for the responder).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SnapshotBuildBenchmark extends LargeZoneBenchmark {

  private SOARecord soa;
  private List<Record> records;

  /** Generates the records once. */
  @Setup
  public void setUp() {
    soa = ZoneGenerator.soa(2);
    records = ZoneGenerator.records(size, 42);
  }

  /** Builds the snapshot (duplicate removal, checks; the content hash is computed lazily). */
  @Benchmark
  public ZoneSnapshot snapshotOf() {
    return ZoneSnapshot.of(soa, records);
  }
}
