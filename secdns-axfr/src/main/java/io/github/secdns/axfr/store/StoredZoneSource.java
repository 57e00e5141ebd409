package io.github.secdns.axfr.store;

import io.github.secdns.axfr.ZoneSource;
import io.github.secdns.axfr.internal.DaemonThreads;
import io.github.secdns.core.serial.SerialNumber;
import io.github.secdns.core.store.FeedSubscription;
import io.github.secdns.core.store.StoreWarning;
import io.github.secdns.core.store.StoredZone;
import io.github.secdns.core.store.VersionChange;
import io.github.secdns.core.store.VersionFeedListener;
import io.github.secdns.core.store.ZoneVersionStore;
import io.github.secdns.core.zone.ZoneHistory;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Name;

/**
 * A {@link ZoneSource} backed by a shared {@link ZoneVersionStore}: the zones, their versions and
 * their IXFR histories come from the store, never from this node's own diffing, so every responder
 * node on the same store answers the same IXFR request identically (the deltas are the journal rows
 * the publisher computed once).
 *
 * <p>What it does:
 *
 * <ul>
 *   <li><b>At {@link #subscribe}</b>: reads every zone with {@link ZoneVersionStore#loadAll},
 *       rebuilds each history ({@link StoredZone#history}) and reports it to the responder with
 *       {@link ZoneSource.Listener#changed(ZoneHistory)} before returning; then follows the store's
 *       change feed from the position the load returned. A host that has just read the whole store
 *       itself (to write only what it lacks at its start) hands that read over instead ({@link
 *       Builder#startingFrom}): the source then serves it and follows the feed from its position,
 *       without reading the store a second time.
 *   <li><b>For each change of the feed</b>, on its own thread ({@code secdns-store-source-N-M},
 *       never the store's feed thread or the responder's I/O thread): loads the zone's version and
 *       journal in one consistent read and reports both together. A node therefore advertises (SOA)
 *       only a serial whose version and history it holds completely in memory. A change to the
 *       serial already served is skipped; a withdrawn zone is reported withdrawn.
 *   <li><b>A journal the store cannot trust</b> (checksum, decoding, broken chain) arrives as a
 *       {@link StoreWarning}: the zone is served with an empty history, so its secondaries get a
 *       full transfer (AXFR, or the full zone in an IXFR answer), never a wrong increment.
 *   <li><b>The store lost</b> (database down): the versions loaded so far stay served; {@link
 *       Events#storeFailed} is called once per outage; loads that failed are retried with a growing
 *       pause and when the feed reads again ({@link Events#storeRestored}).
 * </ul>
 *
 * <p>{@link #snapshot} answers from memory. One subscriber at a time (one responder per source).
 * Thread-safe; {@link #close} (or cancelling the subscription) stops the feed and joins the thread.
 */
public final class StoredZoneSource implements ZoneSource, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StoredZoneSource.class);
  private static final AtomicInteger INSTANCES = new AtomicInteger();
  private static final Duration FIRST_RETRY = Duration.ofMillis(250);
  private static final Duration LONGEST_RETRY = Duration.ofSeconds(30);

  private final ZoneVersionStore store;
  private final Clock clock;
  private final Events events;
  private final ConcurrentHashMap<Name, ZoneSnapshot> served = new ConcurrentHashMap<>();
  private final Object lock = new Object();

  /** Zones whose newest change could not be loaded yet (the store failed): zone to its change. */
  private final Map<Name, VersionChange> behind = new LinkedHashMap<>();

  private final AtomicBoolean failing = new AtomicBoolean();
  @Nullable private Listener listener;
  @Nullable private FeedSubscription feed;
  @Nullable private ScheduledExecutorService worker;
  // The worker's threads, joined on close: awaitTermination returns while the last one may still
  // be finishing its exit, and close promises nothing keeps running.
  private final List<Thread> workerThreads = new CopyOnWriteArrayList<>();
  private volatile long position;
  private Duration retryPause = FIRST_RETRY;
  private boolean retryScheduled;
  private boolean closed;

  /** The host's read to start from instead of a {@code loadAll}; dropped once served. */
  @Nullable private StartingRead startingRead;

  private StoredZoneSource(Builder b) {
    this.store = b.store;
    this.clock = b.clock;
    this.events = b.events;
    this.startingRead = b.startingRead;
  }

  /**
   * Starts a builder.
   *
   * @param store the store every node of the host shares
   * @return a builder with the system UTC clock and events that log
   */
  public static Builder builder(ZoneVersionStore store) {
    return new Builder(store);
  }

  @Override
  public Optional<ZoneSnapshot> snapshot(Name zone) {
    return Optional.ofNullable(served.get(zone));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Loads every zone from the store on the calling thread (with 100,000 zones this takes
   * seconds), or takes them from the {@link Builder#startingFrom starting read} without reading the
   * store, and reports each with its history; then follows the feed.
   *
   * @throws RuntimeException the store's exception when it cannot be read at all (down at start):
   *     nothing is served then, nothing keeps running
   * @throws IllegalStateException when already subscribed or closed
   */
  @Override
  public Optional<Subscription> subscribe(Listener listener) {
    Objects.requireNonNull(listener, "listener");
    ScheduledThreadPoolExecutor thread;
    @Nullable StartingRead read;
    synchronized (lock) {
      if (closed || this.listener != null) {
        throw new IllegalStateException("the stored zone source has a subscriber or is closed");
      }
      this.listener = listener;
      read = startingRead;
      startingRead = null; // its journals are the responder's histories from now on
      thread =
          new ScheduledThreadPoolExecutor(
              1,
              recorded(
                  DaemonThreads.named("secdns-store-source-" + INSTANCES.incrementAndGet() + "-")));
      thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
      this.worker = thread;
    }
    try {
      long start;
      if (read == null) {
        start =
            store.loadAll(
                zone -> {
                  zone.warnings().forEach(this::warn);
                  serve(listener, zone);
                },
                this::warn);
      } else {
        // Every change the read does not show has a feed position above read.position()
        // (StartingRead's contract), and the feed below starts there: a version another publisher
        // wrote after the read arrives as a change and is loaded; one the read shows already is
        // skipped by its serial (one serial names one content).
        read.unreadable().forEach(this::warn);
        for (StoredZone zone : read.zones()) {
          zone.warnings().forEach(this::warn);
          serve(listener, zone);
        }
        start = read.position();
      }
      position = start;
      FeedSubscription subscription = store.watch(start, new Feed());
      synchronized (lock) {
        if (closed) {
          subscription.close();
        } else {
          feed = subscription;
        }
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    return Optional.of(this::close);
  }

  /**
   * Returns the feed position of the newest change this source has applied (reported to its
   * subscriber), or the position the start-up load returned.
   *
   * @return the position
   */
  public long position() {
    return position;
  }

  /**
   * Stops the feed and the loading thread; the versions stay readable through {@link #snapshot}.
   * Idempotent.
   */
  @Override
  public void close() {
    FeedSubscription f;
    ScheduledExecutorService w;
    synchronized (lock) {
      closed = true;
      f = feed;
      w = worker;
      feed = null;
    }
    if (f != null) {
      f.close();
    }
    if (w != null) {
      w.shutdownNow();
      try {
        if (!w.awaitTermination(10, TimeUnit.SECONDS)) {
          LOG.warn("the stored zone source's thread did not stop within 10 s");
        }
        for (Thread t : workerThreads) {
          t.join(TimeUnit.SECONDS.toMillis(10));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The factory's threads, recorded so that {@link #close} can join them. */
  private ThreadFactory recorded(ThreadFactory factory) {
    return r -> {
      Thread t = factory.newThread(r);
      workerThreads.add(t);
      return t;
    };
  }

  private void serve(Listener l, StoredZone zone) {
    ZoneHistory history;
    try {
      history = zone.history(clock);
    } catch (RuntimeException e) {
      // The store checked the journal; a history that still does not rebuild is served without
      // one (full transfers), never with a wrong one.
      warn(
          new StoreWarning(
              zone.snapshot().origin(),
              StoreWarning.Code.JOURNAL_CHAIN_BROKEN,
              "zone "
                  + zone.snapshot().origin()
                  + ": its journal does not rebuild a history ("
                  + e.getMessage()
                  + "); full transfers until the next version"));
      history = ZoneHistory.start(zone.snapshot(), clock);
    }
    served.put(zone.snapshot().origin(), zone.snapshot());
    l.changed(history);
  }

  private void warn(StoreWarning warning) {
    try {
      events.warning(warning);
    } catch (RuntimeException e) {
      LOG.warn("the stored zone source's event listener failed", e);
    }
  }

  /** On the worker thread: applies changes in feed order; failed loads wait in {@link #behind}. */
  private void apply(List<VersionChange> changes) {
    Listener l;
    synchronized (lock) {
      l = listener;
      if (closed || l == null) {
        return;
      }
      for (VersionChange c : changes) {
        behind.remove(c.zone());
        behind.put(c.zone(), c); // the newest change of a zone, in feed order
      }
    }
    drain(l);
  }

  private void drain(Listener l) {
    while (true) {
      VersionChange next;
      synchronized (lock) {
        if (closed || behind.isEmpty()) {
          return;
        }
        next = behind.values().iterator().next();
      }
      try {
        applyOne(l, next);
      } catch (RuntimeException e) {
        failed(e);
        scheduleRetry(l);
        return;
      }
      synchronized (lock) {
        behind.remove(next.zone(), next);
        retryPause = FIRST_RETRY;
      }
      if (next.position() > position) {
        position = next.position();
      }
      restored();
    }
  }

  private void applyOne(Listener l, VersionChange change) {
    Name zone = change.zone();
    Optional<SerialNumber> serial = change.serial();
    ZoneSnapshot current = served.get(zone);
    if (serial.isEmpty()) {
      if (current != null) {
        served.remove(zone);
        l.changed(current.origin(), Optional.empty());
      }
      return;
    }
    if (current != null && current.serial().equals(serial.get())) {
      return; // this node serves it already (its own start-up load, or the feed said it twice)
    }
    Optional<StoredZone> stored = store.load(zone);
    if (stored.isEmpty()) {
      if (current != null) {
        served.remove(zone);
        l.changed(current.origin(), Optional.empty());
      }
      return;
    }
    stored.get().warnings().forEach(this::warn);
    serve(l, stored.get());
  }

  private void scheduleRetry(Listener l) {
    synchronized (lock) {
      if (closed || retryScheduled || worker == null) {
        return;
      }
      retryScheduled = true;
      Duration pause = retryPause;
      retryPause =
          pause.multipliedBy(2).compareTo(LONGEST_RETRY) > 0
              ? LONGEST_RETRY
              : pause.multipliedBy(2);
      // drain() reports its own failures and schedules the next retry; nothing waits on this.
      var unused =
          worker.schedule(
              () -> {
                synchronized (lock) {
                  retryScheduled = false;
                }
                drain(l);
              },
              pause.toMillis(),
              TimeUnit.MILLISECONDS);
    }
  }

  private void failed(RuntimeException e) {
    if (failing.compareAndSet(false, true)) {
      try {
        events.storeFailed(e);
      } catch (RuntimeException listenerFailure) {
        LOG.warn("the stored zone source's event listener failed", listenerFailure);
      }
    }
  }

  private void restored() {
    if (failing.compareAndSet(true, false)) {
      try {
        events.storeRestored();
      } catch (RuntimeException listenerFailure) {
        LOG.warn("the stored zone source's event listener failed", listenerFailure);
      }
    }
  }

  private void submit(Runnable task) {
    synchronized (lock) {
      if (closed || worker == null) {
        return;
      }
      try {
        worker.execute(task);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        // closing
      }
    }
  }

  /** The store's feed, on the store's thread: hands everything to the worker. */
  private final class Feed implements VersionFeedListener {
    @Override
    public void onChanges(List<VersionChange> changes) {
      List<VersionChange> copy = List.copyOf(changes);
      submit(() -> apply(copy));
    }

    @Override
    public void onFeedFailure(RuntimeException failure) {
      submit(() -> failed(failure));
    }

    @Override
    public void onFeedRestored() {
      submit(
          () -> {
            Listener l;
            synchronized (lock) {
              l = listener;
            }
            if (l != null) {
              drain(l);
            }
            boolean pending;
            synchronized (lock) {
              pending = !behind.isEmpty();
            }
            if (!pending) {
              restored();
            }
          });
    }
  }

  @Override
  public String toString() {
    return "StoredZoneSource[" + served.size() + " zones, position " + position + "]";
  }

  /**
   * What happens to the source that a host shows or logs. Called on the source's threads (and on
   * the subscribing thread during the start-up load); must not block. By default each logs one line
   * through SLF4J.
   */
  public interface Events {

    /** Logs every event through SLF4J ({@code StoredZoneSource}'s logger). */
    Events LOGGING = new Events() {};

    /**
     * The store reported something wrong it worked around (a journal dropped: full transfers for
     * that zone until its next version; a version that cannot be read: the zone is not served).
     *
     * @param warning the zone, what was wrong, a message naming no secret
     */
    default void warning(StoreWarning warning) {
      LOG.warn("{}", warning.message());
    }

    /**
     * The store cannot be read (once per outage): the versions loaded so far stay served, new ones
     * wait until it is back.
     *
     * @param failure the store's exception; its message names no secret
     */
    default void storeFailed(RuntimeException failure) {
      LOG.warn(
          "the zone store cannot be read; still serving the versions loaded before: {}",
          failure.getMessage());
    }

    /** The store reads again after {@link #storeFailed}; changes made meanwhile follow. */
    default void storeRestored() {
      LOG.info("the zone store reads again");
    }
  }

  /**
   * What a host read of the store at its start, handed to the source ({@link Builder#startingFrom})
   * so that a start reads the store once: at 100,000 zones on PostgreSQL a {@link
   * ZoneVersionStore#loadAll} takes about 5 s.
   *
   * <p>The contract that lets the source miss nothing: every version of a zone committed to the
   * store that {@code zones} does not show has a feed position greater than {@code position}. It
   * holds for the zones and the position of one {@link ZoneVersionStore#loadAll} (its contract),
   * and stays true when the reader replaces a zone by a version it then wrote itself, with the
   * journal the store holds after that write: a later change has a later position still. The source
   * follows the feed from {@code position}, so changes the read shows come again and are skipped by
   * their serial.
   *
   * <p>Immutable, so thread-safe; it holds every zone it lists until the source has served them.
   *
   * @param position the feed position the read started from ({@link ZoneVersionStore#loadAll}'s
   *     result)
   * @param zones each zone as the store holds it (version, journal, warnings), at most one per zone
   * @param unreadable the {@link StoreWarning.Code#VERSION_UNREADABLE} warnings of the read: those
   *     zones are not served until the feed brings a version of them
   */
  public record StartingRead(long position, List<StoredZone> zones, List<StoreWarning> unreadable) {

    /**
     * Copies the lists.
     *
     * @throws IllegalArgumentException when the position is negative
     */
    public StartingRead {
      if (position < 0) {
        throw new IllegalArgumentException("a feed position is not negative, was " + position);
      }
      zones = List.copyOf(zones);
      unreadable = List.copyOf(unreadable);
    }
  }

  /** Builds a {@link StoredZoneSource}. Not thread-safe. */
  public static final class Builder {
    private final ZoneVersionStore store;
    private Clock clock = Clock.systemUTC();
    private Events events = Events.LOGGING;
    @Nullable private StartingRead startingRead;

    private Builder(ZoneVersionStore store) {
      this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Sets the clock that ages the histories' deltas (give the responder the same one).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets who hears of warnings, and of the store failing and coming back (default: logged).
     *
     * @param events the listener
     * @return this builder
     */
    public Builder events(Events events) {
      this.events = Objects.requireNonNull(events, "events");
      return this;
    }

    /**
     * Starts from a read the host made of the store itself, instead of reading the whole store
     * again when the responder subscribes (see {@link StartingRead} for what it must hold). Without
     * it the source reads the store with {@link ZoneVersionStore#loadAll}.
     *
     * @param read the host's read of the store
     * @return this builder
     */
    public Builder startingFrom(StartingRead read) {
      this.startingRead = Objects.requireNonNull(read, "read");
      return this;
    }

    /**
     * Builds the source; nothing is read until a responder subscribes.
     *
     * @return the source
     */
    public StoredZoneSource build() {
      return new StoredZoneSource(this);
    }
  }
}
