package io.github.secdns.jdbc;

import io.github.secdns.jdbc.internal.Dialect;
import io.github.secdns.jdbc.internal.Transactions.TransactionException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * How the stores of this module connect the first time and word their failures: one line, the
 * operation, what became of a write, never a password or a URL (driver messages may span lines and
 * only their first is kept).
 */
final class StoreFailures {

  /** A statement that succeeds only when the part of the schema a store needs is there. */
  @FunctionalInterface
  interface SchemaProbe {
    void check(Connection connection) throws SQLException;
  }

  private StoreFailures() {}

  /**
   * Connects once to recognize the database and to check that the schema is there.
   *
   * @param dataSource the host's data source
   * @param probe fails when the schema (or the part of it the store needs) is missing
   * @return the database's dialect
   * @throws ZoneStoreException when the database cannot be reached, is neither PostgreSQL nor H2,
   *     or lacks the schema (the message says which, in one line)
   */
  static Dialect connect(DataSource dataSource, SchemaProbe probe) {
    try (Connection c = dataSource.getConnection()) {
      Dialect dialect = Dialect.of(c);
      try {
        probe.check(c);
      } catch (SQLException e) {
        throw new ZoneStoreException(
            "the database has no secdns schema (or an incomplete one): apply the migrations in"
                + " db/migration/"
                + dialect.migrationFolder()
                + " first (FlywayMigrations.migrate does); "
                + oneLine(e),
            e);
      }
      return dialect;
    } catch (SQLException e) {
      throw new ZoneStoreException("cannot reach the database: " + oneLine(e), e);
    }
  }

  /** A failed read (or a write that failed before it wrote anything). */
  static ZoneStoreException failure(String what, Throwable e) {
    return new ZoneStoreException(what + ": " + oneLine(e), e);
  }

  /** A failed transaction, saying whether it may have been written. */
  static ZoneStoreException writeFailure(String what, TransactionException e) {
    String outcome =
        e.duringCommit()
            ? "; the connection failed while committing, so it may or may not have been written"
                + " (writing the same again is safe)"
            : "; nothing was written";
    return new ZoneStoreException(what + " failed: " + oneLine(e.sqlCause()) + outcome, e);
  }

  /** The first line of a failure's message: driver messages may span lines. */
  static String oneLine(Throwable e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return e.getClass().getSimpleName();
    }
    int end = message.indexOf('\n');
    return (end < 0 ? message : message.substring(0, end)).strip();
  }
}
