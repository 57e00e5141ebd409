package io.github.secdns.jdbc;

import static io.github.secdns.jdbc.Zones.a;
import static io.github.secdns.jdbc.Zones.next;
import static io.github.secdns.jdbc.Zones.txt;
import static io.github.secdns.jdbc.Zones.version;
import static io.github.secdns.testsupport.Theories.qt;
import static io.github.secdns.testsupport.zones.TestRecords.name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;

import io.github.secdns.core.serial.SerialNumber;
import io.github.secdns.core.store.StoreWarning;
import io.github.secdns.core.store.StoredZone;
import io.github.secdns.core.store.VersionChange;
import io.github.secdns.core.store.VersionWrite;
import io.github.secdns.core.zone.HistoryLookup;
import io.github.secdns.core.zone.ZoneDelta;
import io.github.secdns.core.zone.ZoneHistory;
import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.testsupport.zones.TestRecords;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/**
 * Nothing half-written and never a wrong increment, on a real database: failures injected between
 * the steps of a publish (constraints and a trigger) leave the previous state whole, and journal
 * rows corrupted in the database (checksum, undecodable, broken chain) make the zone's history load
 * report it and fall back to full transfers.
 */
abstract class IntegrityContract extends DatabaseTest {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
  static final String ZONE = "example.com.";

  /** Three published versions 1, 2, 3 of example.com.: journal 1->2, 2->3. */
  private List<ZoneSnapshot> publishThree() {
    ZoneSnapshot v1 = version(ZONE, 1, 30);
    ZoneSnapshot v2 = next(v1, 2, a("two.example.com.", 2));
    ZoneSnapshot v3 = next(v2, 3, txt("three.example.com.", "3"));
    for (ZoneSnapshot v : List.of(v1, v2, v3)) {
      store.publishNext(v, CLOCK);
    }
    return List.of(v1, v2, v3);
  }

  private record State(StoredZone zone, List<VersionChange> feed, long position, int rows) {}

  private State state() throws SQLException {
    return new State(
        store.load(name(ZONE)).orElseThrow(),
        store.changesSince(0, 100),
        feedPosition(),
        journalRows(ZONE).size());
  }

  private void assertUnchanged(State before) throws SQLException {
    State after = state();
    assertEquals(before.zone().snapshot(), after.zone().snapshot());
    assertEquals(
        StoreContract.wireTexts(before.zone().snapshot()),
        StoreContract.wireTexts(after.zone().snapshot()));
    assertEquals(before.zone().journal(), after.zone().journal());
    assertEquals(before.feed(), after.feed());
    assertEquals(before.position(), after.position(), "the feed clock did not move");
    assertEquals(before.rows(), after.rows());
  }

  private void assertFailsWholly(State before, ZoneSnapshot attempt) throws SQLException {
    ZoneStoreException e =
        assertThrows(ZoneStoreException.class, () -> store.publishNext(attempt, CLOCK));
    assertTrue(e.getMessage().startsWith("publishing zone example.com. serial "), e.getMessage());
    assertTrue(e.getMessage().endsWith("; nothing was written"), e.getMessage());
    assertUnchanged(before);
  }

  @Test
  void aFailureAtTheJournalStepUndoesTheCompareAndSet() throws SQLException {
    List<ZoneSnapshot> v = publishThree();
    State before = state();
    db.sql("ALTER TABLE secdns_journal ADD CONSTRAINT secdns_test_fail CHECK (to_serial <> 4)");
    try {
      assertFailsWholly(before, next(v.get(2), 4, a("four.example.com.", 4)));
    } finally {
      db.sql("ALTER TABLE secdns_journal DROP CONSTRAINT secdns_test_fail");
    }
    assertTrue(store.publishNext(next(v.get(2), 4, a("four.example.com.", 4)), CLOCK).changed());
    assertEquals(3, store.load(name(ZONE)).orElseThrow().journal().size());
  }

  @Test
  void aFailureAtTheFeedStepUndoesTheVersionAndTheJournal() throws SQLException {
    List<ZoneSnapshot> v = publishThree();
    State before = state();
    db.sql(
        "ALTER TABLE secdns_feed ADD CONSTRAINT secdns_test_fail CHECK (position <= "
            + before.position()
            + ")");
    try {
      assertFailsWholly(before, next(v.get(2), 4, a("four.example.com.", 4)));
      // A new zone fails the same way: nothing of it remains.
      assertThrows(
          ZoneStoreException.class,
          () -> store.publish(VersionWrite.first(version("new.example.", 1, 3))));
      assertEquals(java.util.Optional.empty(), store.load(name("new.example.")));
    } finally {
      db.sql("ALTER TABLE secdns_feed DROP CONSTRAINT secdns_test_fail");
    }
    assertUnchanged(before);
  }

  @Test
  void aTriggerFailingTheJournalTrimUndoesEverythingBeforeIt() throws SQLException {
    List<ZoneSnapshot> v = publishThree();
    State before = state();
    if (db.isPostgres()) {
      db.sql(
          "CREATE FUNCTION secdns_test_fail() RETURNS trigger LANGUAGE plpgsql AS"
              + " $$ BEGIN RAISE EXCEPTION 'injected failure at the trim'; END $$",
          "CREATE TRIGGER secdns_test_fail BEFORE DELETE ON secdns_journal"
              + " FOR EACH ROW EXECUTE FUNCTION secdns_test_fail()");
    } else {
      db.sql(
          "CREATE TRIGGER secdns_test_fail BEFORE DELETE ON secdns_journal FOR EACH ROW CALL '"
              + FailingTrigger.class.getName()
              + "'");
    }
    try {
      // A version that replaces every record makes a delta larger than the zone, so the history
      // starts over: the journal must be emptied, and the trigger fails that delete after the
      // version and the feed were written.
      ZoneHistory h3 = store.load(name(ZONE)).orElseThrow().history(CLOCK);
      ZoneSnapshot replaced =
          ZoneSnapshot.of(TestRecords.soa(ZONE, 4), List.of(txt("only.example.com.", "x")));
      ZoneHistory reset = h3.withVersion(replaced);
      assertEquals(List.of(), reset.entries());
      ZoneStoreException e =
          assertThrows(
              ZoneStoreException.class, () -> store.publish(VersionWrite.between(h3, reset)));
      assertTrue(e.getMessage().contains("nothing was written"), e.getMessage());
      assertUnchanged(before);
    } finally {
      db.sql("DROP TRIGGER secdns_test_fail" + (db.isPostgres() ? " ON secdns_journal" : ""));
      if (db.isPostgres()) {
        db.sql("DROP FUNCTION secdns_test_fail()");
      }
    }
    assertTrue(store.publishNext(next(v.get(2), 4, a("four.example.com.", 4)), CLOCK).changed());
  }

  @Test
  void aJournalRowWithAFlippedByteDropsTheHistoryWithAWarning() throws SQLException {
    publishThree();
    JournalRow newest = journalRows(ZONE).get(1);
    byte[] damaged = newest.entry().clone();
    damaged[damaged.length / 2] ^= 0x10;
    setEntry(newest.position(), damaged);

    StoredZone loaded = store.load(name(ZONE)).orElseThrow();

    assertFallsBackToFullTransfers(loaded, StoreWarning.Code.JOURNAL_CHECKSUM_MISMATCH);
    assertTrue(
        loaded.warnings().get(0).message().contains("position " + newest.position()),
        loaded.warnings().get(0).message());
  }

  @Test
  void aJournalRowThatPassesItsChecksumButCannotBeDecodedDropsTheHistory() throws SQLException {
    publishThree();
    JournalRow oldest = journalRows(ZONE).get(0);
    // The history entry's magic "SDHE" and format version 1, then no delta.
    setEntry(
        oldest.position(),
        withCrc("SDHE\0\1 this is not a delta".getBytes(StandardCharsets.US_ASCII)));

    assertFallsBackToFullTransfers(
        store.load(name(ZONE)).orElseThrow(), StoreWarning.Code.JOURNAL_UNDECODABLE);
  }

  @Test
  void serialsThatDoNotChainDropTheHistory() throws SQLException {
    publishThree();
    List<JournalRow> rows = journalRows(ZONE);

    db.sql(
        "UPDATE secdns_journal SET from_serial = 7 WHERE feed_position = "
            + rows.get(0).position());
    assertFallsBackToFullTransfers(
        store.load(name(ZONE)).orElseThrow(), StoreWarning.Code.JOURNAL_CHAIN_BROKEN);

    db.sql(
        "UPDATE secdns_journal SET from_serial = 1 WHERE feed_position = "
            + rows.get(0).position());
    assertEquals(List.of(), store.load(name(ZONE)).orElseThrow().warnings(), "repaired");

    // The newest entry replaced by another zone's, with matching serial columns.
    store.publishNext(version("other.example.", 2, 3), CLOCK);
    store.publishNext(next(version("other.example.", 2, 3), 3, a("x.other.example.", 1)), CLOCK);
    JournalRow foreign = journalRows("other.example.").get(0);
    setEntry(rows.get(1).position(), foreign.entry());
    assertFallsBackToFullTransfers(
        store.load(name(ZONE)).orElseThrow(), StoreWarning.Code.JOURNAL_CHAIN_BROKEN);
  }

  @Test
  void aMissingEntryInTheMiddleOrAtTheEndDropsTheHistory() throws SQLException {
    List<ZoneSnapshot> v = publishThree();
    store.publishNext(next(v.get(2), 4, a("four.example.com.", 4)), CLOCK);
    List<JournalRow> rows = journalRows(ZONE);
    assertEquals(3, rows.size());

    db.sql("DELETE FROM secdns_journal WHERE feed_position = " + rows.get(1).position());
    assertFallsBackToFullTransfers(
        store.load(name(ZONE)).orElseThrow(), StoreWarning.Code.JOURNAL_CHAIN_BROKEN);

    db.sql("DELETE FROM secdns_journal WHERE feed_position = " + rows.get(2).position());
    assertFallsBackToFullTransfers(
        store.load(name(ZONE)).orElseThrow(), StoreWarning.Code.JOURNAL_NOT_AT_CURRENT_VERSION);
  }

  @Test
  void theNextPublishAfterACorruptJournalRepairsIt() throws SQLException {
    List<ZoneSnapshot> v = publishThree();
    JournalRow oldest = journalRows(ZONE).get(0);
    byte[] damaged = oldest.entry().clone();
    damaged[8] ^= 0x01;
    setEntry(oldest.position(), damaged);

    ZoneSnapshot v4 = next(v.get(2), 4, a("four.example.com.", 4));
    store.publishNext(v4, CLOCK);
    StoredZone loaded = store.load(name(ZONE)).orElseThrow();

    assertEquals(List.of(), loaded.warnings());
    assertEquals(1, loaded.journal().size(), "only the delta 3 -> 4 remains");
    assertInstanceOf(
        HistoryLookup.Incremental.class, loaded.history(CLOCK).lookup(SerialNumber.of(3)));
    assertInstanceOf(
        HistoryLookup.FullZone.class, loaded.history(CLOCK).lookup(SerialNumber.of(1)));
  }

  @Test
  void anUnreadableVersionFailsItsLoadAndIsSkippedByLoadAll() throws SQLException {
    publishThree();
    store.publishNext(version("fine.example.", 1, 3), CLOCK);
    byte[] stored = snapshotBytes(ZONE);
    stored[stored.length / 3] ^= 0x40;
    setSnapshot(ZONE, stored);

    ZoneStoreException e = assertThrows(ZoneStoreException.class, () -> store.load(name(ZONE)));
    assertEquals(
        "zone example.com.: the stored version (serial 3) cannot be read: corrupt copy of a zone"
            + " snapshot: the CRC32C does not match (the octets were altered or truncated); the zone"
            + " is not served from the store until a new version is published",
        e.getMessage());
    List<StoredZone> loaded = new ArrayList<>();
    List<StoreWarning> unreadable = new ArrayList<>();
    store.loadAll(loaded::add, unreadable::add);
    assertEquals(
        List.of(name("fine.example.")), loaded.stream().map(z -> z.snapshot().origin()).toList());
    assertEquals(1, unreadable.size());
    assertEquals(StoreWarning.Code.VERSION_UNREADABLE, unreadable.get(0).code());
    assertEquals(name(ZONE), unreadable.get(0).zone());
  }

  @Test
  void theJournalViewReportsACorruptJournalToTheWarningsAndLoadsNothing() throws SQLException {
    ZoneSnapshot v1 = version("j.example.", 1, 5);
    ZoneHistory h = ZoneHistory.restore(v1, store.journal(), CLOCK);
    h = h.withVersion(next(v1, 2, a("x.j.example.", 1)), store.journal());
    JournalRow row = journalRows("j.example.").get(0);
    byte[] damaged = row.entry().clone();
    damaged[damaged.length - 1] ^= 0x7F;
    setEntry(row.position(), damaged);

    assertEquals(List.of(), store.journal().load(name("j.example.")));
    assertEquals(1, journalWarnings.size());
    assertEquals(StoreWarning.Code.JOURNAL_CHECKSUM_MISMATCH, journalWarnings.get(0).code());
    ZoneHistory restored = ZoneHistory.restore(h.current(), store.journal(), CLOCK);
    assertEquals(List.of(), restored.entries());
    assertEquals(List.of(), journalRows("j.example."), "restore trimmed the corrupt journal");
  }

  /**
   * Property: whatever damage a journal row takes (a flipped byte, a truncated entry, a row lost,
   * two rows' contents swapped, a serial column changed, a row holding another row's entry), every
   * IXFR the loaded history answers turns the client's version into exactly the current one, or is
   * the full zone with a warning saying why.
   */
  @Test
  void noDamageToTheJournalEverGivesAWrongIncrement() throws SQLException {
    List<ZoneSnapshot> versions = new ArrayList<>();
    ZoneSnapshot v = version(ZONE, 1, 12);
    versions.add(v);
    store.publishNext(v, CLOCK);
    for (int serial = 2; serial <= 5; serial++) {
      v = next(v, serial, a("s" + serial + ".example.com.", serial));
      versions.add(v);
      store.publishNext(v, CLOCK);
    }
    List<JournalRow> rows = journalRows(ZONE);
    ZoneSnapshot current = v;
    qt().withExamples(db.isPostgres() ? 40 : 80)
        .forAll(
            integers().between(0, 5),
            integers().between(0, rows.size() - 1),
            integers().between(0, Integer.MAX_VALUE - 1))
        .checkAssert(
            (kind, rowIndex, seed) -> {
              try {
                damage(rows, kind, rowIndex, seed);
                StoredZone loaded = store.load(name(ZONE)).orElseThrow();
                assertEquals(current, loaded.snapshot());
                ZoneHistory history = loaded.history(CLOCK);
                for (ZoneSnapshot client : versions.subList(0, versions.size() - 1)) {
                  HistoryLookup answer = history.lookup(client.serial());
                  if (answer instanceof HistoryLookup.Incremental inc) {
                    ZoneSnapshot applied = client;
                    for (ZoneDelta d : inc.chain()) {
                      applied = d.applyTo(applied);
                    }
                    assertEquals(
                        StoreContract.wireTexts(current).stream().sorted().toList(),
                        StoreContract.wireTexts(applied).stream().sorted().toList());
                  } else {
                    // Never wrong; it is what a client beyond the history's reach gets.
                    assertInstanceOf(HistoryLookup.FullZone.class, answer);
                  }
                }
                // Rows remain after any damage, so an empty history was dropped, and says why.
                assertEquals(loaded.journal().isEmpty(), !loaded.warnings().isEmpty());
              } catch (SQLException e) {
                throw new IllegalStateException(e);
              } finally {
                undoDamage(rows);
              }
            });
  }

  /** Puts the rows back after a damaged example; unchecked, as the property's lambda must be. */
  private void undoDamage(List<JournalRow> rows) {
    try {
      restore(rows);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot undo the damage to the journal rows", e);
    }
  }

  private void damage(List<JournalRow> rows, int kind, int index, int seed) throws SQLException {
    JournalRow row = rows.get(index);
    JournalRow other = rows.get((index + 1 + seed % (rows.size() - 1)) % rows.size());
    switch (kind) {
      case 0 -> {
        byte[] damaged = row.entry().clone();
        damaged[seed % damaged.length] ^= (byte) (1 + seed % 255);
        setEntry(row.position(), damaged);
      }
      case 1 ->
          setEntry(row.position(), java.util.Arrays.copyOf(row.entry(), seed % row.entry().length));
      case 2 -> db.sql("DELETE FROM secdns_journal WHERE feed_position = " + row.position());
      case 3 -> {
        setEntry(row.position(), other.entry());
        setEntry(other.position(), row.entry());
      }
      case 4 ->
          db.sql(
              "UPDATE secdns_journal SET to_serial = "
                  + (seed % 7)
                  + " WHERE feed_position = "
                  + row.position());
      default -> setEntry(row.position(), other.entry());
    }
  }

  private void restore(List<JournalRow> rows) throws SQLException {
    db.sql("DELETE FROM secdns_journal WHERE zone_name = '" + ZONE + "'");
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement p =
            c.prepareStatement(
                "INSERT INTO secdns_journal (zone_name, feed_position, from_serial, to_serial,"
                    + " recorded_at, entry) VALUES (?, ?, ?, ?, ?, ?)")) {
      for (JournalRow row : rows) {
        p.setString(1, ZONE);
        p.setLong(2, row.position());
        p.setLong(3, row.fromSerial());
        p.setLong(4, row.toSerial());
        p.setObject(5, row.recordedAt());
        p.setBytes(6, row.entry());
        p.executeUpdate();
      }
    }
  }

  private static void assertFallsBackToFullTransfers(StoredZone loaded, StoreWarning.Code code) {
    assertEquals(List.of(), loaded.journal());
    assertEquals(1, loaded.warnings().size(), loaded.warnings().toString());
    StoreWarning w = loaded.warnings().get(0);
    assertEquals(code, w.code());
    assertEquals(name(ZONE), w.zone());
    assertTrue(w.message().startsWith("zone example.com.: "), w.message());
    assertTrue(
        w.message().endsWith("its IXFR history is dropped and secondaries get full transfers"),
        w.message());
    ZoneHistory history = loaded.history(CLOCK);
    for (long serial = 1; serial < loaded.snapshot().serial().value(); serial++) {
      assertInstanceOf(HistoryLookup.FullZone.class, history.lookup(SerialNumber.of(serial)));
    }
  }

  /** The binary form's framing: the bytes and their CRC32C, so that only the decoding can fail. */
  private static byte[] withCrc(byte[] body) {
    CRC32C crc = new CRC32C();
    crc.update(body);
    return ByteBuffer.allocate(body.length + 4).put(body).putInt((int) crc.getValue()).array();
  }

  // The stored entry's octets as read; rows are restored from, never compared.
  @SuppressWarnings("ArrayRecordComponent")
  record JournalRow(
      long position,
      long fromSerial,
      long toSerial,
      java.time.OffsetDateTime recordedAt,
      byte[] entry) {}

  private List<JournalRow> journalRows(String zone) throws SQLException {
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement p =
            c.prepareStatement(
                "SELECT feed_position, from_serial, to_serial, recorded_at, entry"
                    + " FROM secdns_journal WHERE zone_name = ? ORDER BY feed_position")) {
      p.setString(1, zone);
      try (ResultSet r = p.executeQuery()) {
        List<JournalRow> rows = new ArrayList<>();
        while (r.next()) {
          rows.add(
              new JournalRow(
                  r.getLong(1),
                  r.getLong(2),
                  r.getLong(3),
                  r.getObject(4, java.time.OffsetDateTime.class),
                  r.getBytes(5)));
        }
        return rows;
      }
    }
  }

  private void setEntry(long position, byte[] entry) throws SQLException {
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement p =
            c.prepareStatement("UPDATE secdns_journal SET entry = ? WHERE feed_position = ?")) {
      p.setBytes(1, entry);
      p.setLong(2, position);
      assertEquals(1, p.executeUpdate());
    }
  }

  private byte[] snapshotBytes(String zone) throws SQLException {
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement p =
            c.prepareStatement("SELECT snapshot FROM secdns_zone WHERE zone_name = ?")) {
      p.setString(1, zone);
      try (ResultSet r = p.executeQuery()) {
        r.next();
        return r.getBytes(1);
      }
    }
  }

  private void setSnapshot(String zone, byte[] stored) throws SQLException {
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement p =
            c.prepareStatement("UPDATE secdns_zone SET snapshot = ? WHERE zone_name = ?")) {
      p.setBytes(1, stored);
      p.setString(2, zone);
      assertEquals(1, p.executeUpdate());
    }
  }

  private long feedPosition() throws SQLException {
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement p = c.prepareStatement("SELECT position FROM secdns_feed");
        ResultSet r = p.executeQuery()) {
      r.next();
      return r.getLong(1);
    }
  }

  /** An H2 trigger that fails every row it sees (the PostgreSQL test uses PL/pgSQL). */
  public static final class FailingTrigger implements org.h2.api.Trigger {
    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
      throw new SQLException("injected failure at the trim");
    }
  }
}
