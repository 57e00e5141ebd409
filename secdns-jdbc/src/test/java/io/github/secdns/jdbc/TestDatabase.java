package io.github.secdns.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real database for a test class, migrated with Flyway: H2 in memory, H2 in a file, or a
 * database in the shared throw-away PostgreSQL cluster. Test classes reset it between tests and
 * close it at the end; the PostgreSQL cluster itself stops when the whole test run ends.
 */
abstract class TestDatabase implements AutoCloseable {

  private static final AtomicInteger NAMES = new AtomicInteger();

  private final List<HikariDataSource> opened = new ArrayList<>();

  /** What kind of database, for messages. */
  abstract String kind();

  abstract boolean isPostgres();

  /** A new, independent data source on the same database (another node); closed with this. */
  abstract DataSource newDataSource();

  /** Simulates a restart of the database process where that means something (H2 in a file). */
  void restart() throws SQLException {}

  private DataSource main;

  /** The data source of the first node. */
  final synchronized DataSource dataSource() {
    if (main == null) {
      main = newDataSource();
    }
    return main;
  }

  final void track(HikariDataSource c) {
    opened.add(c);
  }

  /** Runs administrative SQL (constraints, corruption) in auto-commit mode. */
  final void sql(String... statements) throws SQLException {
    try (Connection c = dataSource().getConnection();
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  /** Empties the store's tables: every test starts from a fresh store. */
  final void reset() throws SQLException {
    sql(
        "DELETE FROM secdns_journal",
        "DELETE FROM secdns_zone",
        "DELETE FROM secdns_lease",
        "DELETE FROM secdns_catalog_label",
        "DELETE FROM secdns_notify_ack",
        "UPDATE secdns_feed SET position = 0");
  }

  static String uniqueName(String prefix) {
    return prefix + "_" + ProcessHandle.current().pid() + "_" + NAMES.incrementAndGet();
  }

  @Override
  public void close() throws SQLException, IOException {
    RuntimeException failure = null;
    for (HikariDataSource c : opened) {
      try {
        c.close();
      } catch (RuntimeException e) {
        failure = e;
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** H2 in memory, kept while the JVM runs (DB_CLOSE_DELAY=-1) until shut down. */
  static TestDatabase h2Memory() {
    String url = "jdbc:h2:mem:" + uniqueName("secdns") + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000";
    return migrated(new H2(url, "H2 in memory", null));
  }

  /** H2 in a file in a temporary directory, deleted at the end. */
  static TestDatabase h2File() throws IOException {
    Path dir = Files.createTempDirectory("secdns-h2-");
    String url = "jdbc:h2:file:" + dir.resolve("store") + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000";
    return migrated(new H2(url, "H2 in a file", dir));
  }

  /** A new database in the shared PostgreSQL cluster; skips (or fails when required) without. */
  static TestDatabase postgres(ExtensionContext context) throws Exception {
    PostgresCluster cluster = sharedCluster(context);
    String name = uniqueName("secdns");
    cluster.createDatabase(name);
    return migrated(new Postgres(cluster, name));
  }

  static PostgresCluster sharedCluster(ExtensionContext context) {
    var reason = PostgresCluster.unavailable();
    if (reason.isPresent()) {
      if (PostgresCluster.required()) {
        Assertions.fail(reason.get() + " (required: secdns.interop or secdns.postgres.required)");
      }
      Assumptions.abort(reason.get() + "; PostgreSQL tests skipped (-Pinterop makes them fail)");
    }
    return context
        .getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(
            SharedCluster.class,
            k -> {
              try {
                return new SharedCluster(PostgresCluster.start(false));
              } catch (IOException e) {
                throw new IllegalStateException("cannot start PostgreSQL: " + e.getMessage(), e);
              }
            },
            SharedCluster.class)
        .cluster;
  }

  /** Stops the cluster when the whole test run ends. */
  // JUnit closes an AutoCloseable in the root store when the run ends.
  static final class SharedCluster implements AutoCloseable {
    final PostgresCluster cluster;

    SharedCluster(PostgresCluster cluster) {
      this.cluster = cluster;
    }

    @Override
    public void close() {
      cluster.close();
    }
  }

  private static TestDatabase migrated(TestDatabase db) {
    FlywayMigrations.migrate(db.dataSource());
    return db;
  }

  private static final class H2 extends TestDatabase {
    private final String url;
    private final String kind;
    private final Path dir;

    H2(String url, String kind, Path dir) {
      this.url = url;
      this.kind = kind;
      this.dir = dir;
    }

    @Override
    String kind() {
      return kind;
    }

    @Override
    boolean isPostgres() {
      return false;
    }

    @Override
    DataSource newDataSource() {
      JdbcDataSource ds = new JdbcDataSource();
      ds.setURL(url);
      ds.setUser("sa");
      ds.setPassword("");
      return ds;
    }

    @Override
    void restart() throws SQLException {
      if (dir != null) {
        sql("SHUTDOWN"); // the next connection opens the file again
      }
    }

    @Override
    public void close() throws SQLException, IOException {
      try {
        super.close();
        sql("SHUTDOWN");
      } finally {
        if (dir != null) {
          try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
          }
        }
      }
    }
  }

  private static final class Postgres extends TestDatabase {
    private final PostgresCluster cluster;
    private final String database;
    private final AtomicInteger pools = new AtomicInteger();

    Postgres(PostgresCluster cluster, String database) {
      this.cluster = cluster;
      this.database = database;
    }

    @Override
    String kind() {
      return "PostgreSQL 15";
    }

    @Override
    boolean isPostgres() {
      return true;
    }

    @Override
    DataSource newDataSource() {
      HikariDataSource pool =
          cluster.pool(database, 8, database + "-pool-" + pools.incrementAndGet());
      track(pool);
      return pool;
    }
  }
}
