/**
 * A tiny program that prints the provider presets discovered through {@code ServiceLoader}; the
 * module-path discovery test runs it in a separate JVM.
 *
 * <p>Nullness: parameters and return values are non-null unless annotated otherwise; absent values
 * are expressed with {@link java.util.Optional}.
 */
@ParametersAreNonnullByDefault
package io.github.secdns.examples.discovery;

import javax.annotation.ParametersAreNonnullByDefault;
