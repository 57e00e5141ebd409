/**
 * secdns core: the pure model of Secondary DNS. Configuration, lifecycle planning, the provider
 * preset SPI and registry, serial arithmetic, zone export and the diagnostics engine.
 *
 * <p>This module does no I/O, starts no threads, does not log and reads no clock except an injected
 * {@link java.time.Clock}. Every exported type is immutable or documents its threading contract.
 */
module io.github.secdns.core {
  requires transitive org.dnsjava;
  requires static transitive jsr305;

  exports io.github.secdns.core.catalog;
  exports io.github.secdns.core.config;
  exports io.github.secdns.core.diagnostics;
  exports io.github.secdns.core.lifecycle;
  exports io.github.secdns.core.export;
  exports io.github.secdns.core.serial;
  exports io.github.secdns.core.zone;
  exports io.github.secdns.core.store;
  exports io.github.secdns.core.spi;
  exports io.github.secdns.core.preset;

  // Discovery calls ServiceLoader here, in the module that declares the service use, so that it
  // works on the module path too.
  uses io.github.secdns.core.spi.ProviderPreset;
}
