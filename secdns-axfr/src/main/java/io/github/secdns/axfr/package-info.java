/**
 * The embeddable zone-transfer responder (AXFR, IXFR and SOA over UDP and TCP), NOTIFY and TSIG.
 *
 * <p>Nullness: parameters and return values are non-null unless annotated otherwise; absent values
 * are expressed with {@link java.util.Optional}.
 */
@ParametersAreNonnullByDefault
package io.github.secdns.axfr;

import javax.annotation.ParametersAreNonnullByDefault;
