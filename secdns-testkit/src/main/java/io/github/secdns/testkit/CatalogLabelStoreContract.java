package io.github.secdns.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.catalog.CatalogLabelStore;
import io.github.secdns.core.catalog.MemberLabel;
import io.github.secdns.core.catalog.MemberLabels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

/**
 * The contract every {@link CatalogLabelStore} must meet, as a JUnit 5 suite to extend. A store's
 * test names how to make an empty store, and, for a store that persists, how to open the same data
 * again:
 *
 * <pre>{@code
 * class JdbcCatalogLabelStoreTest extends CatalogLabelStoreContract {
 *   protected CatalogLabelStore newStore() { return JdbcCatalogLabelStore.on(freshDatabase()); }
 *   protected CatalogLabelStore reopen(CatalogLabelStore s) { return JdbcCatalogLabelStore.on(sameDatabase()); }
 * }
 * }</pre>
 *
 * <p>It checks the two rules of the SPI (one label per member, one member per label, per catalog),
 * that {@code insert} and {@code replace} change nothing when they refuse, that catalogs are
 * independent, that concurrent writers never break the rules, and that labels survive a reopen.
 *
 * <p>Each test starts from {@link #newStore()}; the suite keeps no state between tests.
 */
public abstract class CatalogLabelStoreContract {

  private static final Name CATALOG = Name.fromConstantString("catalog.example.");
  private static final Name OTHER_CATALOG = Name.fromConstantString("other.example.");
  private static final Name A = Name.fromConstantString("a.test.");
  private static final Name B = Name.fromConstantString("b.test.");
  private static final MemberLabel ONE = MemberLabel.of("one");
  private static final MemberLabel TWO = MemberLabel.of("two");

  /** Creates the suite; subclasses need no constructor. */
  protected CatalogLabelStoreContract() {}

  /**
   * Returns a new, empty store.
   *
   * @return the store under test
   */
  protected abstract CatalogLabelStore newStore();

  /**
   * Returns a store on the same data as the given one, as after a restart. The default returns the
   * same object, which is right for a store that lives in memory only.
   *
   * @param store a store from {@link #newStore()}
   * @return a store on the same data
   */
  protected CatalogLabelStore reopen(CatalogLabelStore store) {
    return store;
  }

  /** A new store has no label. */
  @Test
  public void aNewStoreIsEmpty() {
    CatalogLabelStore store = newStore();
    assertEquals(Map.of(), store.labels(CATALOG));
    assertEquals(Optional.empty(), store.label(CATALOG, A));
  }

  /** An inserted label can be read back, singly and with the others. */
  @Test
  public void anInsertedLabelIsKept() {
    CatalogLabelStore store = newStore();
    assertTrue(store.insert(CATALOG, A, ONE));
    assertTrue(store.insert(CATALOG, B, TWO));
    assertEquals(Optional.of(ONE), store.label(CATALOG, A));
    assertEquals(Map.of(A, ONE, B, TWO), store.labels(CATALOG));
  }

  /** A member keeps its first label: a second insert for it changes nothing. */
  @Test
  public void aMemberHasOneLabel() {
    CatalogLabelStore store = newStore();
    assertTrue(store.insert(CATALOG, A, ONE));
    assertFalse(store.insert(CATALOG, A, TWO), "a second label for one member");
    assertEquals(Map.of(A, ONE), store.labels(CATALOG));
  }

  /** A label belongs to one member: inserting it for another changes nothing. */
  @Test
  public void aLabelHasOneMember() {
    CatalogLabelStore store = newStore();
    assertTrue(store.insert(CATALOG, A, ONE));
    assertFalse(store.insert(CATALOG, B, ONE), "one label for two members");
    assertEquals(Map.of(A, ONE), store.labels(CATALOG));
    assertEquals(Optional.empty(), store.label(CATALOG, B));
  }

  /** The rules hold per catalog: another catalog may use the same member and label. */
  @Test
  public void catalogsAreIndependent() {
    CatalogLabelStore store = newStore();
    assertTrue(store.insert(CATALOG, A, ONE));
    assertTrue(store.insert(OTHER_CATALOG, A, TWO));
    assertTrue(store.insert(OTHER_CATALOG, B, ONE));
    assertEquals(Map.of(A, ONE), store.labels(CATALOG));
    assertEquals(Map.of(A, TWO, B, ONE), store.labels(OTHER_CATALOG));
    assertTrue(store.remove(OTHER_CATALOG, A));
    assertEquals(Optional.of(ONE), store.label(CATALOG, A));
  }

  /** Replace is a compare-and-set that frees the old label and refuses a taken one. */
  @Test
  public void replaceIsACompareAndSet() {
    CatalogLabelStore store = newStore();
    store.insert(CATALOG, A, ONE);
    store.insert(CATALOG, B, TWO);
    MemberLabel three = MemberLabel.of("three");
    assertFalse(store.replace(CATALOG, A, TWO, three), "wrong expected label");
    assertFalse(store.replace(CATALOG, A, ONE, TWO), "a label of another member");
    assertFalse(store.replace(CATALOG, Name.fromConstantString("c.test."), ONE, three));
    assertEquals(Map.of(A, ONE, B, TWO), store.labels(CATALOG));

    assertTrue(store.replace(CATALOG, A, ONE, three));
    assertEquals(Map.of(A, three, B, TWO), store.labels(CATALOG));
    assertTrue(store.insert(CATALOG, Name.fromConstantString("c.test."), ONE), "freed label");
  }

  /** Remove forgets a member's label and frees the label. */
  @Test
  public void removeForgetsAndFrees() {
    CatalogLabelStore store = newStore();
    store.insert(CATALOG, A, ONE);
    assertTrue(store.remove(CATALOG, A));
    assertFalse(store.remove(CATALOG, A));
    assertEquals(Map.of(), store.labels(CATALOG));
    assertTrue(store.insert(CATALOG, B, ONE));
  }

  /** What {@code labels} returned does not change when the store changes later. */
  @Test
  public void labelsIsASnapshot() {
    CatalogLabelStore store = newStore();
    store.insert(CATALOG, A, ONE);
    Map<Name, MemberLabel> before = store.labels(CATALOG);
    store.insert(CATALOG, B, TWO);
    assertEquals(Map.of(A, ONE), before);
  }

  /** Labels survive a reopen ({@link #reopen}), so consumers do not reset members on restart. */
  @Test
  public void labelsSurviveAReopen() {
    CatalogLabelStore store = newStore();
    Map<Name, MemberLabel> assigned = MemberLabels.of(store).assign(CATALOG, List.of(A, B));
    CatalogLabelStore again = reopen(store);
    assertEquals(assigned, again.labels(CATALOG));
    assertEquals(assigned, MemberLabels.of(again).assign(CATALOG, List.of(B, A)));
  }

  /**
   * Writers racing for one member, or for one label, never break the rules: exactly one insert wins
   * each race.
   *
   * @throws Exception when a writer fails or does not finish within a minute
   */
  @Test
  public void concurrentWritersNeverBreakTheRules() throws Exception {
    CatalogLabelStore store = newStore();
    int writers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      for (int round = 0; round < 20; round++) {
        Name member = Name.fromConstantString("m" + round + ".test.");
        MemberLabel shared = MemberLabel.of("shared" + round);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> sameMember = new ArrayList<>();
        List<Future<Boolean>> sameLabel = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
          MemberLabel own = MemberLabel.of("r" + round + "w" + w);
          Name other = Name.fromConstantString("r" + round + "w" + w + ".test.");
          sameMember.add(
              pool.submit(
                  () -> {
                    start.await();
                    return store.insert(CATALOG, member, own);
                  }));
          sameLabel.add(
              pool.submit(
                  () -> {
                    start.await();
                    return store.insert(CATALOG, other, shared);
                  }));
        }
        start.countDown();
        assertEquals(1, wins(sameMember), "one label for " + member);
        assertEquals(1, wins(sameLabel), "one member for " + shared);
      }
      Map<Name, MemberLabel> all = store.labels(CATALOG);
      assertEquals(all.size(), new java.util.HashSet<>(all.values()).size());
    } finally {
      pool.shutdownNow();
      assertTrue(pool.awaitTermination(1, TimeUnit.MINUTES), "writers did not stop");
    }
  }

  private static int wins(List<Future<Boolean>> results) throws Exception {
    int wins = 0;
    for (Future<Boolean> f : results) {
      if (f.get(1, TimeUnit.MINUTES)) {
        wins++;
      }
    }
    return wins;
  }
}
