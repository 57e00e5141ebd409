package io.github.secdns.jdbc;

import io.github.secdns.core.serial.SerialNumber;
import io.github.secdns.core.store.PublishReceipt;
import io.github.secdns.core.store.VersionWrite;
import io.github.secdns.core.store.ZoneVersionStore;
import io.github.secdns.core.zone.HistoryEntry;
import io.github.secdns.jdbc.internal.Dialect;
import io.github.secdns.jdbc.internal.StoreSql;
import io.github.secdns.jdbc.internal.Transactions;
import io.github.secdns.jdbc.internal.Transactions.TransactionException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.annotation.Nullable;
import javax.sql.DataSource;

/**
 * {@link JdbcZoneStore#publishAll}: many writes in one transaction, the same rows as that many
 * {@link JdbcZoneStore#publish}es (through {@link VersionRows}), sent in JDBC batches.
 *
 * <p>Steps: lock and read every zone's row (in key order, {@link #CHUNK} zones a statement); decide
 * every write in the order of the writes ({@link VersionRows#decide}: the first that loses throws,
 * before anything is written); write the versions; take the feed positions, all at once and last,
 * so that the feed row (which every publisher needs) is locked only for the last statements; then
 * the positions, journal entries and journal trims.
 */
final class PublishBatch {

  /** Zones per statement: per locking read (its placeholders) and per JDBC batch. */
  static final int CHUNK = 1000;

  /** How often a batch that met one of {@link #RETRY} runs again before it gives up. */
  private static final int ATTEMPTS = 5;

  /**
   * After these the whole batch runs again, and its read decides what the other transaction did:
   * another publisher created one of the zones first (unique violation, 23505), a row changed after
   * it was read (40001, also what {@link #batch} says), a deadlock (40P01).
   */
  private static final String[] RETRY = {"23505", "40001", "40P01"};

  private PublishBatch() {}

  /** One write, its stored form, and what the store holds of its zone (read by each attempt). */
  private static final class Planned {
    final int index;
    final VersionWrite write;
    final String key;
    final byte[] stored;
    final byte[] digest;
    boolean rowExists;
    Optional<SerialNumber> current = Optional.empty();
    @Nullable byte[] currentDigest;
    long currentPosition;
    long position;

    Planned(int index, VersionWrite write) {
      this.index = index;
      this.write = write;
      this.key = StoreSql.key(write.version().origin());
      this.stored = write.version().toBytes();
      this.digest = VersionRows.sha256(stored);
    }
  }

  /** Binds one write into a batched statement; false leaves the write out of this statement. */
  @FunctionalInterface
  private interface Binder {
    boolean bind(PreparedStatement statement, Planned write) throws SQLException;
  }

  /** See {@link ZoneVersionStore#publishAll}. */
  static List<PublishReceipt> publish(
      DataSource dataSource, Dialect dialect, List<VersionWrite> writes) {
    ZoneVersionStore.requireOneWritePerZone(writes);
    if (writes.isEmpty()) {
      return List.of();
    }
    List<Planned> planned = new ArrayList<>(writes.size());
    for (int i = 0; i < writes.size(); i++) {
      planned.add(new Planned(i, writes.get(i)));
    }
    for (int attempt = 1; ; attempt++) {
      try {
        return Transactions.commit(dataSource, c -> run(c, dialect, planned));
      } catch (TransactionException e) {
        if (attempt == ATTEMPTS || e.duringCommit() || !StoreSql.hasSqlState(e, RETRY)) {
          VersionWrite first = writes.get(0);
          throw StoreFailures.writeFailure(
              "publishing "
                  + writes.size()
                  + " zone versions in one transaction (the first: zone "
                  + first.version().origin()
                  + " serial "
                  + first.version().serial()
                  + ")",
              e);
        }
      }
    }
  }

  private static List<PublishReceipt> run(Connection c, Dialect dialect, List<Planned> planned)
      throws SQLException {
    List<Planned> byKey = new ArrayList<>(planned);
    byKey.sort(Comparator.comparing((Planned p) -> p.key));
    for (List<Planned> chunk : chunks(byKey)) {
      lockAndRead(c, chunk);
    }
    PublishReceipt[] receipts = new PublishReceipt[planned.size()];
    List<Planned> winners = new ArrayList<>();
    for (Planned p : planned) {
      Optional<PublishReceipt> stored =
          VersionRows.decide(
              c, p.write, p.key, p.digest, p.current, p.currentDigest, p.currentPosition);
      if (stored.isPresent()) {
        receipts[p.index] = stored.get();
      } else {
        winners.add(p);
      }
    }
    if (winners.isEmpty()) {
      return List.of(receipts);
    }
    List<Planned> winnersByKey = new ArrayList<>(winners);
    winnersByKey.sort(Comparator.comparing((Planned p) -> p.key));
    for (List<Planned> chunk : chunks(winnersByKey)) {
      writeVersions(c, chunk);
    }
    // Last, as in a publish: the feed row stays locked until commit. Positions grow in the order
    // of the writes, as they would after that many publishes.
    long last = StoreSql.nextPositions(c, winners.size());
    long position = last - winners.size();
    for (Planned p : winners) {
      p.position = ++position;
      receipts[p.index] =
          new PublishReceipt(
              p.write.version().origin(), p.write.version().serial(), true, position);
    }
    for (List<Planned> chunk : chunks(winnersByKey)) {
      writePositionsAndJournals(c, chunk);
    }
    dialect.wakeListeners(
        c, winners.size() + " zones at positions " + (last - winners.size() + 1) + " to " + last);
    return List.of(receipts);
  }

  /** Locks the zones' rows and reads what they hold; a zone without a row gets none. */
  private static void lockAndRead(Connection c, List<Planned> chunk) throws SQLException {
    Map<String, Planned> byKey = new HashMap<>();
    for (Planned p : chunk) {
      p.rowExists = false;
      p.current = Optional.empty();
      p.currentDigest = null;
      p.currentPosition = 0;
      byKey.put(p.key, p);
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT zone_name, serial, content_digest, feed_position FROM secdns_zone"
                + " WHERE zone_name IN ("
                + String.join(", ", Collections.nCopies(chunk.size(), "?"))
                + ") ORDER BY zone_name FOR UPDATE")) {
      for (int i = 0; i < chunk.size(); i++) {
        s.setString(i + 1, chunk.get(i).key);
      }
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          Planned p = byKey.get(r.getString(1));
          if (p == null) {
            throw new SQLException("the database returned zone " + r.getString(1) + " unasked");
          }
          p.rowExists = true;
          long serial = r.getLong(2);
          p.current = r.wasNull() ? Optional.empty() : Optional.of(SerialNumber.of(serial));
          p.currentDigest = r.getBytes(3);
          p.currentPosition = r.getLong(4);
        }
      }
    }
  }

  /**
   * Writes each winning write's version, as {@link JdbcZoneStore#publish} does: by compare-and-set
   * still (a row that changed after it was read fails the batch), a new zone's row with position 0.
   */
  private static void writeVersions(Connection c, List<Planned> chunk) throws SQLException {
    batch(
        c,
        VersionRows.overwrite(true),
        chunk,
        (s, p) -> {
          if (p.write.expectedSerial().isEmpty()) {
            return false;
          }
          VersionRows.bindOverwrite(
              s, p.key, p.write.expectedSerial(), p.write.version(), p.stored, p.digest);
          return true;
        });
    // A withdrawn zone keeps its row (serial NULL) and is served again through it.
    batch(
        c,
        VersionRows.overwrite(false),
        chunk,
        (s, p) -> {
          if (p.write.expectedSerial().isPresent() || !p.rowExists) {
            return false;
          }
          VersionRows.bindOverwrite(
              s, p.key, Optional.empty(), p.write.version(), p.stored, p.digest);
          return true;
        });
    batch(
        c,
        VersionRows.INSERT,
        chunk,
        (s, p) -> {
          if (p.write.expectedSerial().isPresent() || p.rowExists) {
            return false;
          }
          VersionRows.bindInsert(s, p.key, p.write.version(), p.stored, p.digest);
          return true;
        });
  }

  /**
   * Writes what {@link JdbcZoneStore#publish} writes after its position is taken: the position, the
   * journal entry, the journal trim.
   */
  private static void writePositionsAndJournals(Connection c, List<Planned> chunk)
      throws SQLException {
    batch(
        c,
        VersionRows.SET_POSITION,
        chunk,
        (s, p) -> {
          VersionRows.bindPosition(s, p.key, p.position);
          return true;
        });
    batch(
        c,
        VersionRows.APPEND_ENTRY,
        chunk,
        (s, p) -> {
          Optional<HistoryEntry> entry = p.write.journalEntry();
          if (entry.isEmpty()) {
            return false;
          }
          VersionRows.bindEntry(s, p.key, p.position, entry.get(), entry.get().toBytes());
          return true;
        });
    // After the entries: the trim counts the new one among those kept.
    try (PreparedStatement s = c.prepareStatement(StoreSql.TRIM_JOURNAL)) {
      for (Planned p : chunk) {
        StoreSql.bindTrimJournal(s, p.key, p.write.journalKeep());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  /**
   * Runs one statement for the writes its binder takes, as one JDBC batch; each must change exactly
   * one row (the rows are locked, so anything else means the read was stale: SQLSTATE 40001, and
   * the batch runs again).
   */
  private static void batch(Connection c, String sql, List<Planned> chunk, Binder binder)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      int added = 0;
      for (Planned p : chunk) {
        if (binder.bind(s, p)) {
          s.addBatch();
          added++;
        }
      }
      if (added == 0) {
        return;
      }
      for (int count : s.executeBatch()) {
        if (count != 1 && count != Statement.SUCCESS_NO_INFO) {
          throw new SQLException("a zone's row changed after this batch had read it", "40001");
        }
      }
    }
  }

  private static List<List<Planned>> chunks(List<Planned> all) {
    List<List<Planned>> chunks = new ArrayList<>();
    for (int from = 0; from < all.size(); from += CHUNK) {
      chunks.add(all.subList(from, Math.min(all.size(), from + CHUNK)));
    }
    return chunks;
  }
}
