package io.github.secdns.examples.store;

import io.github.secdns.core.store.StoredZone;
import io.github.secdns.core.store.VersionConflictException;
import io.github.secdns.core.store.VersionWrite;
import io.github.secdns.core.store.ZoneVersionStore;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xbill.DNS.Name;

/**
 * Writes the versions a program holds at its start into a shared {@link ZoneVersionStore} without a
 * round trip per zone: the store is read once ({@link ZoneVersionStore#loadAll}), each stored
 * version compared as it is read and then dropped, and only what differs is written, {@value
 * #BATCH} zones a transaction ({@link ZoneVersionStore#publishAll}). One publish per zone, a load
 * and a transaction each, took about 3 ms a zone on PostgreSQL: five minutes for 100,000 zones. A
 * restart that changed nothing reads the store and writes nothing.
 *
 * <p>Used by the host example ({@code SecondaryDnsHost#open}) and by {@code serve --zone-dir DIR
 * --db URL}; each decides what a zone the store holds with another version becomes ({@link
 * OnDiffering}), and publishes one by one what comes back ({@link #publish}'s result).
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
   * @return the versions not written, in this order: those {@code onDiffering} left out and those
   *     whose stored version could not be read (in the store's order), then those of a batch that
   *     lost a compare-and-set
   * @throws RuntimeException (the store's unchecked type) when the store fails; batches written
   *     before the failure stay written
   */
  public static List<ZoneSnapshot> publish(
      ZoneVersionStore store, Collection<ZoneSnapshot> versions, OnDiffering onDiffering) {
    Map<Name, ZoneSnapshot> unstored = new LinkedHashMap<>();
    for (ZoneSnapshot version : versions) {
      unstored.put(version.origin(), version);
    }
    List<ZoneSnapshot> left = new ArrayList<>();
    List<VersionWrite> writes = new ArrayList<>();
    store.loadAll(
        stored -> {
          ZoneSnapshot version = unstored.remove(stored.snapshot().origin());
          if (version != null && !stored.snapshot().sameVersionAs(version)) {
            onDiffering
                .write(version, stored)
                .ifPresentOrElse(writes::add, () -> left.add(version));
          }
        },
        unreadable -> {
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
      try {
        store.publishAll(batch);
      } catch (VersionConflictException e) {
        batch.forEach(w -> left.add(w.version()));
      }
    }
    return left;
  }
}
