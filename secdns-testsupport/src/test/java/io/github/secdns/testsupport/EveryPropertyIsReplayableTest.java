package io.github.secdns.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every QuickTheories property in the repository starts from {@link Theories#qt()}, so that it
 * prints its seed and replay command when it fails: no test source reaches QuickTheories' own entry
 * points.
 */
class EveryPropertyIsReplayableTest {

  private static final Pattern OWN_ENTRY_POINT =
      Pattern.compile("org\\.quicktheories\\.(QuickTheory|WithQuickTheories)\\b");

  @Test
  void noTestSourceCallsQuickTheoriesDirectly() throws IOException {
    Path root = Path.of("").toAbsolutePath().getParent();
    assertTrue(Files.exists(root.resolve("secdns-core")), "not the repository root: " + root);
    List<Path> offenders;
    try (Stream<Path> files = Files.walk(root)) {
      offenders =
          files
              .filter(p -> p.toString().endsWith(".java"))
              .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/.git/"))
              .filter(p -> !p.endsWith(Path.of("io/github/secdns/testsupport/Theories.java")))
              .filter(p -> p.toString().contains("/src/test/java/"))
              .filter(EveryPropertyIsReplayableTest::usesQuickTheoriesEntryPoint)
              .map(root::relativize)
              .toList();
    }
    assertEquals(
        List.of(),
        offenders,
        "use `import static io.github.secdns.testsupport.Theories.qt;` (seed and replay command)");
  }

  private static boolean usesQuickTheoriesEntryPoint(Path file) {
    try {
      return OWN_ENTRY_POINT.matcher(Files.readString(file)).find();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
