package io.github.secdns.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.catalog.MemberLabel;
import io.github.secdns.core.store.VersionWrite;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.postgresql.ds.PGSimpleDataSource;
import org.xbill.DNS.Name;

/**
 * The schema (Flyway, or the SQL run by the host's own tool), and failures outside the store's
 * control: a database that is down, a wrong password, a missing schema. Messages are one line and
 * never hold a password.
 */
@ExtendWith(ContextResolver.class)
class SchemaAndFailuresTest {

  private static DataSource h2(String name) {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + TestDatabase.uniqueName(name) + ";DB_CLOSE_DELAY=-1");
    ds.setUser("sa");
    return ds;
  }

  private static void shutdown(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute("SHUTDOWN");
    }
  }

  private static List<String> tables(DataSource ds) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Connection c = ds.getConnection();
        ResultSet r = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
      while (r.next()) {
        names.add(r.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
      }
    }
    return names;
  }

  /**
   * Two nodes starting together on an empty database: both migrate at the same moment (a barrier
   * releases them), one applies every migration and the other finds them applied; neither fails.
   * The failure this guards against (the second node failing to baseline Flyway's half-created
   * history table) was seen between two {@code serve --db} processes; in one JVM it has not
   * reproduced without the lock, so this test states the contract rather than proving the fix.
   */
  @Test
  void twoNodesMigratingAnEmptyDatabaseAtOnceBothSucceed() throws Exception {
    for (int round = 0; round < 10; round++) {
      DataSource ds = h2("together");
      java.util.concurrent.ExecutorService nodes =
          java.util.concurrent.Executors.newFixedThreadPool(2);
      try {
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
        java.util.concurrent.Callable<Integer> node =
            () -> {
              start.await();
              return FlywayMigrations.migrate(ds);
            };
        java.util.concurrent.Future<Integer> a = nodes.submit(node);
        java.util.concurrent.Future<Integer> b = nodes.submit(node);
        int applied = a.get() + b.get();
        assertEquals(
            StoreSchema.VERSION, applied, "every migration applied once, in round " + round);
        assertTrue(tables(ds).containsAll(StoreSchema.TABLES));
      } finally {
        nodes.shutdownNow();
        shutdown(ds);
      }
    }
  }

  @Test
  void flywayAppliesTheMigrationsOnceIntoItsOwnHistoryTable() throws SQLException {
    DataSource ds = h2("flyway");
    try {
      assertEquals(StoreSchema.VERSION, FlywayMigrations.migrate(ds));
      assertEquals(StoreSchema.MIGRATIONS.size(), StoreSchema.VERSION);
      assertEquals(0, FlywayMigrations.migrate(ds), "already applied");
      List<String> tables = tables(ds);
      assertTrue(tables.containsAll(StoreSchema.TABLES), tables.toString());
      assertTrue(tables.contains(StoreSchema.HISTORY_TABLE), tables.toString());
      JdbcZoneStore.builder(ds).build().close();
    } finally {
      shutdown(ds);
    }
  }

  @Test
  void flywayMigratesBesideTheHostsOwnTables() throws SQLException {
    DataSource ds = h2("beside");
    try {
      try (Connection c = ds.getConnection();
          Statement s = c.createStatement()) {
        s.execute("CREATE TABLE host_zones (id INT PRIMARY KEY, name VARCHAR(255))");
      }
      assertEquals(
          StoreSchema.VERSION,
          FlywayMigrations.migrate(ds),
          "a schema with the host's tables is fine");
      assertTrue(tables(ds).contains("host_zones"));
      JdbcZoneStore.builder(ds).build().close();
    } finally {
      shutdown(ds);
    }
  }

  /**
   * A host running the SQL files with its own tool, in two steps as an upgrade does: with version 1
   * only, the zone store works and the label store says which migrations to run; after version 2
   * both work.
   */
  @Test
  void aHostCanRunTheSqlFilesWithItsOwnTool() throws Exception {
    DataSource ds = h2("own-tool");
    try {
      runMigration(ds, StoreSchema.MIGRATIONS.get(0));
      try (JdbcZoneStore store = JdbcZoneStore.builder(ds).build()) {
        assertTrue(
            store.publish(VersionWrite.first(Zones.version("own.example.", 1, 2))).changed());
      }
      ZoneStoreException e =
          assertThrows(ZoneStoreException.class, () -> JdbcCatalogLabelStore.on(ds));
      assertSaysWhichMigrationsToRun(e);

      for (String migration : StoreSchema.MIGRATIONS.subList(1, StoreSchema.MIGRATIONS.size())) {
        runMigration(ds, migration);
      }
      Name catalog = Name.fromConstantString("catalog.own.example.");
      Name member = Name.fromConstantString("own.example.");
      assertTrue(JdbcCatalogLabelStore.on(ds).insert(catalog, member, MemberLabel.of("own")));
      try (JdbcZoneStore store = JdbcZoneStore.builder(ds).build()) {
        assertTrue(store.load(member).isPresent(), "version 2 keeps what version 1 held");
      }
    } finally {
      shutdown(ds);
    }
  }

  private static void runMigration(DataSource ds, String file) throws Exception {
    String script =
        resource(StoreSchema.location(false).substring("classpath:".length()) + "/" + file);
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      for (String statement : statements(script)) {
        s.execute(statement);
      }
    }
  }

  @Test
  void thePostgresqlAndH2MigrationsDifferOnlyInTypesAndCollation() throws IOException {
    for (String file : StoreSchema.MIGRATIONS) {
      String pg =
          resource(StoreSchema.location(true).substring("classpath:".length()) + "/" + file);
      String h2 =
          resource(StoreSchema.location(false).substring("classpath:".length()) + "/" + file);
      assertEquals(normalized(pg), normalized(h2), file);
    }
  }

  private static String normalized(String script) {
    StringBuilder sql = new StringBuilder();
    for (String line : script.lines().toList()) {
      if (!line.startsWith("--")) {
        sql.append(line).append('\n');
      }
    }
    return sql.toString()
        .replace(" COLLATE \"C\"", "")
        .replaceAll("BYTEA|BLOB|VARBINARY\\(32\\)", "BINARY");
  }

  @Test
  void aDatabaseWithoutTheSchemaIsAClearOneLineError() throws SQLException {
    DataSource ds = h2("empty");
    try {
      ZoneStoreException e =
          assertThrows(ZoneStoreException.class, () -> JdbcZoneStore.builder(ds).build());
      assertSaysWhichMigrationsToRun(e);
    } finally {
      shutdown(ds);
    }
  }

  @Test
  void aDatabaseThatIsDownIsAOneLineErrorWithoutThePassword() throws IOException {
    int port;
    try (ServerSocket s =
        new ServerSocket(0, 1, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}))) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setServerNames(new String[] {"127.0.0.1"});
    ds.setPortNumbers(new int[] {port});
    ds.setDatabaseName("secdns");
    ds.setUser("secdns");
    ds.setPassword("pw-never-shown-0xC0FFEE");
    ds.setConnectTimeout(5);

    ZoneStoreException down =
        assertThrows(ZoneStoreException.class, () -> JdbcZoneStore.builder(ds).build());
    ZoneStoreException migrate =
        assertThrows(ZoneStoreException.class, () -> FlywayMigrations.migrate(ds));

    for (ZoneStoreException e : List.of(down, migrate)) {
      assertFalse(e.getMessage().contains("\n"), e.getMessage());
      assertFalse(e.getMessage().contains("C0FFEE"), e.getMessage());
    }
    assertTrue(
        down.getMessage()
            .startsWith("cannot reach the database: Connection to 127.0.0.1:" + port + " refused"),
        down.getMessage());
  }

  @Test
  void aWrongPasswordIsNamedAsSuchAndNeitherPasswordAppears(ExtensionContext context)
      throws Exception {
    PostgresCluster cluster = TestDatabase.sharedCluster(context);
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(cluster.url("postgres"));
    ds.setUser(PostgresCluster.USER);
    ds.setPassword("wrong-" + cluster.password());

    ZoneStoreException e =
        assertThrows(ZoneStoreException.class, () -> JdbcZoneStore.builder(ds).build());

    assertTrue(e.getMessage().contains("password authentication failed for user"), e.getMessage());
    assertFalse(e.getMessage().contains(cluster.password()), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void aStoreThatLosesTheDatabaseSaysWhatBecameOfTheWrite() throws SQLException {
    DataSource ds = h2("lost");
    try {
      FlywayMigrations.migrate(ds);
      CuttableDataSource cuttable = new CuttableDataSource(ds);
      try (JdbcZoneStore store = JdbcZoneStore.builder(cuttable).build()) {
        cuttable.cut();
        ZoneStoreException e =
            assertThrows(
                ZoneStoreException.class,
                () -> store.publish(VersionWrite.first(Zones.version("lost.example.", 3, 1))));
        assertEquals(
            "publishing zone lost.example. serial 3 failed: test: this node lost the database;"
                + " nothing was written",
            e.getMessage());
        assertEquals("JdbcZoneStore[H2]", store.toString());
        cuttable.reconnect();
        assertTrue(
            store.publish(VersionWrite.first(Zones.version("lost.example.", 3, 1))).changed());
      }
    } finally {
      shutdown(ds);
    }
  }

  @Test
  void aLabelStoreThatLosesTheDatabaseSaysWhatBecameOfTheWrite() throws SQLException {
    DataSource ds = h2("lost-labels");
    try {
      FlywayMigrations.migrate(ds);
      CuttableDataSource cuttable = new CuttableDataSource(ds);
      JdbcCatalogLabelStore store = JdbcCatalogLabelStore.on(cuttable);
      Name catalog = Name.fromConstantString("catalog.example.");
      Name member = Name.fromConstantString("lost.example.");
      cuttable.cut();
      ZoneStoreException write =
          assertThrows(
              ZoneStoreException.class, () -> store.insert(catalog, member, MemberLabel.of("x")));
      assertEquals(
          "keeping the label x of lost.example. in the catalog catalog.example. failed: test:"
              + " this node lost the database; nothing was written",
          write.getMessage());
      ZoneStoreException read = assertThrows(ZoneStoreException.class, () -> store.labels(catalog));
      assertEquals(
          "reading the member labels of the catalog catalog.example.: test: this node lost the"
              + " database",
          read.getMessage());
      assertEquals("JdbcCatalogLabelStore[H2]", store.toString());
      cuttable.reconnect();
      assertTrue(store.insert(catalog, member, MemberLabel.of("x")));
    } finally {
      shutdown(ds);
    }
  }

  private static void assertSaysWhichMigrationsToRun(ZoneStoreException e) {
    assertTrue(
        e.getMessage()
            .startsWith(
                "the database has no secdns schema (or an incomplete one): apply the migrations"
                    + " in db/migration/secdns-h2 first (FlywayMigrations.migrate does); "),
        e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  private static String resource(String path) throws IOException {
    try (InputStream in = JdbcZoneStore.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IOException("missing resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** What a simple migration tool does: drop comment lines, split at semicolons. */
  private static List<String> statements(String script) {
    StringBuilder sql = new StringBuilder();
    for (String line : script.lines().toList()) {
      if (!line.strip().startsWith("--")) {
        sql.append(line).append('\n');
      }
    }
    List<String> out = new ArrayList<>();
    for (String statement : sql.toString().split(";", -1)) {
      if (!statement.isBlank()) {
        out.add(statement.strip());
      }
    }
    return out;
  }
}
