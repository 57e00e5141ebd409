package io.github.secdns.benchmarks.e2e;

import io.github.secdns.testsupport.servers.Binaries;
import java.util.List;

/**
 * Which CPUs the server under test runs on: a list as {@code taskset -c} takes it ({@code 0},
 * {@code 0-1,3}), or none (the server runs wherever the kernel puts it). A pinned server's command
 * runs under {@code taskset -c LIST} (its threads and forked processes inherit the mask) and its
 * workers are sized for that many cores ({@code ServerConfig.withCores}); the harness, whose
 * clients measure it, is pinned to the other CPUs by its launcher ({@code bench/run-many-zones.sh}
 * runs it under {@code taskset -c 1}). Immutable.
 *
 * @param serverCpus the CPU list, empty for no pinning
 */
record CpuPinning(String serverCpus) {

  /**
   * Checks the list.
   *
   * @throws IllegalArgumentException when a non-empty list is not a CPU list
   */
  CpuPinning {
    if (!serverCpus.isEmpty()) {
      count(serverCpus);
    }
  }

  /**
   * Whether the server is pinned.
   *
   * @return true when it has a CPU list
   */
  boolean pinned() {
    return !serverCpus.isEmpty();
  }

  /**
   * The cores the server's workers are sized for: its CPUs when pinned, else every core this
   * process may use (the servers' own defaults count the machine's).
   *
   * @return at least 1
   */
  int serverCores() {
    return pinned() ? count(serverCpus) : Runtime.getRuntime().availableProcessors();
  }

  /**
   * What the server's command runs under.
   *
   * @return {@code taskset -c LIST}, or nothing when not pinned
   */
  List<String> launcher() {
    return pinned() ? List.of(Binaries.taskset().toString(), "-c", serverCpus) : List.of();
  }

  /**
   * How many CPUs a list names ({@code 0-3,6}: 5).
   *
   * @param list ranges and single CPUs separated by commas
   * @return the count, at least 1
   * @throws IllegalArgumentException when it is not such a list
   */
  static int count(String list) {
    int n = 0;
    for (String part : list.split(",", -1)) {
      String[] range = part.strip().split("-", -1);
      try {
        int from = Integer.parseInt(range[0]);
        int to = range.length == 2 ? Integer.parseInt(range[1]) : from;
        if (range.length > 2 || from < 0 || to < from) {
          throw new IllegalArgumentException("not a CPU list: " + list);
        }
        n += to - from + 1;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not a CPU list: " + list, e);
      }
    }
    return n;
  }
}
