package io.github.secdns.jdbc;

import static io.github.secdns.jdbc.Zones.a;
import static io.github.secdns.jdbc.Zones.next;
import static io.github.secdns.jdbc.Zones.txt;
import static io.github.secdns.jdbc.Zones.version;
import static io.github.secdns.testsupport.Theories.qt;
import static io.github.secdns.testsupport.zones.TestRecords.name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.github.secdns.core.serial.SerialNumber;
import io.github.secdns.core.store.PublishReceipt;
import io.github.secdns.core.store.StoreWarning;
import io.github.secdns.core.store.StoredZone;
import io.github.secdns.core.store.VersionChange;
import io.github.secdns.core.store.VersionConflictException;
import io.github.secdns.core.store.VersionWrite;
import io.github.secdns.core.store.ZoneVersionStore;
import io.github.secdns.core.zone.HistoryEntry;
import io.github.secdns.core.zone.HistoryLookup;
import io.github.secdns.core.zone.ZoneDelta;
import io.github.secdns.core.zone.ZoneDiff;
import io.github.secdns.core.zone.ZoneHistory;
import io.github.secdns.core.zone.ZoneJournal;
import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.testkit.PublishAllContract;
import io.github.secdns.testsupport.zones.TestRecords;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * The store's contract on one database: compare-and-set publishing, loading exactly what was
 * published with its journal, the change feed, withdrawal, the {@link ZoneJournal} view, a restart
 * on the same database keeping IXFR, and batches ({@link PublishAllContract} and what only a
 * database meets: batches of several JDBC batches).
 */
abstract class StoreContract extends DatabaseTest implements PublishAllContract {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

  @Override
  public ZoneVersionStore store() {
    return store;
  }

  @Test
  void aPublishedVersionLoadsBackExactlyWithLetterCaseTtlAndOrder() {
    List<Record> records = new ArrayList<>();
    records.add(txt("WWW.Example.COM.", "Hello"));
    records.add(a("www.example.com.", 7));
    records.add(txt("a.example.com.", "semi;colon \"quoted\" \\ back"));
    ZoneSnapshot v1 = ZoneSnapshot.of(TestRecords.soa("Example.COM.", 1), records);

    PublishReceipt receipt = store.publish(VersionWrite.first(v1));

    assertTrue(receipt.changed());
    assertEquals(SerialNumber.of(1), receipt.serial());
    StoredZone loaded = store.load(name("example.com.")).orElseThrow();
    assertEquals(v1, loaded.snapshot());
    assertEquals(wire(v1.soa()), wire(loaded.snapshot().soa()));
    List<String> expected = new ArrayList<>();
    v1.records().forEach(r -> expected.add(wireText(r)));
    List<String> actual = new ArrayList<>();
    loaded.snapshot().records().forEach(r -> actual.add(wireText(r)));
    assertEquals(expected, actual, "records in order, letter case and TTL kept");
    assertEquals(List.of(), loaded.journal());
    assertEquals(List.of(), loaded.warnings());
    assertEquals(receipt.position(), loaded.position());
  }

  @Test
  void eachPublishStoresItsDeltaAndLoadRebuildsTheSameHistory() {
    ZoneSnapshot v1 = version("example.com.", 1, 20);
    ZoneSnapshot v2 = next(v1, 2, a("new.example.com.", 9));
    ZoneSnapshot v3 =
        ZoneSnapshot.of(TestRecords.soa("example.com.", 3), v2.records().subList(3, 22));

    ZoneHistory h1 = ZoneHistory.start(v1, CLOCK);
    store.publish(VersionWrite.first(v1));
    ZoneHistory h2 = h1.withVersion(v2);
    store.publish(VersionWrite.between(h1, h2));
    ZoneHistory h3 = h2.withVersion(v3);
    store.publish(VersionWrite.between(h2, h3));

    StoredZone loaded = store.load(name("example.com.")).orElseThrow();
    assertEquals(v3, loaded.snapshot());
    assertEquals(
        List.of(ZoneDiff.between(v1, v2), ZoneDiff.between(v2, v3)),
        loaded.journal().stream().map(HistoryEntry::delta).toList());
    assertEquals(h3.entries(), loaded.journal());
    HistoryLookup fromOne = loaded.history(CLOCK).lookup(SerialNumber.of(1));
    List<ZoneDelta> chain = assertInstanceOf(HistoryLookup.Incremental.class, fromOne).chain();
    ZoneSnapshot applied = v1;
    for (ZoneDelta d : chain) {
      applied = d.applyTo(applied);
    }
    assertEquals(v3, applied);
  }

  @Test
  void publishNextLoadsDiffsAndPublishesAfterWhateverIsStored() {
    ZoneSnapshot v1 = version("example.com.", 10, 5);
    ZoneSnapshot v2 = next(v1, 11, txt("t.example.com.", "x"));
    store.publishNext(v1, CLOCK);
    PublishReceipt second = store.publishNext(v2, CLOCK);

    assertTrue(second.changed());
    StoredZone loaded = store.load(name("example.com.")).orElseThrow();
    assertEquals(v2, loaded.snapshot());
    assertEquals(List.of(ZoneDiff.between(v1, v2)), deltas(loaded));
    assertEquals(
        IllegalArgumentException.class,
        assertThrows(
                RuntimeException.class,
                () -> store.publishNext(version("example.com.", 9, 5), CLOCK))
            .getClass(),
        "a serial that goes back is refused before the store is asked");
  }

  @Test
  void publishingTheSameContentAgainChangesNothing() {
    ZoneSnapshot v1 = version("example.com.", 1, 10);
    ZoneSnapshot v2 = next(v1, 2, a("x.example.com.", 1));
    ZoneHistory h1 = ZoneHistory.start(v1, CLOCK);
    ZoneHistory h2 = h1.withVersion(v2);
    store.publish(VersionWrite.first(v1));
    PublishReceipt first = store.publish(VersionWrite.between(h1, h2));
    long position = store.changesSince(0, 10).get(0).position();

    PublishReceipt again = store.publish(VersionWrite.between(h1, h2));
    List<Record> reversed = new ArrayList<>(v2.records());
    Collections.reverse(reversed);
    ZoneSnapshot reordered = ZoneSnapshot.of(v2.soa(), reversed);
    PublishReceipt reorderedAgain =
        store.publish(VersionWrite.between(h2, h2.withVersion(reordered)));
    PublishReceipt firstAgain = store.publish(VersionWrite.first(v2));

    assertTrue(first.changed());
    for (PublishReceipt r : List.of(again, reorderedAgain, firstAgain)) {
      assertFalse(r.changed(), "the same content under the same serial is already stored");
      assertEquals(first.position(), r.position());
    }
    assertEquals(position, store.changesSince(0, 10).get(0).position(), "no new feed entry");
    assertEquals(1, store.load(name("example.com.")).orElseThrow().journal().size());
  }

  @Test
  void anotherContentUnderAStoredSerialIsRefusedAndTheStoredOneStays() {
    ZoneSnapshot v1 = version("example.com.", 1, 10);
    ZoneSnapshot v2 = next(v1, 2, a("x.example.com.", 1));
    ZoneSnapshot other2 = next(v1, 2, a("y.example.com.", 1));
    ZoneSnapshot recased2 = next(v1, 2, a("X.example.com.", 1));
    ZoneHistory h1 = ZoneHistory.start(v1, CLOCK);
    store.publish(VersionWrite.first(v1));
    store.publish(VersionWrite.between(h1, h1.withVersion(v2)));

    for (ZoneSnapshot loser : List.of(other2, recased2)) {
      VersionConflictException e =
          assertThrows(
              VersionConflictException.class,
              () -> store.publish(VersionWrite.between(h1, h1.withVersion(loser))));
      assertEquals(VersionConflictException.Reason.SERIAL_TAKEN, e.reason());
      assertEquals(Optional.of(SerialNumber.of(2)), e.currentSerial());
      assertTrue(
          e.getMessage().contains("zone example.com.: serial 2 already names other content"));
    }
    StoredZone loaded = store.load(name("example.com.")).orElseThrow();
    assertEquals(wireTexts(v2), wireTexts(loaded.snapshot()));
    assertEquals(List.of(ZoneDiff.between(v1, v2)), deltas(loaded));
  }

  @Test
  void aWriteExpectingAnOlderVersionIsRefusedAndWritesNothing() {
    ZoneSnapshot v1 = version("example.com.", 1, 5);
    ZoneSnapshot v2 = next(v1, 2, a("two.example.com.", 2));
    ZoneSnapshot v3 = next(v1, 3, a("three.example.com.", 3));
    ZoneHistory h1 = ZoneHistory.start(v1, CLOCK);
    store.publish(VersionWrite.first(v1));
    store.publish(VersionWrite.between(h1, h1.withVersion(v2)));
    List<VersionChange> feed = store.changesSince(0, 10);

    VersionConflictException stale =
        assertThrows(
            VersionConflictException.class,
            () -> store.publish(VersionWrite.between(h1, h1.withVersion(v3))));
    VersionConflictException notNew =
        assertThrows(VersionConflictException.class, () -> store.publish(VersionWrite.first(v3)));
    VersionConflictException absent =
        assertThrows(
            VersionConflictException.class,
            () -> {
              ZoneHistory other = ZoneHistory.start(version("other.example.", 1, 1), CLOCK);
              store.publish(
                  VersionWrite.between(other, other.withVersion(version("other.example.", 2, 2))));
            });

    assertEquals(VersionConflictException.Reason.CURRENT_MOVED, stale.reason());
    assertEquals(Optional.of(SerialNumber.of(1)), stale.expectedSerial());
    assertEquals(Optional.of(SerialNumber.of(2)), stale.currentSerial());
    assertEquals(
        "zone example.com.: the store holds serial 2 but this publish of serial 3 expected serial"
            + " 1; another publisher changed it first and nothing was written (load the current"
            + " version and try again)",
        stale.getMessage());
    assertEquals(VersionConflictException.Reason.CURRENT_MOVED, notNew.reason());
    assertEquals(Optional.empty(), notNew.expectedSerial());
    assertEquals(Optional.empty(), absent.currentSerial());
    assertEquals(v2, store.load(name("example.com.")).orElseThrow().snapshot());
    assertEquals(feed, store.changesSince(0, 10), "the feed did not move");
    assertEquals(Optional.empty(), store.load(name("other.example.")));
  }

  @Test
  void aDeltaTooLargeOrASerialResetEmptiesTheJournalInTheSameWrite() {
    ZoneSnapshot v1 = version("example.com.", 1, 4);
    ZoneSnapshot v2 = next(v1, 2, a("x.example.com.", 1));
    ZoneHistory h1 = ZoneHistory.start(v1, CLOCK);
    ZoneHistory h2 = h1.withVersion(v2);
    store.publish(VersionWrite.first(v1));
    store.publish(VersionWrite.between(h1, h2));
    // Every record replaced: the delta is larger than the zone, so the history keeps nothing.
    ZoneSnapshot v3InZone =
        ZoneSnapshot.of(
            TestRecords.soa("example.com.", 3),
            List.of(txt("a.example.com.", "1"), txt("b.example.com.", "2")));
    ZoneHistory h3 = h2.withVersion(v3InZone);
    assertEquals(List.of(), h3.entries());

    store.publish(VersionWrite.between(h2, h3));

    StoredZone loaded = store.load(name("example.com.")).orElseThrow();
    assertEquals(v3InZone, loaded.snapshot());
    assertEquals(List.of(), loaded.journal());
    assertEquals(List.of(), loaded.warnings());
  }

  @Test
  void theFeedListsEachZoneOnceWithItsNewestSerialInCommitOrder() {
    store.publish(VersionWrite.first(version("a.example.", 1, 1)));
    store.publish(VersionWrite.first(version("b.example.", 7, 1)));
    store.publishNext(version("a.example.", 2, 2), CLOCK);

    List<VersionChange> all = store.changesSince(0, 100);

    assertEquals(2, all.size());
    assertEquals(name("b.example."), all.get(0).zone());
    assertEquals(Optional.of(SerialNumber.of(7)), all.get(0).serial());
    assertEquals(name("a.example."), all.get(1).zone());
    assertEquals(Optional.of(SerialNumber.of(2)), all.get(1).serial());
    assertTrue(all.get(0).position() < all.get(1).position());
    assertEquals(List.of(all.get(1)), store.changesSince(all.get(0).position(), 100));
    assertEquals(List.of(all.get(0)), store.changesSince(0, 1));
    assertEquals(List.of(), store.changesSince(all.get(1).position(), 100));
  }

  @Test
  void aWithdrawnZoneLeavesTheFeedWithoutSerialAndCanComeBack() {
    ZoneSnapshot v1 = version("gone.example.", 5, 3);
    store.publish(VersionWrite.first(v1));
    store.publishNext(next(v1, 6, a("x.gone.example.", 1)), CLOCK);

    VersionConflictException wrong =
        assertThrows(
            VersionConflictException.class,
            () -> store.withdraw(name("GONE.example."), SerialNumber.of(5)));
    assertEquals(Optional.of(SerialNumber.of(6)), wrong.currentSerial());
    assertTrue(
        wrong.getMessage().contains("holds serial 6 but this withdrawal expected serial 5"),
        wrong.getMessage());
    store.withdraw(name("GONE.example."), SerialNumber.of(6));

    assertEquals(Optional.empty(), store.load(name("gone.example.")));
    List<VersionChange> feed = store.changesSince(0, 10);
    assertEquals(1, feed.size());
    assertEquals(Optional.empty(), feed.get(0).serial());
    assertThrows(
        VersionConflictException.class,
        () -> store.withdraw(name("gone.example."), SerialNumber.of(6)));

    ZoneSnapshot back = version("gone.example.", 1, 2);
    assertTrue(store.publish(VersionWrite.first(back)).changed());
    StoredZone loaded = store.load(name("gone.example.")).orElseThrow();
    assertEquals(back, loaded.snapshot());
    assertEquals(List.of(), loaded.journal(), "the old journal went with the withdrawal");
  }

  @Test
  void loadAllReadsEveryZoneWithItsJournalAndTheFeedContinuesAfterIt() {
    ZoneSnapshot a1 = version("a.example.", 1, 3);
    ZoneSnapshot a2 = next(a1, 2, txt("t.a.example.", "2"));
    ZoneSnapshot a3 = next(a2, 3, txt("t.a.example.", "3"));
    store.publishNext(a1, CLOCK);
    store.publishNext(a2, CLOCK);
    store.publishNext(a3, CLOCK);
    store.publishNext(version("b.example.", 9, 2), CLOCK);
    store.publishNext(version("c.example.", 4, 2), CLOCK);
    store.publishNext(next(version("c.example.", 4, 2), 5, txt("c.example.", "5")), CLOCK);
    store.publish(VersionWrite.first(version("gone.example.", 1, 1)));
    store.withdraw(name("gone.example."), SerialNumber.of(1));

    List<StoredZone> zones = new ArrayList<>();
    List<StoreWarning> unreadable = new ArrayList<>();
    long position = store.loadAll(zones::add, unreadable::add);

    assertEquals(
        List.of(name("a.example."), name("b.example."), name("c.example.")),
        zones.stream().map(z -> z.snapshot().origin()).toList());
    assertEquals(a3, zones.get(0).snapshot());
    assertEquals(List.of(ZoneDiff.between(a1, a2), ZoneDiff.between(a2, a3)), deltas(zones.get(0)));
    assertEquals(List.of(), zones.get(1).journal());
    assertEquals(1, zones.get(2).journal().size());
    assertEquals(List.of(), unreadable);
    assertEquals(List.of(), store.changesSince(position, 10));
    store.publishNext(next(a3, 4, txt("t.a.example.", "4")), CLOCK);
    assertEquals(
        List.of(Optional.of(SerialNumber.of(4))),
        store.changesSince(position, 10).stream().map(VersionChange::serial).toList());
  }

  @Test
  void theJournalViewFollowsTheZoneJournalContract() {
    ZoneJournal journal = store.journal();
    ZoneSnapshot v1 = version("j.example.", 1, 5);
    ZoneSnapshot v2 = next(v1, 2, a("x.j.example.", 1));
    ZoneSnapshot v3 = next(v2, 3, a("y.j.example.", 2));
    ZoneHistory h = ZoneHistory.restore(v1, journal, CLOCK);
    h = h.withVersion(v2, journal);
    h = h.withVersion(v3, journal);

    assertEquals(h.entries(), journal.load(name("J.example.")));
    journal.append(name("j.example."), h.entries().get(1));
    assertEquals(h.entries(), journal.load(name("j.example.")), "appending twice is idempotent");

    // After a restart: a new store on the same database restores the history from the journal.
    ZoneHistory restored = ZoneHistory.restore(v3, secondNode().journal(), CLOCK);
    assertInstanceOf(
        HistoryLookup.Incremental.class, restored.lookup(SerialNumber.of(1)), "IXFR survives");
    journal.keepNewest(name("j.example."), 1);
    assertEquals(List.of(h.entries().get(1)), journal.load(name("j.example.")));
    journal.keepNewest(name("j.example."), 0);
    assertEquals(List.of(), journal.load(name("j.example.")));
    assertEquals(List.of(), journalWarnings);
  }

  @Test
  void aNewStoreOnTheSameDatabaseAfterARestartAnswersIncrementally() throws Exception {
    ZoneSnapshot v1 = version("restart.example.", 100, 50);
    ZoneSnapshot v2 = next(v1, 101, a("x.restart.example.", 1));
    ZoneSnapshot v3 = next(v2, 102, a("y.restart.example.", 2));
    store.publishNext(v1, CLOCK);
    store.publishNext(v2, CLOCK);
    store.publishNext(v3, CLOCK);
    store.close();
    db.restart();

    JdbcZoneStore restarted = newStore(db.newDataSource());
    ZoneHistory history = restarted.load(name("restart.example.")).orElseThrow().history(CLOCK);

    assertEquals(v3, history.current());
    List<ZoneDelta> chain =
        assertInstanceOf(HistoryLookup.Incremental.class, history.lookup(SerialNumber.of(101)))
            .chain();
    assertEquals(List.of(ZoneDiff.between(v2, v3)), chain);
  }

  @Test
  void aClosedStoreRefusesWork() {
    store.close();
    store.close();
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> store.changesSince(0, 1));
    assertEquals("this JdbcZoneStore is closed", e.getMessage());
  }

  /**
   * A batch of three JDBC batches (2,500 zones) is still one transaction: a conflict at its last
   * zone leaves none of the 2,499 others written; without it every zone is written, at consecutive
   * feed positions.
   */
  @Test
  void aBatchOfSeveralJdbcBatchesIsStillOneTransaction() {
    ZoneSnapshot taken = version("zz.batch.", 1, 1);
    long before = store.publish(VersionWrite.first(taken)).position();
    List<VersionWrite> writes = new ArrayList<>();
    for (int i = 0; i < 2 * PublishBatch.CHUNK + 499; i++) {
      writes.add(VersionWrite.first(version("z" + i + ".batch.", i + 1L, 2)));
    }
    List<VersionWrite> withConflict = new ArrayList<>(writes);
    withConflict.add(VersionWrite.first(version("zz.batch.", 2, 1)));

    VersionConflictException e =
        assertThrows(VersionConflictException.class, () -> store.publishAll(withConflict));
    assertEquals(name("zz.batch."), e.zone());
    assertEquals(List.of(), store.changesSince(before, 10));
    assertEquals(List.of(taken.origin()), loadedZones());

    List<PublishReceipt> receipts = store.publishAll(writes);
    for (int i = 0; i < writes.size(); i++) {
      assertEquals(before + 1 + i, receipts.get(i).position(), "consecutive positions");
    }
    assertEquals(writes.size() + 1, loadedZones().size());
    assertEquals(
        writes.get(1234).version(), store.load(name("z1234.batch.")).orElseThrow().snapshot());
  }

  /**
   * A random batch stores exactly what the same writes published one by one store: the same
   * receipts, versions, journals and feed, positions included (new zones, next versions whose
   * journal is trimmed, a withdrawn zone published again, the stored content again).
   */
  @Test
  void aBatchStoresWhatTheSameWritesPublishedOneByOneStore() {
    qt().withExamples(db.isPostgres() ? 25 : 50)
        .forAll(lists().of(integers().between(0, 4)).ofSizeBetween(1, 7))
        .checkAssert(
            kinds -> {
              List<VersionWrite> writes = prepare(kinds);
              List<PublishReceipt> batched = store.publishAll(writes);
              List<String> batchedState = state();

              List<VersionWrite> again = prepare(kinds);
              List<PublishReceipt> single = again.stream().map(store::publish).toList();
              assertEquals(single, batched, "receipts");
              assertEquals(state(), batchedState, "versions, journals and feed");
            });
  }

  /**
   * Empties the database, stores what the kinds need and returns the writes: per zone 0 a new zone,
   * 1 the next version, 2 the stored version again, 3 the next version of a zone with a journal
   * that keeps at most two entries, 4 a withdrawn zone's first version again.
   */
  private List<VersionWrite> prepare(List<Integer> kinds) {
    try {
      db.reset();
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    List<VersionWrite> writes = new ArrayList<>();
    for (int i = 0; i < kinds.size(); i++) {
      // Names out of the writes' order: the batch works in key order, the feed must not.
      String origin = (char) ('a' + i * 5 % 7) + "p" + i + ".example.";
      ZoneSnapshot v1 = version(origin, 1, i + 2);
      ZoneHistory h = ZoneHistory.start(v1, CLOCK);
      switch (kinds.get(i)) {
        case 0 -> writes.add(VersionWrite.first(v1));
        case 1 -> {
          store.publish(VersionWrite.first(v1));
          writes.add(VersionWrite.between(h, h.withVersion(next(v1, 2, a("n." + origin, i)))));
        }
        case 2 -> {
          store.publish(VersionWrite.first(v1));
          writes.add(VersionWrite.first(v1));
        }
        case 3 -> {
          store.publish(VersionWrite.first(v1));
          for (int serial = 2; serial <= 4; serial++) {
            ZoneHistory after =
                h.withVersion(next(h.current(), serial, a("s" + serial + "." + origin, serial)));
            store.publish(bounded(h, after));
            h = after;
          }
          writes.add(bounded(h, h.withVersion(next(h.current(), 5, txt("t." + origin, "five")))));
        }
        default -> {
          store.publish(VersionWrite.first(v1));
          store.withdraw(v1.origin(), v1.serial());
          writes.add(VersionWrite.first(next(v1, 3, txt("back." + origin, "again"))));
        }
      }
    }
    return writes;
  }

  /** A write keeping at most two journal entries. */
  private static VersionWrite bounded(ZoneHistory before, ZoneHistory after) {
    VersionWrite w = VersionWrite.between(before, after);
    return new VersionWrite(
        w.version(), w.expectedSerial(), w.journalEntry(), Math.min(2, w.journalKeep()));
  }

  /** Every zone as loaded (version, journal, position) and the whole feed, as text. */
  private List<String> state() {
    List<String> state = new ArrayList<>();
    store.loadAll(
        z ->
            state.add(
                z.snapshot().origin()
                    + " "
                    + java.util.HexFormat.of().formatHex(z.snapshot().toBytes())
                    + " "
                    + z.journal().stream()
                        .map(e -> java.util.HexFormat.of().formatHex(e.toBytes()))
                        .toList()
                    + " @"
                    + z.position()
                    + " "
                    + z.warnings()),
        w -> state.add(w.toString()));
    Collections.sort(state);
    state.add(store.changesSince(0, 1000).toString());
    return state;
  }

  private List<org.xbill.DNS.Name> loadedZones() {
    List<org.xbill.DNS.Name> zones = new ArrayList<>();
    store.loadAll(z -> zones.add(z.snapshot().origin()), w -> {});
    return zones;
  }

  static List<ZoneDelta> deltas(StoredZone zone) {
    return zone.journal().stream().map(HistoryEntry::delta).toList();
  }

  static String wire(Record r) {
    return java.util.HexFormat.of().formatHex(r.toWire(Section.ANSWER));
  }

  static String wireText(Record r) {
    return r.getTTL() + " " + wire(r);
  }

  static List<String> wireTexts(ZoneSnapshot s) {
    List<String> out = new ArrayList<>();
    out.add(wire(s.soa()));
    s.records().forEach(r -> out.add(wire(r)));
    return out;
  }
}
