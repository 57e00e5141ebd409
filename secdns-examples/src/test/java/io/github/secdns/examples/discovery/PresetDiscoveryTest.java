package io.github.secdns.examples.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.axfr.ZoneSource;
import io.github.secdns.core.preset.PresetDiscovery;
import io.github.secdns.core.preset.PresetLoadProblem;
import io.github.secdns.core.preset.ProviderPresets;
import io.github.secdns.core.spi.ProviderPreset;
import io.github.secdns.examples.plugin.ExampleSecondaryPreset;
import io.github.secdns.providers.BuiltInPresets;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.xbill.DNS.Name;

/** The custom plugin is discovered beside the built-ins, on the class path and the module path. */
class PresetDiscoveryTest {

  /** The built-ins and the example plugin, in id order. */
  private static final String ALL_IDS =
      String.join(
          ",",
          BuiltInPresets.registry().with(ProviderPresets.of(new ExampleSecondaryPreset())).ids());

  private static final String MAIN = PrintDiscoveredPresets.class.getName();

  @TempDir Path dir;

  @Test
  void pluginIsDiscoveredBesideTheBuiltInsOnTheClassPath() {
    PresetDiscovery d = ProviderPresets.discover(PresetDiscoveryTest.class.getClassLoader());
    assertFalse(d.hasProblems(), d.toString());
    assertEquals(ALL_IDS, String.join(",", d.presets().ids()));
    assertEquals(
        BuiltInPresets.registry().with(ProviderPresets.of(new ExampleSecondaryPreset())),
        d.presets());
  }

  @Test
  void aBrokenPluginIsReportedAndTheOthersStillLoad() throws Exception {
    Path services = dir.resolve("META-INF/services");
    Files.createDirectories(services);
    Files.writeString(
        services.resolve(ProviderPreset.class.getName()), BrokenPreset.class.getName() + "\n");
    try (URLClassLoader loader =
        new URLClassLoader(
            new URL[] {dir.toUri().toURL()}, PresetDiscoveryTest.class.getClassLoader())) {
      PresetDiscovery d = ProviderPresets.discover(loader);
      assertEquals(ALL_IDS, String.join(",", d.presets().ids()));
      assertEquals(1, d.problems().size(), d.toString());
      PresetLoadProblem p = d.problems().get(0);
      assertEquals(PresetLoadProblem.Kind.LOAD_FAILED, p.kind());
      assertEquals(List.of(BrokenPreset.class.getName()), p.providers());
      assertTrue(p.message().contains("cannot read its provider list"), p.message());
      assertTrue(p.cause().isPresent());
    }
  }

  @Test
  void pluginIsDiscoveredOnTheClassPathOfARealJvm() throws Exception {
    String classPath =
        Stream.of(
                ProviderPresets.class,
                BuiltInPresets.class,
                ExampleSecondaryPreset.class,
                Name.class,
                Logger.class)
            .map(JvmRun::locationOf)
            .map(Path::toString)
            .collect(Collectors.joining(File.pathSeparator));
    JvmRun run = JvmRun.run(List.of("-cp", classPath, MAIN));
    assertEquals(0, run.exitCode, run.toString());
    assertEquals("unnamed", run.line("core-module"), run.toString());
    assertEquals(ALL_IDS, run.line("discover"), run.toString());
    // On the class path no named module provides presets.
    assertEquals("", run.line("boot-layer").strip(), run.toString());
  }

  @Test
  void pluginIsDiscoveredOnTheModulePathOfARealJvm() throws Exception {
    // The module path holds exactly the modules needed: core, the built-in providers, the example
    // module with the plugin, the axfr and jdbc modules, picocli, Jackson (databind, core,
    // annotations) and HikariCP, which the command line in the example module requires, dnsjava
    // and slf4j-api (which dnsjava and HikariCP require). Nothing requires the providers module: it
    // is resolved by service
    // binding because core declares `uses`.
    String modulePath =
        Stream.of(
                ProviderPresets.class,
                BuiltInPresets.class,
                ExampleSecondaryPreset.class,
                ZoneSource.class,
                io.github.secdns.jdbc.JdbcZoneStore.class,
                picocli.CommandLine.class,
                com.fasterxml.jackson.databind.ObjectMapper.class,
                com.fasterxml.jackson.core.JsonFactory.class,
                com.fasterxml.jackson.annotation.JsonProperty.class,
                com.zaxxer.hikari.HikariDataSource.class,
                Name.class,
                Logger.class)
            .map(JvmRun::locationOf)
            .map(Path::toString)
            .collect(Collectors.joining(File.pathSeparator));
    JvmRun run =
        JvmRun.run(List.of("--module-path", modulePath, "-m", "io.github.secdns.examples/" + MAIN));
    assertEquals(0, run.exitCode, run.toString());
    assertEquals("io.github.secdns.core", run.line("core-module"), run.toString());
    assertEquals(ALL_IDS, run.line("discover"), run.toString());
    assertEquals(ALL_IDS, run.line("boot-layer"), run.toString());
  }
}
