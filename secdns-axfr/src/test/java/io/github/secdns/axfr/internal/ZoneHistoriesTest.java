package io.github.secdns.axfr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.zone.ZoneHistory;
import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.testsupport.zones.GeneratedZone;
import io.github.secdns.testsupport.zones.ZoneGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

/**
 * A zone's history as the responder keeps it: ready at once for a first version (no future kept per
 * zone), folded in the background for the next ones, replaced by a supplied one.
 */
class ZoneHistoriesTest {

  private static final Name ORIGIN = Name.fromConstantString("z1.example.");
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-02T00:00:00Z"), ZoneOffset.UTC);

  /** Runs tasks when the test says so, to see a fold that is still running. */
  private static final class Queue implements Executor {
    final List<Runnable> tasks = new ArrayList<>();

    @Override
    public void execute(Runnable task) {
      tasks.add(task);
    }

    void runAll() {
      while (!tasks.isEmpty()) {
        tasks.remove(0).run();
      }
    }
  }

  private static GeneratedZone version(long serial) {
    return ZoneGenerator.small(ORIGIN, 1, serial);
  }

  private static ZoneSnapshot snapshot(GeneratedZone zone) {
    return ZoneSnapshot.of(zone.soa(), zone.records());
  }

  @Test
  void aFirstVersionIsReadyAtOnceAndObservingItAgainChangesNothing() {
    Queue queue = new Queue();
    ZoneEntries entries = new ZoneEntries();
    ZoneHistories histories = new ZoneHistories(entries, queue, Optional.empty(), CLOCK);
    ZoneSnapshot first = snapshot(version(1));

    CompletableFuture<ZoneHistory> observed = histories.observe(first);
    assertTrue(observed.isDone());
    assertTrue(queue.tasks.isEmpty(), "nothing to compute");
    ZoneHistory ready = histories.ready(first).orElseThrow();
    assertSame(first, ready.current());
    assertSame(first, observed.join().current());
    assertTrue(ready.entries().isEmpty());
    // Its history is the version alone: made when asked for, not kept (issue 13: one object fewer
    // per zone of a host's 100,000).
    assertNull(entries.find(ORIGIN).ready);
    assertNull(entries.find(ORIGIN).tail);

    CompletableFuture<ZoneHistory> again = histories.observe(first);
    assertSame(first, again.join().current());
    assertTrue(again.join().entries().isEmpty());
    assertTrue(queue.tasks.isEmpty());
  }

  @Test
  void aNextVersionIsFoldedInTheBackgroundOntoTheReadyOne() {
    Queue queue = new Queue();
    ZoneHistories histories = new ZoneHistories(queue, Optional.empty(), CLOCK);
    GeneratedZone v1 = version(1);
    ZoneSnapshot first = snapshot(v1);
    ZoneSnapshot second = snapshot(ZoneGenerator.withOneChange(v1, 0));
    var unused = histories.observe(first);

    CompletableFuture<ZoneHistory> folding = histories.observe(second);
    assertFalse(folding.isDone());
    assertTrue(histories.ready(second).isEmpty(), "not ready while it is computed");
    assertSame(folding, histories.observe(second), "the same fold, not a second one");
    queue.runAll();

    ZoneHistory h = histories.ready(second).orElseThrow();
    assertSame(h, folding.join());
    assertEquals(1, h.entries().size());
    assertEquals(first.serial(), h.oldestSerial().orElseThrow());
  }

  @Test
  void aSuppliedHistoryReplacesTheReadyOneOrFollowsTheRunningFold() {
    Queue queue = new Queue();
    ZoneHistories histories = new ZoneHistories(queue, Optional.empty(), CLOCK);
    GeneratedZone v1 = version(1);
    GeneratedZone v2 = ZoneGenerator.withOneChange(v1, 0);
    ZoneSnapshot first = snapshot(v1);
    ZoneSnapshot second = snapshot(v2);
    ZoneSnapshot third = snapshot(ZoneGenerator.withOneChange(v2, 1));
    var unused = histories.observe(first);

    ZoneHistory supplied = ZoneHistory.start(second, CLOCK);
    assertSame(supplied, histories.supply(supplied).join());
    assertSame(supplied, histories.ready(second).orElseThrow());
    assertTrue(histories.ready(first).isEmpty());

    CompletableFuture<ZoneHistory> folding = histories.observe(third);
    ZoneHistory later = ZoneHistory.start(third, CLOCK);
    CompletableFuture<ZoneHistory> after = histories.supply(later);
    assertFalse(after.isDone(), "waits for the running fold");
    queue.runAll();
    assertTrue(folding.isDone());
    assertSame(later, after.join());
    assertSame(later, histories.ready(third).orElseThrow());
  }

  @Test
  void aForgottenZoneStartsAfresh() {
    Queue queue = new Queue();
    ZoneHistories histories = new ZoneHistories(queue, Optional.empty(), CLOCK);
    ZoneSnapshot first = snapshot(version(1));
    var unused = histories.observe(first);
    histories.forget(ORIGIN);
    assertTrue(histories.ready(first).isEmpty());
    assertTrue(histories.observe(first).isDone());
    assertTrue(queue.tasks.isEmpty());
  }
}
