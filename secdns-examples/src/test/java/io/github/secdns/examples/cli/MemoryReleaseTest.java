package io.github.secdns.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import io.github.secdns.examples.discovery.JvmRun;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MemoryReleaseTest {

  /**
   * The trim runs the JVM's own command where the JVM has it, as {@code jcmd} lists it for this
   * very process (the oracle is outside the code under test: a wrong operation name or argument
   * signature would return empty here while jcmd lists the command).
   */
  @Test
  void trimNativeHeapRunsTheJvmsCommandWhereTheJvmHasIt() throws Exception {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    assumeTrue(Files.isExecutable(jcmd), "needs the JDK's jcmd as the oracle: " + jcmd);
    boolean listed =
        jcmdHelp(jcmd).lines().anyMatch(l -> l.strip().equals("System.trim_native_heap"));

    Optional<String> printed = MemoryRelease.trimNativeHeap();

    if (listed) {
      assertTrue(
          printed.orElseThrow().startsWith("Trim native heap"),
          "the command's own report, with the resident size before and after: " + printed);
    } else {
      assertEquals(Optional.empty(), printed, "no such command on this JVM: nothing to report");
    }
  }

  /**
   * After the load G1's own cycles keep at most 20 % of the heap free, and its own periodic
   * collection is left as it was (off unless a user set it): an idle serve is not marked at an
   * interval, {@link HeapReturn} asks for a collection only after work grew the heap. Flags a user
   * gave are left as they are (this JVM's, when given).
   */
  @Test
  void afterTheLoadTheJvmKeepsLittleFreeAndNoPeriodicCollection() {
    HotSpotDiagnosticMXBean hotspot =
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    VMOption periodic = hotspot.getVMOption("G1PeriodicGCInterval");
    assumeTrue(
        ManagementFactory.getGarbageCollectorMXBeans().stream()
            .anyMatch(gc -> gc.getName().startsWith("G1")),
        "G1's flags");

    MemoryRelease.afterLoad();

    VMOption after = hotspot.getVMOption("G1PeriodicGCInterval");
    assertEquals(periodic.getValue(), after.getValue(), "the periodic collection as it was");
    assertEquals(periodic.getOrigin(), after.getOrigin(), "not set by the release");
    VMOption maxFree = hotspot.getVMOption("MaxHeapFreeRatio");
    if (maxFree.getOrigin() == VMOption.Origin.MANAGEMENT) {
      assertEquals("20", maxFree.getValue());
    }
  }

  /**
   * After the load, in a JVM started as operators start {@code serve} (no heap flags but the test's
   * sizes): the heap holds its live part plus at most 10 % free, and G1's own cycles then keep up
   * to 20 % ({@code MaxHeapFreeRatio} 20 again).
   */
  @Test
  void afterTheLoadTheHeapKeepsTenPerCentFreeAndTwentyWhileWorking() throws Exception {
    JvmRun run = HeapReturnTest.probeWithRoom("load");
    assertEquals("true", run.line("ours"), run.toString());
    HeapReturnTest.assertTenPerCentFree(run);
    assertEquals("20", run.line("max-free"), run.toString());
  }

  /** A free share the user gave is theirs: the release never changes it, nor the other after it. */
  @Test
  void aFreeShareTheUserGaveIsLeftAsItIs() throws Exception {
    JvmRun run = HeapReturnTest.probeWithRoom("load", "-XX:MaxHeapFreeRatio=50");
    assertEquals("false", run.line("ours"), run.toString());
    assertEquals("50", run.line("max-free"), run.toString());
  }

  /** A serve that stops before its load ended never starts the release's thread. */
  @Test
  void aReleaseClosedBeforeTheLoadEndsStartsNoThread() {
    CompletableFuture<Void> load = new CompletableFuture<>();
    MemoryRelease.Release release = MemoryRelease.afterLoad(load);
    release.close();
    load.complete(null);
    assertEquals(Optional.empty(), release.thread());
  }

  /**
   * The release's thread trims again from time to time while serve runs, and ends when serve stops
   * (no thread left behind by a stopped serve, in a test's JVM or a host's).
   */
  @Test
  void closingTheReleaseEndsItsThread() {
    MemoryRelease.Release release =
        MemoryRelease.afterLoad(CompletableFuture.completedFuture(null));
    Thread thread = release.thread().orElseThrow(); // started at once: the load had ended
    assertEquals("secdns-memory-release", thread.getName());
    assertTrue(thread.isDaemon(), "never keeps a stopping JVM alive");
    release.close();
    assertFalse(thread.isAlive(), "ended by the close");
  }

  private static String jcmdHelp(Path jcmd) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(jcmd.toString(), Long.toString(ProcessHandle.current().pid()), "help")
            .redirectErrorStream(true)
            .start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "jcmd ended");
      assertEquals(0, p.exitValue(), out);
      return out;
    } finally {
      p.destroyForcibly();
    }
  }
}
