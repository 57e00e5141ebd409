/** JMH micro benchmarks of the pure core pieces and the responder's render-once message path. */
@ParametersAreNonnullByDefault
package io.github.secdns.benchmarks.jmh;

import javax.annotation.ParametersAreNonnullByDefault;
