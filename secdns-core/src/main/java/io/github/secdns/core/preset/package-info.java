/**
 * The provider preset registry and the application of presets to configurations.
 *
 * <p>{@link io.github.secdns.core.preset.ProviderPresets#of} registers presets explicitly (the main
 * path); {@link io.github.secdns.core.preset.ProviderPresets#discover()} finds plugins through
 * {@link java.util.ServiceLoader} on the class path and the module path, tolerating a broken
 * plugin, keeping a built-in preset when a plugin takes its id, and keeping the load problems with
 * the registry. {@link io.github.secdns.core.preset.PresetApplier} turns a preset, a name server
 * set or custom values into a configuration builder the customer can still edit; with a {@link
 * java.time.Clock} it applies the addresses valid today and returns a {@link
 * io.github.secdns.core.preset.PresetApplication} with the warnings to show.
 *
 * <p>Threading: every type here is immutable and thread-safe, except the configuration builders
 * that {@code PresetApplier} returns.
 *
 * <p>Nullness: parameters and return values are non-null unless annotated otherwise; absent values
 * are expressed with {@link java.util.Optional}.
 */
@ParametersAreNonnullByDefault
package io.github.secdns.core.preset;

import javax.annotation.ParametersAreNonnullByDefault;
