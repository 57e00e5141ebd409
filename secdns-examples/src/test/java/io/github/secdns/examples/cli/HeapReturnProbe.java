package io.github.secdns.examples.cli;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The program {@link HeapReturnTest} runs in a JVM of its own (its collector and heap flags given
 * on the command line): {@code available} prints whether {@link HeapReturn} works in this JVM;
 * {@code return} grows garbage over a heap committed larger than its live part, ticks a heap return
 * every 100 ms until it gives the heap back, then 30 more ticks, and prints what happened; {@code
 * return-smaller} does the same after setting the free shares at run time as {@code serve} does
 * (minimum 10 %, maximum 20 %), with a return that gives the heap back to 10 % free; {@code load}
 * runs {@link MemoryRelease#afterLoad()} over such a heap and prints the heap after it.
 */
final class HeapReturnProbe {

  private static final int MIB = 1 << 20;

  private HeapReturnProbe() {}

  public static void main(String[] args) throws Exception {
    HotSpotDiagnosticMXBean hotspot =
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    if (args[0].equals("available")) {
      System.out.println("available " + HeapReturn.ofThisJvm(OptionalInt.empty()).isPresent());
      return;
    }
    AtomicInteger periodic = new AtomicInteger();
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) collector)
          .addNotificationListener(
              (notification, handback) -> {
                GarbageCollectionNotificationInfo info =
                    GarbageCollectionNotificationInfo.from(
                        (CompositeData) notification.getUserData());
                if (info.getGcCause().equals("G1 Periodic Collection")) {
                  periodic.incrementAndGet();
                }
              },
              n ->
                  n.getType()
                      .equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION),
              null);
    }
    List<byte[]> live = new ArrayList<>();
    for (int i = 0; i < 640; i++) {
      // 40 MiB in small objects: none humongous, little waste at a region's end (G1 sizes the heap
      // by the regions in use)
      live.add(new byte[MIB / 16]);
    }
    long sink = 0;
    for (int i = 0; i < 8_000; i++) {
      sink += new byte[MIB / 16].length; // young collections, none of them shrinking the heap
    }
    long before = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
    if (args[0].equals("load")) {
      System.out.println("ours " + MemoryRelease.afterLoad());
      MemoryUsage after = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
      System.out.println("committed-before-mib " + before / MIB);
      System.out.println("committed-after-kib " + after.getCommitted() / 1024);
      System.out.println("used-after-kib " + after.getUsed() / 1024);
      System.out.println("max-free " + hotspot.getVMOption("MaxHeapFreeRatio").getValue());
      System.out.println("kept " + live.size() + " " + (sink > 0));
      return;
    }
    OptionalInt givenBack = OptionalInt.empty();
    if (args[0].equals("return-smaller")) {
      hotspot.setVMOption("MinHeapFreeRatio", "10");
      hotspot.setVMOption("MaxHeapFreeRatio", "20");
      givenBack = OptionalInt.of(10);
    }
    HeapReturn heap = HeapReturn.ofThisJvm(3, 50, givenBack).orElseThrow();
    int ticks = 0;
    boolean returned = false;
    while (!returned && ticks < 300) {
      TimeUnit.MILLISECONDS.sleep(100);
      returned = heap.tick();
      ticks++;
    }
    for (int i = 0; i < 30; i++) {
      TimeUnit.MILLISECONDS.sleep(100);
      heap.tick();
    }
    // Read after the ticks: the heap shrinks at the end of the cycle's marking.
    MemoryUsage usage = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    long after = usage.getCommitted();
    heap.close();
    System.out.println("returned " + returned);
    System.out.println("committed-before-mib " + before / MIB);
    System.out.println("committed-after-mib " + after / MIB);
    System.out.println("committed-after-kib " + after / 1024);
    System.out.println("used-after-kib " + usage.getUsed() / 1024);
    System.out.println("periodic-collections " + periodic.get());
    System.out.println("interval " + hotspot.getVMOption("G1PeriodicGCInterval").getValue());
    System.out.println("max-free " + hotspot.getVMOption("MaxHeapFreeRatio").getValue());
    System.out.println("kept " + live.size() + " " + (sink > 0));
  }
}
