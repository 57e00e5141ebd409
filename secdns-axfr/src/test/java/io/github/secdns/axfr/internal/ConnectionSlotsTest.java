package io.github.secdns.axfr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The responder's transfer slots as connections take them. */
class ConnectionSlotsTest {

  @Test
  void theTransfersOfOneConnectionHoldOneSlotBetweenThem() {
    Semaphore responder = new Semaphore(1);
    ConnectionSlots a = new ConnectionSlots(responder);
    ConnectionSlots b = new ConnectionSlots(responder);
    assertTrue(a.tryAcquire());
    assertTrue(a.tryAcquire(), "a second transfer queued on the same connection");
    assertFalse(b.tryAcquire(), "another connection, with the only slot held");
    a.release();
    assertFalse(b.tryAcquire(), "a still has a transfer");
    a.release();
    assertEquals(1, responder.availablePermits());
    assertTrue(b.tryAcquire());
    b.release();
    assertEquals(1, responder.availablePermits());
  }

  /**
   * Transfers decided on several threads at once (the decision pool) and ended on another: the
   * responder gets every slot back, and never gives more than it has.
   */
  @Test
  void concurrentTransfersGiveEverySlotBack() throws Exception {
    Semaphore responder = new Semaphore(2);
    List<ConnectionSlots> connections = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      connections.add(new ConnectionSlots(responder));
    }
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        ConnectionSlots slots = connections.get(t % connections.size());
        done.add(
            threads.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < 20_000; i++) {
                    if (slots.tryAcquire()) {
                      assertTrue(responder.availablePermits() >= 0);
                      slots.release();
                    }
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
      assertTrue(threads.awaitTermination(10, TimeUnit.SECONDS));
    }
    assertEquals(2, responder.availablePermits());
  }
}
