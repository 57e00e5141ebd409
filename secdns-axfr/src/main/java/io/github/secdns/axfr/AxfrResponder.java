package io.github.secdns.axfr;

import io.github.secdns.axfr.internal.Events;
import io.github.secdns.axfr.internal.KeyedSerialExecutor;
import io.github.secdns.axfr.internal.NioServer;
import io.github.secdns.axfr.internal.QueryProcessor;
import io.github.secdns.axfr.internal.RenderCache;
import io.github.secdns.axfr.internal.RenderSplit;
import io.github.secdns.axfr.internal.Rendering;
import io.github.secdns.axfr.internal.ServedZones;
import io.github.secdns.axfr.internal.TlsEndpoint;
import io.github.secdns.axfr.internal.ZoneEntries;
import io.github.secdns.axfr.internal.ZoneEntry;
import io.github.secdns.axfr.internal.ZoneHistories;
import io.github.secdns.axfr.internal.ZoneRenderer;
import io.github.secdns.axfr.notify.NotifyAcknowledgements;
import io.github.secdns.axfr.notify.NotifyAnnouncer;
import io.github.secdns.axfr.notify.NotifyOutcome;
import io.github.secdns.axfr.notify.NotifySender;
import io.github.secdns.axfr.tls.XotListener;
import io.github.secdns.core.config.AddressPrefix;
import io.github.secdns.core.config.NotifyTarget;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.config.TsigKey;
import io.github.secdns.core.zone.ZoneHistory;
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
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import javax.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Name;

/**
 * An embeddable zone-transfer server (a primary): answers SOA queries over UDP and TCP and streams
 * zone transfers (AXFR, and IXFR incrementally from the zone's history) over TCP, from the
 * snapshots a host application supplies through a {@link ZoneSource}, to the clients its {@link
 * TransferPolicy} allows, verifying and signing TSIG with the keys of each zone's configuration,
 * and sending NOTIFY to the configuration's targets for every new version of a zone.
 *
 * <pre>{@code
 * PublishedZones zones = new PublishedZones();
 * zones.publish(snapshot);
 * try (NotifySender notifier = NotifySender.builder().build(); // one per process, shared
 *     AxfrResponder responder = AxfrResponder.builder()
 *         .listen(new InetSocketAddress("192.0.2.1", 53))
 *         .zoneSource(zones)
 *         // the zone's ACL, keys, IXFR setting and NOTIFY targets; also the default policy
 *         .configurations(zone -> Optional.of(configuration))
 *         .notifySender(notifier)
 *         .build()) {
 *   responder.start();
 *   ...
 * }
 * }</pre>
 *
 * <h2>Data flow of a new version</h2>
 *
 * <p>A subscribing {@link ZoneSource} (such as {@link PublishedZones}) reports the new version; the
 * responder serves it from then on (a query right after the report sees it) and, in the background,
 * folds it into the zone's IXFR history. Once the history holds it, the version is
 * <em>servable</em>: the NOTIFYs of the zone's configuration go out at once (RFC 1996 section 4.2:
 * a secondary that asks at once gets the new version, incrementally), then a {@link
 * VersionListener} hears of it. The full transfer is rendered ahead when the rendering of the
 * zone's previous version had finished, else on the first request; renderings are kept within
 * {@link ResponderLimits#renderCacheBytes()}. Nothing is rendered at start (unless {@link
 * Builder#renderAtStart} names the zone); at start each zone is servable as soon as its history is
 * (immediately without a {@link ZoneJournal}), and the {@link StartupNotify} setting decides which
 * zones are notified, in the background.
 *
 * <h2>Threading model</h2>
 *
 * <ul>
 *   <li>One I/O thread ({@code secdns-axfr-io}) with one NIO selector accepts connections, reads
 *       and frames queries, decides them (zone lookup in memory, configuration, policy, slot),
 *       writes the messages the producers emit and enforces the idle timeout and the whole-transfer
 *       deadline. Idle connections cost no thread. An SOA query over UDP is answered from octets
 *       prepared once per version, with no lock.
 *   <li>Render threads ({@code secdns-axfr-render-N}, at most two, ended when idle) render each
 *       zone version once into the answer sections of its transfer messages, and incremental
 *       answers once per (zone, client serial, version); every transfer of it then only writes a
 *       12-octet header and the question per message. The full transfer of a version of more than
 *       65,536 records is split into two segments (the SOA and the first half of the records; the
 *       second half and the SOA), each starting a new message, rendered on both render threads at
 *       once (on one when there is a single processor); the second segment's messages are sent
 *       after all of the first's, so a transfer streams the first segment while the second renders.
 *       No render thread ever waits for another: a segment no thread has taken yet is rendered by
 *       the thread that finished the one before it.
 *   <li>Zone threads ({@code secdns-axfr-zone-N}, at most two, ended when idle) fold each new
 *       version into its zone's IXFR history (the difference to the previous version is computed
 *       once per version, never per client; a host {@link ZoneJournal} is written there), then
 *       consult the {@link NotifyLeadership}, hand the NOTIFYs to the {@link NotifySender} and call
 *       the {@link VersionListener}; the {@link
 *       io.github.secdns.axfr.notify.NotifyAcknowledgements} store is called there too. They are
 *       separate from the render threads, so a long rendering never delays a NOTIFY.
 *   <li>Lookup threads ({@code secdns-axfr-lookup-N}, at most four, ended when idle) exist only for
 *       a {@link ZoneSource} that does not subscribe: they look each queried zone up and decide the
 *       query there, so a lookup that blocks never stops the I/O thread.
 *   <li>TLS task threads ({@code secdns-axfr-tls-N}, at most two, ended when idle) exist only with
 *       {@linkplain Builder#xot XoT listeners}: they run the TLS handshakes' delegated tasks; the
 *       encryption itself stays on the I/O thread.
 *   <li>The {@link NotifySender} (one UDP socket, two {@code secdns-notify-*} threads) is the
 *       host's when given with {@link Builder#notifySender} (shared, closed by the host), else the
 *       responder builds one at {@link #start()} when configurations are given and closes it.
 *   <li>{@link TransferPolicy}, {@link TransferListener} and the configuration lookup are called on
 *       the I/O thread (on a lookup thread for a looked-up source): they must be thread-safe, fast
 *       and must not block. {@link ZoneSource#snapshot} is never called on the I/O thread.
 *   <li>No static state, no shutdown hooks. {@link #close()} stops accepting, lets transfers in
 *       flight finish within {@link ResponderLimits#shutdownGrace()}, closes everything it started
 *       and returns once every thread the responder started has ended. It is idempotent.
 * </ul>
 *
 * <p>With a custom {@link ThreadFactory} the threads are created by it (and named by it).
 *
 * <h2>Zone transfer over TLS (XoT)</h2>
 *
 * <p>Each {@link XotListener} given to {@link Builder#xot} is one more TCP listener of the same I/O
 * thread, with TLS 1.3 (ALPN {@code dot}) between the socket and the DNS framing: SOA queries, AXFR
 * and IXFR are answered there exactly as over TCP, with the transport {@link
 * io.github.secdns.core.diagnostics.Transport#TLS} given to the policy, and the same limits
 * (connections, transfer slots, idle timeout, which also bounds the handshake, and whole-transfer
 * deadline). A connection that did not negotiate ALPN {@code dot} gets REFUSED (extended DNS error
 * 18) for every transfer (RFC 9103 section 7.1). The handshakes' delegated tasks (signatures, key
 * exchange) run on at most two threads ({@code secdns-axfr-tls-N}, ended when idle). NOTIFY stays
 * on UDP. See {@code docs/architecture/xot.md}.
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
  private static final int ZONE_THREADS = 2;
  private static final int LOOKUP_THREADS = 4;

  /** Threads for TLS handshakes' delegated tasks (only with XoT listeners). */
  private static final int TLS_TASK_THREADS = 2;

  private final List<InetSocketAddress> listen;
  private final List<XotListener> xotListeners;
  private final ZoneSource zoneSource;
  private final TransferPolicy policy;
  private final ResponderLimits limits;
  private final TransferListener listener;
  private final Optional<ThreadFactory> threadFactory;
  private final Optional<Function<Name, Optional<SecondaryDnsConfiguration>>> configurations;
  private final Optional<ZoneJournal> journal;
  private final Clock clock;
  private final Optional<NotifySender> sharedSender;
  private final StartupNotify startupNotify;
  private final Predicate<Name> renderAtStart;
  private final NotifyLeadership leadership;
  private final VersionListener versionListener;
  private final java.util.function.Consumer<ZoneSnapshot> beforeRender;
  private final java.util.function.ObjIntConsumer<ZoneSnapshot> renderPace;
  private final RenderSplit renderSplit;

  /**
   * Everything kept per zone, one map entry each (issue 13): the version served (subscribing
   * sources), its IXFR history, what the responder applies to it now, and the serial it was last
   * sent a change NOTIFY for (so each serial is notified once).
   */
  private final ZoneEntries entries = new ZoneEntries();

  /** The versions served, for a subscribing source (in {@link #entries}). */
  private final ServedZones served = new ServedZones(entries);

  /** Completes once the I/O thread runs: the startup fan-out waits for it. */
  private final CompletableFuture<Void> running = new CompletableFuture<>();

  private final Announcer announcer = new Announcer();
  private final Object lock = new Object();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final List<Thread> threads = new CopyOnWriteArrayList<>();
  private State state = State.NEW;
  private List<InetSocketAddress> bound = List.of();
  private List<InetSocketAddress> boundXot = List.of();

  // Set by start() before anything can call back; read by callbacks on other threads.
  private volatile boolean replaying;

  /**
   * The ends of the renderings begun by the start's replay ({@link #renderedAtStart}); stages
   * holding nothing, so the renderings themselves stay evictable.
   */
  private final List<CompletableFuture<Void>> startRenderings = new CopyOnWriteArrayList<>();

  /**
   * The versions of the start's replay not settled yet (reported servable, superseded, withdrawn or
   * failed), plus one for the replay itself until it has ended ({@link #servableAtStart}).
   */
  private final AtomicInteger unsettledAtStart = new AtomicInteger(1);

  private final CompletableFuture<Void> servableAtStart = new CompletableFuture<>();

  private volatile boolean closing;

  /** Acknowledgements not written to the store yet ({@link #recordAcknowledgement}). */
  private final java.util.concurrent.ConcurrentLinkedQueue<NotifyOutcome.Acknowledged> unrecorded =
      new java.util.concurrent.ConcurrentLinkedQueue<>();

  @Nullable private volatile Started runtime;

  private enum State {
    NEW,
    RUNNING,
    CLOSING
  }

  /** What start() built; immutable once published. */
  private record Started(
      @Nullable NioServer server,
      @Nullable Thread ioThread,
      ThreadPoolExecutor renderPool,
      ThreadPoolExecutor zonePool,
      @Nullable ThreadPoolExecutor lookupPool,
      @Nullable ThreadPoolExecutor tlsPool,
      Executor background,
      KeyedSerialExecutor<Name> zoneEvents,
      RenderCache cache,
      ZoneHistories histories,
      @Nullable NotifySender sender,
      boolean ownsSender,
      Optional<ZoneSource.Subscription> subscription) {}

  private AxfrResponder(Builder b) {
    this.listen = List.copyOf(b.listen);
    this.xotListeners = List.copyOf(b.xotListeners);
    this.zoneSource = Objects.requireNonNull(b.zoneSource, "build() checks the zone source");
    this.configurations = b.configurations;
    this.policy =
        b.policy.orElseGet(
            () ->
                b.configurations
                    .map(TransferPolicy::fromConfigurations)
                    .orElseGet(TransferPolicy::denyAll));
    this.journal = b.journal;
    this.clock = b.clock;
    this.sharedSender = b.notifySender;
    this.startupNotify = b.startupNotify;
    this.renderAtStart = b.renderAtStart;
    this.leadership = b.leadership;
    this.versionListener = b.versionListener;
    this.beforeRender = b.beforeRender;
    this.renderPace = b.renderPace;
    this.renderSplit = b.renderSplit;
    this.limits = b.limits;
    this.listener = b.listener;
    this.threadFactory = b.threadFactory;
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
   * Binds every listen address (TCP and UDP on the same port; port 0 picks one free for both),
   * takes up the zones of the source (a subscribing source reports them all first, so that every
   * zone present now is served from the first query on) and starts serving.
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
      List<ThreadPoolExecutor> pools = new ArrayList<>();
      NotifySender ownSender = null;
      Optional<ZoneSource.Subscription> subscription = Optional.empty();
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
            throw new BindException("cannot bind " + text(xot.address()) + ": " + e.getMessage());
          }
          tlsAddresses.add((InetSocketAddress) channel.getLocalAddress());
        }
        selector = Selector.open();
        ThreadPoolExecutor renderPool = pool("render", RENDER_THREADS);
        pools.add(renderPool);
        ThreadPoolExecutor zonePool = pool("zone", ZONE_THREADS);
        pools.add(zonePool);
        Executor background = quietlyRejecting(zonePool);
        // A zone's events (servable, new revision, withdrawn) one after the other, in order: on
        // the pool's two threads a report could overtake the one of the version before.
        KeyedSerialExecutor<Name> zoneEvents = new KeyedSerialExecutor<>(zonePool);
        Events events = new Events(listener);
        RenderCache cache =
            new RenderCache(
                new ZoneRenderer(limits.targetMessageSize()),
                renderPool,
                limits.renderCacheBytes(),
                renderSplit,
                beforeRender,
                renderPace);
        Semaphore slots = new Semaphore(limits.maxConcurrentTransfers());
        ZoneHistories histories = new ZoneHistories(entries, zonePool, journal, clock);
        NotifySender sender = sharedSender.orElse(null);
        if (sender == null && configurations.isPresent()) {
          ownSender = NotifySender.builder().build();
          sender = ownSender;
        }
        // The runtime without the transport first: the source's report of its zones (below)
        // already needs the histories, the cache and the sender.
        Started partial =
            new Started(
                null,
                null,
                renderPool,
                zonePool,
                null,
                null,
                background,
                zoneEvents,
                cache,
                histories,
                sender,
                ownSender != null,
                Optional.empty());
        runtime = partial;
        replaying = true;
        try {
          subscription =
              zoneSource.subscribe(
                  new ZoneSource.Listener() {
                    @Override
                    public void changed(Name zone, Optional<ZoneSnapshot> current) {
                      zoneChanged(zone, current, Optional.empty());
                    }

                    @Override
                    public void changed(ZoneHistory history) {
                      zoneChanged(
                          history.current().origin(),
                          Optional.of(history.current()),
                          Optional.of(history));
                    }
                  });
        } finally {
          replaying = false;
        }
        settledAtStart(); // the replay: every zone it reported is counted now
        ThreadPoolExecutor lookupPool = null;
        Function<Name, Optional<ZoneSnapshot>> zones;
        if (subscription.isPresent()) {
          zones = served::get;
        } else {
          lookupPool = pool("lookup", LOOKUP_THREADS);
          pools.add(lookupPool);
          zones = zone -> lookUp(zone, histories);
        }
        QueryProcessor processor =
            new QueryProcessor(
                zones,
                subscription.isPresent() ? served : null,
                policy,
                slots,
                events,
                configurations.orElse(zone -> Optional.empty()),
                histories,
                cache,
                clock);
        NioServer nio =
            new NioServer(selector, tcp, udp, processor, lookupPool, events, slots, limits);
        ThreadPoolExecutor tlsTasks = null;
        if (!xotListeners.isEmpty()) {
          // The handshakes' delegated tasks (a signature, a key exchange): kept apart from the
          // render pool so that a long rendering never delays a handshake.
          tlsTasks = pool("tls", TLS_TASK_THREADS);
          pools.add(tlsTasks);
          for (int i = 0; i < tls.size(); i++) {
            nio.addTlsListener(
                tls.get(i), new TlsEndpoint(xotListeners.get(i)::newServerEngine, tlsTasks));
          }
        }
        Thread thread = newThread("secdns-axfr-io", nio);
        runtime =
            new Started(
                nio,
                thread,
                renderPool,
                zonePool,
                lookupPool,
                tlsTasks,
                background,
                zoneEvents,
                cache,
                histories,
                sender,
                ownSender != null,
                subscription);
        this.bound = List.copyOf(addresses);
        this.boundXot = List.copyOf(tlsAddresses);
        thread.start();
        state = State.RUNNING;
        running.complete(null);
      } catch (IOException | RuntimeException e) {
        closing = true;
        subscription.ifPresent(ZoneSource.Subscription::cancel);
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
        for (ThreadPoolExecutor p : pools) {
          p.shutdownNow();
        }
        if (ownSender != null) {
          ownSender.close();
        }
        runtime = null;
        abandonServableAtStart();
        throw e;
      }
    }
  }

  /** A looked-up source, on a lookup thread: the version, folded into its history. */
  private Optional<ZoneSnapshot> lookUp(Name zone, ZoneHistories histories) {
    Optional<ZoneSnapshot> found = zoneSource.snapshot(zone);
    // Every version a secondary looks at (SOA before transfers) is folded into the history in
    // the background; a no-op (map lookup, version check) when it was observed already.
    found.ifPresent(
        snapshot -> {
          // Its failure is reported where the history is served (zoneChanged's servable).
          var unused = histories.observe(snapshot);
        });
    return found;
  }

  /**
   * A subscribing source reported a change (on its thread, zone by zone in order): serve the new
   * version at once, and hand the rest to the background threads.
   */
  private void zoneChanged(
      Name zone, Optional<ZoneSnapshot> current, Optional<ZoneHistory> supplied) {
    Started rt = runtime;
    if (rt == null || closing) {
      return;
    }
    // A supplied history is in place before the version is served: IXFR is incremental from the
    // first query on (the source reports only versions it holds completely).
    Optional<CompletableFuture<ZoneHistory>> suppliedReady =
        supplied.map(h -> rt.histories().supply(h));
    ServedZones.Change change = served.apply(zone, current);
    if (change instanceof ServedZones.Withdrawn w) {
      // Its entry went with the withdrawal: history, applied version and NOTIFY serial.
      Name origin = w.previous().origin();
      rt.cache().invalidate(origin);
      rt.zoneEvents().execute(origin, () -> tell(l -> l.withdrawn(origin)));
      return;
    }
    ZoneSnapshot snapshot;
    boolean startup;
    if (change instanceof ServedZones.Added a) {
      snapshot = a.current();
      startup = replaying;
    } else if (change instanceof ServedZones.Replaced r) {
      snapshot = r.current();
      startup = false;
    } else {
      return; // unchanged, or withdrawn twice
    }
    // A version someone transferred is likely transferred again: render its successor at once,
    // in parallel with the history (which alone gates the NOTIFY). At start, only the zones the
    // host asked for (a few big ones it expects to be transferred soon, never every zone).
    boolean renderAhead =
        rt.cache().invalidate(snapshot.origin())
            || (startup && renderAtStart.test(snapshot.origin()));
    CompletableFuture<ZoneHistory> history =
        suppliedReady.orElseGet(() -> rt.histories().observe(snapshot));
    if (renderAhead) {
      Optional<Rendering> rendering = rt.cache().prepare(snapshot);
      if (startup) {
        rendering.ifPresent(
            r -> startRenderings.add(r.result().handle((rendered, failure) -> null)));
      }
    }
    CompletableFuture<?> servable = startup ? history.thenCombine(running, (h, r) -> h) : history;
    if (startup) {
      unsettledAtStart.incrementAndGet();
    }
    // Queued for the zone once its history is ready (whenComplete only queues): the report runs on
    // the zone pool after the zone's earlier events, never beside them, and handles a failure
    // itself (the stage returned carries nothing more).
    var unused =
        servable.whenComplete(
            (h, failure) ->
                rt.zoneEvents()
                    .execute(
                        snapshot.origin(), () -> reportServable(rt, snapshot, startup, failure)));
  }

  /** A version's history holds it, or failed (in the zone's order of events, on a zone thread). */
  private void reportServable(
      Started rt, ZoneSnapshot snapshot, boolean startup, @Nullable Throwable failure) {
    try {
      if (failure != null) {
        LOG.warn(
            "zone {} serial {}: its IXFR history failed; no NOTIFY sent: {}",
            snapshot.origin(),
            snapshot.serial(),
            failure.toString());
        return;
      }
      servable(rt, snapshot, startup);
    } finally {
      if (startup) {
        // Settled whatever happened: a zone whose history failed (or whose host configuration
        // threw) is still answered in full, and must not hold a host waiting for every zone
        // present at start.
        settledAtStart();
      }
    }
  }

  private void settledAtStart() {
    if (unsettledAtStart.decrementAndGet() == 0) {
      servableAtStart.complete(null);
    }
  }

  /** A version's history holds it (on a zone thread): report it, then NOTIFY. */
  private void servable(Started rt, ZoneSnapshot snapshot, boolean startup) {
    if (closing || !served.isCurrent(snapshot)) {
      return; // a newer version is served: its own turn follows
    }
    Name zone = snapshot.origin();
    Optional<SecondaryDnsConfiguration> configuration = configuration(zone);
    // Applied before its NOTIFY: a background NOTIFY announces only an applied version.
    ServedVersion version =
        new ServedVersion(zone, snapshot.serial(), revision(configuration), clock.instant());
    ZoneEntry entry = entries.find(zone);
    if (entry != null) { // else withdrawn meanwhile: its report follows
      entry.apply(version);
    }
    NotifySender sender = rt.sender();
    if (sender != null && configuration.filter(AxfrResponder::notifies).isPresent()) {
      if (!startup) {
        notifyChange(rt, sender, snapshot, configuration.get());
      } else if (startupNotify.enabled()) {
        queueInBackground(sender, snapshot, configuration.get());
      }
    }
    // Reported once its NOTIFY is on its way (or queued): a host waiting for the event knows both.
    tell(l -> l.servable(version));
  }

  /** The NOTIFY of a new serial: at once, unless this node does not send the zone's NOTIFYs. */
  private void notifyChange(
      Started rt,
      NotifySender sender,
      ZoneSnapshot snapshot,
      SecondaryDnsConfiguration configuration) {
    Name zone = snapshot.origin();
    if (!sendsNotify(zone)) {
      return;
    }
    // Once per serial, and never an older serial after a newer one: a zone's servable reports run
    // in order (zoneEvents), but a host's notifyNow and a catch-up also announce, and a serial
    // announced once need not go out again.
    ZoneEntry entry = entries.find(zone);
    if (entry == null || !entry.notifyIfNewer(snapshot.serial())) {
      return; // withdrawn meanwhile, or this serial (or a newer one) was announced
    }
    try {
      // The outcomes are recorded; a failure is in each outcome, and the stage adds nothing.
      var unused =
          sender
              .notify(configuration, snapshot.soa())
              .whenComplete(
                  (outcomes, failure) -> {
                    if (outcomes != null) {
                      outcomes.forEach(o -> recordAcknowledgement(rt, o));
                    }
                  });
    } catch (RuntimeException e) {
      LOG.warn(
          "NOTIFY for {} serial {} could not be sent: {}", zone, snapshot.serial(), e.toString());
    }
  }

  /**
   * Queues a background NOTIFY per target of the zone, except where the acknowledgements say the
   * target has this serial (on a zone thread: the store may block).
   */
  private void queueInBackground(
      NotifySender sender, ZoneSnapshot snapshot, SecondaryDnsConfiguration configuration) {
    Name zone = snapshot.origin();
    Optional<NotifyAcknowledgements> acks = startupNotify.acknowledgements();
    for (NotifyTarget target : configuration.notifyTargets()) {
      if (closing) {
        return;
      }
      if (acks.isPresent()) {
        try {
          if (acks.get().acknowledged(zone, target).equals(Optional.of(snapshot.serial()))) {
            continue;
          }
        } catch (RuntimeException e) {
          LOG.warn("the NOTIFY acknowledgements of {} could not be read: {}", zone, e.toString());
        }
      }
      try {
        sender.notifyInBackground(zone, target, announcer);
      } catch (IllegalStateException e) {
        return; // the shared sender was closed
      }
    }
  }

  /**
   * Hands an acknowledgement to the store of {@link StartupNotify#unacknowledged}: queued, and
   * written on the zone threads (the store may block; the sender's threads must not). What is still
   * queued when the responder closes is written by {@link #close()}, and what comes while it closes
   * is written by the caller: a node that stops right after a target acknowledged a change must not
   * leave the node taking the NOTIFY duty over to send that serial again (close() dropped the write
   * still queued on the zone threads).
   */
  private void recordAcknowledgement(Started rt, NotifyOutcome outcome) {
    Optional<NotifyAcknowledgements> acks = startupNotify.acknowledgements();
    if (acks.isEmpty() || !(outcome instanceof NotifyOutcome.Acknowledged a)) {
      return;
    }
    unrecorded.add(a);
    if (closing) {
      recordAcknowledgements(acks.get());
      return;
    }
    rt.background().execute(() -> recordAcknowledgements(acks.get()));
  }

  /** Writes the queued acknowledgements, oldest first. */
  private void recordAcknowledgements(NotifyAcknowledgements acks) {
    for (NotifyOutcome.Acknowledged a; (a = unrecorded.poll()) != null; ) {
      try {
        acks.acknowledge(a.zone(), a.target(), a.serial());
      } catch (RuntimeException e) {
        LOG.warn("a NOTIFY acknowledgement could not be recorded: {}", e.toString());
      }
    }
  }

  /**
   * Decides a queued startup NOTIFY at its turn (on the sender's thread: memory only, no blocking):
   * the zone's current SOA, unless the zone is gone, this node does not send its NOTIFYs, a change
   * NOTIFY already announced this serial, or the target left the configuration.
   */
  private final class Announcer implements NotifyAnnouncer {
    @Override
    public Optional<Announcement> announce(Name zone, NotifyTarget target) {
      ZoneSnapshot snapshot = closing ? null : served.find(zone);
      if (snapshot == null || !sendsNotify(zone)) {
        return Optional.empty();
      }
      ZoneEntry entry = entries.find(zone);
      if (entry == null || !entry.applies(snapshot.serial())) {
        // Not servable yet (its history is being made): a secondary asking at once could not get
        // it, and its own servable step notifies it. Announcing it here too sent it twice when a
        // node took the NOTIFY duty over while a version arrived.
        return Optional.empty();
      }
      if (entry.wasNotified(snapshot.serial())
          || entry.wasAcknowledged(snapshot.serial(), target)) {
        // A change NOTIFY announced it, or this target acknowledged it from an earlier copy.
        return Optional.empty();
      }
      Optional<SecondaryDnsConfiguration> configuration =
          configuration(zone).filter(AxfrResponder::notifies);
      if (configuration.isEmpty() || !configuration.get().notifyTargets().contains(target)) {
        return Optional.empty();
      }
      Optional<TsigKey> key = Optional.empty();
      if (target.keyName().isPresent()) {
        key = configuration.get().tsigKey(target.keyName().get());
        if (key.isEmpty()) {
          return Optional.empty();
        }
      }
      return Optional.of(new Announcement(snapshot.soa(), key));
    }

    @Override
    public void outcome(NotifyOutcome outcome) {
      if (outcome instanceof NotifyOutcome.Acknowledged a) {
        ZoneEntry entry = entries.find(a.zone());
        if (entry != null) {
          entry.acknowledged(a.serial(), a.target());
        }
      }
      Started rt = runtime;
      if (rt != null) {
        recordAcknowledgement(rt, outcome);
      }
    }
  }

  private boolean sendsNotify(Name zone) {
    try {
      return leadership.sendsNotify(zone);
    } catch (RuntimeException e) {
      LOG.warn("the NOTIFY leadership check failed for {}; not sending", zone, e);
      return false;
    }
  }

  private void tell(java.util.function.Consumer<VersionListener> event) {
    try {
      event.accept(versionListener);
    } catch (RuntimeException e) {
      LOG.warn("the version listener failed", e);
    }
  }

  /**
   * An address as an operator writes it: {@code 127.0.0.1:53}, {@code [::1]:53} (not {@code
   * InetSocketAddress}'s {@code /127.0.0.1:53}).
   */
  private static String text(InetSocketAddress address) {
    if (address.isUnresolved()) {
      String host = address.getHostString();
      return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }
    // IPv6 compressed (RFC 5952), as NotifyTarget shows its targets: ::1, not getHostAddress's
    // 0:0:0:0:0:0:0:1.
    return AddressPrefix.hostPort(address.getAddress(), address.getPort());
  }

  private static boolean notifies(SecondaryDnsConfiguration configuration) {
    return configuration.enabled() && !configuration.notifyTargets().isEmpty();
  }

  private static OptionalLong revision(Optional<SecondaryDnsConfiguration> configuration) {
    return configuration.isPresent()
        ? OptionalLong.of(configuration.get().revision())
        : OptionalLong.empty();
  }

  private Optional<SecondaryDnsConfiguration> configuration(Name zone) {
    try {
      return configurations.flatMap(lookup -> lookup.apply(zone));
    } catch (RuntimeException e) {
      LOG.warn("the configuration lookup failed for {}", zone, e);
      return Optional.empty();
    }
  }

  /**
   * Sends a NOTIFY for a zone's current version to every NOTIFY target of its configuration now,
   * whatever was sent before (for example after the host changed the targets, or after each change
   * of a zone of a source that does not subscribe). The outcomes also reach the sender's {@link
   * io.github.secdns.axfr.notify.NotifyListener}. The {@link NotifyLeadership} is not asked: the
   * host asks for this NOTIFY.
   *
   * @param zone the zone's origin, any letter case
   * @return completes with one outcome per target, in the configuration's order
   * @throws IllegalStateException when the responder is not running, or has no NOTIFY sender
   *     (neither {@link Builder#notifySender} nor {@link Builder#configurations} was given)
   * @throws IllegalArgumentException when the zone is not served, has no configuration, or its
   *     configuration is disabled
   */
  public CompletableFuture<List<NotifyOutcome>> notifyNow(Name zone) {
    Objects.requireNonNull(zone, "zone");
    Started rt = running();
    NotifySender sender = rt.sender();
    if (sender == null) {
      throw new IllegalStateException(
          "NOTIFY needs the zones' configurations: set Builder.configurations");
    }
    Optional<ZoneSnapshot> current =
        rt.subscription().isPresent() ? served.get(zone) : zoneSource.snapshot(zone);
    ZoneSnapshot snapshot =
        current.orElseThrow(() -> new IllegalArgumentException("zone " + zone + " is not served"));
    SecondaryDnsConfiguration configuration =
        configuration(zone)
            .orElseThrow(
                () -> new IllegalArgumentException("zone " + zone + " has no configuration"));
    if (!configuration.enabled()) {
      throw new IllegalArgumentException("Secondary DNS is disabled for " + zone);
    }
    entries.entry(snapshot.origin()).notified(snapshot.serial());
    CompletableFuture<List<NotifyOutcome>> outcomes = sender.notify(configuration, snapshot.soa());
    // The caller gets the outcomes (and their failure); this stage only records acknowledgements.
    var unused = outcomes.thenAccept(list -> list.forEach(o -> recordAcknowledgement(rt, o)));
    return outcomes;
  }

  /**
   * Queues a background NOTIFY for every served zone to each of its targets, like the startup
   * fan-out (filtered by the {@link StartupNotify#unacknowledged acknowledgements} when the startup
   * setting has a store; sent whatever the startup setting otherwise says): for a node that just
   * took over the NOTIFY duty, or after the host changed many zones' targets. Returns at once; the
   * work runs on the zone threads, the sending at the background pace.
   *
   * @throws IllegalStateException when the responder is not running or has no NOTIFY sender, or the
   *     zone source does not subscribe (the responder does not know its zones)
   */
  public void queueNotifiesForAllZones() {
    Started rt = running();
    NotifySender sender = rt.sender();
    if (sender == null) {
      throw new IllegalStateException(
          "NOTIFY needs the zones' configurations: set Builder.configurations");
    }
    if (rt.subscription().isEmpty()) {
      throw new IllegalStateException("the zone source does not subscribe: its zones are unknown");
    }
    rt.background()
        .execute(
            () -> {
              for (ZoneSnapshot snapshot : served.all()) {
                if (closing) {
                  return;
                }
                configuration(snapshot.origin())
                    .filter(AxfrResponder::notifies)
                    .ifPresent(c -> queueInBackground(sender, snapshot, c));
              }
            });
  }

  /**
   * Returns what the responder applies to a zone now: the serial it serves (servable: its history
   * holds it) and the configuration revision in force, and since when. Kept for a subscribing zone
   * source.
   *
   * @param zone the zone's origin, any letter case
   * @return the version, or empty when the zone is not served (or not servable yet)
   */
  public Optional<ServedVersion> servedVersion(Name zone) {
    ZoneEntry entry = entries.find(zone);
    return entry == null ? Optional.empty() : entry.servedVersion();
  }

  /**
   * Tells the responder that a zone's configuration was changed (the lookup of {@link
   * Builder#configurations} gives the new one from now on): when its revision differs from the one
   * reported, {@link #servedVersion} and the {@link VersionListener} report the new revision, since
   * now. The responder reads configurations on every request anyway; this only keeps the report
   * true.
   *
   * @param zone the zone's origin, any letter case
   */
  public void configurationChanged(Name zone) {
    Started rt = running();
    rt.zoneEvents()
        .execute(
            zone,
            () -> {
              ZoneEntry entry = entries.find(zone);
              Optional<ServedVersion> applied =
                  entry == null ? Optional.empty() : entry.servedVersion();
              if (entry == null || applied.isEmpty()) {
                return;
              }
              ServedVersion before = applied.get();
              OptionalLong revision = revision(configuration(zone));
              if (revision.equals(before.configurationRevision())) {
                return;
              }
              ServedVersion now =
                  new ServedVersion(before.zone(), before.serial(), revision, clock.instant());
              if (entry.replace(before, now)) {
                tell(l -> l.servable(now));
              }
            });
  }

  private Started running() {
    synchronized (lock) {
      if (state != State.RUNNING || runtime == null) {
        throw new IllegalStateException("the responder is not running");
      }
      return runtime;
    }
  }

  private ThreadPoolExecutor pool(String kind, int size) {
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            size,
            size,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> newThread("secdns-axfr-" + kind + "-" + n.incrementAndGet(), r));
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /** An executor that drops tasks once the pool is shut down (the responder is closing). */
  private static Executor quietlyRejecting(ThreadPoolExecutor pool) {
    return task -> {
      try {
        pool.execute(task);
      } catch (RejectedExecutionException e) {
        LOG.debug("a background task was dropped: the responder is closing");
      }
    };
  }

  /** Creates a thread and remembers it, so that close() can wait for it to end. */
  private Thread newThread(String name, Runnable runnable) {
    Thread t;
    if (threadFactory.isPresent()) {
      t = threadFactory.get().newThread(runnable);
    } else {
      t = new Thread(runnable, name);
      t.setDaemon(true);
    }
    threads.removeIf(old -> old.getState() == Thread.State.TERMINATED);
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
          throw new BindException("cannot bind " + text(address) + ": " + e.getMessage());
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
   * Returns a stage that completes once every full-transfer rendering begun at start has ended (the
   * zones {@link Builder#renderAtStart} names, whose first version was rendered ahead of any
   * request), well or not: a rendering's failure is reported to the transfers that ask for it, not
   * here. Completes at once when no rendering was begun at start, or the responder was not started.
   *
   * <p>For a host that has work competing with those renderings for the CPU and wants to run it
   * after them (for example {@code serve} gives memory back after loading a big zone file only
   * then: a full collection just before the renderings shrinks the heap they then grow in, and its
   * work would slow them).
   *
   * <p>Thread-safe. The stage completes on a render thread (or the calling thread when already
   * done): dependants that block or take long should run asynchronously.
   *
   * @return the stage; it never completes exceptionally
   */
  public CompletableFuture<Void> renderedAtStart() {
    return CompletableFuture.allOf(startRenderings.toArray(CompletableFuture<?>[]::new));
  }

  /**
   * Returns a stage that completes once every zone the source held at start (what a subscribing
   * source reports as {@link #start} subscribes) has had that version settle: reported to the
   * {@link VersionListener} as servable (its IXFR history holds it, its startup NOTIFY is queued),
   * superseded by a newer version, withdrawn, or its history failed (logged; the zone is still
   * answered with full transfers). Every {@link VersionListener#servable} call for those versions
   * has returned by then, so a host that prints a line per zone and then "ready" prints them in
   * that order. Completes right after {@link #start} when the source does not subscribe (its zones
   * are looked up when asked: none is known ahead) or held no zone.
   *
   * <p>For a host that says when it is ready ({@code serve} prints {@code listening on} then, a
   * health check can answer on it). Zones added after the start are not awaited.
   *
   * <p>Thread-safe. The stage completes on a zone thread (or the thread of {@link #start}):
   * dependants that block or take long should run asynchronously. It completes exceptionally with
   * an {@link IllegalStateException} when the responder is closed (or its start fails) first.
   *
   * @return the stage, the same one on every call
   */
  public CompletableFuture<Void> servableAtStart() {
    return servableAtStart;
  }

  private void abandonServableAtStart() {
    servableAtStart.completeExceptionally(
        new IllegalStateException(
            "the responder closed before every zone present at start was servable"));
  }

  /**
   * Returns how many times a zone version (or an incremental answer) was rendered since start: once
   * per version served, however many clients transfer it, unless its rendering was dropped to keep
   * within the render cache's bound.
   *
   * @return the count
   */
  long renders() {
    Started rt = runtime;
    return rt == null ? 0 : rt.cache().renders();
  }

  /**
   * Returns the octets the render cache holds now (for tests).
   *
   * @return the count
   */
  long renderCacheBytes() {
    Started rt = runtime;
    return rt == null ? 0 : rt.cache().bytes();
  }

  /**
   * Returns how many SOA queries over UDP were answered on the hot path (for tests).
   *
   * @return the count
   */
  long fastSoaAnswers() {
    Started rt = runtime;
    return rt == null || rt.server() == null ? 0 : rt.server().fastSoaAnswers();
  }

  /**
   * Returns how many TCP connections are open (for tests; safe to call from any thread).
   *
   * @return the count; 0 before {@link #start()}
   */
  int openConnections() {
    Started rt = runtime;
    return rt == null || rt.server() == null ? 0 : rt.server().connectionCount();
  }

  /**
   * Returns a future that completes once a served version's IXFR history is ready: from then on,
   * IXFR requests for that version get the incremental answer wherever the history reaches the
   * client's serial (before, they get the full zone AXFR-style). Versions of a subscribing source
   * are taken up automatically; for a source that does not subscribe, calling this is how the host
   * hands the responder a new version, for example before it calls {@link #notifyNow}.
   *
   * @param snapshot a version being served
   * @return completes when its history is ready
   * @throws IllegalStateException when the responder is not running
   */
  public CompletableFuture<Void> whenReady(ZoneSnapshot snapshot) {
    Objects.requireNonNull(snapshot, "snapshot");
    return running().histories().observe(snapshot).thenApply(history -> null);
  }

  /**
   * Stops serving: stops accepting and reading, lets transfers in flight finish within the shutdown
   * grace, closes every connection and socket, closes the NOTIFY sender it built (not one given
   * with {@link Builder#notifySender}; the startup NOTIFYs it queued there are skipped), and
   * returns once every thread started by this responder has ended (waiting at most the shutdown
   * grace plus ten seconds). Calling it again, or concurrently, does nothing more. Must not be
   * called from a {@link TransferListener} callback (it would wait for its own thread).
   */
  @Override
  public void close() {
    abandonServableAtStart(); // nothing when every zone present at start was servable already
    Started rt;
    synchronized (lock) {
      if (state == State.CLOSING) {
        rt = null;
      } else {
        boolean wasRunning = state == State.RUNNING;
        state = State.CLOSING;
        closing = true;
        if (!wasRunning) {
          closed.countDown();
          return;
        }
        rt = runtime;
      }
    }
    if (rt == null) {
      awaitClosed();
      return;
    }
    try {
      rt.subscription().ifPresent(ZoneSource.Subscription::cancel);
      NioServer server = rt.server();
      if (server != null) {
        server.stop();
      }
      Duration wait = limits.shutdownGrace().plusSeconds(10);
      boolean interrupted = false;
      try {
        Thread ioThread = rt.ioThread();
        if (ioThread != null && Thread.currentThread() != ioThread) {
          ioThread.join(wait.toMillis());
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
      List<ThreadPoolExecutor> pools = new ArrayList<>(List.of(rt.renderPool(), rt.zonePool()));
      if (rt.lookupPool() != null) {
        pools.add(rt.lookupPool());
      }
      if (rt.tlsPool() != null) {
        pools.add(rt.tlsPool());
      }
      pools.forEach(ThreadPoolExecutor::shutdownNow);
      NotifySender sender = rt.sender();
      if (rt.ownsSender() && sender != null) {
        sender.close();
      }
      try {
        for (ThreadPoolExecutor p : pools) {
          p.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
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
      if (!rt.ownsSender() && rt.sender() != null) {
        // A shared sender outlives this responder: its queue must not keep the responder alive.
        rt.sender().cancelBackground(announcer);
      }
      // The acknowledgements whose writes the zone threads did not get to.
      startupNotify.acknowledgements().ifPresent(this::recordAcknowledgements);
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

  /** Builds an {@link AxfrResponder}. Not thread-safe. */
  public static final class Builder {
    private final List<InetSocketAddress> listen = new ArrayList<>();
    private final List<XotListener> xotListeners = new ArrayList<>();
    @Nullable private ZoneSource zoneSource;
    private Optional<TransferPolicy> policy = Optional.empty();
    private Optional<Function<Name, Optional<SecondaryDnsConfiguration>>> configurations =
        Optional.empty();
    private Optional<ZoneJournal> journal = Optional.empty();
    private Clock clock = Clock.systemUTC();
    private Optional<NotifySender> notifySender = Optional.empty();
    private StartupNotify startupNotify = StartupNotify.all();
    private Predicate<Name> renderAtStart = zone -> false;
    private NotifyLeadership leadership = NotifyLeadership.ALWAYS;
    private VersionListener versionListener = VersionListener.NONE;
    private ResponderLimits limits = ResponderLimits.defaults();
    private TransferListener listener = TransferListener.NONE;
    private Optional<ThreadFactory> threadFactory = Optional.empty();
    private java.util.function.Consumer<ZoneSnapshot> beforeRender = snapshot -> {};
    private java.util.function.ObjIntConsumer<ZoneSnapshot> renderPace = (snapshot, n) -> {};
    private RenderSplit renderSplit =
        new RenderSplit(
            Math.min(RENDER_THREADS, Runtime.getRuntime().availableProcessors()),
            RenderSplit.DEFAULT_ABOVE_RECORDS);

    private Builder() {}

    /**
     * Splits the full transfer of a version of more than {@code aboveRecords} records into segments
     * rendered on {@code threads} render threads at once ({@link RenderSplit#SEGMENTS_PER_THREAD}
     * each; package-private: tests set the threshold low instead of building a big zone; the
     * default is {@link RenderSplit#DEFAULT_ABOVE_RECORDS} and as many threads as render threads
     * and processors).
     */
    Builder renderSplit(int threads, int aboveRecords) {
      this.renderSplit = new RenderSplit(Math.min(threads, RENDER_THREADS), aboveRecords);
      return this;
    }

    /** Calls a hook on the render thread before each full rendering (package-private: tests). */
    Builder beforeRender(java.util.function.Consumer<ZoneSnapshot> hook) {
      this.beforeRender = Objects.requireNonNull(hook, "hook");
      return this;
    }

    /**
     * Calls a hook on the rendering thread after each message of any rendering is published, with
     * the version and the messages published so far (package-private: tests pace a rendering).
     */
    Builder renderPace(java.util.function.ObjIntConsumer<ZoneSnapshot> hook) {
      this.renderPace = Objects.requireNonNull(hook, "hook");
      return this;
    }

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
     * Sets where zone versions come from (required). A source that {@linkplain ZoneSource#subscribe
     * subscribes}, such as {@link PublishedZones}, gets IXFR history and NOTIFY for every change;
     * one that does not is looked up per query on the lookup threads.
     *
     * @param source the host's zone source
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
     * name in the query's TSIG record), whether IXFR is offered, the NOTIFY targets, and the
     * revision reported in {@link ServedVersion}. Without it, signed requests get NOTAUTH/BADKEY,
     * IXFR is offered, and no NOTIFY is sent. Called on the I/O thread and the background threads:
     * thread-safe, fast, never blocking.
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
     * start and secondaries get a full transfer first). Called on the zone threads, one thread at a
     * time per zone.
     *
     * @param journal the journal
     * @return this builder
     */
    public Builder journal(ZoneJournal journal) {
      this.journal = Optional.of(Objects.requireNonNull(journal, "journal"));
      return this;
    }

    /**
     * Sets the clock for TSIG (time checks, Time Signed), the age of IXFR history and the times of
     * {@link ServedVersion} (default: the system clock, UTC).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the NOTIFY sender, built once by the host and shared by every responder (and anything
     * else that notifies) in the process; its settings (tries, time-outs, per-target pace, local
     * address) and its listener apply. The host closes it after the responders. Default: the
     * responder builds one with {@link NotifySender#builder()}'s defaults at {@link #start()} when
     * {@link #configurations} are given, and closes it.
     *
     * @param sender the sender
     * @return this builder
     */
    public Builder notifySender(NotifySender sender) {
      this.notifySender = Optional.of(Objects.requireNonNull(sender, "sender"));
      return this;
    }

    /**
     * Sets which zones are notified at start (default: {@link StartupNotify#all()}).
     *
     * @param startupNotify the setting
     * @return this builder
     */
    public Builder startupNotify(StartupNotify startupNotify) {
      this.startupNotify = Objects.requireNonNull(startupNotify, "startupNotify");
      return this;
    }

    /**
     * Sets which zones have their first version's full transfer rendered at start, on a render
     * thread, ahead of any request (default: none; a version is then rendered on its first
     * transfer). Meant for a host serving a few big zones it expects secondaries to transfer soon
     * after start (the rendering then runs on another core while the host finishes starting), never
     * for every zone of a host with many: renderings nobody asks for cost CPU and memory. Small
     * zones are rendered when asked anyway, and a rendering stays within {@link
     * ResponderLimits#renderCacheBytes()}, like any other.
     *
     * @param zones tested once per zone of the start's replay, on the thread that starts the
     *     responder or the source's thread; must be thread-safe and fast
     * @return this builder
     */
    public Builder renderAtStart(Predicate<Name> zones) {
      this.renderAtStart = Objects.requireNonNull(zones, "zones");
      return this;
    }

    /**
     * Sets whether this node sends the NOTIFYs of a zone, asked at send time (default: {@link
     * NotifyLeadership#ALWAYS}).
     *
     * @param leadership the host's answer
     * @return this builder
     */
    public Builder notifyLeadership(NotifyLeadership leadership) {
      this.leadership = Objects.requireNonNull(leadership, "leadership");
      return this;
    }

    /**
     * Sets the listener that hears, per zone, of each version that becomes servable and of each
     * configuration revision applied (default: none).
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder versionListener(VersionListener listener) {
      this.versionListener = Objects.requireNonNull(listener, "listener");
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
      this.threadFactory = Optional.of(Objects.requireNonNull(factory, "factory"));
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
