/**
 * A custom provider preset plugin, written the way a plugin author outside secdns writes one: a
 * small final class extending {@link io.github.secdns.core.spi.AbstractProviderPreset}, registered
 * with {@code provides} in {@code module-info.java} and in {@code
 * META-INF/services/io.github.secdns.core.spi.ProviderPreset}, tested with an empty subclass of the
 * testkit's {@code ProviderPresetContract}.
 *
 * <p>Nullness: parameters and return values are non-null unless annotated otherwise; absent values
 * are expressed with {@link java.util.Optional}.
 */
@ParametersAreNonnullByDefault
package io.github.secdns.examples.plugin;

import javax.annotation.ParametersAreNonnullByDefault;
