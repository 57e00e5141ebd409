package io.github.secdns.examples.cli;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import javax.annotation.Nullable;
import org.xbill.DNS.Name;

/**
 * The apex NS targets of the zone files read, one {@link Name} per distinct name: a host's zones
 * mostly list the same few name servers, and a directory of 100,000 zones each keeping its own
 * copies of {@code ns1.host.example.} and {@code ns2.host.example.} held about 13 MB of equal
 * names. A name found here is not decoded again either. The lists of them are shared too ({@link
 * #keepList}): the same two names in the same order are one list for every zone that has them.
 *
 * <p>Keyed by the name's exact wire octets, not by {@link Name#equals} (which ignores case): a zone
 * keeps the case its file gives. Bounded: past {@value #MAX} names, a new one is not kept (a host
 * whose every zone names its own servers gains nothing from sharing, and must not grow a table).
 * The reading of zone files uses {@link #SHARED}; tests give their own.
 *
 * <p>Thread-safe: a zone directory's loading threads share it; the names are immutable.
 */
final class NameServerNames {

  /** How many distinct names {@link #SHARED} keeps at most. */
  static final int MAX = 4096;

  /** The names every zone file read shares. */
  static final NameServerNames SHARED = new NameServerNames(MAX);

  private final int max;
  private final ConcurrentHashMap<Octets, Name> names = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<SameNames, List<Name>> lists = new ConcurrentHashMap<>();

  /**
   * @param max how many distinct names are kept at most
   */
  NameServerNames(int max) {
    this.max = max;
  }

  /**
   * The name kept for these octets (an uncompressed wire-form name), if one is.
   *
   * @param wire holds the name at {@code offset}, {@code length} octets
   */
  @Nullable
  Name find(byte[] wire, int offset, int length) {
    return names.get(new Octets(wire, offset, length));
  }

  /**
   * The name to keep for these octets: the one kept already, else {@code decoded}, kept from now on
   * while fewer than the maximum are.
   *
   * @param decoded the name these octets decode to
   */
  Name keep(byte[] wire, int offset, int length, Name decoded) {
    if (names.size() >= max) {
      Name kept = find(wire, offset, length);
      return kept != null ? kept : decoded;
    }
    Name kept =
        names.putIfAbsent(new Octets(Arrays.copyOfRange(wire, offset, offset + length)), decoded);
    return kept != null ? kept : decoded;
  }

  /**
   * The list to keep for these names in this order: the one kept already with the very same name
   * instances (names kept here are one instance per octets, so the same instances are the same
   * octets, letter case included), else an immutable copy, kept from now on while fewer than the
   * maximum of lists are.
   *
   * @param found a zone's apex NS targets, in the file's order
   */
  List<Name> keepList(List<Name> found) {
    List<Name> kept = lists.get(new SameNames(found));
    if (kept != null) {
      return kept;
    }
    List<Name> copy = List.copyOf(found);
    if (lists.size() >= max) {
      return copy;
    }
    kept = lists.putIfAbsent(new SameNames(copy), copy);
    return kept != null ? kept : copy;
  }

  /** How many names are kept (tests). */
  int size() {
    return names.size();
  }

  /** How many lists are kept (tests). */
  int listCount() {
    return lists.size();
  }

  /** A list of names compared by instance, element by element: see {@link #keepList}. */
  private static final class SameNames {
    private final List<Name> names;
    private final int hash;

    SameNames(List<Name> names) {
      this.names = names;
      int h = 1;
      for (Name n : names) {
        h = 31 * h + System.identityHashCode(n);
      }
      this.hash = h;
    }

    // Instances on purpose: equal names in another letter case are other names here.
    @SuppressWarnings("ReferenceEquality")
    @Override
    public boolean equals(@Nullable Object o) {
      if (!(o instanceof SameNames other)
          || hash != other.hash
          || names.size() != other.names.size()) {
        return false;
      }
      for (int i = 0; i < names.size(); i++) {
        if (names.get(i) != other.names.get(i)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  /**
   * A run of octets compared exactly; a look-up's key views the caller's buffer, a kept key owns
   * its copy.
   */
  private static final class Octets {
    private final byte[] octets;
    private final int offset;
    private final int length;
    private final int hash;

    Octets(byte[] octets) {
      this(octets, 0, octets.length);
    }

    Octets(byte[] octets, int offset, int length) {
      this.octets = octets;
      this.offset = offset;
      this.length = length;
      int h = 1;
      for (int i = offset; i < offset + length; i++) {
        h = 31 * h + octets[i];
      }
      this.hash = h;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Octets other
          && hash == other.hash
          && Arrays.equals(
              octets,
              offset,
              offset + length,
              other.octets,
              other.offset,
              other.offset + other.length);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
