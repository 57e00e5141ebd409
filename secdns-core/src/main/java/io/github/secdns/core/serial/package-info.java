/**
 * Serial number arithmetic per RFC 1982. All types are immutable and thread-safe.
 *
 * <p>Nullness: parameters and return values are non-null unless annotated otherwise; absent values
 * are expressed with {@link java.util.Optional}.
 */
@ParametersAreNonnullByDefault
package io.github.secdns.core.serial;

import javax.annotation.ParametersAreNonnullByDefault;
