package io.github.secdns.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.catalog.CatalogLabelStore;
import io.github.secdns.core.catalog.InMemoryCatalogLabelStore;
import io.github.secdns.core.catalog.MemberLabel;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

/**
 * The in-memory store meets the contract (JUnit runs the inherited tests), and the contract fails a
 * store that breaks a rule.
 */
class CatalogLabelStoreContractTest extends CatalogLabelStoreContract {

  @Override
  protected CatalogLabelStore newStore() {
    return new InMemoryCatalogLabelStore();
  }

  /** Overwrites a member's label: the first rule broken. */
  static final class OverwritingStore implements CatalogLabelStore {
    private final Map<Name, MemberLabel> labels = new HashMap<>();

    @Override
    public synchronized Map<Name, MemberLabel> labels(Name catalog) {
      return new HashMap<>(labels);
    }

    @Override
    public synchronized Optional<MemberLabel> label(Name catalog, Name member) {
      return Optional.ofNullable(labels.get(member));
    }

    @Override
    public synchronized boolean insert(Name catalog, Name member, MemberLabel label) {
      labels.put(member, label);
      return true;
    }

    @Override
    public synchronized boolean replace(
        Name catalog, Name member, MemberLabel expected, MemberLabel replacement) {
      return false;
    }

    @Override
    public synchronized boolean remove(Name catalog, Name member) {
      return labels.remove(member) != null;
    }
  }

  static final class BrokenContract extends CatalogLabelStoreContract {
    @Override
    protected CatalogLabelStore newStore() {
      return new OverwritingStore();
    }
  }

  @Test
  void aStoreThatOverwritesLabelsFails() {
    AssertionError e =
        assertThrows(AssertionError.class, () -> new BrokenContract().aMemberHasOneLabel());
    assertTrue(e.getMessage().contains("a second label for one member"), e.getMessage());
    assertThrows(AssertionError.class, () -> new BrokenContract().aLabelHasOneMember());
    assertThrows(AssertionError.class, () -> new BrokenContract().catalogsAreIndependent());
  }
}
