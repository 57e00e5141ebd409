package io.github.secdns.benchmarks.e2e;

import static io.github.secdns.testsupport.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The harness's reading of {@code /proc}: schedstat lines (time on a CPU, time waiting for one),
 * {@code Name: value} fields, and this process's own figures, which only grow.
 */
class ProcStatsTest {

  @Test
  void schedstatGivesTheRunTime() {
    qt().forAll(longs().between(0, Long.MAX_VALUE), longs().between(0, Long.MAX_VALUE))
        .checkAssert(
            (run, wait) -> {
              String line = run + " " + wait + " 42\n";
              assertEquals(run, ProcStats.schedstat(line, ProcStats.RUN));
              assertEquals(wait, ProcStats.schedstat(line, 1));
            });
    assertThrows(IllegalArgumentException.class, () -> ProcStats.schedstat("12", 1));
    assertThrows(IllegalArgumentException.class, () -> ProcStats.schedstat("x 1 2", ProcStats.RUN));
  }

  @Test
  void theMachinesCpuTimeIsEveryTickButIdleAndIoWait() {
    // user nice system idle iowait irq softirq steal guest guest_nice
    String line = "cpu  316542 3 17311 47378 282 5 1196 616 7 0";
    long busyTicks = 316542 + 3 + 17311 + 5 + 1196 + 616;
    assertEquals(busyTicks * 10_000_000L, ProcStats.machineCpuNanos(line));
    assertThrows(IllegalArgumentException.class, () -> ProcStats.machineCpuNanos("cpu0 1 2 3"));
    assertThrows(
        IllegalArgumentException.class, () -> ProcStats.machineCpuNanos("cpu  1 2 x 4 5 6 7 8"));
    assertThrows(
        IllegalArgumentException.class, () -> ProcStats.machineCpuNanos("intr 1 2 3 4 5 6 7 8"));
    assertTrue(ProcStats.machineCpuNanos() > 0);
  }

  @Test
  void aFieldIsFoundByItsNameAndStrippedOfBlanks() {
    String status = "Name:\tknotd\nVmRSS:\t   17212 kB\nCpus_allowed_list:\t0-1,3\n";
    assertEquals(Optional.of("0-1,3"), ProcStats.field(status, "Cpus_allowed_list:"));
    assertEquals(Optional.of("17212 kB"), ProcStats.field(status, "VmRSS:"));
    assertEquals(Optional.empty(), ProcStats.field(status, "Pss:"));
  }

  @Test
  void thisProcessAndThreadHaveCpuTimeAndAMask() {
    long self = ProcessHandle.current().pid();
    long thread = ProcStats.threadCpuNanos();
    long own = ProcStats.ownCpuNanos(self);
    assertTrue(thread > 0 && own >= thread, own + " / " + thread);
    assertTrue(ProcStats.cpuNanos(self) >= own);
    String mask = ProcStats.cpusAllowed(self).orElseThrow();
    // At least one CPU (a container's CPU quota may make the JVM count fewer than the mask).
    assertTrue(CpuPinning.count(mask) >= 1, mask);
    assertFalse(ProcStats.cpusAllowed(Long.MAX_VALUE).isPresent());
  }

  @Test
  void userAndKernelTicksSplitTheProcessTicksAndGrowWithWorkInEither() throws Exception {
    long self = ProcessHandle.current().pid();
    ProcStats.UserAndKernelTicks before = ProcStats.userAndKernelTicks(self);
    // Work in user mode and in the kernel (a temporary file written and read back) until both
    // counters moved: ticks are 10 ms samples, so it takes a while, never a fixed time.
    java.nio.file.Path file = java.nio.file.Files.createTempFile("procstats", ".bin");
    try {
      byte[] block = new byte[1 << 16];
      long sink = 0;
      ProcStats.UserAndKernelTicks spent = before.since(before);
      for (int round = 0; round < 100_000 && (spent.user() == 0 || spent.kernel() == 0); round++) {
        for (int i = 0; i < block.length; i++) {
          block[i] = (byte) (i * 31 + round);
          sink += block[i];
        }
        java.nio.file.Files.write(file, block);
        sink += java.nio.file.Files.readAllBytes(file).length;
        spent = ProcStats.userAndKernelTicks(self).since(before);
      }
      assertTrue(sink != 0);
      assertTrue(spent.user() > 0 && spent.kernel() > 0, spent.toString());
      assertEquals(spent.user() + spent.kernel(), spent.total());
    } finally {
      java.nio.file.Files.delete(file);
    }
    ProcStats.UserAndKernelTicks ended = ProcStats.userAndKernelTicks(Long.MAX_VALUE);
    assertEquals(0, ended.total(), "a process that does not exist has spent nothing");
  }

  @Test
  void theJitCompilersOfThisJvmHaveCpuTimeAndOtherThreadsAreNotCounted() {
    assertTrue(ProcStats.isJitCompiler("C2 CompilerThre"));
    assertTrue(ProcStats.isJitCompiler("C1 CompilerThre\n"));
    assertFalse(ProcStats.isJitCompiler("secdns-axfr-io"));
    assertFalse(ProcStats.isJitCompiler("java"));
    long self = ProcessHandle.current().pid();
    // This test JVM compiled the test framework's code on its compiler threads by now.
    long compilers = ProcStats.compilerCpuNanos(self);
    assertTrue(compilers > 0, "compiler CPU " + compilers);
    assertTrue(compilers < ProcStats.cpuNanos(self), "a part of the process's CPU");
    assertEquals(0, ProcStats.compilerCpuNanos(Long.MAX_VALUE), "no such process");
  }
}
