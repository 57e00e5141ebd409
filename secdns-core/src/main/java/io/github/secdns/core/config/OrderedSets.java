package io.github.secdns.core.config;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Unmodifiable copies of sets that keep the order entered, sized to what they hold.
 *
 * <p>A configuration is held per zone, and a host holds one per customer zone (issue 13: 100,000 of
 * them in one responder). Most of its sets hold no element or one (a name server's glue, a single
 * secondary name server): an unmodifiable {@link LinkedHashSet} costs about 90 bytes empty and
 * about 250 with one element, where {@link Collections#emptySet()} is shared and {@link
 * Collections#singleton} costs 16 bytes. Both keep {@code Set}'s contract (equality, hash code,
 * {@code contains(null)} answers false), so callers cannot tell them apart.
 *
 * <p>Stateless; thread-safe.
 */
final class OrderedSets {

  private OrderedSets() {}

  /**
   * Copies elements into an unmodifiable set in their iteration order, duplicates dropped.
   *
   * @param elements the elements, none null
   * @param <T> the element type
   * @return an unmodifiable set in the order of {@code elements}
   */
  static <T> Set<T> copyOf(Collection<? extends T> elements) {
    if (elements.isEmpty()) {
      return Collections.emptySet();
    }
    if (elements.size() == 1) {
      return Collections.singleton(elements.iterator().next());
    }
    Set<T> copy = new LinkedHashSet<>(elements);
    return copy.size() == 1
        ? Collections.singleton(copy.iterator().next())
        : Collections.unmodifiableSet(copy);
  }
}
