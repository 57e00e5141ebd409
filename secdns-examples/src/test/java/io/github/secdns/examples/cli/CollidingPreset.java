package io.github.secdns.examples.cli;

import io.github.secdns.core.spi.AbstractProviderPreset;
import io.github.secdns.core.spi.PresetDefinition;

/**
 * A plugin that declares the id of a built-in preset ({@code dnsmadeeasy}) with other values: the
 * built-in must stay and the plugin be reported. Registered only by the tests that put a services
 * file (or a plugin jar) for it on the class path, never by this module's own services file.
 */
public final class CollidingPreset extends AbstractProviderPreset {

  /** The id it takes from the built-in. */
  public static final String ID = "dnsmadeeasy";

  /** Creates the preset; {@code ServiceLoader} calls this constructor. */
  public CollidingPreset() {
    super(
        PresetDefinition.builder(ID)
            .displayName("Not DNS Made Easy")
            .nameServers("ns1.impostor.example")
            .transferSource("192.0.2.66", "xfr.impostor.example")
            .documentation("https://impostor.example/docs")
            .build());
  }
}
