package io.github.secdns.examples.cli;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Gives memory back to the operating system once {@code serve} has loaded its zones, and again
 * after each burst of work, with plain {@code java -jar} (no JVM flags): loading a large zone file
 * needs a few times the zone's size for a moment (the parsed records, the exported version, growing
 * buffers), a burst of transfers grows G1's young generation, and by default the JVM keeps that
 * heap committed for good (G1 shrinks the heap only at the end of a concurrent cycle or after a
 * full collection, down to 70 % free).
 *
 * <p>What it does, once: sets G1's manageable flags {@code MinHeapFreeRatio} and {@code
 * MaxHeapFreeRatio} to {@value #GIVEN_BACK_FREE_PERCENT} through {@link HotSpotDiagnosticMXBean}
 * and runs one full collection ({@link System#gc()}), which shrinks the heap to the live zones plus
 * {@value #GIVEN_BACK_FREE_PERCENT} %, then sets {@code MaxHeapFreeRatio} to {@value
 * #WORKING_FREE_PERCENT}, the share G1's own cycles keep while {@code serve} works (the smaller
 * share at every cycle left G1's young generation so little room that the directory's rescans made
 * it grow and shrink the heap several times a second). Then it asks the C library to return the
 * memory it keeps for later allocations ({@link #trimNativeHeap()}): the JIT compilers' arenas and
 * the loading threads' buffers, freed but still resident. The compilers go on for seconds after a
 * load and free their arenas only then (at 100,000 zones about 7 MiB were freed in the 3 s after
 * the first trim and 18 MiB in the 5 s after that, then nothing more), so the trim runs again
 * {@value #TRIM_AGAIN_SECONDS} s later, and then every {@value #TRIM_EVERY_SECONDS} s for what
 * later compilations free. From then on, once a second, {@link HeapReturn} looks whether a burst of
 * work has ended with more heap committed than G1 would keep, and if so asks G1 for one concurrent
 * cycle, which gives it back to the live part plus {@value #GIVEN_BACK_FREE_PERCENT} % again (and
 * the C heap is trimmed after it). All this until {@code serve} stops ({@link Release#close()}).
 * Flags the JVM does not have or refuses, and a JVM without that command, are skipped: the release
 * is best effort and never stops {@code serve}. A user's own {@code -XX} settings win: a flag given
 * on the command line is left as it is, and where either free share was given, the other is set as
 * before ({@code MinHeapFreeRatio} {@value #GIVEN_BACK_FREE_PERCENT}, {@code MaxHeapFreeRatio}
 * {@value #WORKING_FREE_PERCENT}) and never changed again.
 */
final class MemoryRelease {

  /** The diagnostic command {@code System.trim_native_heap} as an operation of its MBean. */
  static final String TRIM_OPERATION = "systemTrimNativeHeap";

  private static final String DIAGNOSTIC_COMMAND = "com.sun.management:type=DiagnosticCommand";

  private static final String MIN_FREE = "MinHeapFreeRatio";

  /** G1's flag for the most free share of the heap it keeps when it shrinks it. */
  static final String MAX_FREE = "MaxHeapFreeRatio";

  /** Seconds between two looks at the heap ({@link HeapReturn}'s ticks). */
  static final long TICK_SECONDS = 1;

  /** Seconds from the first trim to the second: the compilers' work after a load is done. */
  static final long TRIM_AGAIN_SECONDS = 10;

  /** Seconds between the later trims (each takes a few milliseconds). */
  static final long TRIM_EVERY_SECONDS = 300;

  /**
   * The heap's free share, in percent, after the load and after each burst of work: what it is
   * given back to ({@code MinHeapFreeRatio} always, {@code MaxHeapFreeRatio} while giving back).
   */
  static final int GIVEN_BACK_FREE_PERCENT = 10;

  /** The most G1's own cycles leave free, in percent, while {@code serve} works. */
  static final int WORKING_FREE_PERCENT = 20;

  private MemoryRelease() {}

  /**
   * Shrinks the heap to what the loaded zones need, on a daemon thread of its own, once {@code
   * loadDone} completes (however it completes), then trims the C heap again from time to time until
   * the release is closed. {@code serve} passes the end of the renderings begun at start ({@code
   * AxfrResponder.renderedAtStart()}): a full collection just before them shrank the heap they then
   * grew in, and on 2 cores their young collections and concurrent cycles then took CPU from the
   * first transfer of a big zone (issue 15).
   *
   * @param loadDone completes once loading, and the work right after it, is done
   * @return the release, to close when {@code serve} stops: its thread then ends (or never starts)
   */
  static Release afterLoad(CompletionStage<?> loadDone) {
    Release release = new Release();
    loadDone.whenComplete((done, failure) -> release.start());
    return release;
  }

  /**
   * One {@code serve}'s release: its thread runs from the end of the load until {@link #close()}.
   * Thread-safe.
   */
  static final class Release implements AutoCloseable {
    private final Object lock = new Object();
    private boolean closed;
    @Nullable private Thread thread;

    private Release() {}

    private void start() {
      synchronized (lock) {
        if (closed) {
          return; // serve stopped before its load ended: nothing to give back for it
        }
        thread =
            new Thread(
                () ->
                    watch(
                        HeapReturn.ofThisJvm(
                            afterLoad()
                                ? OptionalInt.of(GIVEN_BACK_FREE_PERCENT)
                                : OptionalInt.empty())),
                "secdns-memory-release");
        thread.setDaemon(true); // never keeps a stopping serve alive
        thread.start();
      }
    }

    /** The release's thread once started (tests). */
    Optional<Thread> thread() {
      synchronized (lock) {
        return Optional.ofNullable(thread);
      }
    }

    /**
     * Stops the trims and waits (at most 10 s: a full collection may be running) for the thread.
     */
    @Override
    public void close() {
      Thread running;
      synchronized (lock) {
        closed = true;
        running = thread;
      }
      if (running == null) {
        return;
      }
      running.interrupt();
      try {
        running.join(TimeUnit.SECONDS.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Shrinks the heap to what the loaded zones need, on this thread; call once loading is done.
   *
   * @return whether the free shares are {@code serve}'s own (neither was given by the user): the
   *     heap return may then lower {@code MaxHeapFreeRatio} while it gives the heap back
   */
  static boolean afterLoad() {
    boolean ours = false;
    @Nullable HotSpotDiagnosticMXBean hotspot = null;
    try {
      hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
      ours =
          hotspot.getVMOption(MIN_FREE).getOrigin() == VMOption.Origin.DEFAULT
              && hotspot.getVMOption(MAX_FREE).getOrigin() == VMOption.Origin.DEFAULT;
      // Min before Max: MaxHeapFreeRatio may never go below MinHeapFreeRatio.
      setUnlessGiven(hotspot, MIN_FREE, GIVEN_BACK_FREE_PERCENT);
      setUnlessGiven(hotspot, MAX_FREE, ours ? GIVEN_BACK_FREE_PERCENT : WORKING_FREE_PERCENT);
    } catch (RuntimeException | LinkageError e) {
      // Not HotSpot, or no management: the full collection below still helps.
      ours = false;
    }
    System.gc();
    if (ours) {
      ours = set(hotspot, MAX_FREE, WORKING_FREE_PERCENT);
    }
    trimNativeHeap();
    return ours;
  }

  /**
   * Looks at the heap every {@value #TICK_SECONDS} s and trims the C heap at its times (and after
   * each heap return), until interrupted. Stops trimming where the JVM has no trim; stops looking
   * at the heap where there is no heap return.
   */
  private static void watch(Optional<HeapReturn> heap) {
    long nextTrim = System.nanoTime() + TimeUnit.SECONDS.toNanos(TRIM_AGAIN_SECONDS);
    boolean trimming = true;
    try {
      while (trimming || heap.isPresent()) {
        TimeUnit.SECONDS.sleep(TICK_SECONDS);
        boolean returned = heap.isPresent() && heap.get().tick();
        if (trimming && (returned || System.nanoTime() - nextTrim >= 0)) {
          trimming = trimNativeHeap().isPresent();
          nextTrim = System.nanoTime() + TimeUnit.SECONDS.toNanos(TRIM_EVERY_SECONDS);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      heap.ifPresent(HeapReturn::close);
    }
  }

  /**
   * Runs the JVM's diagnostic command {@code System.trim_native_heap} (what {@code jcmd PID
   * System.trim_native_heap} runs: glibc's {@code malloc_trim}), through the platform MBean server:
   * the C heap's free memory goes back to the operating system. The MBean server costs about 170 ms
   * of CPU the first time, which is why this runs after {@code listening on}, never before.
   *
   * @return what the command printed (the resident size before and after), or empty when this JVM
   *     has no such command or refused it
   */
  static Optional<String> trimNativeHeap() {
    try {
      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      Object printed =
          server.invoke(
              new ObjectName(DIAGNOSTIC_COMMAND),
              TRIM_OPERATION,
              new Object[] {new String[0]},
              new String[] {String[].class.getName()});
      return Optional.of(String.valueOf(printed).strip());
    } catch (JMException | RuntimeException | LinkageError e) {
      return Optional.empty(); // an older JVM or another C library's: no such operation
    }
  }

  private static void setUnlessGiven(HotSpotDiagnosticMXBean hotspot, String flag, int value) {
    try {
      if (hotspot.getVMOption(flag).getOrigin() == VMOption.Origin.DEFAULT) {
        set(hotspot, flag, value);
      }
    } catch (RuntimeException e) {
      // This JVM has no such flag: skip it.
    }
  }

  /**
   * Sets a manageable flag ({@link HeapReturn}'s too); false where the JVM refused (not writable,
   * out of range) or there is no bean.
   */
  static boolean set(@Nullable HotSpotDiagnosticMXBean hotspot, String flag, long value) {
    if (hotspot == null) {
      return false;
    }
    try {
      hotspot.setVMOption(flag, Long.toString(value));
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
