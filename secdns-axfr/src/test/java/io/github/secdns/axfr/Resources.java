package io.github.secdns.axfr;

import io.github.secdns.testsupport.zones.TestRecords;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a test compares before and after: live threads of the responder and open file descriptors of
 * this JVM (from /proc/self/fd on Linux, else from the operating system MXBean).
 */
final class Resources {

  private static final Path PROC_FD = Path.of("/proc/self/fd");

  private Resources() {}

  /** Open file descriptors of this JVM, or -1 when the platform does not tell. */
  static long openFileDescriptors() {
    if (Files.isDirectory(PROC_FD)) {
      File[] entries = PROC_FD.toFile().listFiles();
      // listFiles opens the directory itself: one descriptor that exists only while listing.
      return entries == null ? -1 : entries.length - 1;
    }
    return -1;
  }

  private static boolean warmedUp;

  /**
   * The descriptor count to compare with after a test, taken after one warm-up round (a responder
   * answering SOA over UDP and TCP and an AXFR) so that what the JDK and dnsjava open lazily once
   * per JVM (entropy sources, jars) is already open.
   */
  static synchronized long fileDescriptorBaseline() throws IOException {
    if (!warmedUp) {
      warmedUp = true;
      try (Fixture f = Fixture.allowingAll()) {
        f.zones.publish(TestZones.small("example.com.", 1));
        RawDns.udpExchange(
            f.address(), RawDns.query(1, "example.com.", org.xbill.DNS.Type.SOA, true));
        try (RawDns c = RawDns.connect(f.address())) {
          c.send(RawDns.query(2, "example.com.", org.xbill.DNS.Type.AXFR, true));
          c.receiveTransfer();
        }
        org.xbill.DNS.ZoneTransferIn xfr =
            org.xbill.DNS.ZoneTransferIn.newAXFR(
                TestRecords.name("example.com."), f.address(), null);
        try {
          xfr.run();
        } catch (org.xbill.DNS.ZoneTransferException e) {
          throw new IOException(e);
        }
      }
    }
    return openFileDescriptors();
  }

  /** The JVM's limit of open file descriptors (ulimit -n), or Long.MAX_VALUE when unknown. */
  static long maxFileDescriptors() {
    // "Max open files  <soft>  <hard>  files" (java.management is not readable from this module)
    try (Stream<String> lines = Files.lines(Path.of("/proc/self/limits"))) {
      return lines
          .filter(l -> l.startsWith("Max open files"))
          .map(l -> l.substring("Max open files".length()).trim().split("\\s+", -1)[0])
          .map(v -> v.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(v))
          .findFirst()
          .orElse(Long.MAX_VALUE);
    } catch (IOException | RuntimeException e) {
      return Long.MAX_VALUE;
    }
  }

  /** What each open descriptor points to (sockets, files), for a failure message. */
  static Set<String> describeFileDescriptors() {
    if (!Files.isDirectory(PROC_FD)) {
      return Set.of();
    }
    try (Stream<Path> fds = Files.list(PROC_FD)) {
      return fds.map(
              p -> {
                try {
                  return p.getFileName() + "->" + Files.readSymbolicLink(p);
                } catch (IOException e) {
                  return p.getFileName() + "->?";
                }
              })
          .collect(Collectors.toCollection(TreeSet::new));
    } catch (IOException e) {
      return Set.of();
    }
  }

  /** Names of live threads of all responders and NOTIFY senders. */
  static Set<String> secdnsThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(n -> n.startsWith("secdns-"))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** Heap in use after a full collection was asked for (a few times, to let it settle). */
  static long usedHeapAfterGc() {
    Runtime runtime = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
    }
    return used;
  }

  /** Every live thread of this JVM. */
  static Set<Thread> liveThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .collect(Collectors.toSet());
  }

  /**
   * Waits (bounded) until no thread is alive that was not alive before, and names those that are.
   * Threads of the JDK's common fork-join pool come and go on their own and are not counted.
   */
  static Set<String> threadsLeftSince(Set<Thread> before) {
    java.util.function.Supplier<Set<String>> extra =
        () ->
            liveThreads().stream()
                .filter(t -> !before.contains(t))
                .map(Thread::getName)
                .filter(n -> !n.startsWith("ForkJoinPool.commonPool-worker"))
                .collect(Collectors.toCollection(TreeSet::new));
    await(() -> extra.get().isEmpty(), 10, TimeUnit.SECONDS);
    return extra.get();
  }

  /** Waits until the condition holds; false when the deadline passed first. */
  static boolean await(BooleanSupplier condition, long timeout, TimeUnit unit) {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline >= 0) {
        return false;
      }
      java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
    return true;
  }

  /**
   * Waits (bounded) until the JVM has at most {@code baseline + slack} descriptors open and says
   * which are open when it does not. The small slack absorbs descriptors the JDK opens lazily once
   * (a jar, an entropy source); a leak per message or per connection is far larger.
   */
  static String fileDescriptorLeak(long baseline, int slack) {
    if (baseline < 0) {
      return null;
    }
    if (await(() -> openFileDescriptors() <= baseline + slack, 15, TimeUnit.SECONDS)) {
      return null;
    }
    return "open file descriptors: "
        + openFileDescriptors()
        + " after, "
        + baseline
        + " before: "
        + describeFileDescriptors();
  }
}
