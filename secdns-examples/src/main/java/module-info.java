/**
 * secdns examples: runnable programs, and a custom provider preset plugin registered exactly as a
 * third-party plugin would register it: {@code provides} here for the module path, and {@code
 * META-INF/services} for the class path. The command line ({@code secdns.jar}) is {@code
 * io.github.secdns.examples.cli.Main}. Not published as a library.
 */
module io.github.secdns.examples {
  requires io.github.secdns.core;
  requires io.github.secdns.axfr;
  requires java.sql;
  requires io.github.secdns.jdbc;
  // The connection pool of the command line's database (cli.Database).
  requires com.zaxxer.hikari;
  requires info.picocli;
  requires com.fasterxml.jackson.databind;
  // serve gives memory back after loading zones (HotSpotDiagnosticMXBean, MemoryRelease).
  requires jdk.management;
  // SIGTERM, SIGINT and SIGHUP stop a command before the JVM shuts down (sun.misc.Signal,
  // cli.StopSignals).
  requires jdk.unsupported;
  requires static jsr305;

  // picocli sets the commands' option fields and Jackson reads the JSON records by reflection.
  opens io.github.secdns.examples.cli to
      info.picocli,
      com.fasterxml.jackson.databind;

  provides io.github.secdns.core.spi.ProviderPreset with
      io.github.secdns.examples.plugin.ExampleSecondaryPreset;
}
