package io.github.secdns.examples.cli;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The program {@link HeapReturnTest} runs in a JVM of its own (its collector and heap flags given
 * on the command line): {@code available} prints whether {@link HeapReturn} works in this JVM;
 * {@code return} grows garbage over a heap committed larger than its live part, ticks a heap return
 * every 100 ms until it gives the heap back, then 30 more ticks, and prints what happened.
 */
final class HeapReturnProbe {

  private static final int MIB = 1 << 20;

  private HeapReturnProbe() {}

  public static void main(String[] args) throws Exception {
    if (args[0].equals("available")) {
      System.out.println("available " + HeapReturn.ofThisJvm().isPresent());
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
    for (int i = 0; i < 40; i++) {
      live.add(new byte[MIB]);
    }
    long sink = 0;
    for (int i = 0; i < 8_000; i++) {
      sink += new byte[64 * 1024].length; // young collections, none of them shrinking the heap
    }
    HeapReturn heap = HeapReturn.ofThisJvm(3, 50).orElseThrow();
    long before = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
    int ticks = 0;
    boolean returned = false;
    while (!returned && ticks < 300) {
      TimeUnit.MILLISECONDS.sleep(100);
      returned = heap.tick();
      ticks++;
    }
    long after = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
    for (int i = 0; i < 30; i++) {
      TimeUnit.MILLISECONDS.sleep(100);
      heap.tick();
    }
    heap.close();
    System.out.println("returned " + returned);
    System.out.println("committed-before-mib " + before / MIB);
    System.out.println("committed-after-mib " + after / MIB);
    System.out.println("periodic-collections " + periodic.get());
    System.out.println(
        "interval "
            + ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                .getVMOption("G1PeriodicGCInterval")
                .getValue());
    System.out.println("kept " + live.size() + " " + (sink > 0));
  }
}
