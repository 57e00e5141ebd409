package io.github.secdns.axfr.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.config.NotifyTarget;
import io.github.secdns.testsupport.Addresses;
import io.github.secdns.testsupport.NotifySink;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SOARecord;

/**
 * NOTIFY at a DNS host's scale: more NOTIFYs in flight than one 16-bit ID space holds, a startup
 * backlog of 200,000 that never delays a new serial, and pacing per target.
 */
class NotifyAtScaleTest {

  private final NotifyTestParts parts = new NotifyTestParts();

  @AfterEach
  void cleanUp() throws Exception {
    parts.close();
  }

  private static SOARecord soa(String zone, long serial) {
    Name origin = Name.fromConstantString(zone);
    return new SOARecord(
        origin,
        DClass.IN,
        3600,
        Name.fromConstantString("ns1." + zone),
        Name.fromConstantString("hostmaster." + zone),
        serial,
        14400,
        3600,
        1209600,
        300);
  }

  /** Every announcement names the zone's serial 1. */
  private static final NotifyAnnouncer SERIAL_ONE =
      (zone, target) ->
          Optional.of(new NotifyAnnouncer.Announcement(soa(zone.toString(), 1), Optional.empty()));

  /** A target that never answers (the shared sink counts the arrivals of each message ID). */
  private NotifySink silent(InetAddress address) throws IOException {
    NotifySink sink = new NotifySink(address, false);
    parts.closeLater(sink);
    return sink;
  }

  private static NotifyTarget target(NotifySink sink) {
    return new NotifyTarget(sink.address().getAddress(), sink.port(), Optional.empty());
  }

  @Test
  void moreNotifiesInFlightThanOneIdSpaceHoldsNeverSpin() throws Exception {
    // Two targets that never answer, 35,000 zones each: 70,000 NOTIFYs in flight at once, more
    // than the 65,536 IDs a sender with one global ID space can hand out.
    NotifySink a = silent(Addresses.LOOPBACK_2);
    NotifySink b = silent(Addresses.LOOPBACK_3);
    NotifySender sender =
        parts.sender(
            NotifySender.builder()
                .attempts(1)
                .initialTimeout(Duration.ofMinutes(5))
                .sendsPerSecond(1_000_000));
    List<CompletableFuture<List<NotifyOutcome>>> futures = new ArrayList<>();
    NotifyTarget ta = target(a);
    NotifyTarget tb = target(b);
    assertTimeoutPreemptively(
        Duration.ofSeconds(60),
        () -> {
          for (int i = 0; i < 35_000; i++) {
            SOARecord soa = soa("z" + i + ".example.", 1);
            futures.add(sender.notify(soa, List.of(ta)));
            futures.add(sender.notify(soa, List.of(tb)));
          }
        });
    assertEquals(70_000, futures.size());
    assertTrue(futures.stream().noneMatch(CompletableFuture::isDone), "all are in flight");
    // One try each, and the IDs a target sees are unique among the NOTIFYs in flight to it.
    assertTrue(a.awaitReceived(1_000, Duration.ofSeconds(30)), "received " + a.received());
    assertEquals(1, a.mostArrivalsOfOneId());
  }

  @Test
  void aTargetWhoseIdsAreAllInFlightMakesFurtherNotifiesWaitForAFreeOne() throws Exception {
    // 16 IDs per target instead of 65,536, so that the test can fill them.
    int ids = 16;
    int total = ids + 24;
    CountDownLatch answering = new CountDownLatch(1);
    // Distinct NOTIFYs (by zone), not datagrams: a NOTIFY in flight is retransmitted after 200 ms,
    // and on a loaded machine a retransmission can arrive before the last distinct one.
    java.util.Set<Name> sent = java.util.concurrent.ConcurrentHashMap.newKeySet();
    CountDownLatch allIdsUsed = new CountDownLatch(ids);
    FakeSecondary target =
        parts.fake(
            "127.0.0.2",
            (n, q, m, self) -> {
              if (sent.add(m.getQuestion().getName())) {
                allIdsUsed.countDown();
              }
              if (answering.getCount() > 0) {
                return Optional.empty(); // silent until every NOTIFY was handed to the sender
              }
              return Optional.of(FakeSecondary.answer(m, Rcode.NOERROR));
            });
    NotifySender sender =
        parts.sender(
            NotifySender.builder()
                .idsPerTarget(ids)
                .attempts(50)
                .initialTimeout(Duration.ofMillis(200))
                .backoff(1.0)
                .sendsPerSecond(1_000));
    List<CompletableFuture<List<NotifyOutcome>>> futures = new ArrayList<>(total);
    assertTimeoutPreemptively(
        Duration.ofSeconds(30),
        () -> {
          for (int i = 0; i < total; i++) {
            futures.add(sender.notify(soa("w" + i + ".example.", 1), List.of(target.target())));
          }
        });
    assertTrue(allIdsUsed.await(30, TimeUnit.SECONDS), "distinct NOTIFYs received: " + sent);
    // Only as many distinct NOTIFYs as there are IDs went out; the others wait for a free ID.
    assertEquals(ids, sent.size());

    answering.countDown();
    for (CompletableFuture<List<NotifyOutcome>> f : futures) {
      assertInstanceOf(NotifyOutcome.Acknowledged.class, f.get(60, TimeUnit.SECONDS).get(0));
    }
  }

  @Test
  void aNewSerialLeavesBeforeTheStartupBacklogOfItsTargetDrains() throws Exception {
    Name changed = Name.fromConstantString("changed.example.");
    AtomicInteger backgroundReceived = new AtomicInteger();
    CompletableFuture<Integer> changeArrived = new CompletableFuture<>();
    FakeSecondary slow =
        parts.fake(
            "127.0.0.2",
            (n, q, m, self) -> {
              if (m.getQuestion().getName().equals(changed)) {
                changeArrived.complete(backgroundReceived.get());
              } else {
                backgroundReceived.incrementAndGet();
              }
              return Optional.empty(); // a slow provider: never answers
            });
    NotifySender sender =
        parts.sender(
            NotifySender.builder()
                .attempts(3)
                .initialTimeout(Duration.ofSeconds(5))
                .backgroundSendsPerSecond(200));
    for (int i = 0; i < 200_000; i++) {
      sender.notifyInBackground(
          Name.fromConstantString("s" + i + ".example."), slow.target(), SERIAL_ONE);
    }
    slow.awaitReceived(5); // the fan-out is under way

    // Its arrival is what the test waits for (changeArrived), not the outcome.
    var unused = sender.notify(soa("changed.example.", 2), List.of(slow.target()));

    int startupNotifiesBefore = changeArrived.get(20, TimeUnit.SECONDS);
    assertTrue(startupNotifiesBefore < 100_000, "arrived after " + startupNotifiesBefore);
    assertTrue(sender.backlog() > 100_000, "backlog " + sender.backlog());
  }

  @Test
  void paceIsPerTargetSoASlowProviderDoesNotHoldUpTheOthers() throws Exception {
    FakeSecondary slow = parts.fake("127.0.0.2", (n, q, m, self) -> Optional.empty());
    FakeSecondary other = parts.fake("127.0.0.3", FakeSecondary.answering(Rcode.NOERROR));
    List<NotifyOutcome> outcomes = new CopyOnWriteArrayList<>();
    NotifySender sender =
        parts.sender(
            NotifySender.builder()
                .attempts(2)
                .initialTimeout(Duration.ofSeconds(5))
                .backgroundSendsPerSecond(50)
                .listener(outcomes::add));
    for (int i = 0; i < 50_000; i++) {
      sender.notifyInBackground(
          Name.fromConstantString("s" + i + ".example."), slow.target(), SERIAL_ONE);
    }
    // Queued after 50,000 for the slow target, with the same background pace.
    for (int i = 0; i < 10; i++) {
      sender.notifyInBackground(
          Name.fromConstantString("o" + i + ".example."), other.target(), SERIAL_ONE);
    }
    other.awaitReceived(10);
    assertTrue(slow.received() < 50_000, "slow target got " + slow.received());
    assertTrue(sender.backlog() > 40_000, "backlog " + sender.backlog());
  }

  @Test
  void theSameBackgroundNotifyQueuedAgainIsSentOnce() throws Exception {
    FakeSecondary target = parts.fake("127.0.0.2", FakeSecondary.answering(Rcode.NOERROR));
    // A pace of one per second: the first goes at once, the others wait long enough to be merged.
    NotifySender sender = parts.sender(NotifySender.builder().backgroundSendsPerSecond(1));
    Name first = Name.fromConstantString("first.example.");
    Name twice = Name.fromConstantString("twice.example.");
    sender.notifyInBackground(first, target.target(), SERIAL_ONE);
    sender.notifyInBackground(twice, target.target(), SERIAL_ONE);
    sender.notifyInBackground(twice, target.target(), SERIAL_ONE);
    sender.notifyInBackground(twice, target.target(), SERIAL_ONE);
    assertTrue(sender.backlog() <= 2, "backlog " + sender.backlog());
    target.awaitReceived(2);
    // The backlog is decremented when an entry is taken, before its datagram is sent: once the
    // second arrived, nothing is left queued (unless the repeats were not merged).
    assertEquals(0, sender.backlog(), "drained");
    assertEquals(2, target.received());
  }

  @Test
  void aBackgroundNotifyQueuedAgainWhileTheSameSerialAwaitsItsAnswerIsNotSentTwice()
      throws Exception {
    // A target that never answers: the first NOTIFY of "again" stays in flight (its tries keep
    // its ID); queued again, its second copy has its turn before "after" and must not go out
    // with an ID of its own.
    NotifySink target = silent(Addresses.LOOPBACK_2).watchAll();
    NotifySender sender =
        parts.sender(
            NotifySender.builder()
                .attempts(3)
                .initialTimeout(Duration.ofSeconds(30))
                .backgroundSendsPerSecond(1000));
    Name again = Name.fromConstantString("again.example.");
    Name after = Name.fromConstantString("after.example.");
    sender.notifyInBackground(again, target(target), SERIAL_ONE);
    NotifySink.Seen first = target.next(Duration.ofSeconds(30)).orElseThrow();
    assertEquals(again, first.zone());
    sender.notifyInBackground(again, target(target), SERIAL_ONE);
    sender.notifyInBackground(after, target(target), SERIAL_ONE);
    List<NotifySink.Seen> seen = target.until(after, Duration.ofSeconds(30));
    assertTrue(
        seen.stream().noneMatch(n -> n.zone().equals(again) && n.id() != first.id()),
        "a second NOTIFY of the same serial: " + seen);
  }

  @Test
  void skippedBackgroundNotifiesCostNoSlot() throws Exception {
    FakeSecondary target = parts.fake("127.0.0.2", FakeSecondary.answering(Rcode.NOERROR));
    NotifySender sender = parts.sender(NotifySender.builder().backgroundSendsPerSecond(1));
    Name wanted = Name.fromConstantString("wanted.example.");
    CompletableFuture<NotifyOutcome> outcome = new CompletableFuture<>();
    NotifyAnnouncer onlyWanted =
        new NotifyAnnouncer() {
          @Override
          public Optional<Announcement> announce(Name zone, NotifyTarget t) {
            return zone.equals(wanted)
                ? Optional.of(new Announcement(soa(zone.toString(), 3), Optional.empty()))
                : Optional.empty();
          }

          @Override
          public void outcome(NotifyOutcome o) {
            outcome.complete(o);
          }
        };
    // A pace of one per second would need hours for 10,000 sends: skipped entries take no slot.
    for (int i = 0; i < 10_000; i++) {
      sender.notifyInBackground(
          Name.fromConstantString("skip" + i + ".example."), target.target(), onlyWanted);
    }
    sender.notifyInBackground(wanted, target.target(), onlyWanted);

    NotifyOutcome o = outcome.get(30, TimeUnit.SECONDS);
    assertEquals(3, assertInstanceOf(NotifyOutcome.Acknowledged.class, o).serial().value());
    assertEquals(1, target.received());
    assertEquals(0, sender.backlog());
  }
}
