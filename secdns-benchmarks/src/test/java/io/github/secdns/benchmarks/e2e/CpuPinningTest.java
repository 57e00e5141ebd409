package io.github.secdns.benchmarks.e2e;

import static io.github.secdns.testsupport.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CPU lists as {@code taskset -c} and the kernel write them, and what a pinning runs a server
 * under.
 */
class CpuPinningTest {

  @Test
  void aListCountsItsRangesAndSingleCpus() {
    assertEquals(1, CpuPinning.count("0"));
    assertEquals(5, CpuPinning.count("0-3,6"));
    assertEquals(4, CpuPinning.count("1, 3-5"));
    qt().forAll(integers().between(0, 500), integers().between(0, 500))
        .checkAssert(
            (from, span) -> assertEquals(span + 1, CpuPinning.count(from + "-" + (from + span))));
  }

  @Test
  void whatIsNotACpuListIsRefused() {
    for (String bad : List.of("", "a", "3-1", "1-2-3", "-1", "0,,1")) {
      assertThrows(IllegalArgumentException.class, () -> CpuPinning.count(bad), bad);
    }
    assertThrows(IllegalArgumentException.class, () -> new CpuPinning("x"));
  }

  @Test
  void aPinnedServerRunsUnderTasksetSizedForItsCpus() {
    CpuPinning none = new CpuPinning("");
    assertFalse(none.pinned());
    assertEquals(List.of(), none.launcher());
    assertEquals(Runtime.getRuntime().availableProcessors(), none.serverCores());
    CpuPinning zero = new CpuPinning("0");
    assertTrue(zero.pinned());
    assertEquals(1, zero.serverCores());
    List<String> launcher = zero.launcher();
    assertTrue(launcher.get(0).endsWith("/taskset"), launcher.toString());
    assertEquals(List.of("-c", "0"), launcher.subList(1, 3));
    assertEquals(3, new CpuPinning("0-1,4").serverCores());
  }
}
