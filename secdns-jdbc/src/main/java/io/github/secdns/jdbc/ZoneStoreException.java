package io.github.secdns.jdbc;

/**
 * A failure of the database behind a {@link JdbcZoneStore} or a {@link JdbcCatalogLabelStore}:
 * unreachable, a statement or a commit failed, the schema is missing, or a stored version or label
 * cannot be read.
 *
 * <p>The message names the operation and the zone (or catalog and member) and says what became of
 * the write; it never holds a password, a connection URL or a TSIG secret. The cause is the
 * driver's {@link java.sql.SQLException} when there is one.
 */
public final class ZoneStoreException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed, one line
   * @param cause the database's failure, or null
   */
  public ZoneStoreException(String message, @javax.annotation.Nullable Throwable cause) {
    super(message, cause);
  }
}
