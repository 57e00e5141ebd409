package io.github.secdns.benchmarks.jmh;

import io.github.secdns.benchmarks.zone.ZoneGenerator;
import io.github.secdns.core.zone.ZoneDelta;
import io.github.secdns.core.zone.ZoneDiff;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;

/**
 * IXFR difference computation: {@link ZoneDiff#between} on a zone with one A record changed, once
 * when the new version was derived from the old one's records (a range, the changed record, the
 * rest: only the change is compared) and once when every record was rebuilt (a host loading each
 * version from its database: the common prefix and suffix are compared as octets).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ZoneDiffBenchmark extends LargeZoneBenchmark {

  private ZoneSnapshot older;
  private ZoneSnapshot newerShared;
  private ZoneSnapshot newerRebuilt;

  /** Generates the versions. */
  @Setup
  public void setUp() {
    older = ZoneGenerator.generate(size, 1, 42);
    newerShared = ZoneGenerator.withOneChange(older, size / 2);
    newerRebuilt = ZoneGenerator.withOneChange(ZoneGenerator.generate(size, 1, 42), size / 2);
    if (ZoneDiff.between(older, newerShared).size()
        != ZoneDiff.between(older, newerRebuilt).size()) {
      throw new IllegalStateException("the two newer versions differ");
    }
  }

  /** The new version was derived from the old one's records. */
  @Benchmark
  public ZoneDelta sharedRecords() {
    return ZoneDiff.between(older, newerShared);
  }

  /** Every record of the newer version was rebuilt. */
  @Benchmark
  public ZoneDelta rebuiltRecords() {
    return ZoneDiff.between(older, newerRebuilt);
  }
}
