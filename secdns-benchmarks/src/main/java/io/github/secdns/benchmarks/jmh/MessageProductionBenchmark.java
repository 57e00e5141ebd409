package io.github.secdns.benchmarks.jmh;

import io.github.secdns.axfr.internal.RenderedZone;
import io.github.secdns.axfr.internal.ZoneRenderer;
import io.github.secdns.benchmarks.zone.ZoneGenerator;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Message production for a version: {@code ZoneRenderer.render} turns a snapshot into the
 * compressed answer bodies of all transfer messages, once per version (the render-once cache then
 * shares them between all clients). Scores are records per second (one operation = one record).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MessageProductionBenchmark extends HeavyBenchmark {

  private static final int SMALL = 10_000;
  private static final int LARGE = 100_000;

  /** A 10k-record version. */
  @State(Scope.Benchmark)
  public static class Small {
    ZoneSnapshot zone;

    /** Generates it. */
    @Setup
    public void setUp() {
      zone = ZoneGenerator.generate(SMALL, 1, 42);
    }
  }

  /** A 100k-record version. */
  @State(Scope.Benchmark)
  public static class Large {
    ZoneSnapshot zone;

    /** Generates it. */
    @Setup
    public void setUp() {
      zone = ZoneGenerator.generate(LARGE, 1, 42);
    }
  }

  /** Renders 10k records (16 KiB messages, as the responder's default). */
  @Benchmark
  @OperationsPerInvocation(SMALL + 1)
  public RenderedZone render10k(Small state) {
    return new ZoneRenderer(16384).render(state.zone);
  }

  /** Renders 100k records. */
  @Benchmark
  @OperationsPerInvocation(LARGE + 1)
  public RenderedZone render100k(Large state) {
    return new ZoneRenderer(16384).render(state.zone);
  }
}
