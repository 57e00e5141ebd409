package io.github.secdns.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Runs work in one transaction on a connection of the pool: committed, or rolled back whole. */
public final class Transactions {

  private Transactions() {}

  /**
   * Work inside a transaction.
   *
   * @param <T> the result
   */
  @FunctionalInterface
  public interface Work<T> {
    /**
     * Does the work.
     *
     * @param connection the transaction's connection (auto-commit off)
     * @return the result
     * @throws SQLException when a statement fails; the transaction is rolled back
     */
    T run(Connection connection) throws SQLException;
  }

  /** Work inside a transaction that returns nothing. */
  @FunctionalInterface
  public interface Action {
    /**
     * Does the work.
     *
     * @param connection the transaction's connection (auto-commit off)
     * @throws SQLException when a statement fails; the transaction is rolled back
     */
    void run(Connection connection) throws SQLException;
  }

  /** A failure of {@link #commit}: tells whether the commit itself failed (outcome unknown). */
  public static final class TransactionException extends SQLException {
    private static final long serialVersionUID = 1L;

    private final SQLException sqlCause;
    private final boolean duringCommit;

    TransactionException(SQLException cause, boolean duringCommit) {
      super(cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), cause);
      this.sqlCause = cause;
      this.duringCommit = duringCommit;
    }

    /**
     * Tells whether the failure happened while committing, when the database may or may not have
     * committed.
     *
     * @return true when the outcome is unknown
     */
    public boolean duringCommit() {
      return duringCommit;
    }

    /**
     * Returns the database's failure.
     *
     * @return the cause
     */
    public SQLException sqlCause() {
      return sqlCause;
    }
  }

  /**
   * Runs work in one transaction and commits it; any failure rolls it back.
   *
   * @param <T> the result
   * @param dataSource where the connection comes from
   * @param work the work
   * @return the work's result
   * @throws TransactionException when the work, the commit or getting a connection fails
   */
  public static <T> T commit(DataSource dataSource, Work<T> work) throws TransactionException {
    try (Connection connection = dataSource.getConnection()) {
      return commit(connection, work);
    } catch (TransactionException e) {
      throw e;
    } catch (SQLException e) {
      throw new TransactionException(e, false);
    }
  }

  /**
   * Runs work that returns nothing in one transaction and commits it; any failure rolls it back.
   *
   * @param dataSource where the connection comes from
   * @param action the work
   * @throws TransactionException when the work, the commit or getting a connection fails
   */
  public static void run(DataSource dataSource, Action action) throws TransactionException {
    commit(
        dataSource,
        connection -> {
          action.run(connection);
          return Boolean.TRUE;
        });
  }

  /**
   * Runs work in one transaction on a given connection and commits it; any failure rolls it back.
   * The connection's auto-commit mode is restored afterwards.
   *
   * @param <T> the result
   * @param connection the connection
   * @param work the work
   * @return the work's result
   * @throws TransactionException when the work or the commit fails
   */
  public static <T> T commit(Connection connection, Work<T> work) throws TransactionException {
    boolean committing = false;
    try {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        committing = true;
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(connection, e);
        throw e;
      } finally {
        try {
          connection.setAutoCommit(true);
        } catch (SQLException e) {
          // The connection is broken; closing it hands it back to the pool, which discards it.
        }
      }
    } catch (SQLException e) {
      throw new TransactionException(e, committing);
    }
  }

  private static void rollbackQuietly(Connection connection, Exception failure) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      // A connection that cannot roll back is broken; the database rolls the transaction back
      // when the connection goes away.
      failure.addSuppressed(e);
    }
  }
}
