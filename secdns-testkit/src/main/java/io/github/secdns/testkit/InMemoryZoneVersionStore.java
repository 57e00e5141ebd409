package io.github.secdns.testkit;

import io.github.secdns.core.serial.SerialNumber;
import io.github.secdns.core.store.FeedSubscription;
import io.github.secdns.core.store.PublishReceipt;
import io.github.secdns.core.store.StoreWarning;
import io.github.secdns.core.store.StoredZone;
import io.github.secdns.core.store.VersionChange;
import io.github.secdns.core.store.VersionConflictException;
import io.github.secdns.core.store.VersionFeedListener;
import io.github.secdns.core.store.VersionWrite;
import io.github.secdns.core.store.ZoneVersionStore;
import io.github.secdns.core.zone.HistoryEntry;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.xbill.DNS.Name;

/**
 * A {@link ZoneVersionStore} in memory, standing in for a database in tests of what reads one (a
 * responder's stored zone source, a host): the compare-and-set publish and withdraw, the journal
 * trimmed to what each write keeps, the change feed with its positions, and {@link #watch} on a
 * thread of its own. Not durable.
 *
 * <p>Faults a real store meets, on demand: {@link #corruptJournal} (the next loads drop the zone's
 * journal with a {@link StoreWarning.Code#JOURNAL_CHECKSUM_MISMATCH} warning, as a store that finds
 * a bad checksum does), {@link #makeUnreadable} (the version cannot be read: {@link #loadAll} skips
 * it with a {@link StoreWarning.Code#VERSION_UNREADABLE} warning, {@link #load} throws), {@link
 * #failLoads} (the next loads throw, as during a short outage) and {@link #cut}/{@link #reconnect}
 * (every call throws and every feed reports one failure, then its restoration and the changes made
 * meanwhile).
 *
 * <p>Thread-safe: every call holds one lock, so reads are consistent with writes ({@link
 * #publishAll} too: a batch is stored whole or not at all). Each {@link #watch} runs a daemon
 * thread named {@code secdns-testkit-feed-N}, which closing the subscription joins.
 */
public final class InMemoryZoneVersionStore implements ZoneVersionStore {

  private static final AtomicInteger FEEDS = new AtomicInteger();
  private static final int FEED_BATCH = 100;

  private final Object lock = new Object();
  private final Map<Name, Row> rows = new HashMap<>();
  // Every change ever committed, by position; a consumer reads the newest change per zone.
  private final TreeMap<Long, VersionChange> feed = new TreeMap<>();
  private final Set<Name> corrupt = new HashSet<>();
  private final Set<Name> unreadable = new HashSet<>();
  private long lastPosition;
  private int failingLoads;
  private boolean down;

  /** A zone's current version, its journal (oldest first) and the position it was stored at. */
  private record Row(ZoneSnapshot version, List<HistoryEntry> journal, long position) {}

  /** Creates an empty store. */
  public InMemoryZoneVersionStore() {}

  @Override
  public Optional<StoredZone> load(Name zone) {
    synchronized (lock) {
      checkUp("load " + zone);
      if (failingLoads > 0) {
        failingLoads--;
        throw new IllegalStateException("load " + zone + ": the store failed (injected)");
      }
      if (unreadable.contains(zone)) {
        throw new IllegalStateException("load " + zone + ": the version cannot be read");
      }
      Row row = rows.get(zone);
      return row == null ? Optional.empty() : Optional.of(stored(zone, row));
    }
  }

  @Override
  public long loadAll(Consumer<StoredZone> zones, Consumer<StoreWarning> unreadableZones) {
    List<StoredZone> loaded = new ArrayList<>();
    List<StoreWarning> skipped = new ArrayList<>();
    long position;
    synchronized (lock) {
      checkUp("load every zone");
      for (Map.Entry<Name, Row> e : rows.entrySet()) {
        if (unreadable.contains(e.getKey())) {
          skipped.add(
              new StoreWarning(
                  e.getKey(),
                  StoreWarning.Code.VERSION_UNREADABLE,
                  "zone " + e.getKey() + ": its current version cannot be read; not loaded"));
        } else {
          loaded.add(stored(e.getKey(), e.getValue()));
        }
      }
      position = lastPosition;
    }
    // Outside the lock: a consumer may call back into the store.
    loaded.forEach(zones);
    skipped.forEach(unreadableZones);
    return position;
  }

  @Override
  public PublishReceipt publish(VersionWrite write) {
    synchronized (lock) {
      checkUp("publish " + write.version().origin());
      Optional<PublishReceipt> stored = alreadyStored(write);
      return stored.isPresent() ? stored.get() : store(write);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Under the store's one lock: every write is decided before the first is stored, so a feed
   * sees the whole batch or none of it.
   */
  @Override
  public List<PublishReceipt> publishAll(List<VersionWrite> writes) {
    ZoneVersionStore.requireOneWritePerZone(writes);
    if (writes.isEmpty()) {
      return List.of();
    }
    synchronized (lock) {
      checkUp("publish " + writes.size() + " zones");
      List<Optional<PublishReceipt>> decided = new ArrayList<>(writes.size());
      for (VersionWrite write : writes) {
        decided.add(alreadyStored(write));
      }
      List<PublishReceipt> receipts = new ArrayList<>(writes.size());
      for (int i = 0; i < writes.size(); i++) {
        Optional<PublishReceipt> stored = decided.get(i);
        receipts.add(stored.isPresent() ? stored.get() : store(writes.get(i)));
      }
      return receipts;
    }
  }

  /**
   * Decides a write's compare-and-set without changing anything: the receipt of a version stored
   * already, empty when the write may be stored.
   *
   * @throws VersionConflictException when the write loses
   */
  private Optional<PublishReceipt> alreadyStored(VersionWrite write) {
    Row row = rows.get(write.version().origin());
    if (row == null) {
      return write.decide(Optional.empty(), 0, () -> false);
    }
    return write.decide(
        Optional.of(row.version().serial()),
        row.position(),
        () -> row.version().sameVersionAs(write.version()));
  }

  /** Stores a write {@link #alreadyStored} let through. */
  private PublishReceipt store(VersionWrite write) {
    ZoneSnapshot version = write.version();
    Name zone = version.origin();
    Row row = rows.get(zone);
    List<HistoryEntry> journal = new ArrayList<>();
    if (row != null && write.journalEntry().isPresent()) {
      journal.addAll(row.journal());
      journal.add(write.journalEntry().get());
      journal.subList(0, Math.max(0, journal.size() - write.journalKeep())).clear();
    }
    long position = append(zone, Optional.of(version.serial()));
    rows.put(zone, new Row(version, List.copyOf(journal), position));
    corrupt.remove(zone); // the damage is in the old rows; this test double forgets it
    return new PublishReceipt(zone, version.serial(), true, position);
  }

  @Override
  public void withdraw(Name zone, SerialNumber expectedSerial) {
    synchronized (lock) {
      checkUp("withdraw " + zone);
      Row row = rows.get(zone);
      if (row == null || !row.version().serial().equals(expectedSerial)) {
        throw new VersionConflictException(
            zone,
            VersionConflictException.Reason.CURRENT_MOVED,
            Optional.empty(),
            Optional.of(expectedSerial),
            Optional.ofNullable(row).map(r -> r.version().serial()));
      }
      rows.remove(zone);
      append(zone, Optional.empty());
    }
  }

  @Override
  public List<VersionChange> changesSince(long position, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
    synchronized (lock) {
      checkUp("read the change feed");
      // The newest change of each zone after the position, in feed order.
      Map<Name, VersionChange> newest = new LinkedHashMap<>();
      for (VersionChange c : feed.tailMap(position, false).values()) {
        newest.remove(c.zone());
        newest.put(c.zone(), c);
      }
      return newest.values().stream().limit(limit).toList();
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Delivers on a daemon thread of its own; while the store is {@link #cut}, the listener hears
   * {@link VersionFeedListener#onFeedFailure} once, then {@link VersionFeedListener#onFeedRestored}
   * and the changes made meanwhile after {@link #reconnect}.
   */
  @Override
  public FeedSubscription watch(long position, VersionFeedListener listener) {
    Feed f = new Feed(position, listener);
    f.thread.start();
    return f;
  }

  /**
   * Makes the next loads of the zone drop its journal and report a checksum mismatch, as a store
   * whose journal row was damaged does; the zone's next publish starts a clean journal.
   *
   * @param zone the zone's origin
   */
  public void corruptJournal(Name zone) {
    synchronized (lock) {
      corrupt.add(zone);
    }
  }

  /**
   * Makes the zone's current version unreadable: {@link #loadAll} skips it with a warning, {@link
   * #load} throws.
   *
   * @param zone the zone's origin
   */
  public void makeUnreadable(Name zone) {
    synchronized (lock) {
      unreadable.add(zone);
    }
  }

  /**
   * Makes the next {@code count} calls of {@link #load} throw, as a store that fails for a moment.
   *
   * @param count how many loads fail
   */
  public void failLoads(int count) {
    synchronized (lock) {
      failingLoads = count;
    }
  }

  /** Takes the store down: every call throws and every feed reports the failure once. */
  public void cut() {
    synchronized (lock) {
      down = true;
      lock.notifyAll();
    }
  }

  /** Brings the store back after {@link #cut}: the feeds report it and resume. */
  public void reconnect() {
    synchronized (lock) {
      down = false;
      lock.notifyAll();
    }
  }

  private StoredZone stored(Name zone, Row row) {
    if (corrupt.contains(zone) && !row.journal().isEmpty()) {
      return new StoredZone(
          row.version(),
          List.of(),
          row.position(),
          List.of(
              new StoreWarning(
                  zone,
                  StoreWarning.Code.JOURNAL_CHECKSUM_MISMATCH,
                  "zone "
                      + zone
                      + ": a journal entry's checksum does not match; history dropped")));
    }
    return new StoredZone(row.version(), row.journal(), row.position(), List.of());
  }

  private long append(Name zone, Optional<SerialNumber> serial) {
    long position = ++lastPosition;
    feed.put(position, new VersionChange(zone, serial, position));
    lock.notifyAll();
    return position;
  }

  private void checkUp(String operation) {
    if (down) {
      throw new IllegalStateException(operation + ": the store is down (cut)");
    }
  }

  /** One {@link #watch}: its thread waits for changes under the store's lock and delivers them. */
  private final class Feed implements FeedSubscription {
    private final VersionFeedListener listener;
    private final Thread thread;
    private long position;
    private boolean closed;

    Feed(long position, VersionFeedListener listener) {
      this.position = position;
      this.listener = listener;
      this.thread = new Thread(this::run, "secdns-testkit-feed-" + FEEDS.incrementAndGet());
      thread.setDaemon(true);
    }

    private void run() {
      boolean reportedDown = false;
      while (true) {
        List<VersionChange> changes;
        boolean nowDown;
        synchronized (lock) {
          while (!closed && !news(reportedDown)) {
            try {
              lock.wait();
            } catch (InterruptedException e) {
              return;
            }
          }
          if (closed) {
            return;
          }
          nowDown = down;
          changes = nowDown ? List.of() : changesSince(position, FEED_BATCH);
        }
        // The listener is called outside the lock, so that it may read the store.
        if (nowDown != reportedDown) {
          reportedDown = nowDown;
          if (nowDown) {
            listener.onFeedFailure(new IllegalStateException("the store is down (cut)"));
          } else {
            listener.onFeedRestored();
          }
        }
        if (!changes.isEmpty()) {
          position = changes.get(changes.size() - 1).position();
          listener.onChanges(changes);
        }
      }
    }

    /** Whether the store went down or came back since last reported, or has changes to deliver. */
    private boolean news(boolean reportedDown) {
      return down != reportedDown || (!down && feed.higherKey(position) != null);
    }

    @Override
    public void close() {
      synchronized (lock) {
        closed = true;
        lock.notifyAll();
      }
      if (Thread.currentThread() != thread) {
        try {
          thread.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }
}
