/**
 * secdns providers: the built-in provider presets, registered with {@code provides} for the module
 * path and {@code META-INF/services} for the class path.
 */
module io.github.secdns.providers {
  requires transitive io.github.secdns.core;
  requires static jsr305;

  exports io.github.secdns.providers;

  provides io.github.secdns.core.spi.ProviderPreset with
      io.github.secdns.providers.internal.DnsMadeEasyPreset,
      io.github.secdns.providers.internal.DynManagedPreset,
      io.github.secdns.providers.internal.DynStandardPreset,
      io.github.secdns.providers.internal.EasyDnsPreset;
}
