package io.github.secdns.benchmarks.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * CPU time and memory of a server process and its descendants, read from {@code /proc}.
 *
 * <p>A process tree, because NSD serves from forked children. CPU is the scheduler's run time of
 * every thread, in nanoseconds (the first field of {@code /proc/<pid>/task/<tid>/schedstat}):
 * {@code utime + stime} of {@code /proc/<pid>/stat} counts 10 ms clock ticks, too coarse for a
 * transfer of a few milliseconds; the ticks remain the fallback where a kernel has no schedstat. A
 * thread that ends between two readings takes its run time with it (the tick counters keep it), so
 * figures are deltas over a transfer, while the servers' threads live on. Memory is {@code VmRSS}
 * from {@code /proc/<pid>/status} and {@code Pss} from {@code /proc/<pid>/smaps_rollup} (shared
 * pages divided among the processes sharing them, so the sum over NSD's forked processes does not
 * count its zone twice). Linux only.
 */
final class ProcStats {

  /** Clock ticks per second for /proc CPU fields; 100 on every Linux architecture we run on. */
  static final long TICKS_PER_SECOND = 100;

  /** The {@code schedstat} field of the time on a CPU. */
  static final int RUN = 0;

  private ProcStats() {}

  /** Memory of a process tree in KiB. */
  record Memory(long rssKib, long pssKib, int processes) {}

  /**
   * CPU time of the process and all its descendants, in nanoseconds.
   *
   * @param pid the root process
   * @return the CPU time
   */
  static long cpuNanos(long pid) {
    long nanos = 0;
    for (long p : tree(pid)) {
      nanos += sum(p, RUN).orElseGet(() -> ticks(p) * (1_000_000_000L / TICKS_PER_SECOND));
    }
    return nanos;
  }

  /**
   * CPU time of the JIT compiler threads of a process tree ({@code C1 CompilerThread*} and {@code
   * C2 CompilerThread*}, named {@code C1 CompilerThre} and {@code C2 CompilerThre} in {@code
   * /proc/<pid>/task/<tid>/comm}), in nanoseconds: 0 for a server that is no JVM.
   *
   * @param pid the root process
   * @return the CPU time, 0 where the kernel has no schedstat
   */
  static long compilerCpuNanos(long pid) {
    long nanos = 0;
    for (long p : tree(pid)) {
      nanos += sum(p, RUN, Optional.of(ProcStats::isJitCompiler)).orElse(0L);
    }
    return nanos;
  }

  /** Whether a thread's {@code comm} is a HotSpot JIT compiler thread's. */
  static boolean isJitCompiler(String comm) {
    return comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre");
  }

  /**
   * CPU time of one process's own threads (not its children), in nanoseconds: for the harness
   * itself, whose children are the servers it measures.
   *
   * @param pid the process
   * @return the CPU time, 0 where the kernel has no schedstat or the process has ended
   */
  static long ownCpuNanos(long pid) {
    return sum(pid, RUN).orElse(0L);
  }

  /**
   * CPU time of the whole machine, every process and the kernel, in nanoseconds: the first line of
   * {@code /proc/stat} without its idle and I/O-wait ticks. With the server's and the harness's CPU
   * it says what other work took from a run. 10 ms ticks: a run of a few hundred milliseconds reads
   * it within a few percent.
   *
   * @return the CPU time, 0 where {@code /proc/stat} cannot be read
   */
  static long machineCpuNanos() {
    try {
      return machineCpuNanos(
          Files.readString(Path.of("/proc/stat"), StandardCharsets.US_ASCII)
              .lines()
              .findFirst()
              .orElse(""));
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /**
   * The busy time in the {@code cpu} line of {@code /proc/stat}: user, nice, system, irq, softirq
   * and steal ticks (guest time is already in user time; idle and iowait are not busy).
   *
   * @param cpuLine {@code cpu user nice system idle iowait irq softirq steal ...}
   * @return nanoseconds
   * @throws IllegalArgumentException when it is not such a line
   */
  static long machineCpuNanos(String cpuLine) {
    String[] f = cpuLine.strip().split("\\s+", -1);
    if (f.length < 9 || !f[0].equals("cpu")) {
      throw new IllegalArgumentException("not the cpu line of /proc/stat: " + cpuLine);
    }
    try {
      long ticks = 0;
      for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
        ticks += Long.parseLong(f[i]);
      }
      return ticks * (1_000_000_000L / TICKS_PER_SECOND);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not the cpu line of /proc/stat: " + cpuLine, e);
    }
  }

  /**
   * CPU time of the calling thread, in nanoseconds ({@code /proc/thread-self/schedstat}): the
   * client loop's own cost, without the JVM's compiler and collector threads.
   *
   * @return the CPU time, 0 where the kernel has no schedstat
   */
  static long threadCpuNanos() {
    try {
      return schedstat(
          Files.readString(Path.of("/proc/thread-self/schedstat"), StandardCharsets.US_ASCII), RUN);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /**
   * A field of a {@code schedstat} line.
   *
   * @param schedstat the file's content: nanoseconds on a CPU, nanoseconds waiting for one, time
   *     slices
   * @param field its index, such as {@link #RUN}
   * @return its value
   * @throws IllegalArgumentException when the line has no such numeric field
   */
  static long schedstat(String schedstat, int field) {
    String[] f = schedstat.strip().split(" ", -1);
    try {
      return Long.parseLong(f[field]);
    } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
      throw new IllegalArgumentException("not a schedstat line: " + schedstat, e);
    }
  }

  /**
   * The CPUs a process may run on, as the kernel lists them ({@code Cpus_allowed_list} in {@code
   * /proc/<pid>/status}, such as {@code 0} or {@code 0-1}): what the report says of the pinning.
   *
   * @param pid the process
   * @return the list, empty when the process has ended or the kernel does not say
   */
  static Optional<String> cpusAllowed(long pid) {
    try {
      return field(
          Files.readString(
              Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.US_ASCII),
          "Cpus_allowed_list:");
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * A field of a {@code /proc} text of {@code Name: value} lines ({@code status}, {@code
   * smaps_rollup}).
   *
   * @param status the text
   * @param name the field's name with its colon
   * @return its value without the surrounding blanks, empty when the text has no such field
   */
  static Optional<String> field(String status, String name) {
    for (String line : status.split("\n", -1)) {
      if (line.startsWith(name)) {
        return Optional.of(line.substring(name.length()).strip());
      }
    }
    return Optional.empty();
  }

  /** A schedstat field summed over a process's threads, or empty where the kernel has none. */
  private static Optional<Long> sum(long pid, int field) {
    return sum(pid, field, Optional.empty());
  }

  /**
   * A schedstat field summed over the threads of one process, or of those whose {@code comm}
   * passes: {@code comm} is read only when asked (the harness reads every thread's CPU around each
   * run, and a second file per thread would double that).
   */
  private static Optional<Long> sum(long pid, int field, Optional<Predicate<String>> comm) {
    Path tasks = Path.of("/proc", Long.toString(pid), "task");
    try (var threads = Files.list(tasks)) {
      long sum = 0;
      for (Path task : (Iterable<Path>) threads::iterator) {
        try {
          if (comm.isPresent()
              && !comm.get()
                  .test(Files.readString(task.resolve("comm"), StandardCharsets.US_ASCII))) {
            continue;
          }
          sum +=
              schedstat(
                  Files.readString(task.resolve("schedstat"), StandardCharsets.US_ASCII), field);
        } catch (NoSuchFileException e) {
          // the thread ended while we listed: its time is gone either way
        }
      }
      return Optional.of(sum);
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // no schedstat, or the process has ended
    }
  }

  static Memory memory(long pid) {
    long rss = 0;
    long pss = 0;
    List<Long> tree = tree(pid);
    for (long p : tree) {
      rss += field(Path.of("/proc", Long.toString(p), "status"), "VmRSS:");
      pss += field(Path.of("/proc", Long.toString(p), "smaps_rollup"), "Pss:");
    }
    return new Memory(rss, pss, tree.size());
  }

  private static List<Long> tree(long pid) {
    List<Long> pids = new ArrayList<>();
    pids.add(pid);
    Optional<ProcessHandle> root = ProcessHandle.of(pid);
    root.ifPresent(h -> h.descendants().forEach(d -> pids.add(d.pid())));
    return pids;
  }

  /**
   * CPU clock ticks of a process tree in user and in kernel mode ({@code utime} and {@code stime}
   * of {@code /proc/<pid>/stat}): schedstat has no such split. Ticks are samples of 10 ms, so a
   * share read from them needs a window of a second or more of CPU.
   */
  record UserAndKernelTicks(long user, long kernel) {
    /**
     * The ticks spent since an earlier reading.
     *
     * @param earlier the earlier reading
     * @return the difference
     */
    UserAndKernelTicks since(UserAndKernelTicks earlier) {
      return new UserAndKernelTicks(user - earlier.user, kernel - earlier.kernel);
    }

    long total() {
      return user + kernel;
    }
  }

  /**
   * User and kernel CPU ticks of a process and all its descendants.
   *
   * @param pid the root process
   * @return the ticks (what ended processes spent is not counted)
   */
  static UserAndKernelTicks userAndKernelTicks(long pid) {
    long user = 0;
    long kernel = 0;
    for (long p : tree(pid)) {
      long[] ticks = userAndKernel(p);
      user += ticks[0];
      kernel += ticks[1];
    }
    return new UserAndKernelTicks(user, kernel);
  }

  private static long ticks(long pid) {
    long[] ticks = userAndKernel(pid);
    return ticks[0] + ticks[1];
  }

  private static long[] userAndKernel(long pid) {
    try {
      String stat =
          Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
      // The command name may contain spaces and parentheses: fields start after the last ')'.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ", -1);
      // f[0] is field 3 (state); utime is field 14, stime field 15.
      return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])};
    } catch (IOException | RuntimeException e) {
      return new long[2]; // the process has ended
    }
  }

  private static long field(Path file, String name) {
    try {
      return field(Files.readString(file, StandardCharsets.US_ASCII), name)
          .map(v -> Long.parseLong(v.split("\\s+", -1)[0]))
          .orElse(0L);
    } catch (IOException | RuntimeException e) {
      return 0; // the process has ended or the file is not readable: count nothing
    }
  }
}
