package io.github.secdns.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.catalog.CatalogLabelStore;
import io.github.secdns.core.catalog.MemberLabel;
import io.github.secdns.core.catalog.MemberLabels;
import io.github.secdns.testkit.CatalogLabelStoreContract;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.xbill.DNS.Name;

/**
 * The testkit's {@link CatalogLabelStoreContract} on a real database (one per test class, emptied
 * before each test), plus what only a database store is asked: labels survive a restart (H2 in a
 * file is shut down and opened again; on PostgreSQL a new pool and store stand for a restarted
 * host), two nodes labelling the same members at once agree, and rows written by hand are checked
 * by the table or refused with an error naming them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(ContextResolver.class)
abstract class JdbcCatalogLabelStoreContract extends CatalogLabelStoreContract {

  private static final Name CATALOG = Name.fromConstantString("catalog.example.");

  TestDatabase db;

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

  /** Administrative SQL on the test database. */
  @FunctionalInterface
  private interface Admin {
    void run() throws SQLException;
  }

  private void admin(String what, Admin action) {
    try {
      action.run();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot " + what + " the " + db.kind() + " database", e);
    }
  }

  @Override
  protected CatalogLabelStore newStore() {
    admin("empty", db::reset);
    return JdbcCatalogLabelStore.on(db.dataSource());
  }

  /**
   * A restart: the database process where that means something (H2 file), a new pool, a new store.
   */
  @Override
  protected CatalogLabelStore reopen(CatalogLabelStore store) {
    admin("restart", db::restart);
    return JdbcCatalogLabelStore.on(db.newDataSource());
  }

  /** After a restart, members keep their labels and new members get labels of their own. */
  @Test
  void labelsAssignedBeforeARestartAreKeptAndNewMembersGetTheirOwn() {
    List<Name> first = members(0, 50);
    SortedMap<Name, MemberLabel> before = MemberLabels.of(newStore()).assign(CATALOG, first);
    CatalogLabelStore again = reopen(null);
    List<Name> more = new ArrayList<>(first);
    more.addAll(members(50, 60));
    SortedMap<Name, MemberLabel> after = MemberLabels.of(again).assign(CATALOG, more);
    assertEquals(before, keep(after, first), "the labels from before the restart");
    assertEquals(60, new HashSet<>(after.values()).size(), "one label per member");
  }

  private static Map<Name, MemberLabel> keep(Map<Name, MemberLabel> all, List<Name> names) {
    Map<Name, MemberLabel> out = new java.util.TreeMap<>();
    for (Name n : names) {
      out.put(n, all.get(n));
    }
    return out;
  }

  /**
   * Two nodes (two pools, two stores) label the same 100 members at the same moment: both get the
   * same label for every member, and the table holds exactly one row per member.
   */
  @Test
  void twoNodesLabellingTheSameMembersAtOnceAgree() throws Exception {
    CatalogLabelStore one = newStore();
    CatalogLabelStore two = JdbcCatalogLabelStore.on(db.newDataSource());
    List<Name> members = members(0, 100);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<SortedMap<Name, MemberLabel>>> results = new ArrayList<>();
      for (CatalogLabelStore node : List.of(one, two)) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return MemberLabels.of(node).assign(CATALOG, members);
                }));
      }
      start.countDown();
      SortedMap<Name, MemberLabel> a = results.get(0).get(1, TimeUnit.MINUTES);
      SortedMap<Name, MemberLabel> b = results.get(1).get(1, TimeUnit.MINUTES);
      assertEquals(a, b);
      assertEquals(a, one.labels(CATALOG));
      assertEquals(members.size(), new HashSet<>(a.values()).size());
    } finally {
      pool.shutdownNow();
      assertTrue(pool.awaitTermination(1, TimeUnit.MINUTES), "the nodes did not stop");
    }
  }

  /** Names in another letter case are the same member: the key is the canonical form. */
  @Test
  void letterCaseDoesNotMakeAnotherMember() {
    CatalogLabelStore store = newStore();
    assertTrue(
        store.insert(
            Name.fromConstantString("Catalog.Example."),
            Name.fromConstantString("Www.Test."),
            MemberLabel.of("one")));
    assertEquals(
        Optional.of(MemberLabel.of("one")),
        store.label(CATALOG, Name.fromConstantString("www.test.")));
    assertFalse(store.insert(CATALOG, Name.fromConstantString("WWW.TEST."), MemberLabel.of("two")));
  }

  /**
   * A host writing rows by hand (importing BIND's labels, say) cannot store a label or a name in
   * upper case, which would make two rows of one member or one label.
   */
  @Test
  void theTableRefusesUpperCaseWrittenByHand() {
    newStore();
    assertThrows(
        SQLException.class,
        () ->
            db.sql(
                "INSERT INTO secdns_catalog_label (catalog_name, member_name, label)"
                    + " VALUES ('catalog.example.', 'a.test.', 'ABC')"));
    assertThrows(
        SQLException.class,
        () ->
            db.sql(
                "INSERT INTO secdns_catalog_label (catalog_name, member_name, label)"
                    + " VALUES ('catalog.example.', 'A.test.', 'abc')"));
  }

  /** A damaged row is an error naming it, never a member silently without its label. */
  @Test
  void aDamagedRowIsAnErrorNamingIt() throws SQLException {
    CatalogLabelStore store = newStore();
    db.sql(
        "INSERT INTO secdns_catalog_label (catalog_name, member_name, label)"
            + " VALUES ('catalog.example.', 'bad.test.', 'no.dots')");
    ZoneStoreException e = assertThrows(ZoneStoreException.class, () -> store.labels(CATALOG));
    assertTrue(e.getMessage().contains("bad.test."), e.getMessage());
    assertTrue(e.getMessage().contains("catalog.example."), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  private static List<Name> members(int from, int to) {
    List<Name> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add(Name.fromConstantString("member" + i + ".test."));
    }
    return out;
  }
}
