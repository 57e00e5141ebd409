package io.github.secdns.jdbc;

import static io.github.secdns.jdbc.Zones.next;
import static io.github.secdns.jdbc.Zones.txt;
import static io.github.secdns.jdbc.Zones.version;
import static io.github.secdns.testsupport.zones.TestRecords.name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.secdns.core.serial.SerialNumber;
import io.github.secdns.core.store.FeedSubscription;
import io.github.secdns.core.store.PublishReceipt;
import io.github.secdns.core.store.VersionChange;
import io.github.secdns.core.store.VersionConflictException;
import io.github.secdns.core.store.VersionFeedListener;
import io.github.secdns.core.store.VersionWrite;
import io.github.secdns.core.zone.ZoneHistory;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Several nodes on one database: racing compare-and-set publishes from two threads on two store
 * instances (exactly one wins, every round), the change feed reaching another node (the delay is
 * measured and written to {@code target/}), the feed surviving lost connections without losing a
 * change, and the lease electing exactly one node with takeover when the holder loses the database.
 */
abstract class MultiNodeContract extends DatabaseTest {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
  static final Duration WAIT = Duration.ofSeconds(30);

  private interface Race {
    /** Returns a receipt, or the receipts of a batch. */
    Object publish(JdbcZoneStore on, int thread);
  }

  /** Runs both publishes at once (a barrier releases them together) and returns the outcomes. */
  private List<Object> race(JdbcZoneStore first, JdbcZoneStore second, Race race) throws Exception {
    CyclicBarrier start = new CyclicBarrier(2);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      List<Future<Object>> outcomes = new ArrayList<>();
      List<JdbcZoneStore> stores = List.of(first, second);
      for (int t = 0; t < 2; t++) {
        int thread = t;
        outcomes.add(
            threads.submit(
                () -> {
                  start.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                  try {
                    return race.publish(stores.get(thread), thread);
                  } catch (VersionConflictException e) {
                    return e;
                  }
                }));
      }
      List<Object> results = new ArrayList<>();
      for (Future<Object> f : outcomes) {
        results.add(f.get(WAIT.toSeconds(), TimeUnit.SECONDS));
      }
      return results;
    } finally {
      threads.shutdownNow();
      assertTrue(threads.awaitTermination(WAIT.toSeconds(), TimeUnit.SECONDS));
    }
  }

  @Test
  void twoNodesRacingDifferentContentUnderOneSerialNeverBothWin() throws Exception {
    JdbcZoneStore other = secondNode();
    int rounds = db.isPostgres() ? 40 : 60;
    int firstWins = 0;
    // Round 0 races two first versions of a new zone; every later round two successors.
    ZoneSnapshot current = null;
    for (int round = 0; round < rounds; round++) {
      long serial = round + 1L;
      ZoneSnapshot base = current;
      List<ZoneSnapshot> candidates = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        candidates.add(
            base == null
                ? next(
                    version("race.example.", serial, 5), serial, txt("who.race.example.", "t" + t))
                : next(base, serial, txt("r" + round + ".race.example.", "thread " + t)));
      }
      List<Object> outcomes =
          race(
              store,
              other,
              (on, t) ->
                  base == null
                      ? on.publish(VersionWrite.first(candidates.get(t)))
                      : on.publish(
                          VersionWrite.between(
                              ZoneHistory.start(base, CLOCK),
                              ZoneHistory.start(base, CLOCK).withVersion(candidates.get(t)))));

      int winner = -1;
      for (int t = 0; t < 2; t++) {
        Object o = outcomes.get(t);
        if (o instanceof PublishReceipt r) {
          assertTrue(r.changed(), "round " + round + ": " + o);
          assertEquals(-1, winner, "round " + round + ": both won");
          winner = t;
        } else {
          VersionConflictException e = assertInstanceOf(VersionConflictException.class, o);
          assertEquals(VersionConflictException.Reason.SERIAL_TAKEN, e.reason(), e.getMessage());
          assertEquals(Optional.of(SerialNumber.of(serial)), e.currentSerial());
        }
      }
      assertNotEquals(-1, winner, "round " + round + ": nobody won");
      firstWins += winner == 0 ? 1 : 0;
      current = store.load(name("race.example.")).orElseThrow().snapshot();
      assertEquals(
          StoreContract.wireTexts(candidates.get(winner)).stream().sorted().toList(),
          StoreContract.wireTexts(current).stream().sorted().toList(),
          "round " + round + ": the store holds the winner's content");
      if (base != null) {
        // Each racer wrote from a fresh history (one entry): the journal is the winner's delta.
        assertEquals(
            List.of(io.github.secdns.core.zone.ZoneDiff.between(base, candidates.get(winner))),
            StoreContract.deltas(store.load(name("race.example.")).orElseThrow()),
            "round " + round);
      }
    }
    assertEquals(rounds, current.serial().value());
    // Which node wins is up to the database; printed to show both do.
    System.out.printf(
        "race on %s: the first node won %d of %d rounds%n", db.kind(), firstWins, rounds);
  }

  /**
   * Two nodes publishing batches of the same new zones with different content at once (the first
   * start of two hosts on one empty store): one batch is stored whole, the other is refused whole,
   * never a mix; on the next round the other node's batches overlap only in part.
   */
  @Test
  void twoNodesRacingBatchesOverTheSameZonesNeverMixThem() throws Exception {
    JdbcZoneStore other = secondNode();
    int rounds = db.isPostgres() ? 8 : 12;
    for (int round = 0; round < rounds; round++) {
      List<List<VersionWrite>> batches = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        List<VersionWrite> batch = new ArrayList<>();
        // Thread 1 writes its zones in the reverse order: the batch must still not deadlock.
        for (int i = 0; i < 60; i++) {
          int zone = t == 0 ? i : 59 - i;
          String origin = "b" + zone + ".r" + round + ".race.";
          batch.add(
              VersionWrite.first(next(version(origin, 1, 3), 1, txt("who." + origin, "t" + t))));
        }
        batches.add(batch);
      }
      List<Object> outcomes = race(store, other, (on, t) -> on.publishAll(batches.get(t)));

      int winner = -1;
      for (int t = 0; t < 2; t++) {
        Object o = outcomes.get(t);
        if (o instanceof List<?> receipts) {
          assertEquals(-1, winner, "round " + round + ": both won");
          assertEquals(60, receipts.size());
          winner = t;
        } else {
          VersionConflictException e = assertInstanceOf(VersionConflictException.class, o);
          assertEquals(VersionConflictException.Reason.SERIAL_TAKEN, e.reason(), e.getMessage());
        }
      }
      assertNotEquals(-1, winner, "round " + round + ": nobody won");
      for (VersionWrite w : batches.get(winner)) {
        assertEquals(
            w.version(),
            store.load(w.version().origin()).orElseThrow().snapshot(),
            "round " + round + ": every zone holds the winner's content");
      }
    }
  }

  @Test
  void twoNodesPublishingTheSameContentBothSucceedAndOneStoresIt() throws Exception {
    JdbcZoneStore other = secondNode();
    ZoneSnapshot v1 = version("same.example.", 1, 3);
    store.publish(VersionWrite.first(v1));
    for (int round = 0; round < 10; round++) {
      ZoneSnapshot base = store.load(name("same.example.")).orElseThrow().snapshot();
      ZoneSnapshot nextVersion = next(base, round + 2, txt("r" + round + ".same.example.", "x"));
      List<Object> outcomes =
          race(
              store,
              other,
              (on, t) ->
                  on.publish(
                      VersionWrite.between(
                          ZoneHistory.start(base, CLOCK),
                          ZoneHistory.start(base, CLOCK).withVersion(nextVersion))));
      int changed = 0;
      for (Object o : outcomes) {
        changed += assertInstanceOf(PublishReceipt.class, o).changed() ? 1 : 0;
      }
      assertEquals(1, changed, "round " + round + ": " + outcomes);
    }
  }

  /** Collects what a watcher delivers, with the moment each change arrived. */
  static final class Collector implements VersionFeedListener {
    final BlockingQueue<VersionChange> changes = new LinkedBlockingQueue<>();
    final Map<Long, Long> arrivedNanos = new ConcurrentHashMap<>();
    final List<RuntimeException> failures = new CopyOnWriteArrayList<>();
    final AtomicInteger restored = new AtomicInteger();

    @Override
    public void onChanges(List<VersionChange> delivered) {
      long now = System.nanoTime();
      for (VersionChange c : delivered) {
        arrivedNanos.put(c.position(), now);
        changes.add(c);
      }
    }

    @Override
    public void onFeedFailure(RuntimeException failure) {
      failures.add(failure);
    }

    @Override
    public void onFeedRestored() {
      restored.incrementAndGet();
    }

    VersionChange take() throws InterruptedException {
      VersionChange c = changes.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
      if (c == null) {
        fail("no change arrived within " + WAIT);
      }
      return c;
    }
  }

  @Test
  @SuppressWarnings("try") // the subscription only has to be open while versions are published
  void anotherNodeLearnsEveryNewVersionThroughTheFeedAndTheDelayIsMeasured() throws Exception {
    JdbcZoneStore other = secondNode();
    Collector collector = new Collector();
    long start = other.loadAll(z -> {}, w -> {});
    List<Long> delaysMicros = new ArrayList<>();
    try (FeedSubscription feed = other.watch(start, collector)) {
      ZoneSnapshot v = version("feed.example.", 1, 10);
      for (int i = 0; i < 25; i++) {
        v = i == 0 ? v : next(v, i + 1, txt("n" + i + ".feed.example.", "x"));
        PublishReceipt receipt = store.publishNext(v, CLOCK);
        long committed = System.nanoTime();
        VersionChange seen = collector.take();
        assertEquals(receipt.position(), seen.position());
        assertEquals(Optional.of(v.serial()), seen.serial());
        assertEquals(name("feed.example."), seen.zone());
        delaysMicros.add(
            Math.max(
                0,
                TimeUnit.NANOSECONDS.toMicros(
                    collector.arrivedNanos.get(seen.position()) - committed)));
      }
    }
    report("feed-delay", delaysMicros);
  }

  /** Writes p50, p99 and the maximum of a measurement to target/ (a report, never asserted). */
  private void report(String what, List<Long> micros) throws IOException {
    List<Long> sorted = new ArrayList<>(micros);
    Collections.sort(sorted);
    String line =
        String.format(
            "%s on %s: n=%d p50=%.1f ms p99=%.1f ms max=%.1f ms (poll interval 50 ms)%n",
            what,
            db.kind(),
            sorted.size(),
            sorted.get(sorted.size() / 2) / 1000.0,
            sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1) / 1000.0,
            sorted.get(sorted.size() - 1) / 1000.0);
    System.out.print(line);
    Path out = Path.of("target", "measurements.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(
        out,
        line,
        java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
  }

  @Test
  @SuppressWarnings("try") // the subscription only has to be open while the link is cut
  void theFeedSurvivesLostConnectionsWithoutLosingAChange() throws Exception {
    CuttableDataSource cuttable = new CuttableDataSource(db.newDataSource());
    JdbcZoneStore watching = newStore(cuttable);
    Collector collector = new Collector();
    try (FeedSubscription feed = watching.watch(0, collector)) {
      store.publishNext(version("a.example.", 1, 2), CLOCK);
      assertEquals(name("a.example."), collector.take().zone());

      cuttable.cut();
      waitUntil(() -> collector.failures.size() == 1, "the feed reports the outage");
      // Published while the watcher cannot read: delivered after it reads again.
      store.publishNext(version("b.example.", 1, 2), CLOCK);
      store.publishNext(version("c.example.", 1, 2), CLOCK);
      cuttable.reconnect();

      assertEquals(name("b.example."), collector.take().zone());
      assertEquals(name("c.example."), collector.take().zone());
      waitUntil(() -> collector.restored.get() == 1, "the feed reports that it reads again");
      assertEquals(1, collector.failures.size(), "one report per outage");
      String message = collector.failures.get(0).getMessage();
      assertTrue(message.startsWith("the change feed lost the database; retrying"), message);

      if (db.isPostgres()) {
        // The server ends every other session, as on a restart: LISTEN is gone with it.
        db.sql(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                + " WHERE datname = current_database() AND pid <> pg_backend_pid()");
        store.publishNext(version("d.example.", 1, 2), CLOCK);
        assertEquals(name("d.example."), collector.take().zone());
        store.publishNext(version("e.example.", 1, 2), CLOCK);
        assertEquals(name("e.example."), collector.take().zone());
      }
    }
    assertEquals(List.of(), List.copyOf(collector.changes), "nothing delivered twice or late");
  }

  @Test
  void exactlyOneOfTwoNodesHoldsTheLease() throws Exception {
    JdbcZoneStore other = secondNode();
    Recorder ra = new Recorder();
    Recorder rb = new Recorder();
    try (LeaderLease a = store.leaderLease("notify", "node-a", Duration.ofSeconds(2), ra);
        LeaderLease b = other.leaderLease("notify", "node-a", Duration.ofSeconds(2), rb)) {
      ra.other = b;
      rb.other = a;
      waitUntil(() -> a.isLeader() || b.isLeader(), "a leader is elected");
      LeaderLease leader = a.isLeader() ? a : b;
      LeaderLease follower = leader == a ? b : a;
      long term = leader.term();
      long from = follower.rounds();
      // Watch while the follower tries three more times: the leadership never moves or doubles.
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (follower.rounds() < from + 3) {
        assertFalse(a.isLeader() && b.isLeader(), "two leaders");
        assertTrue(System.nanoTime() - deadline < 0, "the follower stopped trying");
        Thread.sleep(2);
      }
      assertTrue(leader.isLeader());
      assertFalse(follower.isLeader());
      assertEquals(term, leader.term());
      assertNotEquals(a.holder(), b.holder(), "one node id, two holders");
      assertEquals(leader.holder(), holderInDatabase("notify"));
    }
    assertEquals(List.of(), ra.violations);
    assertEquals(List.of(), rb.violations);
  }

  @Test
  void aListenerThatThrowsDoesNotEndTheLease() throws Exception {
    AtomicInteger elections = new AtomicInteger();
    LeadershipListener throwing =
        new LeadershipListener() {
          @Override
          public void elected(long term) {
            elections.incrementAndGet();
            throw new IllegalStateException("a listener's bug (thrown on purpose by the test)");
          }
        };
    try (LeaderLease a = store.leaderLease("notify", "node-a", Duration.ofSeconds(2), throwing)) {
      waitUntil(() -> elections.get() == 1, "the node is elected");
      long from = a.rounds();
      // The exception ended the lease's thread: it renewed nothing more, and the node stopped
      // leading at its deadline.
      waitUntil(() -> a.rounds() >= from + 3, "the lease goes on renewing");
      assertTrue(a.isLeader());
      assertEquals(1, elections.get(), "elected once: the lease never lapsed");
    }
  }

  @Test
  void anotherNodeTakesOverWhenTheLeaderLosesTheDatabase() throws Exception {
    CuttableDataSource cuttable = new CuttableDataSource(db.newDataSource());
    JdbcZoneStore dying = newStore(cuttable);
    Recorder ra = new Recorder();
    Recorder rb = new Recorder();
    try (LeaderLease a = dying.leaderLease("notify", "node-a", Duration.ofSeconds(2), ra)) {
      waitUntil(a::isLeader, "the first node leads");
      try (LeaderLease b =
          secondNode().leaderLease("notify", "node-b", Duration.ofSeconds(2), rb)) {
        ra.other = b;
        rb.other = a;
        long termA = a.term();
        long from = b.rounds();
        waitUntil(() -> b.rounds() >= from + 2, "the second node tried twice");
        assertFalse(b.isLeader());

        cuttable.cut();
        waitUntil(() -> !a.isLeader(), "the cut-off leader stops counting itself leader");
        waitUntil(b::isLeader, "the second node takes over");
        assertTrue(b.term() > termA, "a new term");
        assertEquals(b.holder(), holderInDatabase("notify"));
        waitUntil(() -> ra.lost.get() == 1, "the first node hears that it lost the lease");
        assertEquals(1, rb.elected.get());
      }
    }
    assertEquals(List.of(), ra.violations);
    assertEquals(List.of(), rb.violations);
  }

  @Test
  void aLeaderThatClosesHandsTheLeaseOver() throws Exception {
    Recorder ra = new Recorder();
    Recorder rb = new Recorder();
    LeaderLease a = store.leaderLease("notify", "node-a", Duration.ofSeconds(6), ra);
    waitUntil(a::isLeader, "the first node leads");
    try (LeaderLease b = secondNode().leaderLease("notify", "node-b", Duration.ofSeconds(6), rb)) {
      long from = b.rounds();
      waitUntil(() -> b.rounds() > from, "the second node tried");
      assertFalse(b.isLeader());
      a.close();
      a.close();
      assertEquals(1, ra.lost.get(), "closing a leader tells it lost the lease");
      assertFalse(a.isLeader());
      // The lease lives 6 s; the release lets the second node's next round (every 2 s) take it.
      waitUntil(b::isLeader, "the second node takes over without waiting for the expiry");
      assertEquals(a.term() + 1, b.term());
    }
  }

  @Test
  void aLeaseRenewedAfterItLapsedIsHeardAsLostAndElectedAgain() throws Exception {
    // The lease's clock is the test's: one round's renewal is let through only after the deadline
    // of the one before has passed, as with a database that answers late.
    AtomicLong now = new AtomicLong();
    long ms = TimeUnit.MILLISECONDS.toNanos(1);
    CuttableDataSource late = new CuttableDataSource(db.newDataSource());
    late.hold();
    List<String> heard = new CopyOnWriteArrayList<>();
    LeaderLease lease =
        new LeaderLease(
            late,
            "notify",
            "node-a",
            Duration.ofMillis(300), // counts itself leader 270 ms from a round's start
            new LeadershipListener() {
              @Override
              public void elected(long term) {
                heard.add("elected " + term);
              }

              @Override
              public void lost() {
                heard.add("lost");
              }
            },
            r -> {
              Thread t = new Thread(r, "secdns-test-lease");
              t.setDaemon(true);
              return t;
            },
            () -> {},
            now::get);
    try {
      // Round 1 starts at 0 and renews at 100: leader until 270.
      Runnable first = late.nextHeld();
      now.set(100 * ms);
      first.run();
      // Round 2 starts at 100 and renews at 300: leader until 370, but not from 270 to 300.
      Runnable second = late.nextHeld();
      assertEquals(List.of("elected 1"), heard);
      now.set(300 * ms);
      assertFalse(lease.isLeader(), "a NOTIFY asked for now is not sent by this node");
      second.run();
      waitUntil(() -> lease.rounds() >= 2, "the second round");
      assertTrue(lease.isLeader());
      // Without the second election nobody sends what was skipped while the lease had lapsed.
      assertEquals(List.of("elected 1", "lost", "elected 1"), heard);
    } finally {
      late.letThrough();
      lease.close();
    }
  }

  /** Records elections and losses, and whether the other node also counted itself leader. */
  static final class Recorder implements LeadershipListener {
    volatile LeaderLease other;
    final AtomicInteger elected = new AtomicInteger();
    final AtomicInteger lost = new AtomicInteger();
    final List<String> violations = new CopyOnWriteArrayList<>();

    @Override
    public void elected(long term) {
      elected.incrementAndGet();
      LeaderLease o = other;
      if (o != null && o.isLeader()) {
        violations.add("elected in term " + term + " while " + o + " leads");
      }
    }

    @Override
    public void lost() {
      lost.incrementAndGet();
    }
  }

  private String holderInDatabase(String lease) throws Exception {
    try (var c = db.dataSource().getConnection();
        var p = c.prepareStatement("SELECT holder FROM secdns_lease WHERE lease_name = ?")) {
      p.setString(1, lease);
      try (var r = p.executeQuery()) {
        assertTrue(r.next());
        return r.getString(1);
      }
    }
  }

  static void waitUntil(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        fail("not within " + WAIT + ": " + what);
      }
      Thread.sleep(5);
    }
  }
}
