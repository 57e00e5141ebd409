package io.github.secdns.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A database-wide lock held while the schema is migrated, on a connection of its own: nodes that
 * start together on one database migrate one after the other.
 *
 * <p>PostgreSQL: a session advisory lock (released explicitly, and by the server if the connection
 * drops). H2: the row of a one-row table locked {@code FOR UPDATE} in an open transaction (H2 has
 * no advisory locks), with the session's lock timeout raised to a minute so that a node waits for a
 * migration under way instead of failing after H2's default second.
 *
 * <p>Not thread-safe: one instance per migration, on the thread that migrates.
 */
final class MigrationLock {

  /** An arbitrary constant that names the secdns migration among advisory locks (PostgreSQL). */
  private static final long ADVISORY_KEY = 0x5ECD_4E5_0001L;

  private static final int H2_WAIT_MILLIS = 60_000;

  private final Connection connection;
  private final boolean postgresql;

  private MigrationLock(Connection connection, boolean postgresql) {
    this.connection = connection;
    this.postgresql = postgresql;
  }

  /**
   * Takes the lock, waiting while another node holds it.
   *
   * @param connection a connection used only for the lock, closed by the caller after {@link
   *     #release}
   * @param postgresql whether the database is PostgreSQL (else H2)
   * @return the held lock
   * @throws SQLException when the lock cannot be taken
   */
  static MigrationLock acquire(Connection connection, boolean postgresql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      if (postgresql) {
        s.execute("SELECT pg_advisory_lock(" + ADVISORY_KEY + ")");
      } else {
        s.execute("CREATE TABLE IF NOT EXISTS SECDNS_MIGRATION_LOCK (ID INT PRIMARY KEY)");
        s.execute("MERGE INTO SECDNS_MIGRATION_LOCK KEY (ID) VALUES (1)");
        s.execute("SET LOCK_TIMEOUT " + H2_WAIT_MILLIS);
        connection.setAutoCommit(false);
        s.execute("SELECT ID FROM SECDNS_MIGRATION_LOCK WHERE ID = 1 FOR UPDATE");
      }
    }
    return new MigrationLock(connection, postgresql);
  }

  /**
   * Lets the next node migrate.
   *
   * @throws SQLException when the database cannot be told (the lock then ends with the connection)
   */
  void release() throws SQLException {
    if (postgresql) {
      try (Statement s = connection.createStatement()) {
        s.execute("SELECT pg_advisory_unlock(" + ADVISORY_KEY + ")");
      }
    } else {
      connection.commit();
      connection.setAutoCommit(true);
    }
  }
}
