package io.github.secdns.core.store;

import io.github.secdns.core.serial.SerialNumber;
import io.github.secdns.core.zone.ZoneHistory;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.xbill.DNS.Name;

/**
 * Service provider interface for the store that holds each zone's current version and its IXFR
 * journal, shared by every responder node of a host (for example a database; {@code secdns-jdbc}
 * implements it on PostgreSQL and H2).
 *
 * <p><b>One serial names one content, across nodes.</b> {@link #publish} is a compare-and-set: it
 * stores a version only while the zone's current serial is the one the write expects (or the zone
 * is new), together with the journal entry that leads to it, all or nothing; {@link #publishAll}
 * does the same for many zones in one transaction, all of them or none. Two publishers that race
 * with different contents under the same serial cannot both succeed: the loser gets a {@link
 * VersionConflictException} and nothing of its write remains. Publishing exactly the stored content
 * again is a success that changes nothing.
 *
 * <p><b>Every node learns about every version through the change feed</b> ({@link #changesSince},
 * {@link #watch}), the node that won the compare-and-set included: the feed says "zone Z now has
 * serial S at position P"; a node then {@link #load}s the version and its journal in one consistent
 * read, rebuilds the same {@link ZoneHistory} as every other node ({@link StoredZone#history}) and
 * serves it. A node starting up reads every zone with {@link #loadAll} and continues the feed from
 * the position it returns.
 *
 * <p>Threading: implementations are thread-safe; every method may block on I/O, so callers never
 * call them on a network I/O thread. Failures of the store itself (database down, I/O error) are
 * unchecked exceptions whose messages name the operation and the zone, never a secret.
 */
public interface ZoneVersionStore {

  /**
   * Reads a zone's current version and its journal, consistently: the journal never runs ahead of
   * the version. A journal the store cannot trust (checksum, decoding, broken serial chain) is left
   * out and reported in {@link StoredZone#warnings()}: the zone then has no IXFR history, never a
   * wrong one.
   *
   * @param zone the zone's origin, any letter case
   * @return the zone, or empty when the store does not serve it
   * @throws RuntimeException (an implementation's unchecked type) when the store fails or the
   *     current version itself cannot be read
   */
  Optional<StoredZone> load(Name zone);

  /**
   * Reads every zone the store serves, for a node that starts up. Zones arrive one by one (a store
   * may stream them); a zone whose current version cannot be read is skipped and reported to {@code
   * unreadable}, the others still load.
   *
   * @param zones receives each zone, on the calling thread
   * @param unreadable receives a {@link StoreWarning.Code#VERSION_UNREADABLE} warning per zone that
   *     could not be read
   * @return the feed position to continue from with {@link #changesSince} or {@link #watch}: every
   *     change after it is in the feed, and changes the load already saw may come again
   */
  long loadAll(Consumer<StoredZone> zones, Consumer<StoreWarning> unreadable);

  /**
   * Stores a new current version of a zone by compare-and-set, with its journal change, in one
   * transaction.
   *
   * @param write the condition, the version and the journal change
   * @return what was stored; {@link PublishReceipt#changed()} is false when the store already held
   *     exactly this content under this serial
   * @throws VersionConflictException when the zone's current version is not the expected one, or
   *     its serial already names other content; nothing was written
   */
  PublishReceipt publish(VersionWrite write);

  /**
   * Publishes many writes in one transaction, all or nothing: what a host publishing the first
   * versions of all its zones at once needs (one round trip per zone would make a first start of
   * 100,000 zones take minutes).
   *
   * <p>Each write is decided as {@link #publish} decides it, against what the store holds when the
   * batch runs: a write of exactly the stored content under its serial gets a receipt with {@link
   * PublishReceipt#changed()} false and writes nothing. If any write loses its compare-and-set,
   * nothing of the batch is written, not even the writes that would have won on their own. Each
   * zone the batch changes gets a feed position of its own, growing in the order of the writes, so
   * that every node learns about each version through the feed exactly as after that many single
   * publishes (a node never sees part of a batch: the positions are committed together).
   *
   * <p>Two writes for one zone are refused: the first would get a position in the feed whose
   * version nobody can ever load. Publish successive versions of a zone in successive calls.
   *
   * <p>Implementations may write a large batch in several statements, but always in one
   * transaction; the batch holds its zones' locks (and the feed's) until it commits, so callers
   * publishing very many zones split them into batches of a few thousand.
   *
   * <p>Threading: like every method, thread-safe and blocking (a batch of thousands of zones takes
   * seconds; never call it on a network I/O thread). Batches and single publishes racing over the
   * same zones are decided as racing publishes are: a whole batch wins or loses, never a part of
   * it. A failure of the store itself is unchecked, as for {@link #publish}: nothing was written,
   * unless its message says the commit itself failed (then writing the same batch again is safe).
   *
   * @param writes the writes, at most one per zone (letter case does not make another zone); none
   *     of them null
   * @return a receipt per write, in the order of the writes; empty for an empty list, which the
   *     store is not asked about
   * @throws VersionConflictException when a write's compare-and-set fails (the zone's current
   *     version is not the expected one, or its serial names other content); it names the first
   *     such write in the order of the writes, and nothing of the batch was written
   * @throws IllegalArgumentException when two writes are for the same zone; nothing was written
   * @throws NullPointerException when {@code writes} or one of its elements is null
   */
  List<PublishReceipt> publishAll(List<VersionWrite> writes);

  /**
   * Checks that a batch for {@link #publishAll} has at most one write per zone, for
   * implementations, which call it before they write anything.
   *
   * @param writes the batch
   * @throws IllegalArgumentException naming the first zone written twice (letter case ignored)
   * @throws NullPointerException when {@code writes} or one of its elements is null
   */
  static void requireOneWritePerZone(List<VersionWrite> writes) {
    // dnsjava's Name.equals and hashCode ignore letter case, as the stores' keys do.
    Set<Name> zones = new HashSet<>();
    for (VersionWrite write : writes) {
      Name zone = Objects.requireNonNull(write, "a write of the batch is null").version().origin();
      if (!zones.add(zone)) {
        throw new IllegalArgumentException(
            "zone "
                + zone
                + " is written twice in one batch; publish successive versions of a zone in"
                + " successive calls");
      }
    }
  }

  /**
   * Publishes the next version of a zone after whatever the store holds now: loads the current
   * version and journal, computes the delta and publishes with the current serial as the condition.
   * A publisher that keeps the zone's history in memory calls {@link #publish} with {@link
   * VersionWrite#between} instead, without the load.
   *
   * @param next the new version
   * @param clock the clock that dates the journal entry and ages the history
   * @return what was stored
   * @throws VersionConflictException when another publisher changed the zone between the load and
   *     the write, or the serial already names other content; nothing was written
   * @throws IllegalArgumentException when the serial is older than the current one
   */
  default PublishReceipt publishNext(ZoneSnapshot next, Clock clock) {
    Optional<StoredZone> stored = load(next.origin());
    if (stored.isEmpty()) {
      return publish(VersionWrite.first(next));
    }
    ZoneHistory before = stored.get().history(clock);
    return publish(VersionWrite.between(before, before.withVersion(next)));
  }

  /**
   * Stops serving a zone by compare-and-set: removes its version and journal when its current
   * serial is {@code expectedSerial}. The feed then reports the zone with an empty serial.
   *
   * @param zone the zone's origin, any letter case
   * @param expectedSerial the serial the store must hold now
   * @throws VersionConflictException when the store holds another serial or no version; nothing was
   *     removed
   */
  void withdraw(Name zone, SerialNumber expectedSerial);

  /**
   * Reads the change feed after a position, oldest first.
   *
   * @param position the last position already seen; 0 for the beginning (every zone once)
   * @param limit the most changes to return, at least 1
   * @return up to {@code limit} changes with positions greater than {@code position}, each zone at
   *     most once (its newest change)
   */
  List<VersionChange> changesSince(long position, int limit);

  /**
   * Delivers the change feed after a position to a listener as changes are committed, until the
   * subscription is closed. Implementations push (for example PostgreSQL LISTEN/NOTIFY) or poll;
   * either way no change is lost, also across an outage of the store.
   *
   * @param position the last position already seen (usually {@link #loadAll}'s result)
   * @param listener receives the changes, on a thread of the store
   * @return the running subscription; close it to stop
   */
  FeedSubscription watch(long position, VersionFeedListener listener);
}
