/**
 * Immutable zone contents as secondaries receive them. All types are immutable and thread-safe.
 *
 * <p>Nullness: parameters and return values are non-null unless annotated otherwise; absent values
 * are expressed with {@link java.util.Optional}.
 */
@ParametersAreNonnullByDefault
package io.github.secdns.core.zone;

import javax.annotation.ParametersAreNonnullByDefault;
