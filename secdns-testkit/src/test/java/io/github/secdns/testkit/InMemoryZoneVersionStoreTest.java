package io.github.secdns.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.store.FeedSubscription;
import io.github.secdns.core.store.PublishReceipt;
import io.github.secdns.core.store.StoreWarning;
import io.github.secdns.core.store.StoredZone;
import io.github.secdns.core.store.VersionChange;
import io.github.secdns.core.store.VersionConflictException;
import io.github.secdns.core.store.VersionFeedListener;
import io.github.secdns.core.store.VersionWrite;
import io.github.secdns.core.store.ZoneVersionStore;
import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.testsupport.MutableClock;
import io.github.secdns.testsupport.zones.TestRecords;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;

/**
 * The in-memory store keeps the {@code ZoneVersionStore} promises a test relies on: publish is a
 * compare-and-set (one serial names one content, a repeated publish changes nothing), the journal
 * follows the writes, the feed gives each zone's newest change in order, and the injected faults
 * behave as a database's would; and {@link PublishAllContract}: a batch is stored whole or not at
 * all.
 */
class InMemoryZoneVersionStoreTest implements PublishAllContract {

  private static final Name ORIGIN = Name.fromConstantString("example.com.");
  private static final Name OTHER = Name.fromConstantString("example.net.");

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final InMemoryZoneVersionStore store = new InMemoryZoneVersionStore();

  @Override
  public ZoneVersionStore store() {
    return store;
  }

  /** Version {@code serial} of a zone: TXT records "r1".."r{records}". */
  private static ZoneSnapshot version(Name origin, long serial, int records) {
    return ZoneSnapshot.of(
        TestRecords.soa(origin.toString(), serial),
        IntStream.rangeClosed(1, records)
            .mapToObj(i -> (Record) new TXTRecord(origin, DClass.IN, 300, "r" + i))
            .toList());
  }

  @Test
  void publishIsACompareAndSetAndTheJournalFollowsTheWrites() {
    PublishReceipt first = store.publish(VersionWrite.first(version(ORIGIN, 1, 8)));
    assertTrue(first.changed());
    PublishReceipt second = store.publishNext(version(ORIGIN, 2, 9), clock);
    assertTrue(second.position() > first.position());
    StoredZone stored = store.load(ORIGIN).orElseThrow();
    assertEquals(1, stored.journal().size(), "the delta from 1 to 2");
    assertEquals(List.of(), stored.warnings());
    assertEquals(1, stored.history(clock).entries().size());

    // The same content again: nothing changes. Other content under the serial: refused.
    assertFalse(store.publishNext(version(ORIGIN, 2, 9), clock).changed());
    VersionConflictException taken =
        assertThrows(
            VersionConflictException.class, () -> store.publishNext(version(ORIGIN, 2, 3), clock));
    assertEquals(VersionConflictException.Reason.SERIAL_TAKEN, taken.reason());
    VersionConflictException moved =
        assertThrows(
            VersionConflictException.class,
            () -> store.publish(VersionWrite.first(version(ORIGIN, 3, 1))));
    assertEquals(VersionConflictException.Reason.CURRENT_MOVED, moved.reason());
    assertEquals(2, store.load(ORIGIN).orElseThrow().snapshot().serial().value());

    assertThrows(
        VersionConflictException.class,
        () -> store.withdraw(ORIGIN, version(ORIGIN, 1, 0).serial()));
    store.withdraw(ORIGIN, version(ORIGIN, 2, 0).serial());
    assertEquals(Optional.empty(), store.load(ORIGIN));
    assertThrows(
        VersionConflictException.class,
        () -> store.withdraw(ORIGIN, version(ORIGIN, 2, 0).serial()));
  }

  @Test
  void theFeedGivesEachZonesNewestChangeInOrder() {
    store.publish(VersionWrite.first(version(ORIGIN, 1, 1)));
    store.publish(VersionWrite.first(version(OTHER, 1, 1)));
    store.publishNext(version(ORIGIN, 2, 2), clock);
    List<VersionChange> all = store.changesSince(0, 10);
    assertEquals(List.of(OTHER, ORIGIN), all.stream().map(VersionChange::zone).toList());
    assertEquals(3, all.get(1).position());
    assertEquals(
        List.of(OTHER), store.changesSince(0, 1).stream().map(VersionChange::zone).toList());
    assertEquals(List.of(), store.changesSince(3, 10));
    assertThrows(IllegalArgumentException.class, () -> store.changesSince(0, 0));

    List<StoredZone> loaded = new ArrayList<>();
    assertEquals(3, store.loadAll(loaded::add, w -> {}), "the position to follow from");
    assertEquals(2, loaded.size());
  }

  @Test
  void injectedFaultsBehaveAsADatabasesWould() {
    store.publish(VersionWrite.first(version(ORIGIN, 1, 4)));
    store.publishNext(version(ORIGIN, 2, 5), clock);
    store.publish(VersionWrite.first(version(OTHER, 1, 1)));

    store.corruptJournal(ORIGIN);
    StoredZone corrupt = store.load(ORIGIN).orElseThrow();
    assertEquals(List.of(), corrupt.journal(), "the journal is dropped, never served wrong");
    assertEquals(StoreWarning.Code.JOURNAL_CHECKSUM_MISMATCH, corrupt.warnings().get(0).code());

    store.makeUnreadable(OTHER);
    assertThrows(IllegalStateException.class, () -> store.load(OTHER));
    List<StoreWarning> skipped = new ArrayList<>();
    List<StoredZone> loaded = new ArrayList<>();
    store.loadAll(loaded::add, skipped::add);
    assertEquals(1, loaded.size());
    assertEquals(StoreWarning.Code.VERSION_UNREADABLE, skipped.get(0).code());

    store.failLoads(1);
    assertThrows(IllegalStateException.class, () -> store.load(ORIGIN));
    assertTrue(store.load(ORIGIN).isPresent(), "only the next load failed");

    store.cut();
    assertThrows(IllegalStateException.class, () -> store.load(ORIGIN));
    assertThrows(IllegalStateException.class, () -> store.changesSince(0, 1));
    store.reconnect();
    assertEquals(2, store.load(ORIGIN).orElseThrow().snapshot().serial().value());
  }

  @Test
  void watchDeliversChangesAndTheOutageAndStopsOnClose() throws Exception {
    BlockingQueue<String> heard = new LinkedBlockingQueue<>();
    store.publish(VersionWrite.first(version(ORIGIN, 1, 1)));
    FeedSubscription feed =
        store.watch(
            0,
            new VersionFeedListener() {
              @Override
              public void onChanges(List<VersionChange> changes) {
                changes.forEach(c -> heard.add(c.zone() + " " + c.serial().orElseThrow()));
              }

              @Override
              public void onFeedFailure(RuntimeException failure) {
                heard.add("failed");
              }

              @Override
              public void onFeedRestored() {
                heard.add("restored");
              }
            });
    assertEquals("example.com. 1", heard.poll(20, TimeUnit.SECONDS));
    store.cut();
    assertEquals("failed", heard.poll(20, TimeUnit.SECONDS));
    store.reconnect();
    assertEquals("restored", heard.poll(20, TimeUnit.SECONDS));
    store.publishNext(version(ORIGIN, 2, 2), clock);
    assertEquals("example.com. 2", heard.poll(20, TimeUnit.SECONDS));
    feed.close();
    feed.close();
    store.publishNext(version(ORIGIN, 3, 3), clock);
    assertEquals(
        List.of(),
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.isAlive() && t.getName().startsWith("secdns-testkit-feed"))
            .toList(),
        "the feed's thread is joined on close");
    assertEquals(null, heard.peek(), "nothing after close");
  }
}
