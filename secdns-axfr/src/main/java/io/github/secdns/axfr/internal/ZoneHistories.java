package io.github.secdns.axfr.internal;

import io.github.secdns.core.zone.ZoneHistory;
import io.github.secdns.core.zone.ZoneJournal;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Name;

/**
 * The IXFR history of every served zone, kept in step with the versions the responder serves.
 *
 * <p>Each new version of a zone is folded into the zone's {@link ZoneHistory} once, in the
 * background ({@code executor}), never per client: the difference to the previous version is
 * computed there, and with a host {@link ZoneJournal} the entry is persisted there too. The
 * versions of one zone are folded in the order they were observed (a future chain per zone);
 * different zones proceed independently. Until a version's history is ready, IXFR requests for it
 * get the full zone (never a wrong increment): {@link #ready} only returns a history whose current
 * version is the one being served. A zone's history state lives in its {@link ZoneEntry} (guarded
 * by the entry, except the ready history, which queries read without a lock): a zone that is simply
 * ready keeps no future, only the history, and a zone whose only version is its first (no journal)
 * keeps neither.
 *
 * <p>Thread-safe. A journal that throws is logged; the zone's history then restarts from the new
 * version without the journal's entry (clients get full transfers until new deltas exist).
 */
public final class ZoneHistories {

  private static final Logger LOG = LoggerFactory.getLogger(ZoneHistories.class);

  private final Executor executor;
  private final Optional<ZoneJournal> journal;
  private final Clock clock;
  private final ZoneEntries entries;

  /**
   * Creates the histories with zone entries of their own.
   *
   * @param executor where differences are computed (a bounded background pool)
   * @param journal the host's persisted history, if any
   * @param clock dates the deltas and ages them (SOA EXPIRE)
   */
  public ZoneHistories(Executor executor, Optional<ZoneJournal> journal, Clock clock) {
    this(new ZoneEntries(), executor, journal, clock);
  }

  /**
   * Creates the histories over the responder's zone entries.
   *
   * @param entries where each zone's history state is kept (shared with the versions served)
   * @param executor where differences are computed (a bounded background pool)
   * @param journal the host's persisted history, if any
   * @param clock dates the deltas and ages them (SOA EXPIRE)
   */
  public ZoneHistories(
      ZoneEntries entries, Executor executor, Optional<ZoneJournal> journal, Clock clock) {
    this.entries = entries;
    this.executor = executor;
    this.journal = journal;
    this.clock = clock;
  }

  /**
   * Folds a version into its zone's history, unless it is the version observed last.
   *
   * @param snapshot a version now being served
   * @return completes with the history whose current version is {@code snapshot}
   */
  public CompletableFuture<ZoneHistory> observe(ZoneSnapshot snapshot) {
    ZoneEntry state = entries.entry(snapshot.origin());
    synchronized (state) {
      CompletableFuture<ZoneHistory> observed = firstOnly(state);
      if (observed == null) {
        observed = state.historyTail();
      }
      if (observed != null
          && state.lastObserved != null
          && state.lastObserved.sameVersionAs(snapshot)) {
        return observed;
      }
      state.lastObserved = snapshot;
      CompletableFuture<ZoneHistory> previous = observed;
      if (previous == null && journal.isEmpty()) {
        // A zone's first version without a journal has nothing to compute: ready at once, no task
        // (a responder starting with 100,000 zones queues nothing for them), and neither a future
        // nor a history kept: its history is that version alone, made again when asked for
        // (firstOnly; one object fewer per zone of 100,000).
        state.ready = null;
        state.tail = null;
        return CompletableFuture.completedFuture(ZoneHistory.start(snapshot, clock));
      }
      CompletableFuture<ZoneHistory> next;
      try {
        next =
            (previous == null ? CompletableFuture.<ZoneHistory>completedFuture(null) : previous)
                .handleAsync(
                    (before, failure) -> {
                      ZoneHistory h = fold(before, snapshot);
                      state.ready = h; // before the future completes: waiters see it ready
                      return h;
                    },
                    executor);
      } catch (RuntimeException rejected) {
        // The pool is shut down (the responder is closing): nothing more to compute.
        state.lastObserved = null;
        return CompletableFuture.failedFuture(rejected);
      }
      state.tail = next;
      return next;
    }
  }

  /**
   * Takes a history supplied by the zone source (a shared store's journal) as the zone's history:
   * nothing is computed, its current version is ready at once (after any fold still running for an
   * earlier version, which it then replaces).
   *
   * @param history the supplied history; its current version is the version now served
   * @return completes with {@code history}
   */
  public CompletableFuture<ZoneHistory> supply(ZoneHistory history) {
    ZoneSnapshot snapshot = history.current();
    ZoneEntry state = entries.entry(snapshot.origin());
    synchronized (state) {
      CompletableFuture<ZoneHistory> previous = state.tail;
      state.lastObserved = snapshot;
      if (previous == null || previous.isDone()) {
        state.ready = history;
        state.tail = null;
        return CompletableFuture.completedFuture(history);
      }
      CompletableFuture<ZoneHistory> next =
          previous.handle(
              (before, failure) -> {
                state.ready = history;
                return history;
              });
      state.tail = next;
      return next;
    }
  }

  /**
   * The history of a zone whose only version observed is kept without one (its first, without a
   * journal: see {@link #observe}); null when the zone has a history or a fold (or nothing). Called
   * holding the entry's lock.
   */
  @Nullable
  private CompletableFuture<ZoneHistory> firstOnly(ZoneEntry state) {
    ZoneSnapshot first = state.lastObserved;
    return first != null && state.tail == null && state.ready == null
        ? CompletableFuture.completedFuture(ZoneHistory.start(first, clock))
        : null;
  }

  private ZoneHistory fold(@Nullable ZoneHistory before, ZoneSnapshot snapshot) {
    try {
      if (journal.isPresent()) {
        return before == null
            ? ZoneHistory.restore(snapshot, journal.get(), clock)
            : before.withVersion(snapshot, journal.get());
      }
      return before == null ? ZoneHistory.start(snapshot, clock) : before.withVersion(snapshot);
    } catch (RuntimeException e) {
      LOG.warn(
          "the IXFR history of {} could not take serial {}; it restarts from that version",
          snapshot.origin(),
          snapshot.serial(),
          e);
      return ZoneHistory.start(snapshot, clock);
    }
  }

  /**
   * Returns the zone's history when its current version is the one being served.
   *
   * @param served the version being served
   * @return the history, or empty while it is being computed (or was never observed)
   */
  public Optional<ZoneHistory> ready(ZoneSnapshot served) {
    ZoneEntry state = entries.find(served.origin());
    if (state == null) {
      return Optional.empty();
    }
    ZoneHistory h = state.ready;
    if (h == null) {
      // Perhaps a first version kept without a history (rare: an IXFR of a zone never changed).
      synchronized (state) {
        CompletableFuture<ZoneHistory> first = firstOnly(state);
        h = first == null ? null : first.join();
      }
    }
    return h != null && h.current().sameVersionAs(served) ? Optional.of(h) : Optional.empty();
  }

  /**
   * Forgets a zone that is no longer served.
   *
   * @param zone the zone's origin
   */
  public void forget(Name zone) {
    entries.remove(zone);
  }
}
