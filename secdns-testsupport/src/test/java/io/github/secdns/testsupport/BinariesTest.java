package io.github.secdns.testsupport;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.testsupport.servers.Binaries;
import org.junit.jupiter.api.Test;

/** A missing server binary fails loudly (runs in every build, needs no server). */
class BinariesTest {

  @Test
  void aMissingBinaryIsAFailureThatSaysWhatToInstall() {
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () -> Binaries.require("secdns-no-such-server", "secdns-no-such-package"));
    assertTrue(e.getMessage().contains("'secdns-no-such-server' was not found"), e::getMessage);
    assertTrue(e.getMessage().contains("secdns-no-such-package"), e::getMessage);
  }
}
