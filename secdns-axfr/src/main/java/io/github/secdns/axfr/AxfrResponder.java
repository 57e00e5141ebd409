package io.github.secdns.axfr;

import io.github.secdns.axfr.internal.Events;
import io.github.secdns.axfr.internal.NioServer;
import io.github.secdns.axfr.internal.QueryProcessor;
import io.github.secdns.axfr.internal.RenderCache;
import io.github.secdns.axfr.internal.TlsEndpoint;
import io.github.secdns.axfr.internal.ZoneHistories;
import io.github.secdns.axfr.internal.ZoneRenderer;
import io.github.secdns.axfr.notify.NotifyOutcome;
import io.github.secdns.axfr.notify.NotifySender;
import io.github.secdns.axfr.tls.XotListener;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.serial.SerialNumber;
import io.github.secdns.core.zone.ZoneJournal;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Name;

/**
 * An embeddable zone-transfer server (a primary): answers SOA queries over UDP and TCP and streams
 * zone transfers (AXFR, and IXFR incrementally from the zone's history) over TCP, from the
 * snapshots a host application supplies through a {@link ZoneSource}, to the clients its {@link
 * TransferPolicy} allows, verifying and signing TSIG with the keys of each zone's configuration,
 * and sending NOTIFY to the configuration's targets when a zone of a {@link PublishedZones} gets a
 * new serial.
 *
 * <pre>{@code
 * PublishedZones zones = new PublishedZones();
 * zones.publish(snapshot);
 * try (AxfrResponder responder = AxfrResponder.builder()
 *     .listen(new InetSocketAddress("192.0.2.1", 53))
 *     .zoneSource(zones)
 *     // the zone's ACL, keys, IXFR setting and NOTIFY targets; also the default policy
 *     .configurations(zone -> Optional.of(configuration))
 *     .build()) {
 *   responder.start();
 *   ...
 * }
 * }</pre>
 *
 * <h2>Threading model</h2>
 *
 * <ul>
 *   <li>One I/O thread ({@code secdns-axfr-io}) with one NIO selector accepts connections, reads
 *       and frames queries, decides them (zone lookup, policy, slot), writes responses and enforces
 *       the idle timeout and the whole-transfer deadline. Idle connections cost no thread.
 *   <li>A bounded pool of render threads ({@code secdns-axfr-render-N}, at most two, ended when
 *       idle) renders each zone version once into the answer sections of its transfer messages;
 *       every transfer of that version then only writes a 12-octet header and the question per
 *       message.
 *   <li>The same bounded pool folds each new version of a zone into the zone's IXFR history (the
 *       difference to the previous version is computed once per version, never per client; a host
 *       {@link ZoneJournal} is written there), and renders incremental answers once per (zone,
 *       client serial, version).
 *   <li>A {@link NotifySender} (one UDP socket, two {@code secdns-notify-*} threads) is started
 *       with the responder when configurations are given. A new serial of a zone of a {@link
 *       PublishedZones} is notified once its history is ready and its full transfer rendered, so
 *       that a secondary reacting at once sees it (RFC 1996 section 4.2); every zone is notified
 *       once at {@link #start()}; {@link #notifyNow} sends on demand. Hosts with another {@link
 *       ZoneSource} call {@link #whenReady} and then {@link #notifyNow} after each change.
 *   <li>{@link ZoneSource}, {@link TransferPolicy}, {@link TransferListener} and the configuration
 *       lookup are called on the I/O thread: they must be thread-safe, fast and must not block.
 *   <li>No static state, no shutdown hooks. {@link #close()} stops accepting, lets transfers in
 *       flight finish within {@link ResponderLimits#shutdownGrace()}, closes everything and returns
 *       once every thread the responder started has ended. It is idempotent.
 * </ul>
 *
 * <p>With a custom {@link ThreadFactory} the threads are created by it (and named by it).
 *
 * <h2>Zone transfer over TLS (XoT)</h2>
 *
 * <p>Each {@link XotListener} given to {@link Builder#xot} is one more TCP listener of the same I/O
 * thread, with TLS 1.3 (ALPN {@code dot}) between the socket and the DNS framing: SOA queries, AXFR
 * and IXFR are answered there exactly as over TCP, with the transport {@link Transport#TLS} given
 * to the policy, and the same limits (connections, transfer slots, idle timeout, which also bounds
 * the handshake, and whole-transfer deadline). A connection that did not negotiate ALPN {@code dot}
 * gets REFUSED (extended DNS error 18) for every transfer (RFC 9103 section 7.1). The handshakes'
 * delegated tasks (signatures, key exchange) run on at most two threads ({@code secdns-axfr-tls-N},
 * ended when idle). NOTIFY stays on UDP. See {@code docs/architecture/xot.md}.
 *
 * <h2>Responses</h2>
 *
 * <table>
 *   <caption>What each request gets</caption>
 *   <tr><th>request</th><th>response</th></tr>
 *   <tr><td>SOA for a served zone apex, UDP or TCP</td><td>NOERROR, AA, the SOA in the answer
 *       (TC and no answer over UDP if it would not fit)</td></tr>
 *   <tr><td>AXFR over TCP, allowed</td><td>the zone: SOA first and last, many records per
 *       message, the query's ID in every message, the question only in the first</td></tr>
 *   <tr><td>IXFR over TCP, allowed, client serial equal to or newer than ours</td><td>one
 *       message with the current SOA only</td></tr>
 *   <tr><td>IXFR over TCP, allowed, client serial in the history</td><td>the incremental answer
 *       (RFC 1995 section 4: oldest change first), packed like an AXFR</td></tr>
 *   <tr><td>IXFR over TCP, allowed, serial not in the history, history not ready yet, or IXFR
 *       disabled in the configuration</td><td>the full zone AXFR-style, IXFR kept in the
 *       question</td></tr>
 *   <tr><td>IXFR without exactly one SOA of the zone in its authority section</td><td>FORMERR
 *       </td></tr>
 *   <tr><td>AXFR over UDP</td><td>NOTIMP, no answer, TC clear (as Knot and NSD; RFC 5936
 *       section 4.2 leaves it undefined)</td></tr>
 *   <tr><td>IXFR over UDP</td><td>the current SOA only (RFC 1995 section 2: retry over TCP)</td></tr>
 *   <tr><td>transfer not allowed by the policy</td><td>REFUSED, with extended DNS error 18
 *       "Prohibited" (RFC 8914) when the query had EDNS</td></tr>
 *   <tr><td>transfer allowed, no free slot</td><td>REFUSED</td></tr>
 *   <tr><td>zone not served (QNAME is not exactly a zone's origin, or another class)</td>
 *       <td>NOTAUTH</td></tr>
 *   <tr><td>another type for a served zone (A, NS, ...)</td><td>REFUSED: this is a transfer
 *       server, not a general authoritative server</td></tr>
 *   <tr><td>QDCOUNT not 1, records in the answer or authority section of an AXFR, a message
 *       that does not parse, a compressed question name</td><td>FORMERR with the query's ID
 *       (and question where it can be read)</td></tr>
 *   <tr><td>another opcode (NOTIFY, UPDATE, ...)</td><td>NOTIMP (signed when the request's TSIG
 *       verified; TSIG errors as below): this is a primary, it has no primary of its own to be
 *       notified by (RFC 1996 section 3.12 expects NOTIMP from such a server)</td></tr>
 *   <tr><td>EDNS version other than 0</td><td>BADVERS</td></tr>
 *   <tr><td>a TSIG-signed request whose key or algorithm the zone's configuration does not
 *       have</td><td>NOTAUTH, TSIG error BADKEY, unsigned (RFC 8945 section 5.2)</td></tr>
 *   <tr><td>a TSIG-signed request with a wrong MAC (refused even where the zone needs no
 *       key)</td><td>NOTAUTH, TSIG error BADSIG, unsigned</td></tr>
 *   <tr><td>a TSIG-signed request signed outside the fudge window</td><td>NOTAUTH, TSIG
 *       error BADTIME, signed, with the server's time</td></tr>
 *   <tr><td>any reply to a request whose TSIG verified</td><td>signed with the same key;
 *       every message of a transfer is signed</td></tr>
 *   <tr><td>a record that cannot fit in a 65535-octet message</td><td>SERVFAIL and a failed
 *       transfer event naming the record</td></tr>
 *   <tr><td>a response (QR set), or fewer than 3 octets</td><td>nothing</td></tr>
 * </table>
 *
 * <p>Every error reply is reported to {@link TransferListener#refused}. A TCP connection stays open
 * after a transfer and after an error reply; it is closed when idle for {@link
 * ResponderLimits#idleTimeout()}, when a transfer outlives {@link
 * ResponderLimits#transferDeadline()}, or when a query is longer than 16 KiB (abuse).
 */
public final class AxfrResponder implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AxfrResponder.class);
  private static final int RENDER_THREADS = 2;

  /** Threads for TLS handshakes' delegated tasks (only with XoT listeners). */
  private static final int TLS_TASK_THREADS = 2;

  private final List<InetSocketAddress> listen;
  private final List<XotListener> xotListeners;
  private final ZoneSource zoneSource;
  private final TransferPolicy policy;
  private final ResponderLimits limits;
  private final TransferListener listener;
  private final ThreadFactory threadFactory;
  private final Optional<Function<Name, Optional<SecondaryDnsConfiguration>>> configurations;
  private final Optional<ZoneJournal> journal;
  private final Clock clock;
  private final NotifySender.Builder notifications;

  /** The serial each zone was last notified with, so that each new serial is notified once. */
  private final ConcurrentHashMap<Name, SerialNumber> notified = new ConcurrentHashMap<>();

  private final Object lock = new Object();
  private final CountDownLatch closed = new CountDownLatch(1);
  private State state = State.NEW;
  private List<InetSocketAddress> bound = List.of();
  private List<InetSocketAddress> boundXot = List.of();
  private NioServer server;
  private Thread ioThread;
  private ThreadPoolExecutor renderPool;
  private ThreadPoolExecutor tlsPool;
  private RenderCache cache;
  private ZoneHistories histories;
  private NotifySender notifier;
  private BiConsumer<Name, Optional<ZoneSnapshot>> observer;
  private final List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();

  private enum State {
    NEW,
    RUNNING,
    CLOSING
  }

  private AxfrResponder(Builder b) {
    this.listen = List.copyOf(b.listen);
    this.xotListeners = List.copyOf(b.xotListeners);
    this.zoneSource = b.zoneSource;
    this.configurations = b.configurations;
    this.policy =
        b.policy.orElseGet(
            () ->
                b.configurations
                    .map(TransferPolicy::fromConfigurations)
                    .orElseGet(TransferPolicy::denyAll));
    this.journal = b.journal;
    this.clock = b.clock;
    this.notifications = b.notifications;
    this.limits = b.limits;
    this.listener = b.listener;
    this.threadFactory = b.threadFactory.orElseGet(NamedThreads::new);
  }

  /**
   * Returns a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Binds every listen address (TCP and UDP on the same port; port 0 picks one free for both) and
   * starts serving.
   *
   * @throws IOException when an address cannot be bound; nothing stays bound then
   * @throws IllegalStateException when already started or closed
   */
  public void start() throws IOException {
    synchronized (lock) {
      if (state != State.NEW) {
        throw new IllegalStateException("the responder was already started or closed");
      }
      List<ServerSocketChannel> tcp = new ArrayList<>();
      List<DatagramChannel> udp = new ArrayList<>();
      List<InetSocketAddress> addresses = new ArrayList<>();
      List<ServerSocketChannel> tls = new ArrayList<>();
      List<InetSocketAddress> tlsAddresses = new ArrayList<>();
      Selector selector = null;
      ThreadPoolExecutor pool = null;
      ThreadPoolExecutor tlsTasks = null;
      NotifySender sender = null;
      try {
        for (InetSocketAddress address : listen) {
          bindPair(address, tcp, udp, addresses);
        }
        for (XotListener xot : xotListeners) {
          ServerSocketChannel channel = ServerSocketChannel.open();
          tls.add(channel);
          channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
          try {
            channel.bind(xot.address(), 1024);
          } catch (BindException e) {
            throw new BindException("cannot bind " + xot.address() + ": " + e.getMessage());
          }
          tlsAddresses.add((InetSocketAddress) channel.getLocalAddress());
        }
        selector = Selector.open();
        pool =
            new ThreadPoolExecutor(
                RENDER_THREADS,
                RENDER_THREADS,
                30,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                this::newThread);
        pool.allowCoreThreadTimeOut(true);
        Events events = new Events(listener);
        RenderCache renderCache =
            new RenderCache(new ZoneRenderer(limits.targetMessageSize()), pool);
        Semaphore slots = new Semaphore(limits.maxConcurrentTransfers());
        ZoneHistories zoneHistories = new ZoneHistories(pool, journal, clock);
        QueryProcessor processor =
            new QueryProcessor(
                zoneSource,
                policy,
                slots,
                events,
                configurations.orElse(zone -> Optional.empty()),
                zoneHistories,
                clock);
        if (configurations.isPresent()) {
          sender = notifications.build();
        }
        NioServer nio =
            new NioServer(selector, tcp, udp, processor, renderCache, events, slots, limits);
        if (!xotListeners.isEmpty()) {
          tlsTasks = tlsTaskPool();
          for (int i = 0; i < tls.size(); i++) {
            nio.addTlsListener(
                tls.get(i), new TlsEndpoint(xotListeners.get(i)::newServerEngine, tlsTasks));
          }
        }
        Thread thread = newThread(nio);
        if (threadFactory instanceof NamedThreads) {
          thread.setName("secdns-axfr-io");
        }
        this.server = nio;
        this.renderPool = pool;
        this.tlsPool = tlsTasks;
        this.cache = renderCache;
        this.histories = zoneHistories;
        this.notifier = sender;
        this.ioThread = thread;
        this.bound = List.copyOf(addresses);
        this.boundXot = List.copyOf(tlsAddresses);
        thread.start();
        state = State.RUNNING;
        if (zoneSource instanceof PublishedZones published) {
          observer = this::zoneChanged;
          published.addObserver(observer);
          // Once per zone at start: its history (restored from the journal), then a NOTIFY.
          for (Name zone : published.zones()) {
            zoneChanged(zone, published.snapshot(zone));
          }
        }
      } catch (IOException | RuntimeException e) {
        for (NetworkChannel ch : tcp) {
          closeQuietly(ch);
        }
        for (NetworkChannel ch : udp) {
          closeQuietly(ch);
        }
        for (NetworkChannel ch : tls) {
          closeQuietly(ch);
        }
        if (selector != null) {
          selector.close();
        }
        if (pool != null) {
          pool.shutdownNow();
        }
        if (tlsTasks != null) {
          tlsTasks.shutdownNow();
        }
        if (sender != null) {
          sender.close();
        }
        throw e;
      }
    }
  }

  /**
   * A zone of the {@link PublishedZones} changed (called on the publishing thread): drop its cached
   * rendering, fold the new version into its IXFR history in the background, and once the history
   * is ready and the full zone is rendered, NOTIFY the targets of its configuration.
   */
  private void zoneChanged(Name zone, Optional<ZoneSnapshot> current) {
    RenderCache renderCache;
    ZoneHistories zoneHistories;
    NotifySender sender;
    synchronized (lock) {
      if (state != State.RUNNING) {
        return;
      }
      renderCache = cache;
      zoneHistories = histories;
      sender = notifier;
    }
    renderCache.invalidate(zone);
    if (current.isEmpty()) {
      zoneHistories.forget(zone);
      notified.remove(zone);
      return;
    }
    ZoneSnapshot snapshot = current.get();
    CompletableFuture<?> servable = zoneHistories.observe(snapshot);
    if (sender == null || configuration(zone).filter(this::notifies).isEmpty()) {
      return;
    }
    // RFC 1996 section 4.2: notify only once a secondary that asks at once gets the new version,
    // incrementally (history ready) or in full (rendering ready).
    servable
        .thenCompose(history -> renderCache.get(snapshot))
        .whenComplete(
            (rendered, failure) -> {
              if (failure != null) {
                LOG.warn(
                    "zone {} serial {} cannot be transferred; no NOTIFY sent: {}",
                    zone,
                    snapshot.serial(),
                    failure.toString());
                return;
              }
              notifyIfCurrent(snapshot, sender);
            });
  }

  private boolean notifies(SecondaryDnsConfiguration configuration) {
    return configuration.enabled() && !configuration.notifyTargets().isEmpty();
  }

  private Optional<SecondaryDnsConfiguration> configuration(Name zone) {
    try {
      return configurations.flatMap(lookup -> lookup.apply(zone));
    } catch (RuntimeException e) {
      LOG.warn("the configuration lookup failed for {}", zone, e);
      return Optional.empty();
    }
  }

  /** Sends the NOTIFYs of a version unless a newer one is served or this serial was notified. */
  private void notifyIfCurrent(ZoneSnapshot snapshot, NotifySender sender) {
    Name zone = snapshot.origin();
    Optional<ZoneSnapshot> served;
    try {
      served = zoneSource.snapshot(zone);
    } catch (RuntimeException e) {
      return;
    }
    if (served.isEmpty() || !served.get().sameVersionAs(snapshot)) {
      return; // a newer version is served: its own NOTIFY follows
    }
    SerialNumber previous = notified.put(zone, snapshot.serial());
    if (snapshot.serial().equals(previous)) {
      return;
    }
    Optional<SecondaryDnsConfiguration> configuration = configuration(zone).filter(this::notifies);
    if (configuration.isEmpty()) {
      return;
    }
    try {
      sender.notify(configuration.get(), snapshot.soa());
    } catch (RuntimeException e) {
      LOG.warn(
          "NOTIFY for {} serial {} could not be sent: {}", zone, snapshot.serial(), e.toString());
    }
  }

  /**
   * Sends a NOTIFY for a zone's current version to every NOTIFY target of its configuration now,
   * whatever was sent before (for example after the host changed the targets). The outcomes also
   * reach the {@link io.github.secdns.axfr.notify.NotifyListener} of {@link Builder#notifications}.
   *
   * @param zone the zone's origin, any letter case
   * @return completes with one outcome per target, in the configuration's order
   * @throws IllegalStateException when the responder is not running, or was built without {@link
   *     Builder#configurations}
   * @throws IllegalArgumentException when the zone is not served, has no configuration, or its
   *     configuration is disabled
   */
  public CompletableFuture<List<NotifyOutcome>> notifyNow(Name zone) {
    Objects.requireNonNull(zone, "zone");
    NotifySender sender;
    synchronized (lock) {
      if (state != State.RUNNING) {
        throw new IllegalStateException("the responder is not running");
      }
      sender = notifier;
    }
    if (sender == null) {
      throw new IllegalStateException(
          "NOTIFY needs the zones' configurations: set Builder.configurations");
    }
    ZoneSnapshot snapshot =
        zoneSource
            .snapshot(zone)
            .orElseThrow(() -> new IllegalArgumentException("zone " + zone + " is not served"));
    SecondaryDnsConfiguration configuration =
        configuration(zone)
            .orElseThrow(
                () -> new IllegalArgumentException("zone " + zone + " has no configuration"));
    if (!configuration.enabled()) {
      throw new IllegalArgumentException("Secondary DNS is disabled for " + zone);
    }
    notified.put(snapshot.origin(), snapshot.serial());
    return sender.notify(configuration, snapshot.soa());
  }

  /**
   * The threads of the TLS handshakes' delegated tasks: short CPU work (a signature, a key
   * exchange), kept apart from the render pool so that a long rendering never delays a handshake.
   */
  private ThreadPoolExecutor tlsTaskPool() {
    AtomicInteger count = new AtomicInteger();
    ThreadPoolExecutor tasks =
        new ThreadPoolExecutor(
            TLS_TASK_THREADS,
            TLS_TASK_THREADS,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = newThread(r);
              if (threadFactory instanceof NamedThreads) {
                t.setName("secdns-axfr-tls-" + count.incrementAndGet());
              }
              return t;
            });
    tasks.allowCoreThreadTimeOut(true);
    return tasks;
  }

  /** Creates a thread and remembers it, so that close() can wait for it to end. */
  private Thread newThread(Runnable runnable) {
    Thread t = threadFactory.newThread(runnable);
    threads.add(t);
    return t;
  }

  private static void bindPair(
      InetSocketAddress address,
      List<ServerSocketChannel> tcp,
      List<DatagramChannel> udp,
      List<InetSocketAddress> addresses)
      throws IOException {
    // With port 0 the kernel picks a free TCP port, which may be taken for UDP: try again.
    int attempts = address.getPort() == 0 ? 20 : 1;
    for (int i = 1; ; i++) {
      ServerSocketChannel server = ServerSocketChannel.open();
      DatagramChannel datagram = null;
      try {
        server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        server.bind(address, 1024);
        InetSocketAddress local = (InetSocketAddress) server.getLocalAddress();
        datagram =
            DatagramChannel.open(
                local.getAddress() instanceof java.net.Inet6Address
                    ? StandardProtocolFamily.INET6
                    : StandardProtocolFamily.INET);
        datagram.bind(local);
        tcp.add(server);
        udp.add(datagram);
        addresses.add(local);
        return;
      } catch (BindException e) {
        closeQuietly(server);
        if (datagram != null) {
          closeQuietly(datagram);
        }
        if (i >= attempts) {
          throw new BindException("cannot bind " + address + ": " + e.getMessage());
        }
      } catch (IOException | RuntimeException e) {
        closeQuietly(server);
        if (datagram != null) {
          closeQuietly(datagram);
        }
        throw e;
      }
    }
  }

  private static void closeQuietly(NetworkChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // nothing more to do
    }
  }

  /**
   * Returns the addresses bound, in the order given to the builder, with the actual ports. Each
   * address serves TCP and UDP on the same port.
   *
   * @return the addresses; empty before {@link #start()}
   */
  public List<InetSocketAddress> boundAddresses() {
    synchronized (lock) {
      return bound;
    }
  }

  /**
   * Returns the TLS (XoT) addresses bound, in the order the listeners were given, with the actual
   * ports.
   *
   * @return the addresses; empty before {@link #start()} or without {@link Builder#xot}
   */
  public List<InetSocketAddress> boundXotAddresses() {
    synchronized (lock) {
      return boundXot;
    }
  }

  /**
   * Returns how many times a zone version was rendered since start: once per version served,
   * however many clients transfer it.
   *
   * @return the count
   */
  long renders() {
    synchronized (lock) {
      return cache == null ? 0 : cache.renders();
    }
  }

  /**
   * Returns how many TCP connections are open (for tests; safe to call from any thread).
   *
   * @return the count; 0 before {@link #start()}
   */
  int openConnections() {
    synchronized (lock) {
      return server == null ? 0 : server.connectionCount();
    }
  }

  /**
   * Returns a future that completes once a served version's IXFR history is ready: from then on,
   * IXFR requests for that version get the incremental answer wherever the history reaches the
   * client's serial (before, they get the full zone AXFR-style). Versions published through a
   * {@link PublishedZones} are taken up automatically; for another {@link ZoneSource}, calling this
   * is how the host hands the responder a new version, for example before it calls {@link
   * #notifyNow}.
   *
   * @param snapshot a version being served
   * @return completes when its history is ready
   * @throws IllegalStateException when the responder is not running
   */
  public CompletableFuture<Void> whenReady(ZoneSnapshot snapshot) {
    Objects.requireNonNull(snapshot, "snapshot");
    synchronized (lock) {
      if (state != State.RUNNING) {
        throw new IllegalStateException("the responder is not running");
      }
      return histories.observe(snapshot).thenApply(history -> null);
    }
  }

  /**
   * Stops serving: stops accepting and reading, lets transfers in flight finish within the shutdown
   * grace, closes every connection and socket, and returns once every thread started by this
   * responder has ended (waiting at most the shutdown grace plus ten seconds). Calling it again, or
   * concurrently, does nothing more. Must not be called from a {@link TransferListener} callback
   * (it would wait for its own thread).
   */
  @Override
  public void close() {
    NioServer nio;
    Thread thread;
    ThreadPoolExecutor pool;
    ThreadPoolExecutor tasks;
    synchronized (lock) {
      if (state == State.CLOSING) {
        nio = null;
        thread = null;
        pool = null;
        tasks = null;
      } else {
        boolean wasRunning = state == State.RUNNING;
        state = State.CLOSING;
        if (!wasRunning) {
          closed.countDown();
          return;
        }
        nio = server;
        thread = ioThread;
        pool = renderPool;
        tasks = tlsPool;
        if (observer != null && zoneSource instanceof PublishedZones published) {
          published.removeObserver(observer);
        }
      }
    }
    if (nio == null) {
      awaitClosed();
      return;
    }
    try {
      nio.stop();
      Duration wait = limits.shutdownGrace().plusSeconds(10);
      boolean interrupted = false;
      try {
        if (Thread.currentThread() != thread) {
          thread.join(wait.toMillis());
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
      pool.shutdownNow();
      if (tasks != null) {
        tasks.shutdownNow();
      }
      if (notifier != null) {
        notifier.close();
      }
      try {
        pool.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (tasks != null) {
          tasks.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
        }
        // A terminated pool's workers may still be unwinding: wait until each thread has ended.
        for (Thread t : threads) {
          if (t != Thread.currentThread()) {
            t.join(wait.toMillis());
          }
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    } finally {
      closed.countDown();
    }
  }

  private void awaitClosed() {
    try {
      closed.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    List<InetSocketAddress> xot = boundXotAddresses();
    return "AxfrResponder" + boundAddresses() + (xot.isEmpty() ? "" : " XoT" + xot);
  }

  /** Names the threads of a responder {@code secdns-axfr-*}; daemon threads. */
  private static final class NamedThreads implements ThreadFactory {
    private final AtomicInteger renderers = new AtomicInteger();

    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, "secdns-axfr-render-" + renderers.incrementAndGet());
      t.setDaemon(true);
      return t;
    }
  }

  /** Builds an {@link AxfrResponder}. Not thread-safe. */
  public static final class Builder {
    private final List<InetSocketAddress> listen = new ArrayList<>();
    private final List<XotListener> xotListeners = new ArrayList<>();
    private ZoneSource zoneSource;
    private Optional<TransferPolicy> policy = Optional.empty();
    private Optional<Function<Name, Optional<SecondaryDnsConfiguration>>> configurations =
        Optional.empty();
    private Optional<ZoneJournal> journal = Optional.empty();
    private Clock clock = Clock.systemUTC();
    private NotifySender.Builder notifications = NotifySender.builder();
    private ResponderLimits limits = ResponderLimits.defaults();
    private TransferListener listener = TransferListener.NONE;
    private Optional<ThreadFactory> threadFactory = Optional.empty();

    private Builder() {}

    /**
     * Adds an address to listen on (TCP and UDP), IPv4 or IPv6; port 0 picks a free port. The
     * address must be a literal (resolved) address.
     *
     * @param address the address
     * @return this builder
     */
    public Builder listen(InetSocketAddress address) {
      Objects.requireNonNull(address, "address");
      if (address.isUnresolved()) {
        throw new IllegalArgumentException("listen address must be resolved: " + address);
      }
      listen.add(address);
      return this;
    }

    /**
     * Adds a TLS listener for zone transfer over TLS (XoT, RFC 9103): TLS 1.3, ALPN {@code dot},
     * its certificate, and optionally client certificates (mutual TLS). Its connections share the
     * I/O thread and the limits with the TCP ones; keep the listener to {@linkplain
     * XotListener#reload() reload} its certificate while the responder runs.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder xot(XotListener listener) {
      xotListeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Sets where zone versions come from (required).
     *
     * @param source the host's zone source, e.g. a {@link PublishedZones}
     * @return this builder
     */
    public Builder zoneSource(ZoneSource source) {
      this.zoneSource = Objects.requireNonNull(source, "source");
      return this;
    }

    /**
     * Sets who may transfer what (default: {@link TransferPolicy#fromConfigurations} over the
     * {@link #configurations} when they are given, else {@link TransferPolicy#denyAll()}).
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder policy(TransferPolicy policy) {
      this.policy = Optional.of(Objects.requireNonNull(policy, "policy"));
      return this;
    }

    /**
     * Sets where the responder finds each zone's Secondary DNS configuration (typically the host's
     * in-memory store): the TSIG keys that verify and sign requests for the zone (looked up by the
     * name in the query's TSIG record), whether IXFR is offered, and the NOTIFY targets. Without
     * it, signed requests get NOTAUTH/BADKEY, IXFR is offered, and no NOTIFY is sent. Called on the
     * I/O thread and the background threads: thread-safe, fast, never blocking.
     *
     * @param configurations the configuration of a zone, by origin (any letter case); empty when it
     *     has none
     * @return this builder
     */
    public Builder configurations(
        Function<Name, Optional<SecondaryDnsConfiguration>> configurations) {
      this.configurations = Optional.of(Objects.requireNonNull(configurations, "configurations"));
      return this;
    }

    /**
     * Sets the host's persisted IXFR history (default: none; the history then starts empty at each
     * start and secondaries get a full transfer first). Called on the background threads, one
     * thread at a time per zone.
     *
     * @param journal the journal
     * @return this builder
     */
    public Builder journal(ZoneJournal journal) {
      this.journal = Optional.of(Objects.requireNonNull(journal, "journal"));
      return this;
    }

    /**
     * Sets the clock for TSIG (time checks, Time Signed) and the age of IXFR history (default: the
     * system clock, UTC).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets how NOTIFYs are sent (tries, time-outs, pacing, local address) and who hears their
     * outcomes ({@link NotifySender.Builder#listener}); default: {@link NotifySender#builder()}
     * with its defaults and no listener. The sender is built by {@link AxfrResponder#start()} when
     * {@link #configurations} are given, and closed by {@link AxfrResponder#close()}.
     *
     * @param notifications the settings
     * @return this builder
     */
    public Builder notifications(NotifySender.Builder notifications) {
      this.notifications = Objects.requireNonNull(notifications, "notifications");
      return this;
    }

    /**
     * Sets the limits (default: {@link ResponderLimits#defaults()}).
     *
     * @param limits the limits
     * @return this builder
     */
    public Builder limits(ResponderLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /**
     * Sets the listener for transfer events (default: none).
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(TransferListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Sets the factory for the responder's threads (default: daemon threads named {@code
     * secdns-axfr-*}).
     *
     * @param factory the factory
     * @return this builder
     */
    public Builder threadFactory(ThreadFactory factory) {
      this.threadFactory = Optional.of(factory);
      return this;
    }

    /**
     * Builds the responder (not started).
     *
     * @return the responder
     * @throws IllegalStateException when no listen address or no zone source was given
     */
    public AxfrResponder build() {
      if (listen.isEmpty()) {
        throw new IllegalStateException("at least one listen address is required");
      }
      if (zoneSource == null) {
        throw new IllegalStateException("a zone source is required");
      }
      return new AxfrResponder(this);
    }
  }
}
