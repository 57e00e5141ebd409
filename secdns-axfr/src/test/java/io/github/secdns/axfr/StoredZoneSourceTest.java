package io.github.secdns.axfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.axfr.notify.NotifySender;
import io.github.secdns.axfr.store.StoredZoneSource;
import io.github.secdns.core.store.PublishReceipt;
import io.github.secdns.core.store.StoreWarning;
import io.github.secdns.core.store.VersionWrite;
import io.github.secdns.core.zone.ZoneHistory;
import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.testkit.InMemoryZoneVersionStore;
import io.github.secdns.testsupport.Addresses;
import io.github.secdns.testsupport.NotifySink;
import io.github.secdns.testsupport.zones.TestRecords;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferIn;

/**
 * {@link StoredZoneSource} over an in-memory {@link InMemoryZoneVersionStore}, in this module (the
 * database-backed tests in secdns-jdbc and secdns-interop do not count towards its coverage): the
 * history comes from the store and IXFR from its stored deltas, a journal the store does not trust
 * is answered with the full zone and a warning, a failing store keeps the last version served and
 * catches up, changes reach the responder (and its NOTIFY) through the feed, close joins the
 * threads.
 */
class StoredZoneSourceTest {

  private static final String ZONE = "stored.example.";
  private static final Name ORIGIN = TestRecords.name(ZONE);
  private static final Clock CLOCK = Clock.systemUTC();

  private final InMemoryZoneVersionStore store = new InMemoryZoneVersionStore();
  private final Set<Thread> before = Resources.liveThreads();

  /** The small zone plus one A record per serial after the first: each delta adds one record. */
  private static ZoneSnapshot version(String origin, long serial) {
    List<Record> records = new ArrayList<>(TestZones.small(origin, serial).records());
    for (int i = 2; i <= serial; i++) {
      records.add(
          new ARecord(
              TestRecords.name("added" + i + "." + origin), DClass.IN, 300, TestZones.v4(i)));
    }
    return ZoneSnapshot.of(TestRecords.soa(origin, serial), records);
  }

  private PublishReceipt publish(String origin, long serial) {
    return store.publishNext(version(origin, serial), CLOCK);
  }

  private void publishChain(long last) {
    for (long s = 1; s <= last; s++) {
      publish(ZONE, s);
    }
  }

  /**
   * A subscriber without a responder that also hears the source's events: every report and event as
   * one line, in order (both come from the source's one thread, or the subscribing one).
   */
  private static final class Recorder implements ZoneSource.Listener, StoredZoneSource.Events {
    final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    @Override
    public void changed(Name zone, Optional<ZoneSnapshot> current) {
      lines.add(zone + " " + current.map(s -> "serial " + s.serial()).orElse("withdrawn"));
    }

    @Override
    public void changed(ZoneHistory history) {
      ZoneSnapshot v = history.current();
      lines.add(v.origin() + " serial " + v.serial() + ", " + history.entries().size() + " deltas");
    }

    @Override
    public void warning(StoreWarning warning) {
      lines.add("warning " + warning.code() + " for " + warning.zone());
    }

    @Override
    public void storeFailed(RuntimeException failure) {
      lines.add("store failed: " + failure.getMessage());
    }

    @Override
    public void storeRestored() {
      lines.add("store restored");
    }

    String next() throws InterruptedException {
      String r = lines.poll(20, TimeUnit.SECONDS);
      if (r == null) {
        throw new AssertionError("nothing more within 20 s");
      }
      return r;
    }
  }

  /** A responder on an ephemeral loopback port that answers everyone from the source. */
  private static AxfrResponder.Builder responder(
      ZoneSource source, Map<Name, ServedVersion> servable) {
    return AxfrResponder.builder()
        .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
        .zoneSource(source)
        .versionListener(
            new VersionListener() {
              @Override
              public void servable(ServedVersion version) {
                servable.put(version.zone(), version);
              }
            });
  }

  private static ZoneTransferIn ixfr(InetSocketAddress address, long serial) throws Exception {
    ZoneTransferIn xfr = ZoneTransferIn.newIXFR(ORIGIN, serial, false, address, null);
    xfr.setTimeout(Duration.ofSeconds(20));
    xfr.run();
    return xfr;
  }

  private static boolean serving(Map<Name, ServedVersion> servable, long serial) {
    return Resources.await(
        () -> {
          ServedVersion v = servable.get(ORIGIN);
          return v != null && v.serial().value() == serial;
        },
        20,
        TimeUnit.SECONDS);
  }

  private void assertNoThreadsLeft() {
    assertEquals(Set.of(), Resources.threadsLeftSince(before), "threads left after close");
  }

  @Test
  void aResponderServesTheStoredHistoryAndFollowsTheFeedWithNotify() throws Exception {
    publishChain(3);
    Map<Name, ServedVersion> servable = new ConcurrentHashMap<>();
    try (NotifySink secondary = new NotifySink(Addresses.LOOPBACK_2, true).watch(ORIGIN);
        NotifySender notifier =
            NotifySender.builder()
                .localAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .build();
        StoredZoneSource source = StoredZoneSource.builder(store).clock(CLOCK).build()) {
      try (AxfrResponder responder =
          ReplicationFixture.notifyingLoopback2(
                  responder(source, servable), ZONE, secondary.port(), notifier)
              .build()) {
        responder.start();
        InetSocketAddress address = responder.boundAddresses().get(0);
        assertTrue(serving(servable, 3), "serial 3 from the start-up load: " + servable);

        // The history is the store's journal: both deltas, never computed by the responder.
        ZoneTransferIn from1 = ixfr(address, 1);
        assertTrue(from1.isIXFR(), "incremental from serial 1");
        assertEquals(2, from1.getIXFR().size());
        assertEquals(2, from1.getIXFR().get(1).adds.size(), "one A record and the new SOA");

        // A version published later arrives through the feed, with its NOTIFY and its delta.
        PublishReceipt fourth = publish(ZONE, 4);
        NotifySink.Seen notify = secondary.next(Duration.ofSeconds(20)).orElseThrow();
        assertEquals(4, notify.serial(), "the stored version was notified");
        assertTrue(serving(servable, 4));
        assertEquals(fourth.position(), source.position(), "the source applied up to the feed");
        ZoneTransferIn from3 = ixfr(address, 3);
        assertTrue(from3.isIXFR(), "incremental from serial 3");
        assertEquals(1, from3.getIXFR().size());
        assertEquals(4, source.snapshot(ORIGIN).orElseThrow().serial().value());
      }
    }
    assertNoThreadsLeft();
  }

  /**
   * A source started from the host's own read of the store ({@link
   * StoredZoneSource.Builder#startingFrom}) serves it without reading the store again (no {@code
   * loadAll}, no {@code load} of a zone the read holds), and a version another publisher wrote
   * after that read still arrives: the feed is followed from the read's position.
   */
  @Test
  void aSourceStartedFromTheHostsReadServesItWithoutReadingAgainAndMissesNothingWrittenSince()
      throws Exception {
    publishChain(3);
    Name other = TestRecords.name("other.example.");
    publish("other.example.", 1);
    store.publishNext(version("unreadable.example.", 1), CLOCK);
    store.makeUnreadable(TestRecords.name("unreadable.example."));
    List<io.github.secdns.core.store.StoredZone> zones = new ArrayList<>();
    List<StoreWarning> unreadable = new ArrayList<>();
    long position = store.loadAll(zones::add, unreadable::add);
    // Another publisher, between the host's read and the source's start.
    publish(ZONE, 4);

    Map<String, Integer> calls = new ConcurrentHashMap<>();
    io.github.secdns.core.store.ZoneVersionStore counted =
        (io.github.secdns.core.store.ZoneVersionStore)
            java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {io.github.secdns.core.store.ZoneVersionStore.class},
                (proxy, method, args) -> {
                  calls.merge(method.getName(), 1, Integer::sum);
                  try {
                    return method.invoke(store, args);
                  } catch (java.lang.reflect.InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    Recorder events = new Recorder();
    Map<Name, ServedVersion> servable = new ConcurrentHashMap<>();
    try (StoredZoneSource source =
            StoredZoneSource.builder(counted)
                .clock(CLOCK)
                .events(events)
                .startingFrom(new StoredZoneSource.StartingRead(position, zones, unreadable))
                .build();
        AxfrResponder responder =
            responder(source, servable).policy(request -> TransferDecision.allow("test")).build()) {
      responder.start();
      assertTrue(serving(servable, 4), "the version written after the read: " + servable);
      // Each zone's servable event comes on its own: wait for this one too, not only ZONE's.
      assertTrue(
          Resources.await(
              () -> {
                ServedVersion v = servable.get(other);
                return v != null && v.serial().value() == 1;
              },
              20,
              TimeUnit.SECONDS),
          "the read's zone is served: " + servable);
      ZoneTransferIn from1 = ixfr(responder.boundAddresses().get(0), 1);
      assertTrue(from1.isIXFR(), "incremental from serial 1");
      assertEquals(3, from1.getIXFR().size(), "the read's two deltas and the one loaded since");
      assertEquals("warning VERSION_UNREADABLE for unreadable.example.", events.next());
      assertEquals(null, calls.get("loadAll"), "the store is not read whole again: " + calls);
      assertEquals(1, calls.get("load"), "only the zone changed since the read: " + calls);
    }
    assertNoThreadsLeft();
  }

  @Test
  void aJournalTheStoreDoesNotTrustIsAnsweredWithTheFullZoneAndAWarning() throws Exception {
    publishChain(3);
    store.corruptJournal(ORIGIN);
    store.publishNext(version("unreadable.example.", 1), CLOCK);
    store.makeUnreadable(TestRecords.name("unreadable.example."));
    Recorder events = new Recorder();
    Map<Name, ServedVersion> servable = new ConcurrentHashMap<>();
    try (StoredZoneSource source = StoredZoneSource.builder(store).events(events).build();
        AxfrResponder responder =
            responder(source, servable).policy(request -> TransferDecision.allow("test")).build()) {
      responder.start();
      assertTrue(serving(servable, 3), "the zone is served without its journal: " + servable);

      ZoneTransferIn from2 = ixfr(responder.boundAddresses().get(0), 2);
      assertTrue(from2.isAXFR(), "the full zone, never a wrong increment");
      assertEquals(
          version(ZONE, 3).records().size(),
          from2.getAXFR().stream().filter(r -> r.getType() != Type.SOA).count(),
          "every record");
      assertEquals("warning JOURNAL_CHECKSUM_MISMATCH for " + ORIGIN, events.next());
      assertEquals("warning VERSION_UNREADABLE for unreadable.example.", events.next());
      assertEquals(null, events.lines.peek(), "one warning per zone");
      assertEquals(
          Optional.empty(),
          source.snapshot(TestRecords.name("unreadable.example.")),
          "a version that cannot be read is not served");
    }
    assertNoThreadsLeft();
  }

  @Test
  void aStoreThatFailsKeepsTheLastVersionServedReportsOnceAndCatchesUp() throws Exception {
    publishChain(1);
    Recorder recorder = new Recorder();
    try (StoredZoneSource source = StoredZoneSource.builder(store).events(recorder).build()) {
      source.subscribe(recorder);
      assertEquals(ORIGIN + " serial 1, 0 deltas", recorder.next());

      // The feed loses the store: reported once, the version loaded before stays served.
      store.cut();
      assertEquals("store failed: the store is down (cut)", recorder.next());
      assertEquals(1, source.snapshot(ORIGIN).orElseThrow().serial().value());
      store.reconnect();
      assertEquals("store restored", recorder.next());
      publish(ZONE, 2);
      assertEquals(ORIGIN + " serial 2, 1 deltas", recorder.next());

      // Loads that fail are retried (after a growing pause) until the version is served; the
      // outage is reported once. Published from the history, without publishNext's own load.
      ZoneHistory second = store.load(ORIGIN).orElseThrow().history(CLOCK);
      store.failLoads(2);
      store.publish(VersionWrite.between(second, second.withVersion(version(ZONE, 3))));
      assertTrue(recorder.next().startsWith("store failed: load " + ORIGIN));
      assertEquals(ORIGIN + " serial 3, 2 deltas", recorder.next());
      assertEquals("store restored", recorder.next());
    }
    assertEquals(null, recorder.lines.peek(), "nothing more");
    assertNoThreadsLeft();
  }

  @Test
  void aWithdrawnZoneIsReportedAndOneSubscriberAtATime() throws Exception {
    publishChain(2);
    publish("other.example.", 1);
    Recorder reports = new Recorder();
    StoredZoneSource source = StoredZoneSource.builder(store).build();
    ZoneSource.Subscription subscription = source.subscribe(reports).orElseThrow();
    String first = reports.next();
    String second = reports.next();
    assertEquals(
        Set.of(ORIGIN + " serial 2, 1 deltas", "other.example. serial 1, 0 deltas"),
        Set.of(first, second));
    assertThrows(IllegalStateException.class, () -> source.subscribe(new Recorder()));

    store.withdraw(TestRecords.name("other.example."), version("other.example.", 1).serial());
    assertEquals("other.example. withdrawn", reports.next());
    assertEquals(Optional.empty(), source.snapshot(TestRecords.name("other.example.")));

    subscription.cancel();
    subscription.cancel(); // idempotent
    assertEquals(2, source.snapshot(ORIGIN).orElseThrow().serial().value(), "still readable");
    assertThrows(IllegalStateException.class, () -> source.subscribe(new Recorder()));
    assertTrue(source.toString().contains("position"), source.toString());
    assertNoThreadsLeft();
  }

  @Test
  void aStoreDownAtStartFailsTheSubscriptionAndLeavesNothingRunning() {
    publishChain(1);
    store.cut();
    StoredZoneSource source = StoredZoneSource.builder(store).build();
    assertThrows(IllegalStateException.class, () -> source.subscribe(new Recorder()));
    assertFalse(source.snapshot(ORIGIN).isPresent(), "nothing served");
    assertNoThreadsLeft();
  }
}
