/**
 * Internal helpers of secdns-core. Not exported; not API.
 *
 * <p>Nullness: parameters and return values are non-null unless annotated otherwise; absent values
 * are expressed with {@link java.util.Optional}.
 */
@ParametersAreNonnullByDefault
package io.github.secdns.core.internal;

import javax.annotation.ParametersAreNonnullByDefault;
