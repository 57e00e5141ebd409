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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * Sends NOTIFY messages (RFC 1996) over UDP and reports what became of each.
 *
 * <p>Each NOTIFY has OPCODE 4, AA set, RD clear, a fresh random ID, the question ⟨zone, IN, SOA⟩
 * and the new SOA in the answer section as a hint (section 3.7). It is signed with TSIG when the
 * target names a key. It is sent again, with the same ID, after a time-out that grows by the
 * back-off factor, until an answer matches by ID, question and source address and port, or the
 * configured number of tries is used up. A newer NOTIFY for the same zone and target replaces one
 * still unanswered (reported as superseded). NOERROR and NOTIMP count as acknowledged; any other
 * RCODE is a rejection; a signed NOTIFY's NOERROR answer whose TSIG does not verify is ignored as
 * spoofed. All sends, first tries and retries alike, share one pace so that a change to many zones
 * at once does not burst.
 *
 * <p>Call {@code notify} only once the new version can be transferred (RFC 1996 section 4.2): a
 * secondary may ask for it at once.
 *
 * <p>Threading: thread-safe. The sender owns one UDP socket and two threads (a receiver and a
 * scheduler, named {@code secdns-notify-*} unless a {@link ThreadFactory} is given), started by
 * {@link Builder#build()} and ended by {@link #close()}. The listener and the returned futures
 * complete on those threads.
 */
public final class NotifySender implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(NotifySender.class);

  private final int attempts;
  private final Duration initialTimeout;
  private final double backoff;
  private final Duration maxTimeout;
  private final NotifyListener listener;
  private final Clock clock;
  private final NotifyPacer pacer;
  private final DatagramChannel channel;
  private final ScheduledThreadPoolExecutor scheduler;
  private final Thread receiver;
  private final ConcurrentHashMap<Integer, Pending> pending = new ConcurrentHashMap<>();

  /** The newest NOTIFY per zone and target, so that a newer one replaces it (RFC 1996 4.4). */
  private final ConcurrentHashMap<TargetKey, Pending> latest = new ConcurrentHashMap<>();

  private final SecureRandom random = new SecureRandom();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final OwnedThreads threads;

  private NotifySender(Builder b) throws IOException {
    this.attempts = b.attempts;
    this.initialTimeout = b.initialTimeout;
    this.backoff = b.backoff;
    this.maxTimeout = b.maxTimeout;
    this.listener = b.listener;
    this.clock = b.clock;
    this.pacer = new NotifyPacer(b.sendsPerSecond, System::nanoTime);
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
   * Notifies every NOTIFY target of a configuration that its zone has the given SOA, signing with
   * the configuration's keys where a target names one.
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
   * Notifies targets without TSIG.
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
   * Notifies targets that a zone has a new SOA.
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
    if (closed.get()) {
      throw new IllegalStateException("the NOTIFY sender is closed");
    }
    List<CompletableFuture<NotifyOutcome>> outcomes = new ArrayList<>(targets.size());
    for (int i = 0; i < targets.size(); i++) {
      outcomes.add(start(soa, targets.get(i), resolved.get(i)));
    }
    return CompletableFuture.allOf(outcomes.toArray(new CompletableFuture<?>[0]))
        .thenApply(ignored -> outcomes.stream().map(CompletableFuture::join).toList());
  }

  private CompletableFuture<NotifyOutcome> start(
      SOARecord soa, NotifyTarget target, Optional<TsigKey> key) {
    Pending p = new Pending(soa, target, key.map(k -> TsigKeys.toDnsjava(k, clock)));
    while (true) {
      int id = random.nextInt(0x10000);
      if (pending.containsKey(id)) {
        continue;
      }
      // Rendered before it is published in the map, so the receiver thread sees a complete entry.
      p.prepare(id);
      if (pending.putIfAbsent(id, p) == null) {
        break;
      }
    }
    Pending replaced = latest.put(p.targetKey, p);
    if (replaced != null) {
      int tries;
      synchronized (replaced) {
        tries = replaced.attempts;
      }
      finish(
          replaced,
          new NotifyOutcome.Superseded(
              replaced.zone, replaced.serial, replaced.target, tries, p.serial));
    }
    if (closed.get()) {
      // close() may have swept the map before this entry went in.
      p.cancel();
    } else {
      schedulePacedSend(p);
    }
    return p.outcome;
  }

  private void schedulePacedSend(Pending p) {
    try {
      scheduler.schedule(() -> send(p), pacer.reserve(), TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      p.cancel();
    }
  }

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
      LOG.debug("NOTIFY {} serial {} to {}, try {}", p.zone, p.serial, p.target, attempt);
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
    } catch (java.util.concurrent.RejectedExecutionException e) {
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
    } else {
      schedulePacedSend(p);
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
    Pending p = pending.get(id);
    if (p == null || !p.destination.equals(from)) {
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
    pending.remove(p.id, p);
    latest.remove(p.targetKey, p);
    LOG.debug("NOTIFY outcome: {}", outcome);
    try {
      listener.onOutcome(outcome);
    } catch (RuntimeException e) {
      LOG.warn("the NOTIFY listener threw for {}", outcome, e);
    }
    p.outcome.complete(outcome);
  }

  /**
   * Stops the sender: closes its socket, ends its threads and waits for them, and completes every
   * NOTIFY still in flight exceptionally with {@link CancellationException} (no event is sent for
   * those). Idempotent.
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
    for (Pending p : pending.values()) {
      p.cancel();
    }
    pending.clear();
    latest.clear();
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "NotifySender[attempts=" + attempts + ", closed=" + closed.get() + "]";
  }

  /** A zone at one target address and port; {@link Name#equals} ignores letter case. */
  private record TargetKey(Name zone, InetSocketAddress destination) {}

  /** One NOTIFY to one target, across its tries. Mutable state is guarded by {@code this}. */
  private static final class Pending {
    final Name zone;
    final SerialNumber serial;
    final NotifyTarget target;
    final InetSocketAddress destination;
    final TargetKey targetKey;
    final SOARecord soa;
    @Nullable final TSIG tsig;
    final CompletableFuture<NotifyOutcome> outcome = new CompletableFuture<>();
    int id;
    // Written before the first send is scheduled, read by the receiver thread: volatile, because a
    // datagram round trip is not a happens-before edge.
    volatile byte[] query = new byte[0];
    @Nullable volatile TSIGRecord queryTsig;
    int attempts;
    boolean done;
    @Nullable ScheduledFuture<?> timer;

    Pending(SOARecord soa, NotifyTarget target, Optional<TSIG> tsig) {
      this.soa = soa;
      this.zone = soa.getName();
      this.serial = SerialNumber.of(soa.getSerial());
      this.target = target;
      this.destination = new InetSocketAddress(target.address(), target.port());
      this.targetKey = new TargetKey(zone, destination);
      this.tsig = tsig.orElse(null);
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
    private NotifyListener listener = outcome -> {};
    @Nullable private ThreadFactory threadFactory;
    private InetSocketAddress localAddress = new InetSocketAddress(0);
    private Clock clock = Clock.systemUTC();

    private Builder() {}

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
     * Sets the pace: at most this many NOTIFY messages (first tries and retries) per second across
     * all zones and targets. Default 50.
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
     * Sets the listener that receives every outcome. Default: none.
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
