package io.github.secdns.core.lifecycle;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.TreeSet;
import javax.annotation.Nullable;
import org.xbill.DNS.Name;

/**
 * An immutable set of name server host names, as found in an apex NS set or a registry delegation.
 *
 * <p>Names compare case-insensitively and without regard to the trailing dot (all names are
 * absolute), as DNS names do. Iteration, {@link #names()} and {@link #toString()} follow the
 * canonical DNS order (RFC 4034 section 6.1, {@link Name#compareTo}), so that the order in which
 * names were given never shows in a result: the seed article says the order of name servers is
 * irrelevant. Of two spellings of one name (different letter case) a set keeps the one it met
 * first; the operations below document which side wins.
 *
 * <p>Thread-safe.
 */
public final class NameServerNames implements Iterable<Name> {

  private static final NameServerNames EMPTY = new NameServerNames(new TreeSet<>());

  private final NavigableSet<Name> names;

  private NameServerNames(NavigableSet<Name> names) {
    this.names = names;
  }

  /**
   * Returns the empty set.
   *
   * @return a set without names
   */
  public static NameServerNames empty() {
    return EMPTY;
  }

  /**
   * Returns a set of the given names. Of two names equal but for letter case, the first is kept.
   *
   * @param names absolute host names
   * @return the set
   * @throws IllegalArgumentException when a name is not absolute
   */
  public static NameServerNames of(Collection<Name> names) {
    TreeSet<Name> set = new TreeSet<>();
    for (Name n : names) {
      Objects.requireNonNull(n, "name");
      if (!n.isAbsolute()) {
        throw new IllegalArgumentException("a name server name must be absolute: " + n);
      }
      set.add(n);
    }
    return set.isEmpty() ? EMPTY : new NameServerNames(set);
  }

  /**
   * Returns a set of the given names.
   *
   * @param names absolute host names
   * @return the set
   * @throws IllegalArgumentException when a name is not absolute
   */
  public static NameServerNames of(Name... names) {
    return of(List.of(names));
  }

  /**
   * Tells whether a name is in this set (ignoring letter case).
   *
   * @param name an absolute host name
   * @return true when present
   */
  public boolean contains(Name name) {
    return names.contains(name);
  }

  /**
   * Tells whether this set and another have a name in common.
   *
   * @param other another set
   * @return true when some name is in both
   */
  public boolean intersects(NameServerNames other) {
    for (Name n : other.names) {
      if (names.contains(n)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Tells whether every name of another set is in this set.
   *
   * @param other another set
   * @return true when {@code other} is a subset of this set
   */
  public boolean containsAll(NameServerNames other) {
    return names.containsAll(other.names);
  }

  /**
   * Returns the names of this set and those of another. Where both hold a name, this set's spelling
   * is kept.
   *
   * @param other the names to add
   * @return the union
   */
  public NameServerNames union(NameServerNames other) {
    if (other.names.isEmpty() || names.containsAll(other.names)) {
      return this;
    }
    TreeSet<Name> set = new TreeSet<>(names);
    set.addAll(other.names);
    return new NameServerNames(set);
  }

  /**
   * Returns the names of this set that are not in another.
   *
   * @param other the names to remove
   * @return the difference
   */
  public NameServerNames minus(NameServerNames other) {
    if (!intersects(other)) {
      return this;
    }
    TreeSet<Name> set = new TreeSet<>(names);
    set.removeAll(other.names);
    return set.isEmpty() ? EMPTY : new NameServerNames(set);
  }

  /**
   * Tells whether the set is empty.
   *
   * @return true when it holds no name
   */
  public boolean isEmpty() {
    return names.isEmpty();
  }

  /**
   * Returns the number of names.
   *
   * @return the size
   */
  public int size() {
    return names.size();
  }

  /**
   * Returns the names in canonical DNS order.
   *
   * @return an unmodifiable list of absolute names
   */
  public List<Name> names() {
    return Collections.unmodifiableList(new ArrayList<>(names));
  }

  /**
   * Returns the names as people write them in a registrar's form: without the trailing dot, in
   * canonical DNS order, letter case as given.
   *
   * @return an unmodifiable list such as {@code [ns1.dnsimple.com, ns1.secondary.com]}
   */
  public List<String> hostNames() {
    List<String> out = new ArrayList<>(names.size());
    for (Name n : names) {
      out.add(n.toString(true));
    }
    return Collections.unmodifiableList(out);
  }

  /** Iterates in canonical DNS order; the iterator does not support removal. */
  @Override
  public Iterator<Name> iterator() {
    return Collections.unmodifiableSortedSet(names).iterator();
  }

  /** Equal when both hold the same names, ignoring letter case and order. */
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof NameServerNames nameServerNames && nameServerNames.names.equals(names);
  }

  @Override
  public int hashCode() {
    return names.hashCode();
  }

  /** Returns the host names without trailing dots, such as {@code [ns1.example.net]}. */
  @Override
  public String toString() {
    return hostNames().toString();
  }
}
