package io.github.secdns.examples.cli;

import com.sun.management.GcInfo;
import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.annotation.Nullable;

/**
 * Gives the heap back once a burst of work has ended, with plain {@code java -jar}: G1 grows its
 * heap under a burst of transfers (its young generation, for the time its pauses take) and shrinks
 * it only at the end of a concurrent cycle or a full collection, neither of which an idle process
 * starts. Its own periodic collection ({@code G1PeriodicGCInterval}, JEP 346) would, but at a fixed
 * interval, so an idle process marks every zone again at each interval whether or not there is
 * anything to give back.
 *
 * <p>This asks for exactly one such cycle when {@link HeapReturnPolicy} says the burst is over and
 * the heap holds more than it would keep. The way to ask, without flags: {@code
 * G1PeriodicGCInterval} is manageable, and while it is 0 (its default: off) G1's periodic task
 * looks again every second whether it was set. Setting it to {@value #REQUEST_INTERVAL_MILLIS} ms
 * makes that task start a concurrent cycle (the process has then been without a collection for
 * longer), whose remark shrinks the heap to the used part plus {@code MaxHeapFreeRatio}; setting it
 * back to 0 once the collection ran stops there. At 100,000 zones one such cycle marks every zone:
 * about 0.25 s of CPU, once per burst.
 *
 * <p>Not available ({@link #ofThisJvm()} is empty) on a JVM without G1's flag (another collector,
 * another JVM) or when the user set {@code G1PeriodicGCInterval} on the command line or to another
 * value at run time: their setting wins. Not thread-safe: one thread ticks it.
 */
final class HeapReturn {

  /** The periodic-collection interval set while asking: a second without a collection. */
  static final long REQUEST_INTERVAL_MILLIS = 1_000;

  /** Ticks (seconds in {@code serve}) without a collection before a burst counts as over. */
  static final int QUIET_TICKS = 5;

  /** Ticks to wait for the cycle asked for: the periodic task looks once a second. */
  static final int GIVE_UP_TICKS = 5;

  /** How much more than the heap the JVM keeps must be committed before asking: 16 MiB. */
  static final long MARGIN_BYTES = 16L << 20;

  private static final String FLAG = "G1PeriodicGCInterval";

  private final HotSpotDiagnosticMXBean hotspot;
  private final MemoryMXBean memory;
  private final List<GarbageCollectorMXBean> collectors;
  private final Set<String> heapPools;
  private final HeapReturnPolicy policy;
  private long usedAfterLastCollection;
  private long collectionsSeen = -1;
  private boolean asking;

  private HeapReturn(
      HotSpotDiagnosticMXBean hotspot,
      MemoryMXBean memory,
      List<GarbageCollectorMXBean> collectors,
      Set<String> heapPools,
      HeapReturnPolicy policy) {
    this.hotspot = hotspot;
    this.memory = memory;
    this.collectors = collectors;
    this.heapPools = heapPools;
    this.policy = policy;
  }

  /**
   * The heap return of this JVM with {@code serve}'s settings, or empty where it cannot work (see
   * the class description).
   */
  static Optional<HeapReturn> ofThisJvm() {
    return ofThisJvm(QUIET_TICKS, GIVE_UP_TICKS);
  }

  /** As {@link #ofThisJvm()}, with other tick counts (tests tick faster than once a second). */
  static Optional<HeapReturn> ofThisJvm(int quietTicks, int giveUpTicks) {
    try {
      List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
      if (collectors.stream().noneMatch(c -> c.getName().startsWith("G1 "))) {
        return Optional.empty(); // the flag exists under every collector; only G1 reads it
      }
      HotSpotDiagnosticMXBean hotspot =
          ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
      VMOption periodic = hotspot.getVMOption(FLAG);
      boolean ours =
          periodic.getOrigin() == VMOption.Origin.DEFAULT
              || periodic.getOrigin() == VMOption.Origin.MANAGEMENT; // not from the command line
      if (!ours || !"0".equals(periodic.getValue())) {
        return Optional.empty(); // the user's own periodic collection
      }
      int maxFree = Integer.parseInt(hotspot.getVMOption("MaxHeapFreeRatio").getValue());
      return Optional.of(
          new HeapReturn(
              hotspot,
              ManagementFactory.getMemoryMXBean(),
              collectors,
              ManagementFactory.getMemoryPoolMXBeans().stream()
                  .filter(pool -> pool.getType() == MemoryType.HEAP)
                  .map(MemoryPoolMXBean::getName)
                  .collect(Collectors.toUnmodifiableSet()),
              new HeapReturnPolicy(quietTicks, giveUpTicks, Math.min(maxFree, 99), MARGIN_BYTES)));
    } catch (RuntimeException | LinkageError e) {
      return Optional.empty(); // no such flag (not G1, not HotSpot) or no management
    }
  }

  /**
   * Looks at the heap once and asks for, or stops asking for, a collection.
   *
   * @return whether a collection asked for has just run (the heap was given back)
   */
  boolean tick() {
    long collections = 0;
    for (GarbageCollectorMXBean collector : collectors) {
      collections += Math.max(0, collector.getCollectionCount());
    }
    if (collections != collectionsSeen) {
      // Read only when a collection ran: the report is a few objects, a tick is otherwise free.
      collectionsSeen = collections;
      usedAfterLastCollection = usedAfterLatestCollection().orElse(Long.MAX_VALUE / 2);
    }
    MemoryUsage heap = memory.getHeapMemoryUsage();
    HeapReturnPolicy.Action action =
        policy.tick(
            new HeapReturnPolicy.Sample(collections, heap.getCommitted(), usedAfterLastCollection));
    return switch (action) {
      case REQUEST -> {
        asking = true;
        setInterval(REQUEST_INTERVAL_MILLIS);
        yield false;
      }
      case END_REQUEST -> {
        asking = false;
        setInterval(0);
        yield policy.returned();
      }
      case NONE -> false;
    };
  }

  /** Sets the periodic interval back to off if a request was under way (serve stops). */
  void close() {
    if (asking) {
      asking = false;
      setInterval(0);
    }
  }

  private void setInterval(long millis) {
    try {
      hotspot.setVMOption(FLAG, Long.toString(millis));
    } catch (RuntimeException e) {
      // Refused now though writable before: nothing else to do, the heap stays as it is.
    }
  }

  /** The heap used right after the latest collection of any collector, if one ran. */
  private Optional<Long> usedAfterLatestCollection() {
    @Nullable GcInfo latest = null;
    for (GarbageCollectorMXBean collector : collectors) {
      if (collector instanceof com.sun.management.GarbageCollectorMXBean hotspotCollector) {
        GcInfo info = hotspotCollector.getLastGcInfo();
        if (info != null && (latest == null || info.getEndTime() > latest.getEndTime())) {
          latest = info;
        }
      }
    }
    if (latest == null) {
      return Optional.empty();
    }
    // The report covers every pool the JVM has (code cache, metaspace): the heap's are summed.
    long used = 0;
    for (var pool : latest.getMemoryUsageAfterGc().entrySet()) {
      if (heapPools.contains(pool.getKey())) {
        used += pool.getValue().getUsed();
      }
    }
    return Optional.of(used);
  }
}
