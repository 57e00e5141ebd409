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
import java.util.OptionalInt;
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
 * <p>Where {@code serve} set G1's free shares itself ({@link MemoryRelease}), the heap is given
 * back to less free room than G1 keeps while working: {@code MaxHeapFreeRatio} is lowered to the
 * share given (10 %) from the request until the heap has shrunk ({@link
 * HeapReturnPolicy#givingBack()}), then set back to the working share (20 %). While working, G1's
 * own cycles shrink the heap to the working share only, so the room its young generation needs
 * under a burst is not taken away at every cycle (the smaller share at every cycle made G1 grow and
 * shrink the heap several times a second under the directory's rescans); at rest, after a burst,
 * the heap holds its live part plus the smaller share.
 *
 * <p>Not available ({@link #ofThisJvm(OptionalInt)} is empty) on a JVM without G1's flag (another
 * collector, another JVM) or when the user set {@code G1PeriodicGCInterval} on the command line or
 * to another value at run time: their setting wins. Not thread-safe: one thread ticks it.
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
  private final OptionalInt givenBackMaxFree;
  private final int workingMaxFree;
  private long usedAfterLastCollection;
  private long collectionsSeen = -1;
  private boolean asking;
  private boolean maxFreeLowered;

  private HeapReturn(
      HotSpotDiagnosticMXBean hotspot,
      MemoryMXBean memory,
      List<GarbageCollectorMXBean> collectors,
      Set<String> heapPools,
      HeapReturnPolicy policy,
      OptionalInt givenBackMaxFree,
      int workingMaxFree) {
    this.hotspot = hotspot;
    this.memory = memory;
    this.collectors = collectors;
    this.heapPools = heapPools;
    this.policy = policy;
    this.givenBackMaxFree = givenBackMaxFree;
    this.workingMaxFree = workingMaxFree;
  }

  /**
   * The heap return of this JVM with {@code serve}'s settings, or empty where it cannot work (see
   * the class description).
   *
   * @param givenBackMaxFree the {@code MaxHeapFreeRatio} to give the heap back to, below the
   *     working one this JVM has now; empty to leave the flag as it is (a user's own setting)
   */
  static Optional<HeapReturn> ofThisJvm(OptionalInt givenBackMaxFree) {
    return ofThisJvm(QUIET_TICKS, GIVE_UP_TICKS, givenBackMaxFree);
  }

  /**
   * As {@link #ofThisJvm(OptionalInt)}, with other tick counts (tests tick faster than once a
   * second).
   */
  static Optional<HeapReturn> ofThisJvm(
      int quietTicks, int giveUpTicks, OptionalInt givenBackMaxFree) {
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
      int maxFree = Integer.parseInt(hotspot.getVMOption(MemoryRelease.MAX_FREE).getValue());
      return Optional.of(
          new HeapReturn(
              hotspot,
              ManagementFactory.getMemoryMXBean(),
              collectors,
              ManagementFactory.getMemoryPoolMXBeans().stream()
                  .filter(pool -> pool.getType() == MemoryType.HEAP)
                  .map(MemoryPoolMXBean::getName)
                  .collect(Collectors.toUnmodifiableSet()),
              // Asked when the heap holds more than G1 itself keeps while working: not after
              // each of its own cycles, only after a burst grew the heap.
              new HeapReturnPolicy(quietTicks, giveUpTicks, Math.min(maxFree, 99), MARGIN_BYTES),
              givenBackMaxFree.isPresent() && givenBackMaxFree.getAsInt() < maxFree
                  ? givenBackMaxFree
                  : OptionalInt.empty(),
              maxFree));
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
    // Before a request's interval: the cycle's end sizes the heap by the share set then.
    lowerMaxFree(policy.givingBack());
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

  /**
   * Sets the periodic interval back to off if a request was under way, and the working free share
   * if the smaller one was set (serve stops).
   */
  void close() {
    if (asking) {
      asking = false;
      setInterval(0);
    }
    lowerMaxFree(false);
  }

  /** Sets the share given back to ({@code true}) or the working one, where this return may. */
  private void lowerMaxFree(boolean lower) {
    if (givenBackMaxFree.isEmpty() || lower == maxFreeLowered) {
      return;
    }
    maxFreeLowered = lower;
    MemoryRelease.set(
        hotspot, MemoryRelease.MAX_FREE, lower ? givenBackMaxFree.getAsInt() : workingMaxFree);
  }

  private void setInterval(long millis) {
    // Refused now though writable before: nothing else to do, the heap stays as it is.
    MemoryRelease.set(hotspot, FLAG, millis);
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
