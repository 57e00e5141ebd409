package io.github.secdns.testsupport;

import java.lang.management.ManagementFactory;

/**
 * What the calling thread allocates, for tests that bound the garbage of a hot path (a count of
 * octets, which neither the machine's load nor timing changes; HotSpot counts every allocation of a
 * thread, its allocation buffer included). Stateless and thread-safe.
 */
public final class Allocations {

  private Allocations() {}

  /**
   * Returns the octets the calling thread has allocated so far.
   *
   * @return the count
   */
  public static long byThisThread() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getCurrentThreadAllocatedBytes();
  }

  /**
   * Runs {@code action} {@code warmUp} times (so that the JIT compilers have compiled it and its
   * allocations are those of compiled code), then {@code rounds} times, and returns the octets the
   * calling thread allocated per call over the latter.
   *
   * @param warmUp calls not counted
   * @param rounds calls counted, at least 1
   * @param action what is measured
   * @return octets per call, rounded down
   */
  public static long perCall(int warmUp, int rounds, Runnable action) {
    for (int i = 0; i < warmUp; i++) {
      action.run();
    }
    long before = byThisThread();
    for (int i = 0; i < rounds; i++) {
      action.run();
    }
    return (byThisThread() - before) / rounds;
  }
}
