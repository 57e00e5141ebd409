package io.github.secdns.examples.cli;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The one object per client or NOTIFY target name that every zone's status holds: a zone's
 * secondaries are the same few servers for most zones, and each zone kept its own copy of the name
 * (with 2 clients, about 110 octets a zone of 300,000).
 *
 * <p>The first {@code capacity} names are objects made with this table, at the start of {@code
 * serve}, not when a name is first heard: by the time a secondary transfers every zone, they are
 * old, and 100,000 zones' long-lived states point at an old object. A name made at the first
 * transfer is young for a dozen collections, and every collection until it grew old scanned the
 * card of every zone that pointed at it (a round of transfers of 100,000 zones: 40,000 cards, 11 ms
 * of each 15 ms pause, the first 12 s of the round; docs/BENCHMARKS.md). Past {@code capacity},
 * names are not kept (queries from ever new addresses, refusals, cannot grow the table without
 * bound): each is a new object holding the name given.
 *
 * <p>Thread-safe: names are taken under this table's lock; a {@link SharedName} reaches other
 * threads through the table's map or through a zone's lock, both of which order its text's write
 * before any read.
 */
final class SharedNames {

  private final ConcurrentHashMap<String, SharedName> byText = new ConcurrentHashMap<>();
  private final SharedName[] unused;
  private int taken; // guarded by this

  /**
   * @param capacity how many names are kept
   * @throws IllegalArgumentException if {@code capacity} is negative
   */
  SharedNames(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must not be negative: " + capacity);
    }
    unused = new SharedName[capacity];
    for (int i = 0; i < capacity; i++) {
      unused[i] = new SharedName();
    }
  }

  /**
   * Returns the one object of a name while fewer than the capacity are kept, a new one past it.
   *
   * @param text the name
   * @return its shared object, whose {@link SharedName#text()} equals {@code text}
   */
  SharedName of(String text) {
    SharedName known = byText.get(text);
    if (known != null) {
      return known;
    }
    synchronized (this) {
      known = byText.get(text);
      if (known != null) {
        return known;
      }
      if (taken == unused.length) {
        SharedName notKept = new SharedName();
        notKept.text = text;
        return notKept;
      }
      SharedName name = unused[taken];
      unused[taken++] = null;
      name.text = text;
      byText.put(text, name);
      return name;
    }
  }

  /**
   * Whether a name was kept: one of the objects made with the table.
   *
   * @param name a name this table returned
   * @return true when later calls with its text return it
   */
  boolean kept(SharedName name) {
    return byText.get(name.text()) == name;
  }

  /** How many names are kept. */
  synchronized int size() {
    return taken;
  }

  /**
   * A client's or target's name. Its text is set once, before the object leaves {@link
   * SharedNames}, and never changes.
   */
  static final class SharedName {
    private String text = "";

    private SharedName() {}

    /** The name. */
    String text() {
      return text;
    }

    /** Whether this is the name of {@code other} (the same text). */
    boolean sameAs(SharedName other) {
      return this == other || text.equals(other.text);
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
