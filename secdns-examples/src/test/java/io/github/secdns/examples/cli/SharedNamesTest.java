package io.github.secdns.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.examples.cli.SharedNames.SharedName;
import io.github.secdns.testsupport.Allocations;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * A name is one object for every zone, made with the table (not when the name is first heard), up
 * to the capacity; past it each call gets its own.
 */
class SharedNamesTest {

  @Test
  void aNameIsOneObjectUpToTheCapacityAndItsOwnPastIt() {
    SharedNames names = new SharedNames(2);
    SharedName a = names.of(new String("192.0.2.1"));
    assertSame(a, names.of(new String("192.0.2.1")));
    SharedName b = names.of("192.0.2.2");
    assertNotSame(a, b);
    assertFalse(a.sameAs(b));
    assertEquals(2, names.size());
    SharedName c = names.of("192.0.2.3");
    assertEquals("192.0.2.3", c.text());
    assertNotSame(c, names.of("192.0.2.3"), "past the capacity, not kept");
    assertTrue(c.sameAs(names.of("192.0.2.3")));
    assertTrue(names.kept(a) && names.kept(b) && !names.kept(c));
    assertEquals(2, names.size());
    assertSame(a, names.of("192.0.2.1"), "the kept ones stay");
  }

  /**
   * A name heard for the first time takes an object made with the table: it allocates what a map's
   * entry costs (the same puts into a map of its own, for comparison), not a name's object besides
   * (which every zone would hold while it is young); past the capacity, only the name's own object.
   */
  @Test
  void aNewNameTakesAnObjectMadeBeforehand() {
    int count = 20_000;
    String[] texts = new String[count];
    for (int i = 0; i < count; i++) {
      texts[i] = "198.51." + (i >> 8) + "." + (i & 0xFF);
    }
    SharedNames kept = new SharedNames(count);
    SharedNames notKept = new SharedNames(0);
    ConcurrentHashMap<String, Object> map = new ConcurrentHashMap<>();
    Object value = new Object();
    int[] next = {0, 0, 0};
    long mapPerPut = Allocations.perCall(0, count, () -> map.put(texts[next[0]++], value));
    long keptPerName = Allocations.perCall(0, count, () -> kept.of(texts[next[1]++]));
    long notKeptPerName = Allocations.perCall(0, count, () -> notKept.of(texts[next[2]++]));
    assertEquals(mapPerPut, keptPerName, "kept: octets per new name");
    assertEquals(16, notKeptPerName, "not kept: octets per name");
    assertEquals(count, kept.size());
    for (int i = 0; i < count; i += 997) {
      assertSame(kept.of(texts[i]), kept.of(new String(texts[i])));
    }
  }

  @Test
  void aNegativeCapacityIsRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new SharedNames(-1));
    assertEquals("capacity must not be negative: -1", e.getMessage());
  }
}
