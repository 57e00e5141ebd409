package io.github.secdns.examples.discovery;

import io.github.secdns.core.spi.AbstractProviderPreset;
import io.github.secdns.core.spi.PresetDefinition;

/** A plugin whose constructor throws, as a plugin with a missing resource or bad setup would. */
public final class BrokenPreset extends AbstractProviderPreset {

  /** Always throws. */
  public BrokenPreset() {
    super(fail());
  }

  private static PresetDefinition fail() {
    throw new IllegalStateException("broken plugin: cannot read its provider list");
  }
}
