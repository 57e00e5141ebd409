package io.github.secdns.examples.cli;

import io.github.secdns.jdbc.FlywayMigrations;
import io.github.secdns.jdbc.JdbcNotifyAcknowledgements;
import io.github.secdns.jdbc.JdbcZoneStore;
import io.github.secdns.jdbc.ZoneStoreException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Optional;
import java.util.logging.Logger;
import javax.annotation.Nullable;
import javax.sql.DataSource;

/**
 * The database of {@code serve --db} and {@code publish --db}: a JDBC URL (H2 or PostgreSQL, whose
 * drivers the jar carries), migrated with the store's Flyway migrations at every start, and the
 * {@link JdbcZoneStore} on it.
 *
 * <p>The password never appears in the URL a user types (URLs end up in shell history, process
 * lists and logs): it comes from the environment variable {@code SECDNS_DB_PASSWORD}, the user from
 * {@code SECDNS_DB_USER} when the URL names none. Every message names the database by its kind only
 * ({@code jdbc:postgresql}), never by the URL.
 */
final class Database implements AutoCloseable {

  /** The environment variable holding the database password. */
  static final String PASSWORD_VARIABLE = "SECDNS_DB_PASSWORD";

  /** The environment variable holding the database user. */
  static final String USER_VARIABLE = "SECDNS_DB_USER";

  /** The database could not be opened: one line, no URL, no password. */
  static final class Unavailable extends Exception {
    private static final long serialVersionUID = 1L;

    Unavailable(String message) {
      super(message);
    }
  }

  private final JdbcZoneStore store;
  private final JdbcNotifyAcknowledgements acknowledgements;
  private final String kind;
  private final DataSource dataSource;

  private Database(
      JdbcZoneStore store, JdbcNotifyAcknowledgements acks, String kind, DataSource dataSource) {
    this.dataSource = dataSource;
    this.store = store;
    this.acknowledgements = acks;
    this.kind = kind;
  }

  /**
   * Connects, migrates and opens the store.
   *
   * @param url the JDBC URL as given
   * @param environment where the user and password come from ({@link System#getenv} in the jar)
   * @throws UsageException when the URL is not a JDBC URL this jar has a driver for
   * @throws Unavailable when the database cannot be reached or migrated
   */
  static Database open(String url, java.util.function.Function<String, String> environment)
      throws UsageException, Unavailable {
    String kind = kind(url);
    DataSource dataSource =
        new UrlDataSource(
            url,
            Optional.ofNullable(environment.apply(USER_VARIABLE)),
            Optional.ofNullable(environment.apply(PASSWORD_VARIABLE)));
    try {
      FlywayMigrations.migrate(dataSource);
      return new Database(
          JdbcZoneStore.builder(dataSource).build(),
          JdbcNotifyAcknowledgements.on(dataSource),
          kind,
          dataSource);
    } catch (ZoneStoreException e) {
      throw new Unavailable(kind + ": " + Main.oneLine(e));
    }
  }

  /** The URL's scheme, the only part of it messages show. */
  private static String kind(String url) throws UsageException {
    if (url.startsWith("jdbc:h2:")) {
      return "jdbc:h2";
    }
    if (url.startsWith("jdbc:postgresql:")) {
      return "jdbc:postgresql";
    }
    throw new UsageException(
        "--db: a JDBC URL of H2 (jdbc:h2:file:PATH;AUTO_SERVER=TRUE) or PostgreSQL"
            + " (jdbc:postgresql://HOST:PORT/DATABASE) is needed");
  }

  JdbcZoneStore store() {
    return store;
  }

  /** A new connection to the database (the host example's own tables live there too). */
  Connection connection() throws Unavailable {
    try {
      return dataSource.getConnection();
    } catch (SQLException e) {
      throw new Unavailable(
          kind + ": cannot connect (" + Main.oneLine(String.valueOf(e.getMessage())) + ")");
    }
  }

  /** Which serial each NOTIFY target acknowledged, shared by every node on the database. */
  JdbcNotifyAcknowledgements acknowledgements() {
    return acknowledgements;
  }

  /** The database's kind for messages ({@code jdbc:h2}, {@code jdbc:postgresql}). */
  String kind() {
    return kind;
  }

  @Override
  public void close() {
    store.close();
  }

  @Override
  public String toString() {
    return "Database[" + kind + "]";
  }

  /**
   * One connection per call from the driver (no pool: the store holds a connection only per
   * operation, the feed and the lease their own). The password is held here and nowhere else.
   */
  private static final class UrlDataSource implements DataSource {
    private final String url;
    private final Optional<String> user;
    private final Optional<String> password;

    UrlDataSource(String url, Optional<String> user, Optional<String> password) {
      this.url = url;
      this.user = user;
      this.password = password;
    }

    @Override
    public Connection getConnection() throws SQLException {
      java.util.Properties p = new java.util.Properties();
      user.ifPresent(u -> p.setProperty("user", u));
      password.ifPresent(s -> p.setProperty("password", s));
      return DriverManager.getConnection(url, p);
    }

    @Override
    public Connection getConnection(String username, String pass) throws SQLException {
      return DriverManager.getConnection(url, username, pass);
    }

    @Override
    @Nullable
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return false;
    }

    @Override
    public String toString() {
      return "UrlDataSource[" + url.substring(0, url.indexOf(':', 5)) + "]";
    }
  }
}
