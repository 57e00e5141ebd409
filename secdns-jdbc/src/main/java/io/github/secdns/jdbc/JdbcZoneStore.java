package io.github.secdns.jdbc;

import io.github.secdns.core.serial.SerialNumber;
import io.github.secdns.core.store.FeedSubscription;
import io.github.secdns.core.store.PublishReceipt;
import io.github.secdns.core.store.StoreWarning;
import io.github.secdns.core.store.StoredZone;
import io.github.secdns.core.store.VersionChange;
import io.github.secdns.core.store.VersionConflictException;
import io.github.secdns.core.store.VersionFeedListener;
import io.github.secdns.core.store.VersionWrite;
import io.github.secdns.core.store.ZoneVersionStore;
import io.github.secdns.core.zone.HistoryEntry;
import io.github.secdns.core.zone.ZoneFormatException;
import io.github.secdns.core.zone.ZoneJournal;
import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.jdbc.internal.Dialect;
import io.github.secdns.jdbc.internal.FeedWatcher;
import io.github.secdns.jdbc.internal.JournalCheck;
import io.github.secdns.jdbc.internal.StoreSql;
import io.github.secdns.jdbc.internal.Transactions;
import io.github.secdns.jdbc.internal.Transactions.TransactionException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.annotation.Nullable;
import javax.sql.DataSource;
import org.xbill.DNS.Name;

/**
 * The {@link ZoneVersionStore} and {@link ZoneJournal} on a relational database through plain JDBC:
 * PostgreSQL (15 and later) or H2 (2.x, in memory or in a file).
 *
 * <p>One row per zone holds its current version in secdns-core's binary form ({@link
 * ZoneSnapshot#toBytes()}: the records' wire form and a CRC32C, one value per version, not one row
 * per record); one row per delta holds the IXFR journal ({@link HistoryEntry#toBytes()}). {@link
 * #publish} is a compare-and-set on the zone's row and writes the version, the journal entry, the
 * journal trim and the change-feed position in one transaction; {@link #publishAll} does it for
 * many zones in one transaction, in JDBC batches. The schema comes from the SQL migrations shipped
 * in this jar ({@link StoreSchema}); apply them first ({@link FlywayMigrations} or the host's own
 * tool).
 *
 * <pre>{@code
 * FlywayMigrations.migrate(dataSource);
 * JdbcZoneStore store = JdbcZoneStore.builder(dataSource).warnings(w -> log.warn(w.message())).build();
 * store.publishNext(snapshot, clock);                    // or publish(VersionWrite.between(...))
 * long position = store.loadAll(zone -> serve(zone), w -> log.warn(w.message()));
 * FeedSubscription feed = store.watch(position, changes -> load and serve each);
 * LeaderLease notifier = store.leaderLease("notify", nodeId, Duration.ofSeconds(10), listener);
 * }</pre>
 *
 * <p>Connections come from the host's {@link DataSource}, normally a pool: one per operation,
 * returned at once, plus one held by each {@link #watch} subscription. Passwords stay in the data
 * source; no message of this store holds one.
 *
 * <p>Threading: thread-safe. Every method may block on the database, so never call one on a network
 * I/O thread. {@link #watch} and {@link #leaderLease} start one thread each; {@link #close()} stops
 * them.
 */
public final class JdbcZoneStore implements ZoneVersionStore, AutoCloseable {

  private static final AtomicInteger STORES = new AtomicInteger();

  private final DataSource dataSource;
  private final Dialect dialect;
  private final Consumer<StoreWarning> warnings;
  private final Duration pollInterval;
  private final ThreadFactory threadFactory;
  private final Set<AutoCloseable> running = ConcurrentHashMap.newKeySet();
  private final ZoneJournal journal = new Journal();
  private volatile boolean closed;

  private JdbcZoneStore(Builder b, Dialect dialect) {
    this.dataSource = b.dataSource;
    this.dialect = dialect;
    this.warnings = b.warnings;
    this.pollInterval = b.pollInterval;
    this.threadFactory = b.threadFactory != null ? b.threadFactory : daemonThreads();
  }

  private static ThreadFactory daemonThreads() {
    int store = STORES.incrementAndGet();
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "secdns-jdbc-" + store + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * Starts building a store on a data source.
   *
   * @param dataSource where connections come from; the host keeps owning it
   * @return the builder
   */
  public static Builder builder(DataSource dataSource) {
    return new Builder(dataSource);
  }

  /** Builds a {@link JdbcZoneStore}. Not thread-safe. */
  public static final class Builder {
    private final DataSource dataSource;
    private Consumer<StoreWarning> warnings = w -> {};
    private Duration pollInterval = Duration.ofMillis(250);
    @Nullable private ThreadFactory threadFactory;

    private Builder(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Where the {@link #journal()} view reports a journal it could not trust (it has no other way
     * to say it). {@link #load} and {@link #loadAll} return their warnings instead. By default they
     * are dropped.
     *
     * @param warnings receives each warning, on the thread that loaded the journal
     * @return this builder
     */
    public Builder warnings(Consumer<StoreWarning> warnings) {
      this.warnings = Objects.requireNonNull(warnings, "warnings");
      return this;
    }

    /**
     * How often the change feed reads the database on H2, which cannot wake it: the feed's delay
     * (default 250 ms). On PostgreSQL LISTEN/NOTIFY wakes the feed at once, and it re-reads unwoken
     * only every 5 seconds (or this interval, if longer), for commits made without the store. The
     * interval also paces retries after the database failed.
     *
     * @param pollInterval between 10 ms and 1 minute
     * @return this builder
     */
    public Builder pollInterval(Duration pollInterval) {
      if (pollInterval.compareTo(Duration.ofMillis(10)) < 0
          || pollInterval.compareTo(Duration.ofMinutes(1)) > 0) {
        throw new IllegalArgumentException(
            "the poll interval is between 10 ms and 1 minute, not " + pollInterval);
      }
      this.pollInterval = pollInterval;
      return this;
    }

    /**
     * Makes the threads of {@link #watch} and {@link #leaderLease}. By default daemon threads named
     * {@code secdns-jdbc-<store>-<n>}.
     *
     * @param threadFactory the factory
     * @return this builder
     */
    public Builder threadFactory(ThreadFactory threadFactory) {
      this.threadFactory = Objects.requireNonNull(threadFactory, "threadFactory");
      return this;
    }

    /**
     * Connects once to recognize the database and check that the schema is there.
     *
     * @return the store
     * @throws ZoneStoreException when the database cannot be reached, is neither PostgreSQL nor H2,
     *     or lacks the schema (the message says which, in one line)
     */
    public JdbcZoneStore build() {
      Dialect dialect = StoreFailures.connect(dataSource, StoreSql::currentPosition);
      return new JdbcZoneStore(this, dialect);
    }
  }

  @Override
  public Optional<StoredZone> load(Name zone) {
    requireOpen();
    String key = StoreSql.key(zone);
    try (Connection c = dataSource.getConnection()) {
      long serial;
      long position;
      byte[] stored;
      try (PreparedStatement p =
          c.prepareStatement(
              "SELECT serial, feed_position, snapshot FROM secdns_zone"
                  + " WHERE zone_name = ? AND serial IS NOT NULL")) {
        p.setString(1, key);
        try (ResultSet r = p.executeQuery()) {
          if (!r.next()) {
            return Optional.empty();
          }
          serial = r.getLong(1);
          position = r.getLong(2);
          stored = r.getBytes(3);
        }
      }
      ZoneSnapshot snapshot;
      try {
        snapshot = version(zone, serial, stored);
      } catch (ZoneFormatException e) {
        throw new ZoneStoreException(unreadable(zone, serial, e).message(), e);
      }
      // Rows written after the version was read belong to a newer version: left out, so the
      // journal never runs ahead of the version.
      List<JournalCheck.Row> rows = new ArrayList<>();
      try (PreparedStatement p =
          c.prepareStatement(
              "SELECT feed_position, from_serial, to_serial, entry FROM secdns_journal"
                  + " WHERE zone_name = ? AND feed_position <= ? ORDER BY feed_position")) {
        p.setString(1, key);
        p.setLong(2, position);
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            rows.add(journalRow(r, 1));
          }
        }
      }
      return Optional.of(stored(snapshot, rows, position));
    } catch (SQLException e) {
      throw StoreFailures.failure("loading zone " + zone + " failed", e);
    }
  }

  @Override
  public long loadAll(Consumer<StoredZone> zones, Consumer<StoreWarning> unreadable) {
    requireOpen();
    try (Connection c = dataSource.getConnection()) {
      // PostgreSQL streams a result (fetch size) only inside a transaction.
      c.setAutoCommit(false);
      try {
        long start = StoreSql.currentPosition(c);
        try (PreparedStatement zq =
                c.prepareStatement(
                    "SELECT zone_name, serial, feed_position, snapshot FROM secdns_zone"
                        + " WHERE serial IS NOT NULL ORDER BY zone_name");
            PreparedStatement jq =
                c.prepareStatement(
                    "SELECT zone_name, feed_position, from_serial, to_serial, entry"
                        + " FROM secdns_journal ORDER BY zone_name, feed_position")) {
          zq.setFetchSize(256);
          jq.setFetchSize(1024);
          try (ResultSet zr = zq.executeQuery();
              ResultSet jr = jq.executeQuery()) {
            JournalCursor journalRows = new JournalCursor(jr);
            while (zr.next()) {
              String key = zr.getString(1);
              long serial = zr.getLong(2);
              long position = zr.getLong(3);
              Name zone = StoreSql.name(key);
              List<JournalCheck.Row> rows = journalRows.rowsOf(key, position);
              ZoneSnapshot snapshot;
              try {
                snapshot = version(zone, serial, zr.getBytes(4));
              } catch (ZoneFormatException e) {
                unreadable.accept(unreadable(zone, serial, e));
                continue;
              }
              zones.accept(stored(snapshot, rows, position));
            }
          }
        }
        c.commit();
        return start;
      } finally {
        try {
          c.rollback();
          c.setAutoCommit(true);
        } catch (SQLException e) {
          // A broken connection goes back to the pool, which discards it.
        }
      }
    } catch (SQLException e) {
      throw StoreFailures.failure("loading every zone failed", e);
    }
  }

  /** Walks the journal rows (ordered by zone key, then position) alongside the zone rows. */
  private static final class JournalCursor {
    private final ResultSet rows;
    private boolean hasRow;
    private boolean started;

    JournalCursor(ResultSet rows) {
      this.rows = rows;
    }

    List<JournalCheck.Row> rowsOf(String key, long upToPosition) throws SQLException {
      if (!started) {
        started = true;
        hasRow = rows.next();
      }
      // Keys are ASCII and both queries order them by octet, like String.compareTo.
      while (hasRow && rows.getString(1).compareTo(key) < 0) {
        hasRow = rows.next();
      }
      List<JournalCheck.Row> found = new ArrayList<>();
      while (hasRow && rows.getString(1).equals(key)) {
        JournalCheck.Row row = journalRow(rows, 2);
        if (row.position() <= upToPosition) {
          found.add(row);
        }
        hasRow = rows.next();
      }
      return found;
    }
  }

  private static JournalCheck.Row journalRow(ResultSet r, int first) throws SQLException {
    return new JournalCheck.Row(
        r.getLong(first), r.getLong(first + 1), r.getLong(first + 2), r.getBytes(first + 3));
  }

  /**
   * Reads a version row: secdns-core's binary form ({@link ZoneSnapshot#fromBytes}, CRC32C), which
   * must hold the zone and serial of its row.
   *
   * @throws ZoneFormatException when it cannot be read or belongs to another row
   */
  private static ZoneSnapshot version(Name zone, long serial, byte[] stored) {
    ZoneSnapshot snapshot = ZoneSnapshot.fromBytes(stored);
    if (!snapshot.origin().equals(zone) || snapshot.serial().value() != serial) {
      throw new ZoneFormatException(
          "holds "
              + snapshot.origin()
              + " serial "
              + snapshot.serial()
              + " in a row of "
              + zone
              + " serial "
              + serial,
          false);
    }
    return snapshot;
  }

  private static StoreWarning unreadable(Name zone, long serial, ZoneFormatException e) {
    return new StoreWarning(
        zone,
        StoreWarning.Code.VERSION_UNREADABLE,
        "zone "
            + zone
            + ": the stored version (serial "
            + serial
            + ") cannot be read: "
            + e.getMessage()
            + "; the zone is not served from the store until a new version is published");
  }

  private static StoredZone stored(ZoneSnapshot snapshot, List<JournalCheck.Row> rows, long pos) {
    JournalCheck.Result journal =
        JournalCheck.check(snapshot.origin(), rows, Optional.of(snapshot.serial()));
    return new StoredZone(snapshot, journal.entries(), pos, journal.warning().stream().toList());
  }

  @Override
  public PublishReceipt publish(VersionWrite write) {
    requireOpen();
    ZoneSnapshot version = write.version();
    Name zone = version.origin();
    String key = StoreSql.key(zone);
    SerialNumber serial = version.serial();
    byte[] stored = version.toBytes();
    byte[] digest = VersionRows.sha256(stored);
    // The same serial as expected: a republish. Its content must not replace the stored one, so
    // only the comparison below decides (already there, or the serial is taken).
    boolean republish = write.expectedSerial().map(serial::equals).orElse(false);
    if (!republish) {
      byte[] entry = write.journalEntry().map(HistoryEntry::toBytes).orElse(null);
      try {
        OptionalLong position =
            Transactions.commit(
                dataSource,
                c -> {
                  boolean won =
                      write.expectedSerial().isPresent()
                          ? overwrite(c, key, write.expectedSerial(), version, stored, digest)
                          : create(c, key, version, stored, digest);
                  if (!won) {
                    return OptionalLong.empty();
                  }
                  // Last: the feed row stays locked until commit.
                  long p = StoreSql.nextPosition(c);
                  setPosition(c, key, p);
                  if (entry != null) {
                    appendEntry(c, key, p, write.journalEntry().get(), entry);
                  }
                  StoreSql.trimJournal(c, key, write.journalKeep());
                  dialect.wakeListeners(c, key + " " + serial + " " + p);
                  return OptionalLong.of(p);
                });
        if (position.isPresent()) {
          return new PublishReceipt(zone, serial, true, position.getAsLong());
        }
      } catch (TransactionException e) {
        if (!StoreSql.isUniqueViolation(e)) {
          throw StoreFailures.writeFailure("publishing zone " + zone + " serial " + serial, e);
        }
        // Another publisher created the zone first: decided below like a lost compare-and-set.
      }
    }
    return afterLostRace(write, key, digest);
  }

  /**
   * {@inheritDoc}
   *
   * <p>One transaction whatever the number of writes, its statements sent in JDBC batches of a
   * thousand rows: every zone's row is locked and read first (in key order, so that two batches
   * never wait for each other in a circle), every write decided as {@link #publish} decides it, and
   * only then written; the feed positions are taken last, all at once, so the feed row is locked
   * only for the last statements. On PostgreSQL one NOTIFY wakes the other nodes for the whole
   * batch; they read the changes from the feed as always.
   */
  @Override
  public List<PublishReceipt> publishAll(List<VersionWrite> writes) {
    requireOpen();
    return PublishBatch.publish(dataSource, dialect, writes);
  }

  /** Decides what a publish that did not win its compare-and-set gets. */
  private PublishReceipt afterLostRace(VersionWrite write, String key, byte[] digest) {
    ZoneSnapshot version = write.version();
    Name zone = version.origin();
    SerialNumber serial = version.serial();
    try (Connection c = dataSource.getConnection()) {
      Optional<SerialNumber> current = Optional.empty();
      try (PreparedStatement p =
          c.prepareStatement(
              "SELECT serial, content_digest, feed_position FROM secdns_zone"
                  + " WHERE zone_name = ? AND serial IS NOT NULL")) {
        p.setString(1, key);
        try (ResultSet r = p.executeQuery()) {
          if (r.next()) {
            current = Optional.of(SerialNumber.of(r.getLong(1)));
            Optional<PublishReceipt> stored =
                VersionRows.decide(c, write, key, digest, current, r.getBytes(2), r.getLong(3));
            if (stored.isPresent()) {
              return stored.get();
            }
          }
        }
      }
      // Also when the row holds the expected serial again by now: this write lost to another.
      throw VersionConflictException.of(
          write, VersionConflictException.Reason.CURRENT_MOVED, current);
    } catch (SQLException e) {
      throw StoreFailures.failure(
          "publishing zone " + zone + " serial " + serial + " failed; nothing was written", e);
    }
  }

  private static boolean overwrite(
      Connection c,
      String key,
      Optional<SerialNumber> expected,
      ZoneSnapshot version,
      byte[] stored,
      byte[] digest)
      throws SQLException {
    try (PreparedStatement p = c.prepareStatement(VersionRows.overwrite(expected.isPresent()))) {
      VersionRows.bindOverwrite(p, key, expected, version, stored, digest);
      return p.executeUpdate() == 1;
    }
  }

  private static boolean create(
      Connection c, String key, ZoneSnapshot version, byte[] stored, byte[] digest)
      throws SQLException {
    // A withdrawn zone keeps its row (serial NULL) and is served again through it.
    if (overwrite(c, key, Optional.empty(), version, stored, digest)) {
      return true;
    }
    // A row that exists makes this a unique violation: the caller decides as for a lost race.
    try (PreparedStatement p = c.prepareStatement(VersionRows.INSERT)) {
      VersionRows.bindInsert(p, key, version, stored, digest);
      p.executeUpdate();
      return true;
    }
  }

  private static void setPosition(Connection c, String key, long position) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(VersionRows.SET_POSITION)) {
      VersionRows.bindPosition(p, key, position);
      p.executeUpdate();
    }
  }

  private static void appendEntry(
      Connection c, String key, long position, HistoryEntry entry, byte[] stored)
      throws SQLException {
    try (PreparedStatement p = c.prepareStatement(VersionRows.APPEND_ENTRY)) {
      VersionRows.bindEntry(p, key, position, entry, stored);
      p.executeUpdate();
    }
  }

  @Override
  public void withdraw(Name zone, SerialNumber expectedSerial) {
    requireOpen();
    String key = StoreSql.key(zone);
    boolean done;
    try {
      done =
          Transactions.commit(
              dataSource,
              c -> {
                try (PreparedStatement p =
                    c.prepareStatement(
                        "UPDATE secdns_zone SET serial = NULL, content_digest = NULL,"
                            + " record_count = NULL, snapshot = NULL,"
                            + " published_at = CURRENT_TIMESTAMP"
                            + " WHERE zone_name = ? AND serial = ?")) {
                  p.setString(1, key);
                  p.setLong(2, expectedSerial.value());
                  if (p.executeUpdate() != 1) {
                    return false;
                  }
                }
                long position = StoreSql.nextPosition(c);
                setPosition(c, key, position);
                StoreSql.trimJournal(c, key, 0);
                dialect.wakeListeners(c, key + " withdrawn " + position);
                return true;
              });
    } catch (TransactionException e) {
      throw StoreFailures.writeFailure("withdrawing zone " + zone, e);
    }
    if (!done) {
      throw new VersionConflictException(
          zone,
          VersionConflictException.Reason.CURRENT_MOVED,
          Optional.empty(),
          Optional.of(expectedSerial),
          currentSerial(zone, key));
    }
  }

  private Optional<SerialNumber> currentSerial(Name zone, String key) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement p =
            c.prepareStatement(
                "SELECT serial FROM secdns_zone WHERE zone_name = ? AND serial IS NOT NULL")) {
      p.setString(1, key);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? Optional.of(SerialNumber.of(r.getLong(1))) : Optional.empty();
      }
    } catch (SQLException e) {
      throw StoreFailures.failure("reading zone " + zone + " failed", e);
    }
  }

  @Override
  public List<VersionChange> changesSince(long position, int limit) {
    requireOpen();
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
    try (Connection c = dataSource.getConnection()) {
      return StoreSql.changesSince(c, position, limit);
    } catch (SQLException e) {
      throw StoreFailures.failure("reading the change feed failed", e);
    }
  }

  @Override
  public FeedSubscription watch(long position, VersionFeedListener listener) {
    requireOpen();
    Objects.requireNonNull(listener, "listener");
    FeedWatcher[] self = new FeedWatcher[1];
    FeedWatcher watcher =
        new FeedWatcher(
            dataSource,
            dialect,
            position,
            listener,
            pollInterval,
            threadFactory,
            StoreFailures::failure,
            () -> running.remove(self[0]));
    self[0] = watcher;
    running.add(watcher);
    return watcher;
  }

  /**
   * Starts taking part in the election of one node for a duty, through a lease row (see {@link
   * LeaderLease}). Every node of the duty calls this with the same {@code name} and its own {@code
   * nodeId}.
   *
   * @param name the duty, for example {@code "notify"}; 1 to 200 characters
   * @param nodeId this node's name for people (host name, pod name); at most 250 characters. A
   *     random suffix keeps two instances apart even when they share it
   * @param ttl how long a lease lasts without renewal: the longest takeover time after a holder
   *     dies; between 300 ms and 1 hour (10 s suits most hosts)
   * @param listener hears election and loss
   * @return the running lease; close it to step down
   */
  public LeaderLease leaderLease(
      String name, String nodeId, Duration ttl, LeadershipListener listener) {
    requireOpen();
    LeaderLease[] self = new LeaderLease[1];
    LeaderLease lease =
        new LeaderLease(
            dataSource,
            name,
            nodeId,
            ttl,
            listener,
            threadFactory,
            () -> running.remove(self[0]),
            System::nanoTime);
    self[0] = lease;
    running.add(lease);
    return lease;
  }

  /**
   * Returns this store's IXFR journal as the {@link ZoneJournal} SPI, for a single node that serves
   * through {@code PublishedZones} and lets the responder keep the history ({@code
   * AxfrResponder.Builder.journal}). Nodes sharing the store get the journal from {@link #load}
   * instead: only {@link #publish} writes it then.
   *
   * <p>A journal it cannot trust loads as empty (full transfers) and is reported to {@link
   * Builder#warnings}.
   *
   * @return the journal view
   */
  public ZoneJournal journal() {
    return journal;
  }

  private final class Journal implements ZoneJournal {

    @Override
    public List<HistoryEntry> load(Name zone) {
      requireOpen();
      String key = StoreSql.key(zone);
      List<JournalCheck.Row> rows = new ArrayList<>();
      try (Connection c = dataSource.getConnection();
          PreparedStatement p =
              c.prepareStatement(
                  "SELECT feed_position, from_serial, to_serial, entry FROM secdns_journal"
                      + " WHERE zone_name = ? ORDER BY feed_position")) {
        p.setString(1, key);
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            rows.add(journalRow(r, 1));
          }
        }
      } catch (SQLException e) {
        throw StoreFailures.failure("loading the journal of zone " + zone + " failed", e);
      }
      JournalCheck.Result result = JournalCheck.check(zone, rows, Optional.empty());
      result.warning().ifPresent(warnings);
      return result.entries();
    }

    @Override
    public void append(Name zone, HistoryEntry entry) {
      requireOpen();
      String key = StoreSql.key(zone);
      byte[] stored = entry.toBytes();
      try {
        Transactions.run(
            dataSource,
            c -> {
              if (isNewest(c, key, stored)) {
                return; // appended before (a retry after a lost answer)
              }
              appendEntry(c, key, StoreSql.nextPosition(c), entry, stored);
            });
      } catch (TransactionException e) {
        throw StoreFailures.writeFailure(
            "appending the journal entry "
                + entry.delta().fromSerial()
                + " -> "
                + entry.delta().toSerial()
                + " of zone "
                + zone,
            e);
      }
    }

    private boolean isNewest(Connection c, String key, byte[] stored) throws SQLException {
      try (PreparedStatement p =
          c.prepareStatement(
              "SELECT entry FROM secdns_journal WHERE zone_name = ?"
                  + " ORDER BY feed_position DESC FETCH FIRST 1 ROW ONLY")) {
        p.setString(1, key);
        try (ResultSet r = p.executeQuery()) {
          return r.next() && Arrays.equals(r.getBytes(1), stored);
        }
      }
    }

    @Override
    public void keepNewest(Name zone, int count) {
      requireOpen();
      if (count < 0) {
        throw new IllegalArgumentException("count must not be negative, was " + count);
      }
      try {
        Transactions.run(dataSource, c -> StoreSql.trimJournal(c, StoreSql.key(zone), count));
      } catch (TransactionException e) {
        throw StoreFailures.writeFailure("trimming the journal of zone " + zone, e);
      }
    }

    @Override
    public String toString() {
      return "JdbcZoneStore.journal[" + dialect + "]";
    }
  }

  /**
   * Stops every running {@link #watch} subscription and {@link #leaderLease} (releasing held
   * leases). The data source stays open: it is the host's. Idempotent; afterwards every method
   * throws {@link IllegalStateException}.
   */
  @Override
  public void close() {
    closed = true;
    for (AutoCloseable c : List.copyOf(running)) {
      try {
        c.close();
      } catch (Exception e) {
        // FeedWatcher and LeaderLease do not throw from close.
      }
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("this JdbcZoneStore is closed");
    }
  }

  @Override
  public String toString() {
    return "JdbcZoneStore[" + dialect + "]";
  }
}
