package io.github.secdns.axfr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A key's tasks run one after the other in the order given, other keys' beside them, on a shared
 * pool (the responder's zone events: a report must not overtake the one of the version before).
 */
class KeyedSerialExecutorTest {

  private final ThreadPoolExecutor pool =
      new ThreadPoolExecutor(
          2, 2, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), DaemonThreads.named("keyed-"));

  @AfterEach
  void stop() throws InterruptedException {
    pool.shutdownNow();
    assertTrue(pool.awaitTermination(20, TimeUnit.SECONDS), "the pool's threads ended");
  }

  /**
   * While a key's first task blocks one of the pool's two threads, its second task waits, and
   * another key's task, given after it, runs on the other thread. The pool takes tasks in the order
   * given: had the second task been handed to the pool, the free thread would have run it before
   * the other key's task, so its absence once that task ran is not a matter of timing.
   */
  @Test
  void aKeysNextTaskWaitsForTheOneRunningWhileOtherKeysRun() throws Exception {
    KeyedSerialExecutor<String> keyed = new KeyedSerialExecutor<>(pool);
    List<String> ran = new CopyOnWriteArrayList<>();
    CountDownLatch firstStarted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch otherRan = new CountDownLatch(1);
    CountDownLatch allRan = new CountDownLatch(3);

    keyed.execute(
        "zone-a",
        () -> {
          firstStarted.countDown();
          await(release);
          ran.add("a1");
          allRan.countDown();
        });
    assertTrue(firstStarted.await(20, TimeUnit.SECONDS));
    keyed.execute(
        "zone-a",
        () -> {
          ran.add("a2");
          allRan.countDown();
        });
    keyed.execute(
        "zone-b",
        () -> {
          ran.add("b1");
          otherRan.countDown();
          allRan.countDown();
        });

    assertTrue(otherRan.await(20, TimeUnit.SECONDS), "another key runs beside the blocked one");
    assertEquals(List.of("b1"), ran, "zone-a's second task waits for its first");
    release.countDown();
    assertTrue(allRan.await(20, TimeUnit.SECONDS));
    assertEquals(List.of("b1", "a1", "a2"), ran);
    assertTrue(awaitIdle(keyed), "nothing kept for keys without work");
  }

  /** Many tasks of a few keys given from several threads: per key, in the order each gave them. */
  @Test
  void eachKeysTasksRunInTheOrderGivenAndATaskThatThrowsStopsNone() throws Exception {
    KeyedSerialExecutor<Integer> keyed = new KeyedSerialExecutor<>(pool);
    int keys = 4;
    int perKey = 500;
    List<List<Integer>> seen = List.of(list(), list(), list(), list());
    CountDownLatch done = new CountDownLatch(keys * perKey);
    Thread[] givers = new Thread[keys];
    for (int k = 0; k < keys; k++) {
      int key = k;
      givers[k] =
          new Thread(
              () -> {
                for (int i = 0; i < perKey; i++) {
                  int n = i;
                  keyed.execute(
                      key,
                      () -> {
                        seen.get(key).add(n);
                        done.countDown();
                        if (n % 100 == 7) {
                          throw new IllegalStateException("a failing task " + n);
                        }
                      });
                }
              });
      givers[k].start();
    }
    for (Thread t : givers) {
      t.join();
    }
    assertTrue(done.await(20, TimeUnit.SECONDS));
    for (int k = 0; k < keys; k++) {
      List<Integer> expected = new java.util.ArrayList<>();
      for (int i = 0; i < perKey; i++) {
        expected.add(i);
      }
      assertEquals(expected, seen.get(k), "key " + k);
    }
    assertTrue(awaitIdle(keyed), "nothing kept for keys without work");
  }

  /**
   * A task that throws an error ends its thread (the pool makes another): the key's next task still
   * runs, on another thread.
   */
  @Test
  void afterATaskThatThrowsAnErrorTheKeysNextTaskStillRuns() throws Exception {
    KeyedSerialExecutor<String> keyed = new KeyedSerialExecutor<>(pool);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch nextRan = new CountDownLatch(1);
    keyed.execute(
        "zone-a",
        () -> {
          await(release);
          throw new StackOverflowError("a host's listener recursed");
        });
    keyed.execute("zone-a", nextRan::countDown);
    release.countDown();
    assertTrue(nextRan.await(20, TimeUnit.SECONDS), "the next task ran");
    assertTrue(awaitIdle(keyed), "nothing kept for keys without work");
  }

  /** Tasks given once the pool is shut down are dropped, and nothing is kept for their key. */
  @Test
  void tasksRefusedByAShutDownPoolAreDropped() {
    KeyedSerialExecutor<String> keyed = new KeyedSerialExecutor<>(pool);
    pool.shutdown();
    List<String> ran = new CopyOnWriteArrayList<>();
    keyed.execute("zone-a", () -> ran.add("a1"));
    assertEquals(List.of(), ran);
    assertEquals(0, keyed.activeKeys());
  }

  private static List<Integer> list() {
    return new CopyOnWriteArrayList<>();
  }

  private static void await(CountDownLatch latch) {
    try {
      assertTrue(latch.await(20, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The last task's bookkeeping ends just after it ran: wait for the pool to go idle. */
  private boolean awaitIdle(KeyedSerialExecutor<?> keyed) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (keyed.activeKeys() != 0 || pool.getActiveCount() != 0) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      Thread.sleep(1);
    }
    return true;
  }
}
