package io.github.secdns.benchmarks.jmh;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The run settings of the benchmarks over zones of up to 100k records and their copies: 3 warm-up
 * and 5 measured iterations of 2 s, one fork with a 2 GiB heap. JMH applies these annotations to
 * every subclass; each subclass says its own mode and time unit.
 */
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g"})
public abstract class HeavyBenchmark {}
