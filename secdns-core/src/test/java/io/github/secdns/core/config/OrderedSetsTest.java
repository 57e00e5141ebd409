package io.github.secdns.core.config;

import static io.github.secdns.testsupport.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The compact ordered copies behave as the unmodifiable LinkedHashSet copies they replace. */
class OrderedSetsTest {

  @Test
  void anyListCopiesLikeAnUnmodifiableLinkedHashSet() {
    qt().forAll(lists().of(integers().between(0, 5)).ofSizeBetween(0, 8))
        .checkAssert(
            elements -> {
              Set<Integer> expected = new LinkedHashSet<>(elements);
              Set<Integer> copy = OrderedSets.copyOf(elements);
              assertEquals(expected, copy);
              assertEquals(expected.hashCode(), copy.hashCode());
              assertEquals(new ArrayList<>(expected), new ArrayList<>(copy), "order entered");
              assertFalse(copy.contains(null));
              assertThrows(UnsupportedOperationException.class, () -> copy.add(9));
            });
  }

  @Test
  void theCopyDoesNotFollowItsSource() {
    List<String> source = new ArrayList<>(List.of("a"));
    Set<String> copy = OrderedSets.copyOf(source);
    source.add("b");
    assertEquals(Set.of("a"), copy);
  }
}
