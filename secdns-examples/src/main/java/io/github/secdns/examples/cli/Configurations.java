package io.github.secdns.examples.cli;

import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.config.ValidationException;
import io.github.secdns.core.preset.PresetApplier;
import io.github.secdns.core.preset.ProviderPresets;
import io.github.secdns.core.preset.UnknownPresetException;
import io.github.secdns.core.spi.ProviderPreset;
import java.util.List;
import java.util.Optional;

/** Builds configuration builders from a preset id or custom name servers, as a form would. */
final class Configurations {

  private Configurations() {}

  /** The preset with this id among those discovered on the class path. */
  static ProviderPreset preset(String id, String context) throws UsageException {
    try {
      return ProviderPresets.discover().presets().get(id);
    } catch (UnknownPresetException e) {
      throw new UsageException(context + ": " + e.getMessage());
    }
  }

  /**
   * A builder pre-populated from the preset (and the customer's names where the preset needs them),
   * or custom with the given names.
   */
  static SecondaryDnsConfiguration.Builder start(
      String zone, Optional<String> presetId, List<String> secondaryNames, String context)
      throws UsageException {
    try {
      if (presetId.isPresent()) {
        return PresetApplier.apply(preset(presetId.get(), context), zone, secondaryNames);
      }
      return PresetApplier.custom(zone).secondaryNameServers(secondaryNames);
    } catch (ValidationException e) {
      throw Problems.usage(context, e);
    }
  }

  static SecondaryDnsConfiguration build(SecondaryDnsConfiguration.Builder builder, String context)
      throws UsageException {
    try {
      return builder.build();
    } catch (ValidationException e) {
      throw Problems.usage(context, e);
    }
  }
}
