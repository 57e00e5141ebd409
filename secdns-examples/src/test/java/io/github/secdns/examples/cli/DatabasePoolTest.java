package io.github.secdns.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.jdbc.ZoneStoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Name;

/**
 * The pool of the command line's {@link Database}: closing it leaves no thread and no connection, a
 * pool whose connections are all taken fails an operation with one line saying so (it does not wait
 * for ever), and a URL the driver cannot parse is never quoted. {@link DatabaseConnectionsTest}
 * shows that the store's operations reuse its connections.
 */
class DatabasePoolTest {

  private static final Name ZONE = Name.fromConstantString("example.com.");

  @RegisterExtension final TemporaryH2 h2 = new TemporaryH2("secdns-db-pool-");

  /** HikariCP names its threads after the pool: {@code secdns-db-1:housekeeper}. */
  private List<Thread> threadsOf(String pool) {
    List<Thread> threads = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith(pool + ":")) {
        threads.add(t);
      }
    }
    return threads;
  }

  /** The sessions open on the H2 database, this one included. */
  private long openSessions() throws SQLException {
    return h2.scalar("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS");
  }

  @Test
  void closeEndsThePoolsThreadsAndClosesItsConnections() throws Exception {
    Database db = Database.open(h2.url, name -> null);
    String pool = db.poolName();
    List<Thread> threads;
    try {
      db.store().load(ZONE);
      assertTrue(db.poolState().getTotalConnections() >= 1, "the pool keeps a connection");
      assertTrue(openSessions() >= 2, "the pool's connection and this one");
      threads = threadsOf(pool);
      assertFalse(threads.isEmpty(), "HikariCP's housekeeper runs while the pool is open");
      assertEquals("Database[jdbc:h2]", db.toString());
    } finally {
      db.close();
    }
    // Those seen while open, and those the close itself started (HikariCP's connection closer):
    // an executor's worker may still be on its way out when the close returns.
    threads.addAll(threadsOf(pool));
    for (Thread t : threads) {
      t.join(Duration.ofSeconds(10).toMillis());
    }
    assertEquals(List.of(), threadsOf(pool), "no thread of the pool is left");
    assertEquals(1, openSessions(), "only this connection is open on the database");
  }

  @Test
  void aPoolWhoseConnectionsAreAllTakenFailsAnOperationWithOneLineSayingSo() throws Exception {
    try (Database db = Database.open(h2.url, name -> null, Duration.ofMillis(300))) {
      List<Connection> taken = new ArrayList<>();
      try {
        for (int i = 0; i < Database.POOL_SIZE; i++) {
          taken.add(db.connection());
        }
        long started = System.nanoTime();
        ZoneStoreException failed =
            assertThrows(ZoneStoreException.class, () -> db.store().load(ZONE));
        assertTrue(
            Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(10)) < 0,
            "it does not wait for ever");
        String all = "all " + Database.POOL_SIZE + " connections of the pool are in use";
        assertTrue(failed.getMessage().contains(all), failed.getMessage());
        assertFalse(failed.getMessage().contains("\n"), failed.getMessage());
        Database.Unavailable none = assertThrows(Database.Unavailable.class, db::connection);
        assertTrue(
            none.getMessage().startsWith("jdbc:h2: cannot connect (" + all), none.getMessage());
      } finally {
        for (Connection c : taken) {
          c.close();
        }
      }
      assertTrue(db.store().load(ZONE).isEmpty(), "given back, the connections serve again");
    }
  }

  @Test
  void aUrlTheDriverCannotParseIsNeverQuoted() {
    String url = "jdbc:postgresql://127.0.0.1:notaport/secdns?password=hunter2";
    Database.Unavailable e =
        assertThrows(Database.Unavailable.class, () -> Database.open(url, name -> null));
    assertTrue(
        e.getMessage().startsWith("jdbc:postgresql: cannot reach the database: "), e.getMessage());
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    assertFalse(e.getMessage().contains("notaport"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }
}
