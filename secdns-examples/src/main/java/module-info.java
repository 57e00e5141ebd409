/**
 * secdns examples: runnable programs, and a custom provider preset plugin registered exactly as a
 * third-party plugin would register it: {@code provides} here for the module path, and
 * {@code META-INF/services} for the class path. Not published as a library.
 */
module io.github.secdns.examples {
  requires io.github.secdns.core;
  requires static jsr305;

  provides io.github.secdns.core.spi.ProviderPreset with
      io.github.secdns.examples.plugin.ExampleSecondaryPreset;
}
