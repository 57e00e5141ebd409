package io.github.secdns.examples.cli;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.pool.HikariPool;
import io.github.secdns.jdbc.FlywayMigrations;
import io.github.secdns.jdbc.JdbcNotifyAcknowledgements;
import io.github.secdns.jdbc.JdbcZoneStore;
import io.github.secdns.jdbc.ZoneStoreException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.logging.Logger;
import javax.annotation.Nullable;
import javax.sql.DataSource;

/**
 * The database of {@code serve --db}, {@code publish --db} and {@code secdns host}: a JDBC URL (H2
 * or PostgreSQL, whose drivers the jar carries), migrated with the store's Flyway migrations at
 * every start, and the {@link JdbcZoneStore} on it, all through one HikariCP pool of {@link
 * #POOL_SIZE} connections (the store takes a connection per operation: a physical connection each
 * cost 4.5-8.3 ms on PostgreSQL, two per zone when the host published 20,000 zones). {@link #close}
 * stops the store and then the pool, with its threads.
 *
 * <p>The password never appears in the URL a user types (URLs end up in shell history, process
 * lists and logs): it comes from the environment variable {@code SECDNS_DB_PASSWORD}, the user from
 * {@code SECDNS_DB_USER} when the URL names none. Every message of this class names the database by
 * its kind ({@code jdbc:postgresql}), never by the URL; a driver's reason quoted after it may name
 * the host and port it could not reach ({@code Connection refused: 127.0.0.1:5432}), never the URL
 * or a password.
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

  /**
   * The most connections the pool opens. One process holds at once: the change feed's own
   * connection for as long as it watches ({@code JdbcZoneStore.watch}: {@code serve --db} and
   * {@code host serve}, through {@code StoredZoneSource}; it waits in it for PostgreSQL's
   * notifications), the host example's connection for its lifetime ({@link #connection()}, every
   * {@code secdns host} command), the NOTIFY lease's transaction every {@code ttl/3} (short, but it
   * must get a connection in time to renew), and the store's operations, each holding one only
   * while it runs: the zone source's loads (one thread), publishes (the host's thread, the
   * zone-file watcher of {@code serve}), NOTIFY acknowledgements (the sender's thread), and at
   * start the migration (its lock plus Flyway's own one or two). That is at most six at once; eight
   * leave two to spare and stay far below PostgreSQL's {@code max_connections} (100) with several
   * nodes.
   */
  static final int POOL_SIZE = 8;

  /**
   * How long an operation waits for a connection before it fails. Each holds one for milliseconds
   * (a 1M-record publish: seconds), so a wait this long means every connection is taken (a leak) or
   * the database cannot be reached; the failure then says which, in one line, instead of waiting
   * forever. Short enough for the lease: a round that waits this long for its connection (it starts
   * {@code ttl/3} = 3.3 s after the last renewal) still renews before the 9 s after which this node
   * stops counting itself leader.
   */
  static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(5);

  private static final AtomicInteger POOLS = new AtomicInteger();

  private final JdbcZoneStore store;
  private final JdbcNotifyAcknowledgements acknowledgements;
  private final String kind;
  private final Pool pool;

  private Database(JdbcZoneStore store, JdbcNotifyAcknowledgements acks, String kind, Pool pool) {
    this.pool = pool;
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
  static Database open(String url, Function<String, String> environment)
      throws UsageException, Unavailable {
    return open(url, environment, CONNECTION_TIMEOUT);
  }

  /**
   * Opens the database for a command run once ({@code publish}, {@code withdraw}), from the
   * environment's user and password, or says on {@code err} in one line why it cannot ({@code
   * COMMAND: reason}) and returns empty: the command then exits with {@link ExitCode#FAILED}.
   *
   * @throws UsageException when the URL is not a JDBC URL this jar has a driver for
   */
  static Optional<Database> openFor(String command, String url, PrintStream err)
      throws UsageException {
    try {
      return Optional.of(open(url, System::getenv));
    } catch (Unavailable e) {
      err.println(command + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  /** {@link #open(String, Function)} with another wait for a free connection (tests). */
  static Database open(String url, Function<String, String> environment, Duration connectionTimeout)
      throws UsageException, Unavailable {
    String kind = kind(url);
    Pool pool =
        Pool.start(
            new UrlDataSource(
                url,
                kind,
                Optional.ofNullable(environment.apply(USER_VARIABLE)),
                Optional.ofNullable(environment.apply(PASSWORD_VARIABLE))),
            kind,
            connectionTimeout);
    boolean opened = false;
    try {
      FlywayMigrations.migrate(pool);
      Database db =
          new Database(
              JdbcZoneStore.builder(pool).build(), JdbcNotifyAcknowledgements.on(pool), kind, pool);
      opened = true;
      return db;
    } catch (ZoneStoreException e) {
      throw new Unavailable(kind + ": " + Main.oneLine(e));
    } finally {
      if (!opened) {
        pool.close();
      }
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

  /**
   * A connection of the pool (the host example's own tables live there too, and it holds this one
   * for its lifetime); closing it gives it back.
   */
  Connection connection() throws Unavailable {
    try {
      return pool.getConnection();
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

  /** The pool's counts now (tests). */
  HikariPoolMXBean poolState() {
    return pool.getHikariPoolMXBean();
  }

  /** The pool's name, which its threads' names start with (tests). */
  String poolName() {
    return pool.getPoolName();
  }

  /**
   * Stops the store (the feed, the lease, which it gives up) and then closes the pool: every
   * connection, and HikariCP's threads. A connection still lent out is aborted.
   */
  @Override
  public void close() {
    try {
      store.close();
    } finally {
      pool.close();
    }
  }

  @Override
  public String toString() {
    return "Database[" + kind + "]";
  }

  /**
   * HikariCP's pool over the {@link UrlDataSource}: it never sees the URL or the password. A wait
   * for a connection that times out says why in one line: every connection is taken, or the
   * database cannot be reached (the driver's reason).
   */
  private static final class Pool extends HikariDataSource {

    private Pool(HikariConfig config) {
      super(config);
    }

    static Pool start(UrlDataSource connections, String kind, Duration connectionTimeout)
        throws Unavailable {
      HikariConfig config = new HikariConfig();
      config.setPoolName("secdns-db-" + POOLS.incrementAndGet());
      config.setDataSource(connections);
      config.setMaximumPoolSize(POOL_SIZE);
      // One connection is kept idle (the first command of a short-lived process reuses the one
      // the start opened); more are opened when asked for and closed after 10 idle minutes.
      config.setMinimumIdle(1);
      config.setConnectionTimeout(connectionTimeout.toMillis());
      // A database that is down at start fails the start, as before the pool: one attempt here,
      // whose failure (after HikariCP's pause of one second) is thrown, not retried for ever
      // (0 or less would start an empty pool, and every operation would then wait
      // CONNECTION_TIMEOUT before failing).
      config.setInitializationFailTimeout(1);
      try {
        return new Pool(config);
      } catch (HikariPool.PoolInitializationException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        throw new Unavailable(kind + ": cannot reach the database: " + Main.oneLine(cause));
      }
    }

    @Override
    public Connection getConnection() throws SQLException {
      try {
        return super.getConnection();
      } catch (SQLTransientConnectionException e) {
        throw new SQLTransientConnectionException(
            whyNoConnection(e), e.getSQLState(), e.getErrorCode(), e);
      }
    }

    private String whyNoConnection(SQLTransientConnectionException timedOut) {
      HikariPoolMXBean state = getHikariPoolMXBean();
      if (state != null && state.getActiveConnections() >= getMaximumPoolSize()) {
        return "all "
            + getMaximumPoolSize()
            + " connections of the pool are in use and none was given back within "
            + getConnectionTimeout()
            + " ms";
      }
      Throwable cause = timedOut.getCause();
      if (cause != null) {
        return "cannot connect to the database: " + Main.oneLine(cause);
      }
      return Main.oneLine(timedOut);
    }

    @Override
    public String toString() {
      return "Pool[" + getPoolName() + "]";
    }
  }

  /**
   * One physical connection per call from the driver, for the pool. The password is held here and
   * nowhere else; a driver's message that quotes the URL (PostgreSQL's "Unable to parse URL") names
   * the database's kind instead.
   */
  private static final class UrlDataSource implements DataSource {
    private final String url;
    private final String kind;
    private final Optional<String> user;
    private final Optional<String> password;
    private volatile int loginTimeoutSeconds;

    UrlDataSource(String url, String kind, Optional<String> user, Optional<String> password) {
      this.url = url;
      this.kind = kind;
      this.user = user;
      this.password = password;
    }

    @Override
    public Connection getConnection() throws SQLException {
      java.util.Properties p = new java.util.Properties();
      user.ifPresent(u -> p.setProperty("user", u));
      password.ifPresent(s -> p.setProperty("password", s));
      try {
        return DriverManager.getConnection(url, p);
      } catch (SQLException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains(url)) {
          // Not chained: the cause's message would still hold the URL.
          throw new SQLException(
              message.replace(url, kind + ":..."), e.getSQLState(), e.getErrorCode());
        }
        throw e;
      }
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
    public void setLoginTimeout(int seconds) {
      loginTimeoutSeconds = seconds;
    }

    /**
     * What the pool set: it is not passed on to the driver (connecting takes the driver's own
     * timeouts, as without the pool), but the pool's {@code close} waits this long for its thread
     * that opens connections to end (0 would not wait, and leave it running).
     */
    @Override
    public int getLoginTimeout() {
      return loginTimeoutSeconds;
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
      return "UrlDataSource[" + kind + "]";
    }
  }
}
