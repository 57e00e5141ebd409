package io.github.secdns.axfr.internal;

import io.github.secdns.core.serial.SerialNumber;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * Renders each zone version once and hands the result to every transfer of that version ("render
 * once, send many").
 *
 * <p>One entry per zone: the version most recently asked for. Asking for another version of the
 * zone replaces the entry, so the old rendering is dropped as soon as the transfers still streaming
 * it finish. A version is recognised by {@link ZoneSnapshot#sameVersionAs} (hosts that build a new
 * snapshot object per lookup still hit the cache). Concurrent requests for a version being rendered
 * share the one rendering. Thread-safe.
 */
public final class RenderCache {

  private final ZoneRenderer renderer;
  private final Executor executor;
  private final ConcurrentHashMap<Name, Entry> entries = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Name, IncrementalEntries> incremental = new ConcurrentHashMap<>();
  private final AtomicLong renders = new AtomicLong();

  /**
   * Creates a cache.
   *
   * @param renderer renders a version
   * @param executor where renderings run (a bounded pool)
   */
  public RenderCache(ZoneRenderer renderer, Executor executor) {
    this.renderer = renderer;
    this.executor = executor;
  }

  /**
   * Returns the rendering of a version, starting it when it is not cached.
   *
   * @param snapshot the version
   * @return completes with the rendering, or exceptionally (e.g. {@link RecordTooLargeException})
   */
  public CompletableFuture<RenderedZone> get(ZoneSnapshot snapshot) {
    Entry entry =
        entries.compute(
            snapshot.origin(),
            (name, old) -> old != null && old.matches(snapshot) ? old : new Entry(snapshot));
    start(entry, () -> renderer.render(snapshot));
    return entry.future;
  }

  /**
   * Returns the rendering of an incremental IXFR answer, starting it when it is not cached. Cached
   * per (zone, client serial, current version): every secondary that holds the same old serial
   * shares one rendering. The entries of a zone are dropped when another version of the zone is
   * asked for, and by {@link #invalidate}; their number is bounded by the zone's history.
   *
   * @param current the version the answer leads to
   * @param from the serial the client holds
   * @param sequence the answer's records in sending order
   * @return completes with the rendering, or exceptionally
   */
  public CompletableFuture<RenderedZone> getIncremental(
      ZoneSnapshot current, SerialNumber from, List<Record> sequence) {
    IncrementalEntries forZone =
        incremental.compute(
            current.origin(),
            (name, old) ->
                old != null && old.current.matches(current)
                    ? old
                    : new IncrementalEntries(current));
    Entry entry = forZone.bySerial.computeIfAbsent(from, s -> new Entry(current));
    start(entry, () -> renderer.renderSequence(current, sequence));
    return entry.future;
  }

  private void start(Entry entry, java.util.function.Supplier<RenderedZone> render) {
    if (entry.claimed.compareAndSet(false, true)) {
      renders.incrementAndGet();
      try {
        executor.execute(
            () -> {
              try {
                entry.future.complete(render.get());
              } catch (RuntimeException | Error e) {
                entry.future.completeExceptionally(e);
              }
            });
      } catch (RuntimeException rejected) {
        entry.future.completeExceptionally(rejected);
      }
    }
  }

  /**
   * Drops the cached renderings of a zone (it changed or was withdrawn). Transfers streaming them
   * keep their reference and finish.
   *
   * @param zone the zone's origin
   */
  public void invalidate(Name zone) {
    entries.remove(zone);
    incremental.remove(zone);
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
   * Returns how many zones have a cached or pending rendering.
   *
   * @return the count
   */
  public int size() {
    return entries.size();
  }

  /** The incremental answers leading to one version of a zone, by the client's serial. */
  private static final class IncrementalEntries {
    final Entry current;
    final ConcurrentHashMap<SerialNumber, Entry> bySerial = new ConcurrentHashMap<>();

    IncrementalEntries(ZoneSnapshot current) {
      this.current = new Entry(current);
    }
  }

  private static final class Entry {
    final ZoneSnapshot snapshot;
    final CompletableFuture<RenderedZone> future = new CompletableFuture<>();
    final java.util.concurrent.atomic.AtomicBoolean claimed =
        new java.util.concurrent.atomic.AtomicBoolean();

    Entry(ZoneSnapshot snapshot) {
      this.snapshot = snapshot;
    }

    boolean matches(ZoneSnapshot other) {
      return snapshot.sameVersionAs(other);
    }
  }
}
