package io.github.secdns.benchmarks.jmh;

import io.github.secdns.benchmarks.zone.ZoneGenerator;
import io.github.secdns.core.zone.ZoneDelta;
import io.github.secdns.core.zone.ZoneDiff;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * IXFR difference computation: {@link ZoneDiff#between} on a zone with one A record changed, once
 * when the new version shares every unchanged {@code Record} instance with the old one (a host
 * deriving versions from the previous one) and once when every record was rebuilt (a host loading
 * each version from its database).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g"})
public class ZoneDiffBenchmark {

  /** Records in the zone. */
  @Param({"100000"})
  public int size;

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

  /** Unchanged records are the same instances in both versions. */
  @Benchmark
  public ZoneDelta sharedRecords() {
    return ZoneDiff.between(older, newerShared);
  }

  /** Every record of the newer version is a new instance. */
  @Benchmark
  public ZoneDelta rebuiltRecords() {
    return ZoneDiff.between(older, newerRebuilt);
  }
}
