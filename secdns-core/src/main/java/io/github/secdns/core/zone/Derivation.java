package io.github.secdns.core.zone;

import java.lang.ref.WeakReference;
import java.util.Arrays;

/**
 * How a version's records were copied from another version's: the ranges of that version's records
 * copied, in order, each with where it went. With it, the difference between the two versions is
 * found among the records not copied ({@link ZoneDiff#between}), not by reading every record of
 * both: a one-record change of a million-record zone costs its change, not two passes over 50 MB.
 *
 * <p>The source's octets are held weakly: a version never keeps the one it came from alive (a
 * host's chain of versions would otherwise keep them all). Immutable and thread-safe.
 */
final class Derivation {

  /** At most this many copied ranges are recorded; a version copied in more ranges has none. */
  static final int MAX_RANGES = 1024;

  /**
   * A version whose copied records are fewer has none: comparing every record of a small zone costs
   * microseconds, and the derivation would cost a hundred octets for as long as the version lives
   * (issue 13: 100,000 zones).
   */
  static final int MIN_COPIED = 1024;

  private final WeakReference<byte[]> source;
  // Triples: first record copied, one past the last (in the source), where the first went.
  private final int[] ranges;

  private Derivation(byte[] source, int[] ranges) {
    this.source = new WeakReference<>(source);
    this.ranges = ranges;
  }

  /**
   * The derivation of {@code n} copied ranges recorded in {@code triples}.
   *
   * @param source the octets of the records copied from (their list's identity)
   * @param triples from, to, where to, per range, in the order copied
   * @param n how many triples are filled
   */
  static Derivation of(byte[] source, int[] triples, int n) {
    return new Derivation(source, Arrays.copyOf(triples, n * 3));
  }

  /**
   * Whether the ranges were copied from {@code older}'s records: the same octets (lists that share
   * an array agree on every record both hold: a builder only ever writes past its end) and no range
   * past its last record.
   */
  boolean isFrom(PackedRecords older) {
    if (source.get() != older.data()) {
      return false;
    }
    int n = ranges.length / 3;
    return n == 0 || ranges[(n - 1) * 3 + 1] <= older.size();
  }

  /** How many ranges were copied. */
  int ranges() {
    return ranges.length / 3;
  }

  /** The first record of range {@code r} in the source. */
  int sourceFrom(int r) {
    return ranges[r * 3];
  }

  /** One past the last record of range {@code r} in the source. */
  int sourceTo(int r) {
    return ranges[r * 3 + 1];
  }

  /** Where the first record of range {@code r} is in the derived records. */
  int copiedTo(int r) {
    return ranges[r * 3 + 2];
  }
}
