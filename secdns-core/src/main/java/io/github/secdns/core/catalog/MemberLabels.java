package io.github.secdns.core.catalog;

import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.xbill.DNS.Name;

/**
 * Gives each member of a catalog its label, once, and keeps it in the host's {@link
 * CatalogLabelStore}. A member that already has a label keeps it; a new member gets the first free
 * label of the {@link MemberLabelScheme}. A label changes only through {@link #relabel}, the
 * explicit operation that makes consumers reset the member (RFC 9432 section 5.6).
 *
 * <p>Names may be given in any letter case; they are used in canonical form (lower case). This
 * class does no I/O itself; the store may.
 *
 * <p>Thread-safe when the store is: concurrent calls, also from other processes sharing the store,
 * never give one member two labels or one label two members, because the store's {@link
 * CatalogLabelStore#insert} and {@link CatalogLabelStore#replace} are atomic.
 */
public final class MemberLabels {

  /** Attempts before giving up; only a label length far too short for the catalog gets there. */
  static final int MAX_ATTEMPTS = 1_000;

  private final CatalogLabelStore store;
  private final MemberLabelScheme scheme;

  private MemberLabels(CatalogLabelStore store, MemberLabelScheme scheme) {
    this.store = Objects.requireNonNull(store, "store");
    this.scheme = Objects.requireNonNull(scheme, "scheme");
  }

  /**
   * Labels members with the standard scheme.
   *
   * @param store where labels are kept
   * @return the labeller
   */
  public static MemberLabels of(CatalogLabelStore store) {
    return new MemberLabels(store, MemberLabelScheme.standard());
  }

  /**
   * Labels members with a chosen scheme.
   *
   * @param store where labels are kept
   * @param scheme how new labels are chosen
   * @return the labeller
   */
  public static MemberLabels of(CatalogLabelStore store, MemberLabelScheme scheme) {
    return new MemberLabels(store, scheme);
  }

  /**
   * Returns the label of every given member, choosing and keeping one for each member that has
   * none. New members are labelled in canonical name order, so the labels do not depend on the
   * order of {@code members}.
   *
   * @param catalog the catalog zone's name, absolute
   * @param members the member zones, absolute; duplicates (in any letter case) count once
   * @return an unmodifiable map from each member (canonical) to its label, in canonical name order
   * @throws IllegalArgumentException when a name is relative
   * @throws IllegalStateException when no free label is found within 1,000 attempts (a label length
   *     far too short for the catalog)
   */
  public SortedMap<Name, MemberLabel> assign(Name catalog, Collection<Name> members) {
    Name cat = canonical(catalog, "catalog");
    Set<Name> wanted = new TreeSet<>();
    for (Name m : members) {
      wanted.add(canonical(m, "member zone"));
    }
    Map<Name, MemberLabel> kept = store.labels(cat);
    Set<MemberLabel> taken = new HashSet<>(kept.values());
    SortedMap<Name, MemberLabel> out = new TreeMap<>();
    for (Name member : wanted) {
      MemberLabel label = kept.get(member);
      out.put(member, label != null ? label : claim(cat, member, taken));
    }
    return Collections.unmodifiableSortedMap(out);
  }

  /**
   * Gives a member a new label, the explicit way to make every consumer reset it: they remove the
   * zone with its state and add it again (RFC 9432 sections 5.4 and 5.6). The next catalog version
   * must then be produced with the new label.
   *
   * @param catalog the catalog zone's name, absolute
   * @param member the member zone, absolute
   * @return the new label, different from the old one and from every other member's
   * @throws IllegalArgumentException when a name is relative or the member has no label
   * @throws IllegalStateException when the label changed concurrently, or no free label is found
   */
  public MemberLabel relabel(Name catalog, Name member) {
    Name cat = canonical(catalog, "catalog");
    Name m = canonical(member, "member zone");
    MemberLabel current =
        store
            .label(cat, m)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "the member " + m + " has no label in the catalog " + cat));
    Set<MemberLabel> taken = new HashSet<>(store.labels(cat).values());
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      MemberLabel candidate = scheme.candidate(m, attempt);
      if (taken.contains(candidate)) {
        continue;
      }
      if (store.replace(cat, m, current, candidate)) {
        return candidate;
      }
      if (!store.label(cat, m).equals(Optional.of(current))) {
        throw new IllegalStateException(
            "the label of " + m + " in the catalog " + cat + " changed while relabelling it");
      }
      taken.add(candidate);
    }
    throw noFreeLabel(cat, m);
  }

  /**
   * Forgets a member's label, for a member that left the catalog and should not keep its label if
   * it comes back. Never release the label of a member that is still listed: it would get a new
   * label only if its old one had been a collision, but then consumers would reset it.
   *
   * @param catalog the catalog zone's name, absolute
   * @param member the member zone, absolute
   * @return true when the member had a label
   * @throws IllegalArgumentException when a name is relative
   */
  public boolean release(Name catalog, Name member) {
    return store.remove(canonical(catalog, "catalog"), canonical(member, "member zone"));
  }

  private MemberLabel claim(Name cat, Name member, Set<MemberLabel> taken) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      MemberLabel candidate = scheme.candidate(member, attempt);
      if (taken.contains(candidate)) {
        continue;
      }
      if (store.insert(cat, member, candidate)) {
        taken.add(candidate);
        return candidate;
      }
      // Another writer was faster: it labelled this member, or took the candidate for another.
      Optional<MemberLabel> theirs = store.label(cat, member);
      if (theirs.isPresent()) {
        taken.add(theirs.get());
        return theirs.get();
      }
      taken.add(candidate);
    }
    throw noFreeLabel(cat, member);
  }

  private IllegalStateException noFreeLabel(Name cat, Name member) {
    return new IllegalStateException(
        "no free label for "
            + member
            + " in the catalog "
            + cat
            + " after "
            + MAX_ATTEMPTS
            + " attempts; labels of "
            + scheme.length()
            + " characters are too short for this catalog");
  }

  private static Name canonical(Name name, String what) {
    Objects.requireNonNull(name, what);
    if (!name.isAbsolute()) {
      throw new IllegalArgumentException("the " + what + " name must be absolute: " + name);
    }
    return name.canonicalize();
  }

  @Override
  public String toString() {
    return "MemberLabels[store=" + store + ", scheme=" + scheme + "]";
  }
}
