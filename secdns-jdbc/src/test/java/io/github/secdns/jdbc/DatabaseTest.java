package io.github.secdns.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.secdns.core.store.StoreWarning;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Base of the contract tests: one real database per test class (see {@link TestDatabase}), emptied
 * before each test; stores made through {@link #newStore} are closed after each test, and no thread
 * of the store may outlive them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(ContextResolver.class)
abstract class DatabaseTest {

  TestDatabase db;
  JdbcZoneStore store;
  final List<StoreWarning> journalWarnings = new CopyOnWriteArrayList<>();
  private final List<JdbcZoneStore> stores = new ArrayList<>();

  abstract TestDatabase openDatabase(ExtensionContext context) throws Exception;

  @BeforeAll
  final void openAll(ExtensionContext context) throws Exception {
    db = openDatabase(context);
  }

  @AfterAll
  final void closeAll() throws Exception {
    if (db != null) {
      db.close();
    }
  }

  @BeforeEach
  final void freshStore() throws Exception {
    db.reset();
    journalWarnings.clear();
    store = newStore(db.dataSource());
  }

  @AfterEach
  final void closeStores() {
    for (JdbcZoneStore s : stores) {
      s.close();
    }
    stores.clear();
    assertEquals(Set.of(), storeThreads(), "threads of the store left behind");
  }

  /** A store on a data source, closed after the test. */
  final JdbcZoneStore newStore(DataSource dataSource) {
    JdbcZoneStore s =
        JdbcZoneStore.builder(dataSource)
            .warnings(journalWarnings::add)
            .pollInterval(java.time.Duration.ofMillis(50))
            .build();
    stores.add(s);
    return s;
  }

  /** A second node: its own data source (pool) and store on the same database. */
  final JdbcZoneStore secondNode() {
    return newStore(db.newDataSource());
  }

  static Set<String> storeThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(n -> n.startsWith("secdns-jdbc-"))
        .collect(Collectors.toSet());
  }
}
