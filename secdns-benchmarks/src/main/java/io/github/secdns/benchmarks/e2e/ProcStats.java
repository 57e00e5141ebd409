package io.github.secdns.benchmarks.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
      nanos += runNanos(p).orElseGet(() -> ticks(p) * (1_000_000_000L / TICKS_PER_SECOND));
    }
    return nanos;
  }

  /** The run time of every thread of a process, or empty where the kernel has no schedstat. */
  private static Optional<Long> runNanos(long pid) {
    Path tasks = Path.of("/proc", Long.toString(pid), "task");
    try (var threads = Files.list(tasks)) {
      long sum = 0;
      for (Path task : (Iterable<Path>) threads::iterator) {
        try {
          String stat = Files.readString(task.resolve("schedstat"), StandardCharsets.US_ASCII);
          sum += Long.parseLong(stat.substring(0, stat.indexOf(' ')));
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

  private static long ticks(long pid) {
    try {
      String stat =
          Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
      // The command name may contain spaces and parentheses: fields start after the last ')'.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ", -1);
      // f[0] is field 3 (state); utime is field 14, stime field 15.
      return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    } catch (IOException | RuntimeException e) {
      return 0; // the process has ended
    }
  }

  private static long field(Path file, String name) {
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
        if (line.startsWith(name)) {
          return Long.parseLong(line.substring(name.length()).trim().split("\\s+", -1)[0]);
        }
      }
    } catch (IOException | RuntimeException e) {
      // the process has ended or the file is not readable: count nothing
    }
    return 0;
  }
}
