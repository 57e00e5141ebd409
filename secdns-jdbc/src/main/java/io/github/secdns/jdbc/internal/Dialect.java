package io.github.secdns.jdbc.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * What differs between the databases the store runs on: the migration folder, how a committed
 * change wakes the other nodes (PostgreSQL NOTIFY; H2 has none, its nodes poll) and how a waiting
 * node listens.
 */
public enum Dialect {
  /** PostgreSQL (tested with 15): LISTEN/NOTIFY wakes the feed. */
  POSTGRESQL("secdns-postgresql"),
  /** H2 2.x, in memory or in a file: the feed polls. */
  H2("secdns-h2");

  /** The channel of PostgreSQL notifications about new versions. */
  public static final String CHANNEL = "secdns_versions";

  private final String migrationFolder;

  Dialect(String migrationFolder) {
    this.migrationFolder = migrationFolder;
  }

  /**
   * Recognizes the database behind a connection.
   *
   * @param connection an open connection
   * @return the dialect
   * @throws SQLException when the database is neither PostgreSQL nor H2, or cannot be asked
   */
  public static Dialect of(Connection connection) throws SQLException {
    String product = connection.getMetaData().getDatabaseProductName();
    String lower = product.toLowerCase(Locale.ROOT);
    if (lower.contains("postgresql")) {
      return POSTGRESQL;
    }
    if (lower.equals("h2")) {
      return H2;
    }
    throw new SQLException(
        "secdns-jdbc supports PostgreSQL and H2; this database is " + product, "0A000");
  }

  /**
   * Returns the folder of this database's migrations, under {@code db/migration/}.
   *
   * @return for example {@code secdns-postgresql}
   */
  public String migrationFolder() {
    return migrationFolder;
  }

  /**
   * Tells whether committed changes wake the feed (true) or the feed polls (false).
   *
   * @return true for PostgreSQL
   */
  public boolean pushes() {
    return this == POSTGRESQL;
  }

  /**
   * Queues a wake-up for every node listening, delivered when the transaction commits (nothing for
   * H2).
   *
   * @param connection the publishing transaction's connection
   * @param payload a short text for people watching the channel (zone, serial, position)
   * @throws SQLException when the statement fails
   */
  public void wakeListeners(Connection connection, String payload) throws SQLException {
    if (this != POSTGRESQL) {
      return;
    }
    try (PreparedStatement p = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
      p.setString(1, CHANNEL);
      p.setString(2, payload);
      p.executeQuery().close();
    }
  }

  /**
   * Starts listening for wake-ups on a dedicated connection (nothing for H2).
   *
   * @param connection the feed's own connection, in auto-commit mode
   * @throws SQLException when the statement fails
   */
  public void listen(Connection connection) throws SQLException {
    if (this != POSTGRESQL) {
      return;
    }
    try (Statement s = connection.createStatement()) {
      s.execute("LISTEN " + CHANNEL);
    }
  }

  /**
   * Waits until a wake-up arrives on a listening connection or the time is up (PostgreSQL only).
   *
   * <p>The PostgreSQL driver delivers notifications only through its own {@code
   * PGConnection.getNotifications(int)}; it is called reflectively so that this module needs
   * nothing but {@code java.sql} (the driver is the host's choice and may sit behind a pool).
   *
   * @param connection the listening connection
   * @param timeoutMillis the longest wait, at least 1
   * @return true when at least one wake-up arrived
   * @throws SQLException when the connection fails (for example it was closed or aborted)
   */
  public boolean awaitWakeUp(Connection connection, int timeoutMillis) throws SQLException {
    Object pg = connection.unwrap(Connection.class);
    MethodHandle getNotifications = notificationsMethod(pg.getClass());
    try {
      Object[] received = (Object[]) getNotifications.invoke(pg, Math.max(1, timeoutMillis));
      return received != null && received.length > 0;
    } catch (SQLException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new SQLException("waiting for PostgreSQL notifications failed", t);
    }
  }

  /** Per driver connection class: the getNotifications handle, or why there is none. */
  private static final ClassValue<Object> GET_NOTIFICATIONS =
      new ClassValue<>() {
        @Override
        protected Object computeValue(Class<?> connectionClass) {
          try {
            Class<?> api =
                Class.forName("org.postgresql.PGConnection", false, loaderOf(connectionClass));
            if (!api.isAssignableFrom(connectionClass)) {
              return new SQLException(
                  "the connection is not a PostgreSQL driver connection: "
                      + connectionClass.getName());
            }
            Class<?> notifications =
                Class.forName("[Lorg.postgresql.PGNotification;", false, api.getClassLoader());
            return MethodHandles.publicLookup()
                .findVirtual(
                    api, "getNotifications", MethodType.methodType(notifications, int.class))
                .asType(MethodType.methodType(Object[].class, Object.class, int.class));
          } catch (ReflectiveOperationException e) {
            return new SQLException(
                "the PostgreSQL driver has no PGConnection.getNotifications(int): " + e, e);
          }
        }
      };

  private static MethodHandle notificationsMethod(Class<?> connectionClass) throws SQLException {
    Object found = GET_NOTIFICATIONS.get(connectionClass);
    if (found instanceof SQLException e) {

      throw new SQLException(e.getMessage(), e);
    }
    return (MethodHandle) found;
  }

  private static ClassLoader loaderOf(Class<?> type) {
    ClassLoader loader = type.getClassLoader();
    return loader != null ? loader : ClassLoader.getSystemClassLoader();
  }
}
