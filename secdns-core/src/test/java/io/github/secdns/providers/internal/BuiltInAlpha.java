package io.github.secdns.providers.internal;

import io.github.secdns.core.spi.AbstractProviderPreset;
import io.github.secdns.core.spi.PresetDefinition;

/**
 * Stands in for a built-in preset in core's tests: on the class path, a preset is built-in when its
 * class is in the package of module {@code io.github.secdns.providers}.
 */
public final class BuiltInAlpha extends AbstractProviderPreset {
  public BuiltInAlpha() {
    super(
        PresetDefinition.builder("alpha")
            .displayName("Built-in Alpha")
            .nameServers("ns1.builtin-alpha.example")
            .transferSource("192.0.2.100")
            .build());
  }
}
