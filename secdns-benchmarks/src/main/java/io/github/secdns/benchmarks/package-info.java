/**
 * Benchmarks of secdns: JMH micro benchmarks ({@code jmh}) and the end-to-end comparison with Knot,
 * NSD and BIND ({@code e2e}), over deterministic generated zones ({@code zone}). Built only with
 * {@code -Pbench}; not a library.
 */
@ParametersAreNonnullByDefault
package io.github.secdns.benchmarks;

import javax.annotation.ParametersAreNonnullByDefault;
