package io.github.secdns.core.catalog;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.xbill.DNS.Name;

/**
 * A {@link CatalogLabelStore} in memory: labels last as long as the object. Right for tests, for a
 * process that is the only producer and rebuilds its catalog from the same names on every start
 * (the default {@link MemberLabelScheme} derives the same labels again), and as a reference for
 * other implementations.
 *
 * <p>Thread-safe: every method holds the store's lock for its whole duration.
 */
public final class InMemoryCatalogLabelStore implements CatalogLabelStore {

  /** One catalog's labels, indexed both ways. */
  private static final class Catalog {
    final Map<Name, MemberLabel> byMember = new HashMap<>();
    final Map<MemberLabel, Name> byLabel = new HashMap<>();
  }

  private final Map<Name, Catalog> catalogs = new HashMap<>();

  /** Creates an empty store. */
  public InMemoryCatalogLabelStore() {}

  @Override
  public synchronized Map<Name, MemberLabel> labels(Name catalog) {
    Catalog c = catalogs.get(catalog);
    return c == null ? Map.of() : new TreeMap<>(c.byMember);
  }

  @Override
  public synchronized Optional<MemberLabel> label(Name catalog, Name member) {
    Catalog c = catalogs.get(catalog);
    return c == null ? Optional.empty() : Optional.ofNullable(c.byMember.get(member));
  }

  @Override
  public synchronized boolean insert(Name catalog, Name member, MemberLabel label) {
    Catalog c = catalogs.computeIfAbsent(catalog, k -> new Catalog());
    if (c.byMember.containsKey(member) || c.byLabel.containsKey(label)) {
      return false;
    }
    c.byMember.put(member, label);
    c.byLabel.put(label, member);
    return true;
  }

  @Override
  public synchronized boolean replace(
      Name catalog, Name member, MemberLabel expected, MemberLabel replacement) {
    Catalog c = catalogs.get(catalog);
    if (c == null
        || !expected.equals(c.byMember.get(member))
        || c.byLabel.containsKey(replacement)) {
      return false;
    }
    c.byLabel.remove(expected);
    c.byMember.put(member, replacement);
    c.byLabel.put(replacement, member);
    return true;
  }

  @Override
  public synchronized boolean remove(Name catalog, Name member) {
    Catalog c = catalogs.get(catalog);
    if (c == null) {
      return false;
    }
    MemberLabel label = c.byMember.remove(member);
    if (label == null) {
      return false;
    }
    c.byLabel.remove(label);
    if (c.byMember.isEmpty()) {
      catalogs.remove(catalog);
    }
    return true;
  }

  @Override
  public synchronized String toString() {
    int labels = catalogs.values().stream().mapToInt(c -> c.byMember.size()).sum();
    return "InMemoryCatalogLabelStore[catalogs=" + catalogs.size() + ", labels=" + labels + "]";
  }
}
