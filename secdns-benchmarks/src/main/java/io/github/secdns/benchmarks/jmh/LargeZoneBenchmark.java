package io.github.secdns.benchmarks.jmh;

import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * What the benchmarks of one large generated zone share beyond the {@link HeavyBenchmark} run
 * settings: the zone's size as a parameter and one state per benchmark.
 */
@State(Scope.Benchmark)
public abstract class LargeZoneBenchmark extends HeavyBenchmark {

  /** Records in the zone. */
  @Param({"100000"})
  public int size;
}
