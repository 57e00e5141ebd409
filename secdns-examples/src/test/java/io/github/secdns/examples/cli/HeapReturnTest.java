package io.github.secdns.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.examples.discovery.JvmRun;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link HeapReturn} in real JVMs, each started for the test with its collector and heap flags
 * ({@link HeapReturnProbe}): the test's own JVM is shared with other tests and its heap is theirs.
 */
class HeapReturnTest {

  /**
   * Runs {@link HeapReturnProbe} in a JVM of its own under G1 with room to give back (a heap
   * committed at 256 MiB that may shrink to 8 MiB, 1 MiB regions) and these further flags.
   */
  static JvmRun probeWithRoom(String mode, String... flags) throws Exception {
    List<String> all =
        new ArrayList<>(
            List.of(
                "-XX:+UseG1GC",
                "-XX:InitialHeapSize=256m",
                "-XX:MinHeapSize=8m",
                "-XX:MaxHeapSize=512m"));
    all.addAll(List.of(flags));
    return probe(mode, all.toArray(String[]::new));
  }

  /**
   * Asserts the probe's heap ended at its live part plus 10 % free: G1 sizes the heap by the
   * regions in use (40 MiB live in about 45 regions of 1 MiB, with its archive's): 10 % free is
   * about 50 MiB, 20 % about 57.
   */
  static void assertTenPerCentFree(JvmRun run) {
    long after = Long.parseLong(run.line("committed-after-kib"));
    assertTrue(after <= 55 << 10, "10 % free, a region or two more at most: " + run);
  }

  /** Runs {@link HeapReturnProbe} in a JVM of its own with these flags; it must exit 0. */
  static JvmRun probe(String mode, String... flags) throws Exception {
    List<String> command = new ArrayList<>(List.of(flags));
    command.add("-cp");
    command.add(
        JvmRun.locationOf(HeapReturnProbe.class)
            + File.pathSeparator
            + JvmRun.locationOf(HeapReturn.class));
    command.add(HeapReturnProbe.class.getName());
    command.add(mode);
    JvmRun run = JvmRun.run(command);
    assertEquals(0, run.exitCode, run.toString());
    return run;
  }

  /**
   * A heap committed at 256 MiB around 40 MiB of live data, young collections run, then quiet: one
   * concurrent cycle is asked for and runs (G1's cause for it: periodic collection), the heap
   * shrinks to what G1 keeps, the periodic interval is off again, and 30 more idle ticks ask for
   * nothing more.
   */
  @Test
  void aGrownHeapIsGivenBackOnceTheWorkStopsAndOnlyOnce() throws Exception {
    JvmRun run = probeWithRoom("return", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=20");
    assertEquals("true", run.line("returned"), run.toString());
    long before = Long.parseLong(run.line("committed-before-mib"));
    long after = Long.parseLong(run.line("committed-after-mib"));
    assertTrue(before >= 256, "the heap was committed at its initial size: " + run);
    assertTrue(after <= 128, "shrunk to the live 40 MiB plus what G1 keeps: " + run);
    assertEquals("1", run.line("periodic-collections"), run.toString());
    assertEquals("0", run.line("interval"), run.toString());
  }

  /**
   * With the free shares {@code serve}'s own (set at run time, minimum 10 %, maximum 20 %), the
   * heap is given back to its used part plus 10 %, not the 20 % G1's own cycles keep while working,
   * and the working 20 % is set again once the heap shrank.
   */
  @Test
  void aHeapIsGivenBackToTheSmallerShareThenTheWorkingOneIsSetAgain() throws Exception {
    JvmRun run = probeWithRoom("return-smaller");
    assertEquals("true", run.line("returned"), run.toString());
    assertTenPerCentFree(run);
    assertEquals("20", run.line("max-free"), "the working share again: " + run);
    assertEquals("0", run.line("interval"), run.toString());
  }

  /** Only G1 reads the flag; under another collector there is no heap return. */
  @Test
  void anotherCollectorHasNone() throws Exception {
    assertEquals("false", probe("available", "-XX:+UseSerialGC").line("available"));
    assertEquals("true", probe("available", "-XX:+UseG1GC").line("available"));
  }

  /** A periodic collection the user set on the command line is theirs: left alone. */
  @Test
  void theUsersOwnPeriodicCollectionWins() throws Exception {
    assertEquals(
        "false",
        probe("available", "-XX:+UseG1GC", "-XX:G1PeriodicGCInterval=600000").line("available"));
  }
}
