/**
 * secdns providers: the built-in provider presets, registered with {@code provides} for the module
 * path and {@code META-INF/services} for the class path.
 */
module io.github.secdns.providers {
  requires transitive io.github.secdns.core;
  requires static jsr305;

  exports io.github.secdns.providers;

  provides io.github.secdns.core.spi.ProviderPreset with
      io.github.secdns.providers.internal.AkamaiEdgeDnsPreset,
      io.github.secdns.providers.internal.AzureDnsPreset,
      io.github.secdns.providers.internal.BuddyNsPreset,
      io.github.secdns.providers.internal.ClouDnsPreset,
      io.github.secdns.providers.internal.CloudflarePreset,
      io.github.secdns.providers.internal.DesecPreset,
      io.github.secdns.providers.internal.DnsMadeEasyPreset,
      io.github.secdns.providers.internal.DynManagedPreset,
      io.github.secdns.providers.internal.DynStandardPreset,
      io.github.secdns.providers.internal.EasyDnsPreset,
      io.github.secdns.providers.internal.GoogleCloudDnsPreset,
      io.github.secdns.providers.internal.HetznerPreset,
      io.github.secdns.providers.internal.HurricaneElectricPreset,
      io.github.secdns.providers.internal.LinodePreset,
      io.github.secdns.providers.internal.NetnodePreset,
      io.github.secdns.providers.internal.Ns1Preset,
      io.github.secdns.providers.internal.OvhCloudPreset,
      io.github.secdns.providers.internal.RcodeZeroPreset,
      io.github.secdns.providers.internal.Route53Preset,
      io.github.secdns.providers.internal.UltraDnsPreset;
}
