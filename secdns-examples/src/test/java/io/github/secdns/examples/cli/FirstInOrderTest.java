package io.github.secdns.examples.cli;

import static io.github.secdns.testsupport.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The first few in an order, selected in one pass: exactly the head of the sorted items. */
class FirstInOrderTest {

  @Test
  void theFirstNAreTheHeadOfTheSortedItems() {
    qt().forAll(
            lists().of(integers().between(-50, 50)).ofSizeBetween(0, 300),
            integers().between(0, 320))
        .checkAssert(
            (items, n) ->
                assertEquals(
                    items.stream().sorted().limit(n).toList(),
                    FirstInOrder.of(items, Comparator.<Integer>naturalOrder(), n)));
  }

  @Test
  void anotherOrderAndNone() {
    assertEquals(
        List.of("ccc", "bb"),
        FirstInOrder.of(
            List.of("a", "ccc", "bb", "d"), Comparator.comparing(String::length).reversed(), 2));
    assertEquals(List.of(), FirstInOrder.of(List.of(3, 1), Comparator.<Integer>naturalOrder(), 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> FirstInOrder.of(List.of(1), Comparator.<Integer>naturalOrder(), -1));
  }
}
