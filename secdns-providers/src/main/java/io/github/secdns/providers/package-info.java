/**
 * The built-in provider presets.
 *
 * <p>Nullness: parameters and return values are non-null unless annotated otherwise; absent values
 * are expressed with {@link java.util.Optional}.
 */
@ParametersAreNonnullByDefault
package io.github.secdns.providers;

import javax.annotation.ParametersAreNonnullByDefault;
