/**
 * The extension points of secdns. {@link io.github.secdns.core.spi.ProviderPreset} is the service a
 * plugin implements to describe one secondary DNS provider; a preset is its {@link
 * io.github.secdns.core.spi.PresetDefinition}, one typed record checked when it is created, by the
 * rules the configuration model uses for the same values. {@link
 * io.github.secdns.core.spi.AbstractProviderPreset} is the convenient base class for a plugin's
 * preset class.
 *
 * <p>A definition's addresses carry their source, the day they were read and a confidence ({@link
 * io.github.secdns.core.config.Provenance}), and the days the provider uses them ({@link
 * io.github.secdns.core.spi.Validity}). A definition can also describe a service that cannot be a
 * secondary at all ({@link io.github.secdns.core.spi.PresetKind#NOT_A_SECONDARY}).
 *
 * <p>Presets declare, core decides: a preset only describes a provider. Core checks the data when
 * it is built and copies it into a configuration when it is applied.
 *
 * <p>Threading: every type here is immutable and thread-safe, except the definition builder; a
 * {@code ProviderPreset} implementation must be as well.
 *
 * <p>Nullness: parameters and return values are non-null unless annotated otherwise; absent values
 * are expressed with {@link java.util.Optional}.
 */
@ParametersAreNonnullByDefault
package io.github.secdns.core.spi;

import javax.annotation.ParametersAreNonnullByDefault;
