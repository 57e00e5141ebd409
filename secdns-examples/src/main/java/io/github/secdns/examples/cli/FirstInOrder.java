package io.github.secdns.examples.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The first few of many items in an order, found in one pass that keeps only those few: {@code
 * serve} shows the first zones of 100,000 (by file name, by zone name) without sorting them all or
 * keeping them sorted while they change.
 */
final class FirstInOrder {

  private FirstInOrder() {}

  /**
   * The {@code n} smallest items in {@code order}, smallest first (all of them when there are
   * fewer). Items equal in the order are kept in no particular order.
   *
   * @param n how many, not negative
   */
  static <T> List<T> of(Iterable<? extends T> items, Comparator<? super T> order, int n) {
    if (n < 0) {
      throw new IllegalArgumentException("a negative count: " + n);
    }
    if (n == 0) {
      return List.of();
    }
    // The largest of those kept on top, to be dropped when a smaller one comes.
    PriorityQueue<T> kept = new PriorityQueue<>(Math.min(n, 1024) + 1, order.reversed());
    for (T item : items) {
      if (kept.size() < n) {
        kept.add(item);
      } else if (order.compare(item, kept.peek()) < 0) {
        kept.poll();
        kept.add(item);
      }
    }
    List<T> first = new ArrayList<>(kept);
    first.sort(order);
    return first;
  }
}
