package io.github.secdns.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.store.VersionWrite;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.SOARecord;

/**
 * The database of {@code serve --db}, {@code publish --db} and {@code secdns host} sets up a few
 * physical connections and reuses them: the store takes a connection per operation, which without a
 * pool was a new physical connection each time (on PostgreSQL 4.5-8.3 ms apiece).
 */
class DatabaseConnectionsTest {

  /**
   * {@code Database.POOL_SIZE}, written out so that this test also runs on a {@code Database}
   * without a pool.
   */
  private static final int POOL_SIZE = 8;

  private static final int ZONES = 50;

  @RegisterExtension final TemporaryH2 h2 = new TemporaryH2("secdns-db-connections-");

  /**
   * The newest session id of the H2 database: H2 numbers every physical connection (session) it
   * opens, one after the other, for as long as the database is open ({@code DB_CLOSE_DELAY=-1}
   * keeps it open between connections). This connection is one more.
   */
  private long newestSession() throws SQLException {
    return h2.scalar("SELECT SESSION_ID()");
  }

  private static ZoneSnapshot zone(Name origin) {
    Name ns = Name.fromConstantString("ns1.example.");
    return ZoneSnapshot.of(
        new SOARecord(
            origin,
            DClass.IN,
            300,
            ns,
            Name.fromConstantString("hostmaster.example."),
            1,
            3600,
            600,
            86400,
            300),
        List.of(new NSRecord(origin, DClass.IN, 300, ns)));
  }

  @Test
  void theStoreOperationsOfOneDatabaseReuseAtMostThePoolsPhysicalConnections() throws Exception {
    long before = newestSession();
    try (Database db = Database.open(h2.url, name -> null)) {
      for (int i = 0; i < ZONES; i++) {
        Name origin = Name.fromConstantString("z" + i + ".example.");
        assertTrue(db.store().load(origin).isEmpty());
        db.store().publish(VersionWrite.first(zone(origin)));
      }
      assertEquals(ZONES, db.store().changesSince(0, 1000).size(), "every zone was published");
      // Opening (migration, schema check) and 2 * ZONES + 1 operations, one connection each.
      long opened = newestSession() - before - 1;
      assertTrue(
          opened >= 1 && opened <= POOL_SIZE,
          "physical connections opened for "
              + (2 * ZONES + 1)
              + " store operations: "
              + opened
              + ", at most the pool's "
              + POOL_SIZE
              + " expected");
    }
  }
}
