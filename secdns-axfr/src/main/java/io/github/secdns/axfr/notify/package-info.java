/**
 * The NOTIFY sender (RFC 1996): tells secondaries that a zone has a new serial, over UDP with
 * retries, back-off and pacing, signed with TSIG where the target has a key, and reports each
 * target's outcome to the host.
 *
 * <p>Nullness: parameters and return values are non-null unless annotated otherwise; absent values
 * are expressed with {@link java.util.Optional}.
 */
@ParametersAreNonnullByDefault
package io.github.secdns.axfr.notify;

import javax.annotation.ParametersAreNonnullByDefault;
