/**
 * Deterministic generated zones with a realistic mix of record types, as snapshots and as master
 * files for the peer servers.
 */
@ParametersAreNonnullByDefault
package io.github.secdns.benchmarks.zone;

import javax.annotation.ParametersAreNonnullByDefault;
