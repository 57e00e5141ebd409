package io.github.secdns.axfr.internal;

import io.github.secdns.core.serial.SerialNumber;
import io.github.secdns.core.zone.ZoneDelta;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ObjIntConsumer;
import java.util.function.Supplier;
import javax.annotation.Nullable;
import org.xbill.DNS.Name;

/**
 * Renders zone versions on demand, once each, and keeps the renderings within a memory bound
 * ("render once, send many", without rendering every zone of a host that has 100,000).
 *
 * <p>Entries: per zone, the full transfer of the version most recently asked for, and the
 * incremental IXFR answers leading to that version (one per client serial), each only when it
 * carries more than {@value #KEPT_ABOVE_RECORDS} records: a smaller one is rendered for each
 * request on the thread that asks and not kept (cheaper to render again than to keep). Asking for
 * another version of a zone replaces its entries. A version is recognised by {@link
 * ZoneSnapshot#sameVersionAs} (hosts that build a new snapshot object per lookup still hit the
 * cache). A rendering is handed out as soon as it starts ({@link Rendering}): transfers stream each
 * message once it is rendered, and concurrent requests for a version being rendered share the one
 * rendering as it grows.
 *
 * <p>Bound: the renderings kept hold at most {@code maxBytes} octets together, each counted as the
 * memory it retains (its arrays of message bodies and its per-message bookkeeping), a rendering
 * still running counted as it grows, after each message, at the size it will keep (the free tail of
 * the array it is writing into, at most {@value ZoneRenderer#CHUNK} octets per running rendering,
 * is not counted: it is trimmed when the rendering finishes). When a rendering grows or finishes
 * past the bound, the least recently used other renderings are dropped until it is within the bound
 * again, and the growing one itself when that is not enough (a rendering larger than the bound
 * serves the transfers that asked for it while it was kept, and is not kept). Transfers streaming a
 * dropped rendering keep their reference and finish; the next request for it renders it again.
 *
 * <p>Thread-safe: one short lock around the bookkeeping; rendering runs on the executor, except a
 * small one ({@value #INLINE_RECORDS} records at most), which runs on the thread that asks. The
 * full transfer of a version larger than the {@link RenderSplit}'s threshold is rendered in
 * segments on several of the executor's threads at once ({@link SplitRender}); each segment counts
 * its own growth.
 */
public final class RenderCache {

  /**
   * Renderings of at most this many records run on the thread that asks; larger ones on the
   * executor. Measured (a throwaway timing on the busy 2-core machine, A records, warm, medians):
   * rendering 100 records takes about 10 microseconds and 300 about 30, a hand-off to a render
   * thread and back to the I/O thread about 50 plus the rendering; 256 keeps the I/O thread's stall
   * under about 30 microseconds while saving the hand-off for every host-sized zone.
   */
  static final int INLINE_RECORDS = 256;

  /**
   * Renderings of at most this many records are not kept: each request renders its own, on the
   * thread that asks (below {@link #INLINE_RECORDS}, so always inline). A host's typical zone (20
   * records) renders in about 1.2 microseconds and one of 100 records in about 6 (JMH {@code
   * InlineRenderBenchmark}, warm), against about 20 microseconds of server CPU per transfer over
   * TCP. Keeping them cost more than it saved: each kept rendering outlives the young generation
   * and is copied by the collector, and those of 100,000 such zones held about 100 MiB. Issue 13's
   * many-zones benchmark (one start each): keeping them, the server's CPU per first transfer of a
   * zone was 32 microseconds at 10,000 zones where a repeated one took 19, and at 100,000 zones the
   * RSS grew from 303 to 409 MiB over a round of transfers; not keeping them, 19 and 19
   * microseconds, 302 to 311 MiB.
   */
  static final int KEPT_ABOVE_RECORDS = 64;

  private final ZoneRenderer renderer;
  private final Executor executor;
  private final long maxBytes;
  private final RenderSplit split;
  private final Consumer<ZoneSnapshot> beforeFullRender;
  private final ObjIntConsumer<ZoneSnapshot> afterMessage;
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
    this(
        renderer, executor, maxBytes, RenderSplit.NONE, snapshot -> {}, (snapshot, messages) -> {});
  }

  /**
   * Creates a cache that calls hooks on the render thread before each full rendering and after each
   * message of any rendering is published (tests use them to hold or pace a rendering while they
   * watch what happens meanwhile).
   *
   * @param renderer renders a version
   * @param executor where renderings run (a bounded pool)
   * @param maxBytes the bound on the octets of the renderings kept
   * @param split which full transfers are rendered in segments on several threads of {@code
   *     executor}
   * @param beforeFullRender called with the version about to be rendered
   * @param afterMessage called with the version and the number of its messages readable so far (for
   *     a split rendering, by the thread of each segment, after each of its messages)
   */
  public RenderCache(
      ZoneRenderer renderer,
      Executor executor,
      long maxBytes,
      RenderSplit split,
      Consumer<ZoneSnapshot> beforeFullRender,
      ObjIntConsumer<ZoneSnapshot> afterMessage) {
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes must not be negative: " + maxBytes);
    }
    this.renderer = renderer;
    this.executor = executor;
    this.maxBytes = maxBytes;
    this.split = split;
    this.beforeFullRender = beforeFullRender;
    this.afterMessage = afterMessage;
  }

  /**
   * Returns the rendering of a version's full transfer, starting it when it is not cached.
   *
   * @param snapshot the version
   * @return the rendering, growing or finished; it fails (e.g. {@link RecordTooLargeException})
   *     when the version cannot be rendered
   */
  public Rendering get(ZoneSnapshot snapshot) {
    Key key = new Key(snapshot.origin(), null);
    int segments = split.segments(snapshot.size() - 1);
    if (segments == 1 && !kept(snapshot.size() + 1)) {
      return renderOnce(
          key,
          snapshot,
          snapshot.size() + 1,
          into -> {
            beforeFullRender.accept(snapshot);
            return renderer.renderOnce(snapshot, into);
          });
    }
    Entry entry;
    synchronized (lock) {
      entry = entries.get(key);
      if (entry == null || !entry.matches(snapshot)) {
        dropOtherVersions(snapshot);
        entry = new Entry(key, snapshot, segments);
        entries.put(key, entry);
      }
    }
    Entry e = entry;
    if (segments > 1) {
      start(e, executor, () -> renderSplit(e, segments));
    } else {
      start(
          e,
          snapshot.size() + 1,
          () -> {
            beforeFullRender.accept(snapshot);
            return renderer.render(snapshot, e.rendering);
          });
    }
    return e.rendering;
  }

  /**
   * Whether a rendering of this many records is kept: see {@link #KEPT_ABOVE_RECORDS}.
   *
   * @param records the records the rendering carries (a full transfer: the SOA twice)
   * @return whether it is worth keeping
   */
  static boolean kept(long records) {
    return records > KEPT_ABOVE_RECORDS;
  }

  /**
   * Renders something too small to keep for one request, on the calling thread, and keeps nothing:
   * neither counted in the bound nor found by the next request.
   */
  private Rendering renderOnce(
      Key key, ZoneSnapshot snapshot, int records, Function<Rendering, RenderedZone> render) {
    Entry once = new Entry(key, snapshot, 1);
    start(once, records, () -> render.apply(once.rendering));
    return once.rendering;
  }

  /** Renders a big version's full transfer in segments (on a render thread, which starts it). */
  private void renderSplit(Entry entry, int segments) {
    Rendering rendering = entry.rendering;
    try {
      beforeFullRender.accept(entry.snapshot);
    } catch (RuntimeException | Error e) {
      rendering.fail(e);
      failed(entry, e);
      return;
    }
    new SplitRender(
            renderer,
            entry.snapshot,
            rendering,
            segments,
            new SplitRender.Ended() {
              @Override
              public void completed(RenderedZone whole) {
                account(entry, whole.retainedBytes());
              }

              @Override
              public void failed(Throwable failure) {
                RenderCache.this.failed(entry, failure);
              }
            })
        .run(executor);
  }

  /**
   * Starts rendering a version's full transfer ahead of its first request (a new version of a zone
   * that is being transferred), unless it is small enough to render when asked.
   *
   * @param snapshot the version
   * @return the rendering begun (or found), or empty when the version renders when asked
   */
  public Optional<Rendering> prepare(ZoneSnapshot snapshot) {
    if (snapshot.size() + 1 > INLINE_RECORDS) {
      // Rendering ahead: a failure shows when a transfer asks for the rendering.
      return Optional.of(get(snapshot));
    }
    return Optional.empty();
  }

  /**
   * Returns the rendering of an incremental IXFR answer, starting it when it is not cached. Cached
   * per (zone, client serial, current version): every secondary that holds the same old serial
   * shares one rendering.
   *
   * @param current the version the answer leads to
   * @param from the serial the client holds
   * @param chain the deltas from that serial to the current version, oldest first
   * @return the rendering, growing or finished
   */
  public Rendering getIncremental(ZoneSnapshot current, SerialNumber from, List<ZoneDelta> chain) {
    Name zone = current.origin();
    Key key = new Key(zone, from);
    long records = 2; // the current SOA at both ends
    for (ZoneDelta d : chain) {
      records += d.size();
    }
    int cost = (int) Math.min(Integer.MAX_VALUE, records);
    if (!kept(records)) {
      return renderOnce(
          key, current, cost, into -> renderer.renderIncremental(current, chain, into));
    }
    Entry entry;
    synchronized (lock) {
      entry = entries.get(key);
      if (entry == null || !entry.matches(current)) {
        dropOtherVersions(current); // what leads to or shows another version is of no use now
        entry = new Entry(key, current, 1);
        entries.put(key, entry);
        incrementalKeys.computeIfAbsent(zone, z -> new ArrayList<>(2)).add(key);
      }
    }
    Entry e = entry;
    start(e, cost, () -> renderer.renderIncremental(current, chain, e.rendering));
    return e.rendering;
  }

  private void start(Entry entry, int records, Supplier<RenderedZone> render) {
    Rendering rendering = entry.rendering;
    // A small rendering (a host's typical zone, a one-record change) costs less than handing it
    // to a render thread and back: it runs on the calling thread.
    start(
        entry,
        records <= INLINE_RECORDS ? Runnable::run : executor,
        () -> {
          RenderedZone rendered;
          try {
            rendered = render.get(); // completes or fails the rendering
          } catch (RuntimeException | Error e) {
            rendering.fail(e); // when it failed before the renderer began
            failed(entry, e);
            return;
          }
          account(entry, rendered.retainedBytes());
        });
  }

  /** Runs a rendering job once per entry, where told; a job that cannot start fails the entry. */
  private void start(Entry entry, Executor where, Runnable job) {
    if (!entry.claimed.compareAndSet(false, true)) {
      return;
    }
    renders.incrementAndGet();
    try {
      where.execute(job);
    } catch (RuntimeException rejected) {
      forget(entry);
      entry.rendering.fail(rejected);
    }
  }

  /**
   * A rendering finished: count it at its final size and drop the least recently used renderings
   * beyond the bound, the finished one last.
   */
  private void account(Entry entry, long size) {
    synchronized (lock) {
      if (entries.get(entry.key) != entry) {
        return; // replaced or dropped while it rendered: only its own transfers use it
      }
      grow(entry, size - entry.bytes);
    }
  }

  /**
   * A rendering grew (by a segment's message; several segments grow at once): count the octets and
   * drop the least recently used renderings beyond the bound, the growing one last. Growth is
   * added, not set, so that segments reporting in any order count exactly their sum.
   */
  private void grew(Entry entry, long grownBy) {
    synchronized (lock) {
      // Replaced or dropped while it rendered (only its own transfers use it), or failed (kept
      // without its messages: a later segment's growth is not counted).
      if (entries.get(entry.key) != entry || entry.failed) {
        return;
      }
      grow(entry, grownBy);
    }
  }

  /** Adds to an entry's count and evicts beyond the bound. Under the lock. */
  private void grow(Entry entry, long grownBy) {
    bytes += grownBy;
    entry.bytes += grownBy;
    Iterator<Entry> eldest = entries.values().iterator();
    while (bytes > maxBytes && eldest.hasNext()) {
      Entry e = eldest.next();
      if (e != entry && e.bytes > 0) {
        eldest.remove();
        unlink(e);
      }
    }
    if (bytes > maxBytes) {
      remove(entry);
    }
  }

  /**
   * A rendering failed: its entry stays (until the zone changes) but holds no message. Kept without
   * the messages published before the failure (transfers that streamed them hold their own
   * reference): a version that cannot be rendered fails the same way on every request, and must not
   * cost a rendering per request.
   */
  private void failed(Entry entry, Throwable failure) {
    synchronized (lock) {
      if (entries.get(entry.key) == entry) {
        bytes -= entry.bytes;
        entry.bytes = 0;
        entry.failed = true;
        entry.rendering = Rendering.failed(entry.snapshot, failure);
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
          full != null && full.rendering.isDone() && full.rendering.failure().isEmpty();
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
  private record Key(Name zone, @Nullable SerialNumber from) {
    // By hand: a record's generated equals and hashCode spin classes on first use, on the first
    // transfer's path (docs/ARCHITECTURE.md, "Start-up").
    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Key other && other.zone.equals(zone) && Objects.equals(other.from, from);
    }

    @Override
    public int hashCode() {
      return 31 * zone.hashCode() + Objects.hashCode(from);
    }
  }

  /** A cached rendering; hears of its growth to count it. */
  private final class Entry implements Rendering.Progress {
    final Key key;
    final ZoneSnapshot snapshot;
    final AtomicBoolean claimed = new AtomicBoolean();

    /** Replaced by an empty failed one when the rendering fails. */
    volatile Rendering rendering;

    /** The octets counted for it, as it grows. Guarded by the cache's lock. */
    long bytes;

    /** Whether its rendering failed (it then holds no message). Guarded by the cache's lock. */
    boolean failed;

    Entry(Key key, ZoneSnapshot snapshot, int segments) {
      this.key = key;
      this.snapshot = snapshot;
      this.rendering = new Rendering(snapshot, this, segments);
    }

    @Override
    public void published(int messages, long grownBy) {
      grew(this, grownBy);
      afterMessage.accept(snapshot, messages);
    }

    boolean matches(ZoneSnapshot other) {
      return snapshot.sameVersionAs(other);
    }
  }
}
