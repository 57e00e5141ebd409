package io.github.secdns.examples.cli;

import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.config.TransferAuthentication;
import io.github.secdns.core.config.ValidationException;
import io.github.secdns.core.preset.PresetApplication;
import io.github.secdns.core.preset.PresetApplier;
import io.github.secdns.core.preset.PresetWarning;
import io.github.secdns.core.preset.ProviderPresets;
import io.github.secdns.core.preset.UnknownPresetException;
import io.github.secdns.core.spi.PresetKind;
import io.github.secdns.core.spi.ProviderPreset;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javax.annotation.Nullable;

/** Builds configuration builders from a preset id or custom name servers, as a form would. */
final class Configurations {

  /**
   * A configuration builder pre-filled as a form would be, and what applying the preset said.
   *
   * @param builder the builder holding the values (each preset value with its provenance)
   * @param application the preset's application (the day whose addresses were applied, the
   *     warnings), or empty for custom values
   */
  record Prefilled(
      SecondaryDnsConfiguration.Builder builder, Optional<PresetApplication> application) {

    /** The warnings of applying the preset; empty for custom values. */
    List<PresetWarning> warnings() {
      return application.map(PresetApplication::warnings).orElse(List.of());
    }
  }

  private Configurations() {}

  /**
   * The preset with this id among those discovered on the class path, for use as a secondary.
   *
   * @param context what the message starts with (the command or the flag)
   * @throws UsageException when no preset has the id (the message lists the ids), or the preset is
   *     a service that cannot act as a secondary (the message gives the preset's reason)
   */
  static ProviderPreset preset(String id, String context) throws UsageException {
    ProviderPreset preset;
    try {
      preset = ProviderPresets.discover().presets().get(id);
    } catch (UnknownPresetException e) {
      throw new UsageException(context + ": " + e.getMessage());
    }
    if (preset.kind() == PresetKind.NOT_A_SECONDARY) {
      throw new UsageException(
          context
              + ": "
              + preset.displayName()
              + " (preset "
              + preset.id()
              + ") cannot act as a secondary: "
              + preset.definition().notASecondaryReason().orElseThrow());
    }
    return preset;
  }

  /**
   * A builder pre-populated from the preset with the addresses valid on the clock's day (and the
   * customer's names where the preset needs them), or custom with the given names.
   *
   * @param clock the clock that says which day's addresses the preset applies
   */
  static Prefilled start(
      String zone,
      Optional<String> presetId,
      List<String> secondaryNames,
      String context,
      Clock clock)
      throws UsageException {
    try {
      if (presetId.isPresent()) {
        PresetApplication application =
            PresetApplier.apply(preset(presetId.get(), context), zone, secondaryNames, clock);
        return new Prefilled(application.builder(), Optional.of(application));
      }
      return new Prefilled(
          PresetApplier.custom(zone).secondaryNameServers(secondaryNames), Optional.empty());
    } catch (ValidationException e) {
      throw Problems.usage(context, e);
    }
  }

  /**
   * Adds how the primary serves transfers: the ACL entries, the NOTIFY targets (signed with the
   * key, if any) and the key with its authentication mode.
   *
   * @param aclLabel the label of the ACL entries (where they come from), or null for none
   * @param addressesGiven whether the user named who may transfer ({@code --allow}): then the key
   *     is needed on top of an allowed address (both); otherwise the ACL is at most a default that
   *     lets an unsigned query from this machine work, and the key alone is the credential, from
   *     any address
   */
  static void addTransfers(
      SecondaryDnsConfiguration.Builder builder,
      List<String> acl,
      @Nullable String aclLabel,
      List<InetSocketAddress> notifyTargets,
      Optional<ServeOptions.Tsig> key,
      boolean addressesGiven) {
    for (String a : acl) {
      builder.addAclEntry(a, aclLabel);
    }
    for (InetSocketAddress n : notifyTargets) {
      builder.addNotifyTarget(
          n.getAddress().getHostAddress(),
          n.getPort(),
          key.map(k -> k.name().toString()).orElse(null));
    }
    key.ifPresent(
        k ->
            builder
                .addTsigKey(k.name().toString(), k.algorithm(), k.secretBase64())
                .transferAuthentication(
                    addressesGiven
                        ? TransferAuthentication.ADDRESS_AND_KEY
                        : TransferAuthentication.KEY));
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
