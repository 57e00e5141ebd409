package io.github.secdns.axfr.internal;

import io.github.secdns.core.zone.ZoneSnapshot;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.xbill.DNS.Name;

/**
 * Renders each zone version once and hands the result to every transfer of that version
 * ("render once, send many").
 *
 * <p>One entry per zone: the version most recently asked for. Asking for another version of the
 * zone replaces the entry, so the old rendering is dropped as soon as the transfers still
 * streaming it finish. A version is recognised by identity, or else by serial and content hash
 * (hosts that build a new snapshot object per lookup still hit the cache). Concurrent requests for
 * a version being rendered share the one rendering. Thread-safe.
 */
public final class RenderCache {

  private final ZoneRenderer renderer;
  private final Executor executor;
  private final ConcurrentHashMap<Name, Entry> entries = new ConcurrentHashMap<>();
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
   * @return completes with the rendering, or exceptionally (e.g. {@link
   *     RecordTooLargeException})
   */
  public CompletableFuture<RenderedZone> get(ZoneSnapshot snapshot) {
    Entry entry =
        entries.compute(
            snapshot.origin(),
            (name, old) -> old != null && old.matches(snapshot) ? old : new Entry(snapshot));
    if (entry.claimed.compareAndSet(false, true)) {
      renders.incrementAndGet();
      try {
        executor.execute(
            () -> {
              try {
                entry.future.complete(renderer.render(snapshot));
              } catch (RuntimeException | Error e) {
                entry.future.completeExceptionally(e);
              }
            });
      } catch (RuntimeException rejected) {
        entry.future.completeExceptionally(rejected);
      }
    }
    return entry.future;
  }

  /**
   * Drops the cached rendering of a zone (it changed or was withdrawn). Transfers streaming it
   * keep their reference and finish.
   *
   * @param zone the zone's origin
   */
  public void invalidate(Name zone) {
    entries.remove(zone);
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

  private static final class Entry {
    final ZoneSnapshot snapshot;
    final CompletableFuture<RenderedZone> future = new CompletableFuture<>();
    final java.util.concurrent.atomic.AtomicBoolean claimed =
        new java.util.concurrent.atomic.AtomicBoolean();

    Entry(ZoneSnapshot snapshot) {
      this.snapshot = snapshot;
    }

    boolean matches(ZoneSnapshot other) {
      return snapshot == other
          || (snapshot.serial().equals(other.serial())
              && snapshot.hashCode() == other.hashCode()
              && snapshot.soa().equals(other.soa()));
    }
  }
}
