package io.github.secdns.benchmarks.jmh;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the benchmarks of one large generated zone share: the zone's size as a parameter, one state
 * per benchmark, and the run settings (3 warm-up and 5 measured iterations of 2 s, one fork with a
 * 2 GiB heap for a 100k-record zone and its copies). JMH applies these annotations to every
 * subclass; each subclass says its own mode and time unit.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g"})
public abstract class LargeZoneBenchmark {

  /** Records in the zone. */
  @Param({"100000"})
  public int size;
}
