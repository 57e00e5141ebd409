package io.github.secdns.axfr.notify;

import io.github.secdns.axfr.internal.DaemonThreads;
import io.github.secdns.axfr.internal.OwnedThreads;
import io.github.secdns.axfr.internal.TsigKeys;
import io.github.secdns.core.config.NotifyTarget;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.config.TsigKey;
import io.github.secdns.core.serial.SerialNumber;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import javax.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TSIGRecord;
import org.xbill.DNS.Type;

/**
 * Sends NOTIFY messages (RFC 1996) over UDP and reports what became of each. Build one per process
 * and share it: every responder, and any other part of the host, may send through the same sender.
 *
 * <p>Each NOTIFY has OPCODE 4, AA set, RD clear, a random ID, the question ⟨zone, IN, SOA⟩ and the
 * new SOA in the answer section as a hint (section 3.7). It is signed with TSIG when the target
 * names a key. It is sent again, with the same ID and bytes, after a time-out that grows by the
 * back-off factor, until an answer matches by ID, question and source address and port, or the
 * configured number of tries is used up. A newer NOTIFY for the same zone and target replaces one
 * still unanswered (reported as superseded); one of an older serial (RFC 1982) than the one still
 * unanswered is reported as superseded at once and never sent. NOERROR and NOTIMP count as
 * acknowledged; any other RCODE is a rejection; a signed NOTIFY's NOERROR answer whose TSIG does
 * not verify is ignored as spoofed.
 *
 * <h2>Two kinds of NOTIFY, paced per target</h2>
 *
 * <ul>
 *   <li>A <b>change</b> NOTIFY ({@link #notify(SOARecord, List)} and its overloads) announces a new
 *       serial. It goes out at once unless its target has already had a burst of them: each target
 *       has its own token bucket of {@link Builder#sendsPerSecond} (BIND's {@code notify-rate}),
 *       with a burst of one second's worth. Its retries share that bucket.
 *   <li>A <b>background</b> NOTIFY ({@link #notifyInBackground}) is for a fan-out that may take
 *       hours, such as telling every target about every zone at start (BIND's {@code
 *       startup-notify-rate}). It waits in its target's queue and leaves at {@link
 *       Builder#backgroundSendsPerSecond} per target; what it announces is asked from its {@link
 *       NotifyAnnouncer} only when its turn comes. Its retries stay in the background.
 * </ul>
 *
 * <p>The two kinds have separate budgets, so a change NOTIFY never waits behind a background one,
 * however many are queued; and every target has its own budgets, so a slow or unreachable target
 * never holds up the others. Message IDs are drawn per target (each target matches answers by its
 * own address, port and ID), so the number of NOTIFYs in flight has no global limit: a target can
 * have up to 65,536 in flight, background NOTIFYs use at most half of that, and a change NOTIFY
 * that finds its target's IDs all in use waits until one is free (it never loops looking for one).
 *
 * <p>Call {@code notify} only once the new version can be transferred (RFC 1996 section 4.2): a
 * secondary may ask for it at once.
 *
 * <p>Threading: thread-safe. The sender owns one UDP socket and two threads (a receiver and a
 * scheduler, named {@code secdns-notify-*} unless a {@link ThreadFactory} is given), started by
 * {@link Builder#build()} and ended by {@link #close()}. Every datagram is sent on the scheduler
 * thread, a change NOTIFY whose target's bucket has room at once: never on the calling thread, so
 * that a caller's interrupt status can neither close the shared socket nor lose a NOTIFY. The
 * listener, the announcers and the returned futures are called on the sender's threads.
 */
public final class NotifySender implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(NotifySender.class);

  /** What startChange's registration returns for a NOTIFY superseded at once (not a delay). */
  private static final long SUPERSEDED_AT_ONCE = -2L;

  /** Message IDs per target: the 16-bit ID of RFC 1035. */
  private static final int ID_SPACE = 0x10000;

  /** Background entries looked at (and skipped) in one turn before others get the thread. */
  private static final int SKIPS_PER_TURN = 1024;

  /** How often targets with nothing to do are forgotten. */
  private static final Duration SWEEP_INTERVAL = Duration.ofSeconds(10);

  private final int attempts;
  private final Duration initialTimeout;
  private final double backoff;
  private final Duration maxTimeout;
  private final double sendsPerSecond;
  private final double backgroundSendsPerSecond;
  private final NotifyListener listener;
  private final Clock clock;
  private final DatagramChannel channel;
  private final ScheduledThreadPoolExecutor scheduler;
  private final Thread receiver;
  private final ConcurrentHashMap<InetSocketAddress, Target> targets = new ConcurrentHashMap<>();
  private final AtomicLong backlog = new AtomicLong();
  private final SecureRandom random = new SecureRandom();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final OwnedThreads threads;

  /** IDs per target ({@link #ID_SPACE}; smaller only in tests). */
  private final int idSpace;

  /** The share of a target's IDs that background NOTIFYs may hold, so change NOTIFYs find some. */
  private final int backgroundInFlightLimit;

  private NotifySender(Builder b) throws IOException {
    this.idSpace = b.idSpace;
    this.backgroundInFlightLimit = Math.max(1, b.idSpace / 2);
    this.attempts = b.attempts;
    this.initialTimeout = b.initialTimeout;
    this.backoff = b.backoff;
    this.maxTimeout = b.maxTimeout;
    this.sendsPerSecond = b.sendsPerSecond;
    this.backgroundSendsPerSecond = b.backgroundSendsPerSecond;
    this.listener = b.listener;
    this.clock = b.clock;
    // No static state: threads of different senders are told apart by the sender's identity.
    String instance = Integer.toHexString(System.identityHashCode(this));
    // Remembers every thread, so that close() can wait until each has ended: a terminated
    // executor's worker may still be unwinding when awaitTermination returns.
    this.threads =
        new OwnedThreads(
            b.threadFactory != null
                ? b.threadFactory
                : DaemonThreads.named("secdns-notify-" + instance + "-"));
    ThreadFactory factory = threads;
    this.channel = DatagramChannel.open();
    try {
      channel.bind(b.localAddress);
      this.scheduler = new ScheduledThreadPoolExecutor(1, factory);
      scheduler.setRemoveOnCancelPolicy(true);
      scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
      // The sweep catches its own failures; the periodic task's future is never read.
      var unused =
          scheduler.scheduleWithFixedDelay(
              this::forgetIdleTargets,
              SWEEP_INTERVAL.toMillis(),
              SWEEP_INTERVAL.toMillis(),
              TimeUnit.MILLISECONDS);
      this.receiver = factory.newThread(this::receiveLoop);
      receiver.start();
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /**
   * Starts building a sender.
   *
   * @return a builder with the defaults documented on its methods
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the local address the sender's socket is bound to.
   *
   * @return the bound address
   * @throws IllegalStateException after {@link #close()}
   */
  public InetSocketAddress localAddress() {
    try {
      return (InetSocketAddress) channel.getLocalAddress();
    } catch (IOException e) {
      throw new IllegalStateException("the NOTIFY sender is closed", e);
    }
  }

  /**
   * Returns how many background NOTIFYs wait for their turn (queued and not sent yet), over all
   * targets: how far a startup fan-out still has to go.
   *
   * @return the count, 0 or more
   */
  public long backlog() {
    return backlog.get();
  }

  /**
   * Notifies every NOTIFY target of a configuration that its zone has the given SOA, signing with
   * the configuration's keys where a target names one (a change NOTIFY).
   *
   * @param configuration the zone's configuration
   * @param soa the zone's new SOA; its owner is the configuration's zone
   * @return the outcomes, in the order of {@link SecondaryDnsConfiguration#notifyTargets()}
   * @throws IllegalArgumentException when the SOA belongs to another zone
   * @throws IllegalStateException after {@link #close()}
   */
  public CompletableFuture<List<NotifyOutcome>> notify(
      SecondaryDnsConfiguration configuration, SOARecord soa) {
    if (!soa.getName().equals(configuration.zone())) {
      throw new IllegalArgumentException(
          "the SOA of " + soa.getName() + " does not belong to " + configuration.zone());
    }
    return notify(soa, configuration.notifyTargets(), configuration::tsigKey);
  }

  /**
   * Notifies targets without TSIG (a change NOTIFY).
   *
   * @param soa the zone's new SOA
   * @param targets where to send; none of them may name a key
   * @return the outcomes, in the order of {@code targets}
   * @throws IllegalArgumentException when a target names a key
   * @throws IllegalStateException after {@link #close()}
   */
  public CompletableFuture<List<NotifyOutcome>> notify(SOARecord soa, List<NotifyTarget> targets) {
    return notify(soa, targets, name -> Optional.empty());
  }

  /**
   * Notifies targets that a zone has a new SOA (a change NOTIFY).
   *
   * <p>Every key is resolved before anything is sent: a target naming an unknown key fails the
   * call, and nothing goes out.
   *
   * @param soa the zone's new SOA; the zone is its owner
   * @param targets where to send
   * @param keys finds the key a target names
   * @return a future completed with one outcome per target, in the order of {@code targets}, once
   *     all are known; completed exceptionally with {@link CancellationException} when the sender
   *     is closed first
   * @throws IllegalArgumentException when a target names a key that {@code keys} does not know
   * @throws IllegalStateException after {@link #close()}
   */
  public CompletableFuture<List<NotifyOutcome>> notify(
      SOARecord soa, List<NotifyTarget> targets, Function<Name, Optional<TsigKey>> keys) {
    Objects.requireNonNull(soa, "soa");
    List<Optional<TsigKey>> resolved = new ArrayList<>(targets.size());
    for (NotifyTarget target : targets) {
      if (target.keyName().isPresent()) {
        Name keyName = target.keyName().get();
        Optional<TsigKey> key = keys.apply(keyName);
        if (key.isEmpty()) {
          throw new IllegalArgumentException(
              "NOTIFY target " + target + " names the TSIG key " + keyName + ", which is unknown");
        }
        resolved.add(key);
      } else {
        resolved.add(Optional.empty());
      }
    }
    checkOpen();
    List<CompletableFuture<NotifyOutcome>> outcomes = new ArrayList<>(targets.size());
    for (int i = 0; i < targets.size(); i++) {
      Pending p = new Pending(soa, targets.get(i), tsig(resolved.get(i)), null);
      startChange(p);
      outcomes.add(p.outcome);
    }
    return CompletableFuture.allOf(outcomes.toArray(new CompletableFuture<?>[0]))
        .thenApply(ignored -> outcomes.stream().map(CompletableFuture::join).toList());
  }

  /**
   * Queues a background NOTIFY for a zone to one target: it waits behind every change NOTIFY and
   * leaves at the target's {@linkplain Builder#backgroundSendsPerSecond background pace}. When its
   * turn comes, the announcer says what to send (the zone's SOA then, and the key), or that it is
   * no longer needed; a change NOTIFY for the same zone and target in flight then makes it
   * unnecessary too, and so does a background NOTIFY of the same serial still unanswered. The same
   * zone, target and announcer queued again while it still waits is queued once. Its outcome goes
   * to the sender's listener and to the announcer.
   *
   * @param zone the zone
   * @param target the target
   * @param announcer decides at the NOTIFY's turn what it announces
   * @throws IllegalStateException after {@link #close()}
   */
  public void notifyInBackground(Name zone, NotifyTarget target, NotifyAnnouncer announcer) {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(announcer, "announcer");
    checkOpen();
    Queued entry = new Queued(zone, target, announcer);
    Target toPump =
        withTarget(
            destination(target),
            t -> {
              // The same zone, target and announcer queued twice is sent once.
              if (t.background.add(entry)) {
                backlog.incrementAndGet();
              }
              return claimPump(t) ? t : null;
            });
    if (toPump != null) {
      schedulePump(toPump, 0);
    }
  }

  /**
   * Drops the background NOTIFYs of one announcer that still wait for their turn (those already
   * sent finish their tries): a responder closing while its startup fan-out is queued in a shared
   * sender calls it, so that the queue no longer holds it.
   *
   * @param announcer the announcer whose queued NOTIFYs to drop
   * @return how many were dropped
   */
  public int cancelBackground(NotifyAnnouncer announcer) {
    Objects.requireNonNull(announcer, "announcer");
    int dropped = 0;
    for (Target t : targets.values()) {
      synchronized (t) {
        int before = t.background.size();
        t.background.removeIf(q -> q.announcer == announcer);
        dropped += before - t.background.size();
        if (t.requeued != null && t.requeued.announcer == announcer) {
          t.requeued = null;
          dropped++;
        }
      }
    }
    backlog.addAndGet(-dropped);
    return dropped;
  }

  private void checkOpen() {
    if (closed.get()) {
      throw new IllegalStateException("the NOTIFY sender is closed");
    }
  }

  private Optional<TSIG> tsig(Optional<TsigKey> key) {
    return key.map(k -> TsigKeys.toDnsjava(k, clock));
  }

  private static InetSocketAddress destination(NotifyTarget target) {
    return new InetSocketAddress(target.address(), target.port());
  }

  /** Runs an action on a target's state, under its lock, creating the state when needed. */
  private <T> T withTarget(InetSocketAddress address, Function<Target, T> action) {
    while (true) {
      Target t = targets.computeIfAbsent(address, Target::new);
      synchronized (t) {
        if (!t.forgotten) {
          return action.apply(t);
        }
      }
    }
  }

  // ---------------------------------------------------------------- change NOTIFYs

  private void startChange(Pending p) {
    List<Runnable> after = new ArrayList<>(1);
    long delay =
        withTarget(
            p.destination,
            t -> {
              p.state = t;
              if (!replaceOlder(t, p, after)) {
                return SUPERSEDED_AT_ONCE;
              }
              if (!assignId(t, p)) {
                t.waitingForId.add(p);
                return -1L;
              }
              return t.changePace.reserve();
            });
    after.forEach(Runnable::run);
    if (delay == SUPERSEDED_AT_ONCE) {
      return; // finished by replaceOlder's action: a newer serial is on its way to the target
    }
    if (closed.get()) {
      // close() may have swept the targets before this NOTIFY went in.
      p.cancel();
    } else if (delay >= 0) {
      sendAfter(p, delay);
    }
  }

  /**
   * Registers p as the newest NOTIFY of its zone at t; an older unanswered one is superseded. A
   * NOTIFY of a serial older (RFC 1982) than the one still unanswered at t is itself superseded
   * instead, and not sent: callers announcing from several threads may hand serial N over after N+1
   * (a responder's reports of two versions in a row), and N must not replace N+1, which the target
   * would then never be told of.
   *
   * @return false when p was superseded ({@code after} finishes it)
   */
  private boolean replaceOlder(Target t, Pending p, List<Runnable> after) {
    Pending newest = t.latest.get(p.zone);
    if (newest != null && newest != p && newest.serial.isNewerThan(p.serial)) {
      after.add(
          () ->
              finish(
                  p, new NotifyOutcome.Superseded(p.zone, p.serial, p.target, 0, newest.serial)));
      return false;
    }
    Pending replaced = t.latest.put(p.zone, p);
    if (replaced != null && replaced != p) {
      after.add(
          () -> {
            int tries;
            synchronized (replaced) {
              tries = replaced.attempts;
            }
            finish(
                replaced,
                new NotifyOutcome.Superseded(
                    replaced.zone, replaced.serial, replaced.target, tries, p.serial));
          });
    }
    return true;
  }

  /**
   * Gives p a free ID of its target and renders it. Never loops blindly: a few random draws, then
   * one scan from a random start.
   *
   * @return false when every ID of the target is in flight
   */
  private boolean assignId(Target t, Pending p) {
    if (t.inFlight.size() >= idSpace) {
      return false;
    }
    int id = -1;
    for (int i = 0; i < 8 && id < 0; i++) {
      int candidate = random.nextInt(idSpace);
      if (!t.inFlight.containsKey(candidate)) {
        id = candidate;
      }
    }
    if (id < 0) {
      int start = random.nextInt(idSpace);
      for (int i = 0; i < idSpace; i++) {
        int candidate = (start + i) % idSpace;
        if (!t.inFlight.containsKey(candidate)) {
          id = candidate;
          break;
        }
      }
    }
    // Rendered before it is published in the map, so the receiver thread sees a complete entry.
    p.prepare(id);
    t.inFlight.put(id, p);
    if (p.background()) {
      t.backgroundInFlight++;
    }
    return true;
  }

  /**
   * Sends p after a delay (0: at once) on the scheduler's thread, never on the caller's: the
   * channel is shared by every zone, and a datagram channel closes when a thread doing I/O on it is
   * interrupted (the JDK's interruptible channels). A host thread with its interrupt status set (a
   * pool shutting down, a cancelled task) that asked for a NOTIFY would otherwise end every NOTIFY
   * of the process. Only the sender's own threads, interrupted by {@link #close()} alone, do I/O.
   */
  private void sendAfter(Pending p, long delayNanos) {
    try {
      // send() finishes the NOTIFY with an outcome whatever happens; nothing to read here.
      var unused = scheduler.schedule(() -> send(p), Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      p.cancel();
    }
  }

  // ---------------------------------------------------------------- background NOTIFYs

  /** Marks that a turn of t's background queue is scheduled; false when one already is. */
  private static boolean claimPump(Target t) {
    if (t.pumpScheduled) {
      return false;
    }
    t.pumpScheduled = true;
    return true;
  }

  private void schedulePump(@Nullable Target t, long delayNanos) {
    if (t == null) {
      return;
    }
    try {
      // A turn reports through its NOTIFYs' outcomes; the task's future is never read.
      var unused = scheduler.schedule(() -> pump(t), Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // closed: close() cancels what is left
    }
  }

  /**
   * One turn of a target's background queue, on the scheduler thread: sends what the background
   * pace allows (retries first), skips what its announcer no longer wants, and schedules the next
   * turn.
   */
  private void pump(Target t) {
    int skipped = 0;
    while (!closed.get()) {
      Pending retry = null;
      Queued next = null;
      synchronized (t) {
        if (t.backgroundInFlight >= backgroundInFlightLimit || t.inFlight.size() >= idSpace) {
          t.pumpScheduled = false; // finish() schedules a turn when one ends
          return;
        }
        if (t.backgroundRetries.isEmpty() && !t.hasQueued()) {
          t.pumpScheduled = false;
          return;
        }
        long wait = t.backgroundPace.waitNanos();
        if (wait > 0 || skipped >= SKIPS_PER_TURN) {
          schedulePump(t, wait);
          return;
        }
        if (!t.backgroundRetries.isEmpty()) {
          retry = t.backgroundRetries.poll();
          t.backgroundPace.reserve();
        } else {
          next = t.takeQueued();
          backlog.decrementAndGet();
        }
      }
      if (retry != null) {
        send(retry);
        continue;
      }
      if (next != null && !startBackground(t, next)) {
        skipped++;
      }
    }
  }

  /**
   * Asks the entry's announcer what to send and sends it (taking a background slot).
   *
   * @return false when nothing was sent
   */
  private boolean startBackground(Target t, Queued entry) {
    Optional<NotifyAnnouncer.Announcement> announcement;
    try {
      announcement = entry.announcer.announce(entry.zone, entry.target);
    } catch (RuntimeException e) {
      LOG.warn("the NOTIFY announcer failed for {} to {}", entry.zone, entry.target, e);
      return false;
    }
    if (announcement.isEmpty()) {
      return false;
    }
    NotifyAnnouncer.Announcement a = announcement.get();
    if (!a.soa().getName().equals(entry.zone)) {
      LOG.warn("the NOTIFY announcer gave the SOA of {} for {}", a.soa().getName(), entry.zone);
      return false;
    }
    Pending p = new Pending(a.soa(), entry.target, tsig(a.key()), entry.announcer);
    List<Runnable> after = new ArrayList<>(1);
    boolean send;
    synchronized (t) {
      p.state = t;
      Pending newest = t.latest.get(p.zone);
      if (newest != null && (!newest.background() || newest.serial.equals(p.serial))) {
        // A change NOTIFY for this zone is on its way to this target, or this very announcement
        // (queued again after it left, e.g. by a node taking the NOTIFY duty over) still waits
        // for its answer: a second copy would only make the target check the serial twice.
        send = false;
      } else {
        if (t.inFlight.size() >= idSpace) {
          // A change NOTIFY took the last free ID meanwhile: wait for the next turn.
          t.requeued = entry;
          backlog.incrementAndGet();
          return true;
        }
        send = replaceOlder(t, p, after);
        if (send) {
          assignId(t, p);
          t.backgroundPace.reserve();
        }
      }
    }
    after.forEach(Runnable::run);
    if (send) {
      send(p);
    }
    return send;
  }

  // ---------------------------------------------------------------- sending and answers

  private void send(Pending p) {
    int attempt;
    synchronized (p) {
      if (p.done) {
        return;
      }
      attempt = ++p.attempts;
    }
    try {
      channel.send(ByteBuffer.wrap(p.query), p.destination);
      // TRACE: a startup fan-out sends hundreds of thousands; the outcome is logged at DEBUG.
      LOG.trace("NOTIFY {} serial {} to {}, try {}", p.zone, p.serial, p.target, attempt);
    } catch (ClosedChannelException e) {
      p.cancel();
      return;
    } catch (IOException e) {
      // Counts as a try that got no answer: the time-out below decides what comes next.
      LOG.debug("NOTIFY {} to {} could not be sent: {}", p.zone, p.target, e.toString());
    }
    long timeoutNanos = timeoutFor(attempt);
    try {
      ScheduledFuture<?> timer =
          scheduler.schedule(() -> timedOut(p, attempt), timeoutNanos, TimeUnit.NANOSECONDS);
      synchronized (p) {
        p.timer = timer;
      }
    } catch (RejectedExecutionException e) {
      p.cancel();
    }
  }

  private long timeoutFor(int attempt) {
    double nanos = initialTimeout.toNanos() * Math.pow(backoff, attempt - 1);
    return (long) Math.min(nanos, (double) maxTimeout.toNanos());
  }

  private void timedOut(Pending p, int attempt) {
    synchronized (p) {
      if (p.done || p.attempts != attempt) {
        return;
      }
    }
    if (attempt >= attempts) {
      finish(p, new NotifyOutcome.Unanswered(p.zone, p.serial, p.target, attempt));
      return;
    }
    Target t = p.registeredTarget();
    if (p.background()) {
      boolean schedule;
      synchronized (t) {
        t.backgroundRetries.add(p);
        schedule = claimPump(t);
      }
      if (schedule) {
        schedulePump(t, 0);
      }
    } else {
      long delay;
      synchronized (t) {
        delay = t.changePace.reserve();
      }
      sendAfter(p, delay);
    }
  }

  private void receiveLoop() {
    ByteBuffer buffer = ByteBuffer.allocate(65535);
    while (!closed.get()) {
      SocketAddress from;
      try {
        buffer.clear();
        from = channel.receive(buffer);
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        if (closed.get()) {
          return;
        }
        LOG.debug("NOTIFY receive failed: {}", e.toString());
        continue;
      }
      if (from == null) {
        continue;
      }
      buffer.flip();
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      try {
        handleResponse(from, bytes);
      } catch (RuntimeException e) {
        LOG.warn("NOTIFY response from {} could not be handled", from, e);
      }
    }
  }

  private void handleResponse(SocketAddress from, byte[] bytes) {
    if (bytes.length < 12) {
      return;
    }
    int id = (bytes[0] & 0xFF) << 8 | (bytes[1] & 0xFF);
    Target t = targets.get(from);
    Pending p = null;
    if (t != null) {
      synchronized (t) {
        p = t.inFlight.get(id);
      }
    }
    if (p == null) {
      LOG.debug("ignored a response from {} with ID {}: no NOTIFY matches", from, id);
      return;
    }
    Message response;
    try {
      response = new Message(bytes);
    } catch (IOException e) {
      LOG.debug("ignored an unparsable response from {}", from);
      return;
    }
    Record question = response.getQuestion();
    if (!response.getHeader().getFlag(Flags.QR)
        || response.getHeader().getOpcode() != Opcode.NOTIFY
        || question == null
        || question.getType() != Type.SOA
        || question.getDClass() != DClass.IN
        || !question.getName().equals(p.zone)) {
      LOG.debug("ignored a response from {} whose header or question does not match", from);
      return;
    }
    int rcode = response.getRcode();
    TSIGRecord responseTsig = response.getTSIG();
    if (p.tsig != null && responseTsig != null && responseTsig.getError() != Rcode.NOERROR) {
      // A TSIG refusal (BADKEY, BADSIG, BADTIME) is a rejection, reported with its TSIG error.
      rcode = responseTsig.getError();
    } else if (p.tsig != null && (rcode == Rcode.NOERROR || rcode == Rcode.NOTIMP)) {
      int verified = p.tsig.verify(response, bytes, p.queryTsig);
      if (verified != Rcode.NOERROR) {
        LOG.warn(
            "ignored a {} answer from {} whose TSIG does not verify ({})",
            Rcode.string(rcode),
            from,
            Rcode.TSIGstring(verified));
        return;
      }
    }
    int tries;
    synchronized (p) {
      tries = p.attempts;
    }
    NotifyOutcome outcome =
        rcode == Rcode.NOERROR || rcode == Rcode.NOTIMP
            ? new NotifyOutcome.Acknowledged(p.zone, p.serial, p.target, tries, rcode)
            : new NotifyOutcome.Rejected(p.zone, p.serial, p.target, tries, rcode);
    finish(p, outcome);
  }

  private void finish(Pending p, NotifyOutcome outcome) {
    synchronized (p) {
      if (p.done) {
        return;
      }
      p.done = true;
      if (p.timer != null) {
        p.timer.cancel(false);
      }
    }
    Target t = p.registeredTarget();
    Pending unblocked = null;
    long unblockedDelay = 0;
    boolean pump = false;
    if (t != null) {
      synchronized (t) {
        if (p.id >= 0 && t.inFlight.remove(p.id, p) && p.background()) {
          t.backgroundInFlight--;
        }
        t.waitingForId.remove(p);
        t.backgroundRetries.remove(p);
        t.latest.remove(p.zone, p);
        // An ID is free again: the oldest change NOTIFY waiting for one takes it.
        Pending waiting = t.waitingForId.peek();
        if (waiting != null && assignId(t, waiting)) {
          t.waitingForId.poll();
          unblocked = waiting;
          unblockedDelay = t.changePace.reserve();
        }
        if (t.hasQueued() || !t.backgroundRetries.isEmpty()) {
          pump = claimPump(t);
        }
      }
    }
    LOG.debug("NOTIFY outcome: {}", outcome);
    try {
      listener.onOutcome(outcome);
    } catch (RuntimeException e) {
      LOG.warn("the NOTIFY listener threw for {}", outcome, e);
    }
    if (p.announcer != null) {
      try {
        p.announcer.outcome(outcome);
      } catch (RuntimeException e) {
        LOG.warn("the NOTIFY announcer threw for {}", outcome, e);
      }
    }
    p.outcome.complete(outcome);
    if (unblocked != null) {
      sendAfter(unblocked, unblockedDelay);
    }
    if (pump) {
      schedulePump(t, 0);
    }
  }

  /** Forgets the state of targets with nothing queued or in flight whose pace has rested. */
  private void forgetIdleTargets() {
    for (InetSocketAddress address : targets.keySet()) {
      targets.computeIfPresent(
          address,
          (a, t) -> {
            synchronized (t) {
              if (t.idle()) {
                t.forgotten = true;
                return null;
              }
              return t;
            }
          });
    }
  }

  /**
   * Stops the sender: closes its socket, ends its threads and waits for them, completes every
   * change NOTIFY still in flight exceptionally with {@link CancellationException} (no event is
   * sent for those) and drops the background NOTIFYs still queued. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      LOG.debug("closing the NOTIFY socket failed: {}", e.toString());
    }
    scheduler.shutdownNow();
    boolean interrupted = false;
    try {
      receiver.join(TimeUnit.SECONDS.toMillis(10));
      scheduler.awaitTermination(10, TimeUnit.SECONDS);
      threads.joinAll(Duration.ofSeconds(10));
    } catch (InterruptedException e) {
      interrupted = true;
    }
    List<Pending> cancelled = new ArrayList<>();
    for (Target t : targets.values()) {
      synchronized (t) {
        cancelled.addAll(t.inFlight.values());
        cancelled.addAll(t.waitingForId);
        t.inFlight.clear();
        t.waitingForId.clear();
        t.backgroundRetries.clear();
        t.background.clear();
        t.requeued = null;
        t.latest.clear();
      }
    }
    targets.clear();
    backlog.set(0);
    for (Pending p : cancelled) {
      p.cancel();
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "NotifySender[attempts="
        + attempts
        + ", sendsPerSecond="
        + sendsPerSecond
        + ", backgroundSendsPerSecond="
        + backgroundSendsPerSecond
        + ", closed="
        + closed.get()
        + ", socketOpen="
        + channel.isOpen()
        + "]";
  }

  /** A background NOTIFY waiting for its turn: two references, nothing rendered yet. */
  private record Queued(Name zone, NotifyTarget target, NotifyAnnouncer announcer) {
    // By hand: a record's generated equals and hashCode spin classes on first use, here on the
    // first zone announced (docs/ARCHITECTURE.md, "Start-up").
    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Queued other
          && other.zone.equals(zone)
          && other.target.equals(target)
          && other.announcer.equals(announcer);
    }

    @Override
    public int hashCode() {
      return (zone.hashCode() * 31 + target.hashCode()) * 31 + announcer.hashCode();
    }
  }

  /** The state of one target address and port. Guarded by itself. */
  private final class Target {
    final InetSocketAddress address;

    /** NOTIFYs with an ID, sent or about to be, by ID: this target's own ID space. */
    final Map<Integer, Pending> inFlight = new HashMap<>();

    final ArrayDeque<Pending> waitingForId = new ArrayDeque<>();

    /** Background NOTIFYs waiting, in order, each once. */
    final LinkedHashSet<Queued> background = new LinkedHashSet<>();

    /** One taken from the queue but not sent for want of a free ID: it goes first. */
    @Nullable Queued requeued;

    final ArrayDeque<Pending> backgroundRetries = new ArrayDeque<>();

    /** The newest NOTIFY per zone, so that a newer one replaces it (RFC 1996 4.4). */
    final Map<Name, Pending> latest = new HashMap<>();

    final NotifyPacer changePace =
        new NotifyPacer(
            sendsPerSecond, (int) Math.max(1, Math.min(sendsPerSecond, 1000)), System::nanoTime);
    final NotifyPacer backgroundPace =
        new NotifyPacer(backgroundSendsPerSecond, 1, System::nanoTime);
    int backgroundInFlight;
    boolean pumpScheduled;
    boolean forgotten;

    Target(InetSocketAddress address) {
      this.address = address;
    }

    boolean hasQueued() {
      return requeued != null || !background.isEmpty();
    }

    Queued takeQueued() {
      if (requeued != null) {
        Queued q = requeued;
        requeued = null;
        return q;
      }
      java.util.Iterator<Queued> it = background.iterator();
      Queued q = it.next();
      it.remove();
      return q;
    }

    boolean idle() {
      return inFlight.isEmpty()
          && waitingForId.isEmpty()
          && !hasQueued()
          && backgroundRetries.isEmpty()
          && latest.isEmpty()
          && !pumpScheduled
          && changePace.rested()
          && backgroundPace.rested();
    }

    @Override
    public String toString() {
      return "Target[" + address + "]";
    }
  }

  /** One NOTIFY to one target, across its tries. Mutable state is guarded by {@code this}. */
  private static final class Pending {
    final Name zone;
    final SerialNumber serial;
    final NotifyTarget target;
    final InetSocketAddress destination;
    final SOARecord soa;
    @Nullable final TSIG tsig;
    @Nullable final NotifyAnnouncer announcer;
    final CompletableFuture<NotifyOutcome> outcome = new CompletableFuture<>();
    // Set under the target's lock before the NOTIFY is visible to other threads.
    @Nullable volatile Target state;

    /** The target it was registered with: set before any thread can send, time or finish it. */
    Target registeredTarget() {
      Target t = state;
      if (t == null) {
        throw new IllegalStateException("NOTIFY " + zone + " used before it was registered");
      }
      return t;
    }

    volatile int id = -1;
    // Written before the first send is scheduled, read by the receiver thread: volatile, because a
    // datagram round trip is not a happens-before edge.
    volatile byte[] query = new byte[0];
    @Nullable volatile TSIGRecord queryTsig;
    int attempts;
    boolean done;
    @Nullable ScheduledFuture<?> timer;

    Pending(
        SOARecord soa,
        NotifyTarget target,
        Optional<TSIG> tsig,
        @Nullable NotifyAnnouncer announcer) {
      this.soa = soa;
      this.zone = soa.getName();
      this.serial = SerialNumber.of(soa.getSerial());
      this.target = target;
      this.destination = destination(target);
      this.tsig = tsig.orElse(null);
      this.announcer = announcer;
    }

    boolean background() {
      return announcer != null;
    }

    /** Renders the NOTIFY once; every try sends the same bytes (same ID, RFC 1996 3.6). */
    void prepare(int id) {
      this.id = id;
      Message m = new Message(id);
      m.getHeader().setOpcode(Opcode.NOTIFY);
      m.getHeader().setFlag(Flags.AA);
      m.addRecord(Record.newRecord(zone, Type.SOA, DClass.IN), Section.QUESTION);
      m.addRecord(soa, Section.ANSWER);
      if (tsig != null) {
        tsig.apply(m, null);
        queryTsig = m.getTSIG();
      }
      query = m.toWire();
    }

    void cancel() {
      synchronized (this) {
        if (done) {
          return;
        }
        done = true;
        if (timer != null) {
          timer.cancel(false);
        }
      }
      outcome.completeExceptionally(new CancellationException("the NOTIFY sender was closed"));
    }
  }

  /** Builds a {@link NotifySender}. Not thread-safe; build once and share the sender. */
  public static final class Builder {
    private int attempts = 5;
    private Duration initialTimeout = Duration.ofSeconds(2);
    private double backoff = 2.0;
    private Duration maxTimeout = Duration.ofSeconds(60);
    private double sendsPerSecond = 50;
    private double backgroundSendsPerSecond = 20;
    private NotifyListener listener = outcome -> {};
    @Nullable private ThreadFactory threadFactory;
    private InetSocketAddress localAddress = new InetSocketAddress(0);
    private Clock clock = Clock.systemUTC();
    private int idSpace = ID_SPACE;

    private Builder() {}

    /** Shrinks the ID space of each target, so that tests can fill it (package-private). */
    Builder idsPerTarget(int ids) {
      if (ids < 1 || ids > ID_SPACE) {
        throw new IllegalArgumentException("ids must be between 1 and " + ID_SPACE + ": " + ids);
      }
      this.idSpace = ids;
      return this;
    }

    /**
     * Sets how many times a NOTIFY is sent at most before it is reported unanswered. Default 5 (RFC
     * 1996 section 3.6 suggests at most 5 retransmissions).
     *
     * @param attempts 1 or more
     * @return this builder
     * @throws IllegalArgumentException when below 1
     */
    public Builder attempts(int attempts) {
      if (attempts < 1) {
        throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
      }
      this.attempts = attempts;
      return this;
    }

    /**
     * Sets how long to wait for an answer to the first try. Default 2 seconds.
     *
     * @param timeout positive
     * @return this builder
     * @throws IllegalArgumentException when not positive
     */
    public Builder initialTimeout(Duration timeout) {
      this.initialTimeout = positive(timeout, "initialTimeout");
      return this;
    }

    /**
     * Sets the factor by which each further try waits longer than the one before. Default 2.
     *
     * @param factor 1 (no back-off) or more
     * @return this builder
     * @throws IllegalArgumentException when below 1
     */
    public Builder backoff(double factor) {
      if (!(factor >= 1)) {
        throw new IllegalArgumentException("backoff must be at least 1, was " + factor);
      }
      this.backoff = factor;
      return this;
    }

    /**
     * Caps the wait of any one try. Default 60 seconds (RFC 1996 section 3.6's interval).
     *
     * @param timeout positive
     * @return this builder
     * @throws IllegalArgumentException when not positive
     */
    public Builder maxTimeout(Duration timeout) {
      this.maxTimeout = positive(timeout, "maxTimeout");
      return this;
    }

    /**
     * Sets the pace of change NOTIFYs: at most this many (first tries and retries) per second to
     * each target in the long run, with a burst of one second's worth (BIND's {@code notify-rate},
     * but per target). Default 50.
     *
     * @param rate positive
     * @return this builder
     * @throws IllegalArgumentException when not positive
     */
    public Builder sendsPerSecond(double rate) {
      if (!(rate > 0)) {
        throw new IllegalArgumentException("sendsPerSecond must be positive, was " + rate);
      }
      this.sendsPerSecond = rate;
      return this;
    }

    /**
     * Sets the pace of background NOTIFYs (for example a responder's startup fan-out): at most this
     * many (first tries and retries) per second to each target, evenly spaced, besides the change
     * NOTIFYs. Default 20, BIND's {@code startup-notify-rate} (there for all targets together).
     *
     * @param rate positive
     * @return this builder
     * @throws IllegalArgumentException when not positive
     */
    public Builder backgroundSendsPerSecond(double rate) {
      if (!(rate > 0)) {
        throw new IllegalArgumentException(
            "backgroundSendsPerSecond must be positive, was " + rate);
      }
      this.backgroundSendsPerSecond = rate;
      return this;
    }

    /**
     * Sets the listener that receives every outcome, of change and background NOTIFYs. Default:
     * none.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(NotifyListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Sets the factory for the sender's two threads. Default: daemon threads named {@code
     * secdns-notify-N-M}.
     *
     * @param factory the factory
     * @return this builder
     */
    public Builder threadFactory(ThreadFactory factory) {
      this.threadFactory = Objects.requireNonNull(factory, "factory");
      return this;
    }

    /**
     * Sets the local address to send from. Default: the wildcard address, an ephemeral port.
     *
     * @param address a local address; port 0 for an ephemeral one
     * @return this builder
     */
    public Builder localAddress(InetSocketAddress address) {
      this.localAddress = Objects.requireNonNull(address, "address");
      return this;
    }

    /**
     * Sets the clock for TSIG's Time Signed. Default: the system UTC clock.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Opens the socket and starts the threads.
     *
     * @return a running sender; close it when done
     * @throws IOException when the socket cannot be opened or bound
     */
    public NotifySender build() throws IOException {
      return new NotifySender(this);
    }

    private static Duration positive(Duration d, String what) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive, was " + d);
      }
      return d;
    }
  }
}
