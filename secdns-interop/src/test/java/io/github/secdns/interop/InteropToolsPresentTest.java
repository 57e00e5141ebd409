package io.github.secdns.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.testsupport.servers.Binaries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Under the interop profile, every binary the interop tests use must be installed: a missing one is
 * reported here, once and by name, rather than only inside whichever test starts it first.
 */
@InteropTest
class InteropToolsPresentTest {

  @Test
  void everyServerAndToolTheInteropTestsStartIsInstalled() {
    for (Path binary :
        List.of(
            Binaries.named(),
            Binaries.knotd(),
            Binaries.nsd(),
            Binaries.dig(),
            Binaries.kdig(),
            Binaries.kill(),
            Binaries.pdnsServer(),
            Binaries.pdnsutil(),
            Binaries.sqlite3(),
            Binaries.kcatalogprint())) {
      assertTrue(Files.isExecutable(binary), binary::toString);
    }
  }
}
