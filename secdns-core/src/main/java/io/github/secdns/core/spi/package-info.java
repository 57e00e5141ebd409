/**
 * The extension points of secdns. {@link io.github.secdns.core.spi.ProviderPreset} is the service a
 * plugin implements to describe one secondary DNS provider as typed, declarative data; {@link
 * io.github.secdns.core.spi.PresetDefinition} builds and checks that data, and {@link
 * io.github.secdns.core.spi.AbstractProviderPreset} is the convenient base class for a plugin's
 * preset class.
 *
 * <p>Presets declare, core decides: a preset only describes a provider. Core validates the data
 * when a preset is built or registered, and core copies it into a configuration when it is applied.
 *
 * <p>Threading: every type here is immutable and thread-safe; a {@code ProviderPreset}
 * implementation must be as well.
 *
 * <p>Nullness: parameters and return values are non-null unless annotated otherwise; absent values
 * are expressed with {@link java.util.Optional}.
 */
@ParametersAreNonnullByDefault
package io.github.secdns.core.spi;

import javax.annotation.ParametersAreNonnullByDefault;
