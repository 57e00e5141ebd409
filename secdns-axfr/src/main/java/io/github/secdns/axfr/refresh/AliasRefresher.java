package io.github.secdns.axfr.refresh;

import io.github.secdns.axfr.internal.DaemonThreads;
import io.github.secdns.axfr.internal.OwnedThreads;
import io.github.secdns.core.export.ExportResult;
import io.github.secdns.core.export.HostZone;
import io.github.secdns.core.export.TargetResolution;
import io.github.secdns.core.export.ZoneExporter;
import io.github.secdns.core.serial.SerialNumber;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;
import javax.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Name;

/**
 * Keeps the flattened ALIAS records of host zones fresh.
 *
 * <p>For each {@linkplain #register registered} zone, on a schedule (the interval, varied by the
 * jitter so that many zones and many hosts do not resolve in lock-step) and on {@link #refreshNow}:
 * reads the host's current zone, resolves its ALIAS targets through the {@link TargetResolver},
 * exports it with the {@link ZoneExporter} (passing the previous export, so the serial moves
 * forward only when the content changed), and when {@link ExportResult#contentChanged()} hands the
 * new snapshot to the {@link ZonePublisher}. It only publishes: the responder serving the zone
 * (through {@code PublishedZones} or another subscribing zone source) sends the NOTIFY for every
 * new version, once its IXFR history holds it, so a change is notified exactly once whoever made
 * it. URL records need no resolution: they are flattened to the redirector addresses the host gives
 * in {@link RefreshedZone}.
 *
 * <p>A target that fails to resolve is not asked again before its back-off has passed (the initial
 * back-off, doubled after each failure in a row, capped at the maximum; reset by a success),
 * including on {@link #refreshNow}. Meanwhile, and whenever a resolution fails, the exporter keeps
 * serving the target's last good values: a failing resolver never stops the zone from being served,
 * it only stops its ALIAS values from changing. When a back-off ends before the next interval, the
 * next scheduled refresh comes at that time instead.
 *
 * <p>Because the refresher exports and publishes the whole zone, a host that uses it should publish
 * the zone only through it: after editing the zone, call {@link #refreshNow} (the supplier then
 * gives the edited zone), so that serials keep moving forward in one place.
 *
 * <p>Threading: thread-safe. Refreshes of one zone never overlap. By default the refresher owns one
 * scheduler thread named {@code secdns-refresh-N-M} (or made by the host's {@link ThreadFactory}),
 * which runs every refresh, the publisher and the listener; zones are refreshed one after another,
 * the targets of one zone in parallel on the resolver's threads. A host may instead supply its own
 * {@link ScheduledExecutorService}, which the refresher then uses but never shuts down. {@link
 * #close()} is idempotent and leaves none of the refresher's threads behind; do not call it from
 * the listener or the publisher. The resolver belongs to the host, which closes it after the
 * refresher.
 */
public final class AliasRefresher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AliasRefresher.class);
  private static final AtomicInteger INSTANCES = new AtomicInteger();
  private static final Duration CLOSE_GRACE = Duration.ofSeconds(10);

  private final ZoneExporter exporter;
  private final TargetResolver resolver;
  private final ZonePublisher publisher;
  private final Duration interval;
  private final double jitter;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration resolutionTimeout;
  private final RandomGenerator random;
  private final Clock clock;
  private final RefreshListener listener;
  private final ScheduledExecutorService scheduler;
  private final boolean ownsScheduler;
  @Nullable private final OwnedThreads ownThreads;
  private final ConcurrentHashMap<Name, ZoneState> zones = new ConcurrentHashMap<>();
  private final Set<CompletableFuture<RefreshEvent.Outcome>> pending =
      ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();

  private AliasRefresher(Builder b) {
    this.exporter = b.exporter;
    this.resolver = b.resolver;
    this.publisher = b.publisher;
    this.interval = b.interval;
    this.jitter = b.jitter;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.resolutionTimeout = b.resolutionTimeout;
    this.random = b.random;
    this.clock = b.clock;
    this.listener = b.listener;
    if (b.scheduler != null) {
      this.scheduler = b.scheduler;
      this.ownsScheduler = false;
      this.ownThreads = null;
    } else {
      this.ownThreads =
          new OwnedThreads(
              b.threadFactory != null
                  ? b.threadFactory
                  : DaemonThreads.named("secdns-refresh-" + INSTANCES.incrementAndGet() + "-"));
      ScheduledThreadPoolExecutor own = new ScheduledThreadPoolExecutor(1, ownThreads);
      own.setRemoveOnCancelPolicy(true);
      own.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
      this.scheduler = own;
      this.ownsScheduler = true;
    }
  }

  /**
   * Starts building a refresher.
   *
   * @param exporter exports the host zones
   * @param resolver resolves ALIAS targets, for example a {@link DnsjavaTargetResolver}
   * @param publisher makes a new version servable, for example the responder's published zones
   * @return a builder with the defaults documented on its methods
   */
  public static Builder builder(
      ZoneExporter exporter, TargetResolver resolver, ZonePublisher publisher) {
    return new Builder(exporter, resolver, publisher);
  }

  /**
   * Starts refreshing a zone, or replaces the description of a zone already registered (for example
   * after its configuration was edited), keeping its previous export and back-offs.
   *
   * <p>The first scheduled refresh of a new zone comes one (jittered) interval later; call {@link
   * #refreshNow} to export and publish it at once.
   *
   * @param zone the zone to keep fresh
   * @throws IllegalStateException after {@link #close()}
   */
  public void register(RefreshedZone zone) {
    Objects.requireNonNull(zone, "zone");
    checkOpen();
    ZoneState fresh = new ZoneState(zone);
    ZoneState existing = zones.putIfAbsent(zone.zone(), fresh);
    if (existing != null) {
      existing.definition = zone;
      LOG.debug("refresh of {} now uses {}", zone.zone(), zone);
      return;
    }
    scheduleNext(fresh, nextIntervalMillis());
    LOG.debug("refreshing {} every {} (jitter {})", zone.zone(), interval, jitter);
  }

  /**
   * Stops refreshing a zone. A refresh in progress finishes; nothing is unpublished.
   *
   * @param zone the zone's origin
   * @return whether the zone was registered
   */
  public boolean remove(Name zone) {
    ZoneState state = zones.remove(zone);
    if (state == null) {
      return false;
    }
    state.stop();
    return true;
  }

  /**
   * Returns the zones registered.
   *
   * @return an unmodifiable snapshot of the zones, in DNS order
   */
  public Set<Name> zones() {
    return Set.copyOf(new TreeSet<>(zones.keySet()));
  }

  /**
   * Refreshes a zone now, besides its schedule: resolves its targets (those not backing off),
   * exports it, and publishes it when it changed. Runs on a refresher thread, after a refresh of
   * the same zone in progress.
   *
   * @param zone the zone's origin
   * @return completes with the refresh's outcome (the same event the listener receives), or
   *     exceptionally with {@link CancellationException} when the refresher is closed (or the zone
   *     removed) before it ran
   * @throws IllegalArgumentException when the zone is not registered
   * @throws IllegalStateException after {@link #close()}
   */
  public CompletableFuture<RefreshEvent.Outcome> refreshNow(Name zone) {
    checkOpen();
    ZoneState state = zones.get(zone);
    if (state == null) {
      throw new IllegalArgumentException(
          "the zone " + zone + " is not registered for refresh; registered: " + zones());
    }
    CompletableFuture<RefreshEvent.Outcome> result = new CompletableFuture<>();
    pending.add(result);
    result.whenComplete((outcome, failure) -> pending.remove(result));
    try {
      scheduler.execute(
          () -> {
            try {
              result.complete(refresh(state));
            } catch (Throwable t) {
              result.completeExceptionally(t);
            }
          });
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(
          new CancellationException(
              "the refresher's scheduler no longer" + " accepts work: " + e.getMessage()));
    }
    if (closed.get()) {
      // close() may have swept the pending set before this future went in.
      result.completeExceptionally(new CancellationException("the refresher was closed"));
    }
    return result;
  }

  /**
   * Stops every schedule, cancels the refreshes requested and not finished, and (when the refresher
   * owns its scheduler) ends its thread, waiting for a refresh in progress to be interrupted.
   * Idempotent. Does not close the resolver, the NOTIFY sender or a scheduler the host supplied.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    zones.values().forEach(ZoneState::stop);
    zones.clear();
    if (ownsScheduler && ownThreads != null) {
      scheduler.shutdownNow();
      try {
        if (!scheduler.awaitTermination(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS)
            || !ownThreads.joinAll(CLOSE_GRACE)) {
          LOG.warn("the ALIAS refresher's thread did not stop within {}", CLOSE_GRACE);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (CompletableFuture<RefreshEvent.Outcome> f : Set.copyOf(pending)) {
      f.completeExceptionally(new CancellationException("the refresher was closed"));
    }
    LOG.debug("ALIAS refresher closed");
  }

  @Override
  public String toString() {
    return "AliasRefresher[zones="
        + zones.size()
        + ", interval="
        + interval
        + (closed.get() ? ", closed" : "")
        + "]";
  }

  private void checkOpen() {
    if (closed.get()) {
      throw new IllegalStateException("the ALIAS refresher is closed");
    }
  }

  // ---------------------------------------------------------------- scheduling

  private long nextIntervalMillis() {
    double u;
    synchronized (random) {
      u = random.nextDouble();
    }
    return jitteredMillis(interval, jitter, u);
  }

  /**
   * The interval varied by up to ± {@code jitter} of itself: {@code interval × (1 + jitter × (2u −
   * 1))} for {@code u} in [0, 1), at least one millisecond.
   */
  static long jitteredMillis(Duration interval, double jitter, double u) {
    double factor = 1 + jitter * (2 * u - 1);
    return Math.max(1, Math.round(interval.toMillis() * factor));
  }

  /** Back-off after {@code failures} failures in a row: initial × 2^(failures − 1), capped. */
  static Duration backoff(Duration initial, Duration max, int failures) {
    int doublings = Math.min(failures - 1, 40);
    long millis = initial.toMillis();
    for (int i = 0; i < doublings && millis < max.toMillis(); i++) {
      millis *= 2;
    }
    return Duration.ofMillis(Math.min(millis, max.toMillis()));
  }

  private void scheduleNext(ZoneState state, long delayMillis) {
    synchronized (state) {
      if (state.stopped || closed.get()) {
        return;
      }
      try {
        state.next = scheduler.schedule(() -> tick(state), delayMillis, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) {
        LOG.debug("no further refresh of {}: the scheduler no longer accepts work", state.zone);
      }
    }
  }

  private void tick(ZoneState state) {
    if (state.stopped || closed.get()) {
      return;
    }
    try {
      refresh(state);
    } catch (CancellationException e) {
      return; // closing
    } catch (RuntimeException e) {
      LOG.error("refresh of {} failed unexpectedly", state.zone, e);
    }
    long delay = nextIntervalMillis();
    long untilRetry = state.millisUntilFirstRetry(clock.millis());
    scheduleNext(state, Math.max(1, Math.min(delay, untilRetry)));
  }

  // ---------------------------------------------------------------- one refresh

  private RefreshEvent.Outcome refresh(ZoneState state) {
    try {
      state.lock.lockInterruptibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("the refresher was closed");
    }
    try {
      return refreshLocked(state);
    } finally {
      state.lock.unlock();
    }
  }

  private RefreshEvent.Outcome refreshLocked(ZoneState state) {
    if (closed.get() || state.stopped) {
      // A task queued on a host scheduler before close() or remove().
      throw new CancellationException("the refresh of " + state.zone + " was stopped");
    }
    Name zone = state.zone;
    RefreshedZone definition = state.definition;
    HostZone hostZone;
    try {
      hostZone =
          Objects.requireNonNull(definition.hostZone().get(), "the host zone supplier gave null");
    } catch (RuntimeException e) {
      return emit(new RefreshEvent.ExportFailed(zone, "the host zone could not be read: " + e));
    }
    if (!hostZone.origin().equals(zone)) {
      return emit(
          new RefreshEvent.ExportFailed(
              zone, "the host zone supplier gave " + hostZone.origin() + " instead of " + zone));
    }
    Map<Name, TargetResolution> resolutions = resolve(state, hostZone.aliasTargets());
    ExportResult result;
    try {
      result = exporter.export(definition.request(hostZone, resolutions, state.last));
    } catch (IllegalArgumentException e) {
      // ExportException (every error of the zone at once) or a request the builder refused.
      return emit(new RefreshEvent.ExportFailed(zone, String.valueOf(e.getMessage())));
    }
    if (!result.contentChanged()) {
      state.last = Optional.of(result);
      return emit(new RefreshEvent.Unchanged(zone, result.serial()));
    }
    if (Thread.currentThread().isInterrupted() || closed.get()) {
      throw new CancellationException("the refresher was closed");
    }
    try {
      publisher.publish(result.snapshot());
    } catch (RuntimeException e) {
      return emit(new RefreshEvent.PublishFailed(zone, result.serial(), e.toString()));
    }
    Optional<SerialNumber> previous =
        state
            .last
            .map(ExportResult::serial)
            .or(() -> definition.previousSnapshot().map(ZoneSnapshot::serial));
    state.last = Optional.of(result);
    return emit(new RefreshEvent.Refreshed(zone, result.serial(), previous, result.findings()));
  }

  private Map<Name, TargetResolution> resolve(ZoneState state, Set<Name> targets) {
    Map<Name, TargetResolution> out = new HashMap<>();
    Map<Name, CompletableFuture<TargetResolution>> started = new LinkedHashMap<>();
    long now = clock.millis();
    state.backoffs.keySet().retainAll(targets);
    for (Name target : targets) {
      Backoff b = state.backoffs.get(target);
      if (b != null && now < b.notBeforeMillis()) {
        out.put(
            target,
            TargetResolution.unresolved(
                b.reason()
                    + " ("
                    + b.failures()
                    + " failed attempts in a row; not asked again yet)"));
        continue;
      }
      CompletableFuture<TargetResolution> f;
      try {
        f = Objects.requireNonNull(resolver.resolve(target), "the resolver returned no future");
      } catch (RuntimeException e) {
        f = CompletableFuture.failedFuture(e);
      }
      started.put(target, f);
    }
    long deadline = System.nanoTime() + resolutionTimeout.toNanos();
    for (Map.Entry<Name, CompletableFuture<TargetResolution>> e : started.entrySet()) {
      TargetResolution r = await(e.getValue(), deadline, started);
      Name target = e.getKey();
      if (r instanceof TargetResolution.Unresolved u) {
        Backoff before = state.backoffs.get(target);
        int failures = before == null ? 1 : before.failures() + 1;
        Duration wait = backoff(initialBackoff, maxBackoff, failures);
        state.backoffs.put(
            target, new Backoff(failures, clock.millis() + wait.toMillis(), u.reason()));
        LOG.warn(
            "ALIAS target {} of {} did not resolve ({} in a row; next try in {}): {}",
            target,
            state.zone,
            failures,
            wait,
            u.reason());
        emit(new RefreshEvent.ResolutionFailed(state.zone, target, u.reason(), failures, wait));
      } else {
        state.backoffs.remove(target);
      }
      out.put(target, r);
    }
    return out;
  }

  private TargetResolution await(
      CompletableFuture<TargetResolution> f,
      long deadline,
      Map<Name, CompletableFuture<TargetResolution>> all) {
    try {
      TargetResolution r = f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      return r != null ? r : TargetResolution.unresolved("the resolver gave no result");
    } catch (TimeoutException e) {
      f.cancel(true);
      return TargetResolution.unresolved("no answer within " + resolutionTimeout);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      return TargetResolution.unresolved("resolution failed: " + describe(cause));
    } catch (CancellationException e) {
      return TargetResolution.unresolved("resolution was cancelled");
    } catch (InterruptedException e) {
      all.values().forEach(x -> x.cancel(true));
      Thread.currentThread().interrupt();
      throw new CancellationException("the refresher was closed");
    }
  }

  private static String describe(Throwable t) {
    String message = t.getMessage();
    return message == null || message.isBlank()
        ? t.getClass().getSimpleName()
        : t.getClass().getSimpleName() + ": " + message;
  }

  private <E extends RefreshEvent> E emit(E event) {
    if (event instanceof RefreshEvent.Refreshed r) {
      LOG.info("published {} serial {} after an ALIAS refresh", r.zone(), r.serial().value());
    } else if (event instanceof RefreshEvent.Unchanged u) {
      LOG.debug("{} unchanged at serial {}", u.zone(), u.serial().value());
    } else if (event instanceof RefreshEvent.ExportFailed f) {
      LOG.warn("export of {} refused; the previous version stays served: {}", f.zone(), f.reason());
    } else if (event instanceof RefreshEvent.PublishFailed p) {
      LOG.warn("publishing {} serial {} failed: {}", p.zone(), p.serial().value(), p.reason());
    }
    try {
      listener.onEvent(event);
    } catch (RuntimeException e) {
      LOG.warn("the refresh listener threw on {}", event.getClass().getSimpleName(), e);
    }
    return event;
  }

  // ---------------------------------------------------------------- state

  /** A target's failures in a row, when it may be asked again, and the last reason. */
  private record Backoff(int failures, long notBeforeMillis, String reason) {}

  /** Per zone: its description, its last export and back-offs (under {@code lock}). */
  private static final class ZoneState {
    final Name zone;
    final ReentrantLock lock = new ReentrantLock();
    volatile RefreshedZone definition;
    // Guarded by lock.
    Optional<ExportResult> last = Optional.empty();
    final Map<Name, Backoff> backoffs = new HashMap<>();
    // Guarded by this.
    @Nullable ScheduledFuture<?> next;
    volatile boolean stopped;

    ZoneState(RefreshedZone definition) {
      this.zone = definition.zone();
      this.definition = definition;
    }

    synchronized void stop() {
      stopped = true;
      if (next != null) {
        next.cancel(false);
      }
    }

    long millisUntilFirstRetry(long now) {
      lock.lock();
      try {
        return backoffs.values().stream()
            .mapToLong(b -> b.notBeforeMillis() - now)
            .min()
            .orElse(Long.MAX_VALUE);
      } finally {
        lock.unlock();
      }
    }
  }

  // ---------------------------------------------------------------- builder

  /** Configures an {@link AliasRefresher}. Not thread-safe. */
  public static final class Builder {
    private final ZoneExporter exporter;
    private final TargetResolver resolver;
    private final ZonePublisher publisher;
    private Duration interval = Duration.ofMinutes(5);
    private double jitter = 0.1;
    private Duration initialBackoff = Duration.ofSeconds(30);
    private Duration maxBackoff = Duration.ofMinutes(30);
    private Duration resolutionTimeout = Duration.ofSeconds(30);
    private RandomGenerator random = new SplittableRandom();
    private Clock clock = Clock.systemUTC();
    private RefreshListener listener = event -> {};
    @Nullable private ThreadFactory threadFactory;
    @Nullable private ScheduledExecutorService scheduler;

    private Builder(ZoneExporter exporter, TargetResolver resolver, ZonePublisher publisher) {
      this.exporter = Objects.requireNonNull(exporter, "exporter");
      this.resolver = Objects.requireNonNull(resolver, "resolver");
      this.publisher = Objects.requireNonNull(publisher, "publisher");
    }

    /**
     * Sets how often each zone is refreshed; 5 minutes when not set.
     *
     * @param interval a positive duration
     * @return this builder
     */
    public Builder interval(Duration interval) {
      this.interval = positive(interval, "interval");
      return this;
    }

    /**
     * Sets by how much each interval varies, as a fraction of it: 0.1 (the default) gives intervals
     * between 0.9 and 1.1 times the interval.
     *
     * @param fraction at least 0, below 1
     * @return this builder
     */
    public Builder jitter(double fraction) {
      if (!(fraction >= 0 && fraction < 1)) {
        throw new IllegalArgumentException("jitter must be at least 0 and below 1: " + fraction);
      }
      this.jitter = fraction;
      return this;
    }

    /**
     * Sets the back-off of a failing target: {@code initial} after the first failure, doubled after
     * each further failure in a row, never more than {@code max}; 30 seconds and 30 minutes when
     * not set.
     *
     * @param initial a positive duration
     * @param max at least {@code initial}
     * @return this builder
     */
    public Builder backoff(Duration initial, Duration max) {
      positive(initial, "initial back-off");
      positive(max, "maximum back-off");
      if (max.compareTo(initial) < 0) {
        throw new IllegalArgumentException(
            "the maximum back-off " + max + " is below the initial one " + initial);
      }
      this.initialBackoff = initial;
      this.maxBackoff = max;
      return this;
    }

    /**
     * Sets how long one refresh waits for its targets' resolutions; an unfinished one counts as
     * failed. 30 seconds when not set.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder resolutionTimeout(Duration timeout) {
      this.resolutionTimeout = positive(timeout, "resolution time-out");
      return this;
    }

    /**
     * Sets the source of the jitter (tests pass a seeded or fixed one). Used under a lock.
     *
     * @param random the random source
     * @return this builder
     */
    public Builder random(RandomGenerator random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * Sets the clock that times back-offs; the system clock when not set.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the listener of refresh events.
     *
     * @param listener called on a refresher thread; must not block
     * @return this builder
     */
    public Builder listener(RefreshListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Sets the factory of the refresher's own scheduler thread.
     *
     * @param factory the thread factory
     * @return this builder
     */
    public Builder threadFactory(ThreadFactory factory) {
      this.threadFactory = Objects.requireNonNull(factory, "factory");
      return this;
    }

    /**
     * Makes the refresher run on the host's scheduler instead of its own thread. The refresher
     * cancels its own tasks on {@link AliasRefresher#close()} but never shuts this scheduler down.
     *
     * @param scheduler the host's scheduler
     * @return this builder
     */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /**
     * Builds the refresher; its own thread starts with the first task.
     *
     * @return the refresher
     * @throws IllegalStateException when both a thread factory and a scheduler are given
     */
    public AliasRefresher build() {
      if (threadFactory != null && scheduler != null) {
        throw new IllegalStateException(
            "give either a thread factory or a scheduler, not both: a host scheduler makes its own"
                + " threads");
      }
      return new AliasRefresher(this);
    }

    private static Duration positive(Duration d, String what) {
      Objects.requireNonNull(d, what);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive: " + d);
      }
      return d;
    }
  }
}
