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

  private static JvmRun probe(String mode, String... flags) throws Exception {
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
    JvmRun run =
        probe(
            "return",
            "-XX:+UseG1GC",
            "-XX:InitialHeapSize=256m",
            "-XX:MinHeapSize=8m",
            "-XX:MaxHeapSize=512m",
            "-XX:MinHeapFreeRatio=10",
            "-XX:MaxHeapFreeRatio=20");
    assertEquals("true", run.line("returned"), run.toString());
    long before = Long.parseLong(run.line("committed-before-mib"));
    long after = Long.parseLong(run.line("committed-after-mib"));
    assertTrue(before >= 256, "the heap was committed at its initial size: " + run);
    assertTrue(after <= 128, "shrunk to the live 40 MiB plus what G1 keeps: " + run);
    assertEquals("1", run.line("periodic-collections"), run.toString());
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
