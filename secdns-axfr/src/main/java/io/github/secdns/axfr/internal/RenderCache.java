package io.github.secdns.axfr.internal;

import io.github.secdns.core.serial.SerialNumber;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.annotation.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * Renders zone versions on demand, once each, and keeps the renderings within a memory bound
 * ("render once, send many", without rendering every zone of a host that has 100,000).
 *
 * <p>Entries: per zone, the full transfer of the version most recently asked for, and the
 * incremental IXFR answers leading to that version (one per client serial). Asking for another
 * version of a zone replaces its entries. A version is recognised by {@link
 * ZoneSnapshot#sameVersionAs} (hosts that build a new snapshot object per lookup still hit the
 * cache). Concurrent requests for a version being rendered share the one rendering.
 *
 * <p>Bound: the renderings kept hold at most {@code maxBytes} octets together, each counted as the
 * memory it retains ({@link RenderedZone#retainedBytes()}: its arrays of message bodies and its
 * per-message bookkeeping). When a finished rendering takes the total past the bound, the least
 * recently used renderings are dropped until it is within the bound again (a rendering larger than
 * the bound is used by the transfers that asked for it and then dropped). Renderings still running
 * count once they finish. Transfers streaming a dropped rendering keep their reference and finish;
 * the next request for it renders it again.
 *
 * <p>Thread-safe: one short lock around the bookkeeping; rendering runs on the executor, except a
 * small one ({@value #INLINE_RECORDS} records at most), which runs on the thread that asks.
 */
public final class RenderCache {

  /**
   * Renderings of at most this many records run on the thread that asks (a few tens of
   * microseconds: less than a hand-off to a render thread and back); larger ones on the executor.
   */
  static final int INLINE_RECORDS = 100;

  private final ZoneRenderer renderer;
  private final Executor executor;
  private final long maxBytes;
  private final Consumer<ZoneSnapshot> beforeFullRender;
  private final Object lock = new Object();

  /** Every entry, least recently used first. Guarded by lock. */
  private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);

  /** The incremental keys of each zone, so a zone's entries are found without a scan. */
  private final Map<Name, List<Key>> incrementalKeys = new HashMap<>();

  private long bytes;
  private final AtomicLong renders = new AtomicLong();

  /**
   * Creates a cache.
   *
   * @param renderer renders a version
   * @param executor where renderings run (a bounded pool)
   * @param maxBytes the bound on the octets of the renderings kept
   */
  public RenderCache(ZoneRenderer renderer, Executor executor, long maxBytes) {
    this(renderer, executor, maxBytes, snapshot -> {});
  }

  /**
   * Creates a cache that calls a hook on the render thread before each full rendering (tests use it
   * to hold a rendering while they watch what happens meanwhile).
   *
   * @param renderer renders a version
   * @param executor where renderings run (a bounded pool)
   * @param maxBytes the bound on the octets of the renderings kept
   * @param beforeFullRender called with the version about to be rendered
   */
  public RenderCache(
      ZoneRenderer renderer,
      Executor executor,
      long maxBytes,
      Consumer<ZoneSnapshot> beforeFullRender) {
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes must not be negative: " + maxBytes);
    }
    this.renderer = renderer;
    this.executor = executor;
    this.maxBytes = maxBytes;
    this.beforeFullRender = beforeFullRender;
  }

  /**
   * Returns the rendering of a version's full transfer, starting it when it is not cached.
   *
   * @param snapshot the version
   * @return completes with the rendering, or exceptionally (e.g. {@link RecordTooLargeException})
   */
  public CompletableFuture<RenderedZone> get(ZoneSnapshot snapshot) {
    Key key = new Key(snapshot.origin(), null);
    Entry entry;
    synchronized (lock) {
      entry = entries.get(key);
      if (entry == null || !entry.matches(snapshot)) {
        dropOtherVersions(snapshot);
        entry = new Entry(key, snapshot);
        entries.put(key, entry);
      }
    }
    start(
        entry,
        snapshot.size() + 1,
        () -> {
          beforeFullRender.accept(snapshot);
          return renderer.render(snapshot);
        });
    return entry.future;
  }

  /**
   * Starts rendering a version's full transfer ahead of its first request (a new version of a zone
   * that is being transferred), unless it is small enough to render when asked.
   *
   * @param snapshot the version
   */
  public void prepare(ZoneSnapshot snapshot) {
    if (snapshot.size() + 1 > INLINE_RECORDS) {
      get(snapshot);
    }
  }

  /**
   * Returns the rendering of an incremental IXFR answer, starting it when it is not cached. Cached
   * per (zone, client serial, current version): every secondary that holds the same old serial
   * shares one rendering.
   *
   * @param current the version the answer leads to
   * @param from the serial the client holds
   * @param sequence the answer's records in sending order
   * @return completes with the rendering, or exceptionally
   */
  public CompletableFuture<RenderedZone> getIncremental(
      ZoneSnapshot current, SerialNumber from, List<Record> sequence) {
    Name zone = current.origin();
    Key key = new Key(zone, from);
    Entry entry;
    synchronized (lock) {
      entry = entries.get(key);
      if (entry == null || !entry.matches(current)) {
        dropOtherVersions(current); // what leads to or shows another version is of no use now
        entry = new Entry(key, current);
        entries.put(key, entry);
        incrementalKeys.computeIfAbsent(zone, z -> new ArrayList<>(2)).add(key);
      }
    }
    start(entry, sequence.size(), () -> renderer.renderSequence(current, sequence));
    return entry.future;
  }

  private void start(Entry entry, int records, Supplier<RenderedZone> render) {
    if (!entry.claimed.compareAndSet(false, true)) {
      return;
    }
    renders.incrementAndGet();
    // A small rendering (a host's typical zone, a one-record change) costs less than handing it
    // to a render thread and back: it runs on the calling thread.
    Executor where = records <= INLINE_RECORDS ? Runnable::run : executor;
    try {
      where.execute(
          () -> {
            RenderedZone rendered;
            try {
              rendered = render.get();
            } catch (RuntimeException | Error e) {
              // Kept (0 octets) until the zone changes: a version that cannot be rendered fails
              // the same way on every request, and must not cost a rendering per request.
              entry.future.completeExceptionally(e);
              return;
            }
            account(entry, rendered.retainedBytes());
            entry.future.complete(rendered);
          });
    } catch (RuntimeException rejected) {
      forget(entry);
      entry.future.completeExceptionally(rejected);
    }
  }

  /** A rendering finished: count its octets and drop the least recently used beyond the bound. */
  private void account(Entry entry, long size) {
    synchronized (lock) {
      if (entries.get(entry.key) != entry) {
        return; // replaced or dropped while it rendered: only its own transfers use it
      }
      entry.bytes = size;
      bytes += size;
      Iterator<Entry> eldest = entries.values().iterator();
      while (bytes > maxBytes && eldest.hasNext()) {
        Entry e = eldest.next();
        if (e.bytes > 0) {
          eldest.remove();
          unlink(e);
        }
      }
    }
  }

  /** A rendering that could not start is not kept: the next request tries again. */
  private void forget(Entry entry) {
    synchronized (lock) {
      if (entries.get(entry.key) == entry) {
        remove(entry);
      }
    }
  }

  /**
   * Drops the cached renderings of a zone (it changed or was withdrawn). Transfers streaming them
   * keep their reference and finish.
   *
   * @param zone the zone's origin
   * @return whether a finished full rendering of the zone was dropped (someone transferred the
   *     previous version: its successor is worth rendering ahead)
   */
  public boolean invalidate(Name zone) {
    synchronized (lock) {
      Entry full = entries.get(new Key(zone, null));
      boolean rendered =
          full != null && full.future.isDone() && !full.future.isCompletedExceptionally();
      dropZone(zone);
      return rendered;
    }
  }

  /** Drops the entries of the snapshot's zone that belong to another version. */
  private void dropOtherVersions(ZoneSnapshot snapshot) {
    Name zone = snapshot.origin();
    Entry full = entries.get(new Key(zone, null));
    if (full != null && !full.matches(snapshot)) {
      remove(full);
    }
    List<Key> keys = incrementalKeys.get(zone);
    if (keys != null) {
      for (Key k : new ArrayList<>(keys)) {
        Entry e = entries.get(k);
        if (e != null && !e.matches(snapshot)) {
          remove(e);
        }
      }
    }
  }

  private void dropZone(Name zone) {
    Entry full = entries.get(new Key(zone, null));
    if (full != null) {
      remove(full);
    }
    List<Key> keys = incrementalKeys.remove(zone);
    if (keys != null) {
      for (Key k : keys) {
        Entry e = entries.remove(k);
        if (e != null) {
          bytes -= e.bytes;
        }
      }
    }
  }

  private void remove(Entry e) {
    entries.remove(e.key);
    unlink(e);
  }

  /** Bookkeeping after an entry left {@link #entries}. */
  private void unlink(Entry e) {
    bytes -= e.bytes;
    e.bytes = 0;
    if (e.key.from() != null) {
      List<Key> keys = incrementalKeys.get(e.key.zone());
      if (keys != null) {
        keys.remove(e.key);
        if (keys.isEmpty()) {
          incrementalKeys.remove(e.key.zone());
        }
      }
    }
  }

  /**
   * Returns how many renderings were started since this cache was created.
   *
   * @return the count
   */
  public long renders() {
    return renders.get();
  }

  /**
   * Returns the octets of the renderings kept now.
   *
   * @return at most the bound, once every rendering has finished
   */
  public long bytes() {
    synchronized (lock) {
      return bytes;
    }
  }

  /**
   * Returns how many renderings (full and incremental, finished or running) are kept.
   *
   * @return the count
   */
  public int size() {
    synchronized (lock) {
      return entries.size();
    }
  }

  /** A full transfer ({@code from} null) or the incremental answer from {@code from}. */
  private record Key(Name zone, @Nullable SerialNumber from) {}

  private static final class Entry {
    final Key key;
    final ZoneSnapshot snapshot;
    final CompletableFuture<RenderedZone> future = new CompletableFuture<>();
    final AtomicBoolean claimed = new AtomicBoolean();

    /** The octets counted for it; 0 until it finished. Guarded by the cache's lock. */
    long bytes;

    Entry(Key key, ZoneSnapshot snapshot) {
      this.key = key;
      this.snapshot = snapshot;
    }

    boolean matches(ZoneSnapshot other) {
      return snapshot.sameVersionAs(other);
    }
  }
}
