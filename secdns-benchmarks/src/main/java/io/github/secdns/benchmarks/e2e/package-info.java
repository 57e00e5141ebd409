/**
 * The end-to-end comparison: the embedded responder against knotd, nsd and named as primaries on
 * loopback, measured with one lightweight transfer client.
 */
@ParametersAreNonnullByDefault
package io.github.secdns.benchmarks.e2e;

import javax.annotation.ParametersAreNonnullByDefault;
