package io.github.secdns.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.catalog.MemberLabelScheme;
import io.github.secdns.jdbc.modulepath.ModulePathMain;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.h2.Driver;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.xbill.DNS.Name;

/**
 * secdns-jdbc as a named module in a real JVM: its module descriptor resolves with Flyway optional
 * ({@code requires static}), and Flyway finds the migrations inside the module (their folders are
 * not packages, so they are not encapsulated).
 */
class ModulePathTest {

  private static final Name ORIGIN = Name.fromConstantString("module.example.");

  private static Path locationOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theModuleMigratesPublishesAndLoadsOnTheModulePath() throws Exception {
    String modulePath =
        Stream.of(
                JdbcZoneStore.class,
                io.github.secdns.core.store.ZoneVersionStore.class,
                Name.class,
                Logger.class,
                Flyway.class,
                Driver.class)
            .map(ModulePathTest::locationOf)
            .map(Path::toString)
            .distinct()
            .collect(Collectors.joining(File.pathSeparator));
    Path testClasses = locationOf(ModulePathMain.class);
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p =
        new ProcessBuilder(
                java.toString(),
                "--module-path",
                modulePath,
                "--add-modules",
                "io.github.secdns.jdbc,flyway.core,com.h2database",
                "-cp",
                testClasses.toString(),
                ModulePathMain.class.getName())
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), output);
    assertEquals(0, p.exitValue(), output);
    List<String> lines = output.lines().toList();
    assertTrue(lines.contains("module=io.github.secdns.jdbc"), output);
    assertTrue(lines.contains("migrations=" + StoreSchema.VERSION), output);
    assertTrue(lines.contains("loaded=42"), output);
    assertTrue(
        lines.contains("label=" + MemberLabelScheme.standard().candidate(ORIGIN, 0)), output);
  }
}
