package io.github.secdns.examples.cli;

import java.io.PrintStream;
import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.Name;

/**
 * The {@code serving ZONE serial S} lines of a serve over many zones: of the zones present at
 * start, only the first {@value #LISTED_AT_START} to become servable get their line, and one line
 * says when every one of them is served; every later version (a change, a zone added) gets its own
 * line. A host of 20,000 zones printed 20,000 lines at every start, most of them after {@code
 * listening on} (the responder takes zones up on its zone threads).
 *
 * <p>Thread-safe: the responder's zone threads call it.
 */
final class ServingLines {

  /** How many of the zones present at start are listed one by one. */
  static final int LISTED_AT_START = 10;

  private final PrintStream out;

  /**
   * The zones present at start whose first version was not served yet; dropped once empty (its
   * table, grown for every zone present at start, is otherwise kept for the life of the process).
   */
  private volatile Set<Name> awaited = ConcurrentHashMap.newKeySet();

  private final int atStart;
  private final AtomicInteger remaining;
  private final AtomicInteger listed = new AtomicInteger();

  /**
   * @param atStart the zones present at start
   * @param out where the lines go
   */
  ServingLines(Collection<Name> atStart, PrintStream out) {
    this.out = out;
    awaited.addAll(atStart);
    this.atStart = awaited.size();
    this.remaining = new AtomicInteger(this.atStart);
  }

  /**
   * A version of a zone is served: its line, unless it is the first version of a zone present at
   * start past the first few.
   *
   * @param zone the zone
   * @param line its line
   */
  void servable(Name zone, String line) {
    if (!awaited.remove(zone)) {
      out.println(line);
      return;
    }
    if (listed.incrementAndGet() <= LISTED_AT_START) {
      out.println(line);
    }
    counted();
  }

  /**
   * A zone is withdrawn: its line; a zone present at start no longer holds the summary back.
   *
   * @param zone the zone
   * @param line its line
   */
  void withdrawn(Name zone, String line) {
    out.println(line);
    if (awaited.remove(zone)) {
      counted();
    }
  }

  private void counted() {
    if (remaining.decrementAndGet() != 0) {
      return;
    }
    awaited = Collections.emptySet(); // every zone present at start was served: none is awaited
    if (atStart > LISTED_AT_START) {
      out.println(
          "serving every zone present at start: "
              + atStart
              + " (the first "
              + LISTED_AT_START
              + " listed above)");
    }
  }
}
