package io.github.secdns.examples.store;

import io.github.secdns.axfr.store.StoredZoneSource;
import io.github.secdns.core.store.PublishReceipt;
import io.github.secdns.core.store.StoreWarning;
import io.github.secdns.core.store.StoredZone;
import io.github.secdns.core.store.VersionConflictException;
import io.github.secdns.core.store.VersionWrite;
import io.github.secdns.core.store.ZoneVersionStore;
import io.github.secdns.core.zone.HistoryEntry;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.annotation.Nullable;
import org.xbill.DNS.Name;

/**
 * Writes the versions a program holds at its start into a shared {@link ZoneVersionStore} without a
 * round trip per zone: the store is read once ({@link ZoneVersionStore#loadAll}), each stored
 * version compared as it is read, and only what differs is written, {@value #BATCH} zones a
 * transaction ({@link ZoneVersionStore#publishAll}). One publish per zone, a load and a transaction
 * each, took about 3 ms a zone on PostgreSQL: five minutes for 100,000 zones. A restart that
 * changed nothing reads the store and writes nothing.
 *
 * <p>That read is also what the program serves: {@link Outcome#read()} is every stored zone as the
 * store holds it after the batches, for {@link StoredZoneSource.Builder#startingFrom}, so that a
 * start reads the store once, not once to compare and once more to serve (at 100,000 zones on
 * PostgreSQL the second read was about 5 s of a 15.7 s restart).
 *
 * <p>Used by the host example ({@code SecondaryDnsHost#open}) and by {@code serve --zone-dir DIR
 * --db URL}; each decides what a zone the store holds with another version becomes ({@link
 * OnDiffering}), and publishes one by one what comes back ({@link Outcome#left()}).
 *
 * <p>Threading: no state; {@link #publish} runs on the calling thread and blocks on the store
 * (never call it on a network I/O thread). {@link OnDiffering} is called on that thread too, during
 * the store's read.
 */
public final class VersionsAtStart {

  /**
   * How many zones one transaction writes: large enough that the round trips no longer count, small
   * enough that a batch another node's publish conflicts with costs little to redo zone by zone,
   * and that it holds its locks briefly.
   */
  public static final int BATCH = 1000;

  /** What becomes of a zone the store holds with another version than the one to publish. */
  @FunctionalInterface
  public interface OnDiffering {

    /**
     * Decides the write for a zone the store holds with another content.
     *
     * @param version the version to publish
     * @param stored what the store holds for its zone (version and journal)
     * @return the write to put in a batch, or empty to leave the zone out of the batches: it is
     *     then among the versions {@link #publish} returns
     */
    Optional<VersionWrite> write(ZoneSnapshot version, StoredZone stored);
  }

  /**
   * What {@link #publish} did.
   *
   * @param left the versions not written, in this order: those {@link OnDiffering} left out and
   *     those whose stored version could not be read (in the store's order), then those of a batch
   *     that lost a compare-and-set
   * @param read the store's zones as it holds them after the batches, with the position of the
   *     read: what a {@link StoredZoneSource} serves without reading the store again. A zone the
   *     caller then publishes one by one (one of {@code left}) is still the version read: the
   *     source learns the new one through the feed, like any version written after the read
   */
  public record Outcome(List<ZoneSnapshot> left, StoredZoneSource.StartingRead read) {

    /** Copies the list. */
    public Outcome {
      left = List.copyOf(left);
    }
  }

  private VersionsAtStart() {}

  /**
   * Writes what the store lacks of {@code versions}: a zone it does not hold at all as its first
   * version, a zone it holds with other content as {@code onDiffering} decides, nothing for a zone
   * it holds with exactly this version. A batch that loses a compare-and-set (another node
   * published one of its zones meanwhile) wrote nothing: its zones are returned, for the caller to
   * publish one by one on top of what the store holds then.
   *
   * @param store the store
   * @param versions at most one version per zone
   * @param onDiffering the write for a zone the store holds with other content, or none
   * @return the versions not written, and the read to serve from
   * @throws RuntimeException (the store's unchecked type) when the store fails; batches written
   *     before the failure stay written
   */
  public static Outcome publish(
      ZoneVersionStore store, Collection<ZoneSnapshot> versions, OnDiffering onDiffering) {
    Map<Name, ZoneSnapshot> unstored = new LinkedHashMap<>();
    for (ZoneSnapshot version : versions) {
      unstored.put(version.origin(), version);
    }
    List<ZoneSnapshot> left = new ArrayList<>();
    List<VersionWrite> writes = new ArrayList<>();
    // Every stored zone is kept (the source serves them), in the store's order.
    Map<Name, StoredZone> read = new LinkedHashMap<>();
    List<StoreWarning> unreadableZones = new ArrayList<>();
    long position =
        store.loadAll(
            stored -> {
              read.put(stored.snapshot().origin(), stored);
              ZoneSnapshot version = unstored.remove(stored.snapshot().origin());
              if (version != null && !stored.snapshot().sameVersionAs(version)) {
                onDiffering
                    .write(version, stored)
                    .ifPresentOrElse(writes::add, () -> left.add(version));
              }
            },
            unreadable -> {
              unreadableZones.add(unreadable);
              // Its load says what is wrong; the caller's publish of this zone will.
              ZoneSnapshot version = unstored.remove(unreadable.zone());
              if (version != null) {
                left.add(version);
              }
            });
    for (ZoneSnapshot version : unstored.values()) {
      writes.add(VersionWrite.first(version));
    }
    for (int from = 0; from < writes.size(); from += BATCH) {
      List<VersionWrite> batch = writes.subList(from, Math.min(writes.size(), from + BATCH));
      List<PublishReceipt> receipts;
      try {
        receipts = store.publishAll(batch);
      } catch (VersionConflictException e) {
        batch.forEach(w -> left.add(w.version()));
        continue;
      }
      for (int i = 0; i < batch.size(); i++) {
        Name zone = batch.get(i).version().origin();
        written(read.get(zone), batch.get(i), receipts.get(i)).ifPresent(z -> read.put(zone, z));
      }
    }
    return new Outcome(
        left,
        new StoredZoneSource.StartingRead(position, List.copyOf(read.values()), unreadableZones));
  }

  /**
   * What the store holds of a zone after a write of a committed batch, when the write tells it
   * without reading the store: the written version, and its journal as the store keeps it (the
   * {@link VersionWrite#journalKeep()} newest of the journal read and the new entry: {@link
   * VersionWrite}'s contract). Empty when it cannot be told: the version read (or none) then stays
   * in the read, and the store's own version reaches the source through the feed, as a version
   * written after the read (its position is above the read's).
   *
   * <p>The one race this cannot see: between the read and the batch another publisher withdraws the
   * zone and stores the very version read again (same serial, same content, a shorter journal); the
   * compare-and-set then succeeds, and this node's history keeps the read's older deltas too (each
   * a real step to that content, so never a wrong increment) until the zone's next version. The
   * version served is the store's either way.
   *
   * @param before the zone as read, if the read held it
   */
  private static Optional<StoredZone> written(
      @Nullable StoredZone before, VersionWrite write, PublishReceipt receipt) {
    if (!receipt.changed()) {
      // Another publisher stored this content first, with its own journal: not ours to tell.
      return Optional.empty();
    }
    if (write.expectedSerial().isEmpty()) {
      // A new zone (or a withdrawn one revived: a withdrawal removes the journal) has none.
      return Optional.of(new StoredZone(write.version(), List.of(), receipt.position(), List.of()));
    }
    if (before == null || !before.snapshot().serial().equals(write.expectedSerial().get())) {
      return Optional.empty();
    }
    List<HistoryEntry> journal = new ArrayList<>(before.journal());
    if (write.journalEntry().isPresent()) {
      journal.add(write.journalEntry().get());
    } else if (write.journalKeep() > 0) {
      return Optional.empty(); // old entries kept without one to the new version: the store's call
    }
    if (write.journalKeep() > journal.size()) {
      return Optional.empty(); // keeps entries this read did not see (it distrusted them)
    }
    return Optional.of(
        new StoredZone(
            write.version(),
            journal.subList(journal.size() - write.journalKeep(), journal.size()),
            receipt.position(),
            List.of()));
  }
}
