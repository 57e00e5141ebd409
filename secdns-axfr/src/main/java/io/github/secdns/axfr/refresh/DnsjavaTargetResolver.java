package io.github.secdns.axfr.refresh;

import io.github.secdns.axfr.internal.DaemonThreads;
import io.github.secdns.axfr.internal.OwnedThreads;
import io.github.secdns.core.export.TargetResolution;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * A {@link TargetResolver} on top of dnsjava's {@link SimpleResolver}, asking only the DNS servers
 * the host names (typically its own recursive resolvers).
 *
 * <p>It never uses the system resolver: no {@code /etc/resolv.conf}, no default {@code Lookup}, no
 * {@code InetAddress.getByName}; every server is given as an address. For each target it asks for A
 * and AAAA in parallel (recursion desired; a truncated answer is asked again over TCP by {@code
 * SimpleResolver}), follows a CNAME chain within the answer and, when a recursive server returned
 * only the chain, asks for its end (at most 8 links). The servers are tried in the given order: the
 * next one is asked after a time-out, a network error or an answer other than NOERROR and NXDOMAIN.
 * The TTL of the result is the smallest TTL of the addresses and CNAMEs followed.
 *
 * <p>The result is {@link TargetResolution.Unresolved} when either family failed (so that a lost
 * AAAA answer does not remove the IPv6 addresses from the zone), when the name does not exist, or
 * when it has neither A nor AAAA.
 *
 * <p>Threading: thread-safe and non-blocking. The processing of answers runs on this resolver's own
 * threads (up to {@code threads}, named {@code secdns-refresh-resolver-N-M} unless a {@link
 * ThreadFactory} is given, ended when idle), never on the JVM's common pool. {@link #close()} ends
 * them and cancels the resolutions still in flight; it is idempotent. The network I/O itself is
 * dnsjava's: {@code SimpleResolver} sends through dnsjava's one selector thread per JVM ({@code
 * dnsjava NIO selector}, a daemon started on first use and stopped by dnsjava's shutdown hook),
 * which this resolver does not own and cannot stop. Replacing that transport ({@code
 * SimpleResolver.setIoClientFactory}) is not possible on the module path: dnsjava 3.7.0's module
 * does not export {@code org.xbill.DNS.io}. A host that must not have that thread supplies its own
 * {@link TargetResolver}.
 */
public final class DnsjavaTargetResolver implements TargetResolver, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DnsjavaTargetResolver.class);
  private static final AtomicInteger INSTANCES = new AtomicInteger();
  private static final int MAX_CHAIN = 8;

  private final List<InetSocketAddress> servers;
  private final List<SimpleResolver> resolvers;
  private final Duration timeout;
  private final ThreadPoolExecutor pool;
  private final OwnedThreads threads;
  private final Set<CompletableFuture<TargetResolution>> inFlight = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();

  private DnsjavaTargetResolver(Builder b) {
    this.servers = List.copyOf(b.servers);
    this.timeout = b.timeout;
    this.threads =
        new OwnedThreads(
            b.threadFactory != null
                ? b.threadFactory
                : DaemonThreads.named(
                    "secdns-refresh-resolver-" + INSTANCES.incrementAndGet() + "-"));
    this.pool =
        new ThreadPoolExecutor(
            b.threads, b.threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
    pool.allowCoreThreadTimeOut(true);
    List<SimpleResolver> list = new ArrayList<>();
    for (InetSocketAddress server : servers) {
      SimpleResolver r = new SimpleResolver(server);
      r.setTimeout(timeout);
      list.add(r);
    }
    this.resolvers = List.copyOf(list);
  }

  /**
   * Starts building a resolver that asks the given servers.
   *
   * @param servers DNS servers by address and port, in the order to try them; at least one, none
   *     unresolved (no host name is looked up)
   * @return a builder
   * @throws IllegalArgumentException when the list is empty or holds an unresolved address
   */
  public static Builder builder(List<InetSocketAddress> servers) {
    return new Builder(servers);
  }

  /**
   * Returns the servers asked, in order.
   *
   * @return an unmodifiable list
   */
  public List<InetSocketAddress> servers() {
    return servers;
  }

  @Override
  public CompletableFuture<TargetResolution> resolve(Name target) {
    Objects.requireNonNull(target, "target");
    if (closed.get()) {
      return CompletableFuture.failedFuture(new IllegalStateException("the resolver is closed"));
    }
    CompletableFuture<Family> a = family(target, Type.A);
    CompletableFuture<Family> aaaa = family(target, Type.AAAA);
    CompletableFuture<TargetResolution> result =
        a.thenCombine(aaaa, (v4, v6) -> combine(target, v4, v6));
    inFlight.add(result);
    // The caller holds result; this stage only forgets it. Identity is the equality meant here.
    @SuppressWarnings("CollectionUndefinedEquality")
    var unused = result.whenComplete((r, e) -> inFlight.remove(result));
    if (closed.get()) {
      result.completeExceptionally(new CancellationException("the resolver was closed"));
    }
    return result;
  }

  private static TargetResolution combine(Name target, Family v4, Family v6) {
    if (v4.failure != null) {
      return TargetResolution.unresolved(v4.failure);
    }
    if (v6.failure != null) {
      return TargetResolution.unresolved(v6.failure);
    }
    List<InetAddress> addresses = new ArrayList<>(v4.addresses);
    addresses.addAll(v6.addresses);
    if (addresses.isEmpty()) {
      return TargetResolution.unresolved(target + " has no A or AAAA records");
    }
    return TargetResolution.resolved(addresses, Math.min(v4.ttl, v6.ttl));
  }

  /** The addresses of one family, or why there are none known. */
  private record Family(List<InetAddress> addresses, long ttl, @Nullable String failure) {
    static Family failed(String why) {
      return new Family(List.of(), Long.MAX_VALUE, why);
    }
  }

  private CompletableFuture<Family> family(Name target, int type) {
    return ask(target, type, 0, 0, Long.MAX_VALUE, target);
  }

  /** Asks for {@code name}/{@code type}, following CNAMEs from {@code target}. */
  // handle() gives a future of the next step's future, flattened by thenCompose at once.
  @SuppressWarnings("FutureReturnValueIgnored")
  private CompletableFuture<Family> ask(
      Name name, int type, int server, int links, long ttlSoFar, Name target) {
    Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
    CompletableFuture<Message> sent;
    try {
      sent = resolvers.get(server).sendAsync(query, pool).toCompletableFuture();
    } catch (RuntimeException e) {
      sent = CompletableFuture.failedFuture(e);
    }
    return sent.handle(
            (answer, failure) -> {
              String what = Type.string(type) + " " + name + " at " + address(server);
              if (failure != null) {
                return next(
                    name,
                    type,
                    server,
                    links,
                    ttlSoFar,
                    target,
                    what + ": " + describe(unwrap(failure)));
              }
              int rcode = answer.getRcode();
              if (rcode == Rcode.NXDOMAIN) {
                return CompletableFuture.completedFuture(
                    Family.failed(
                        name.equals(target)
                            ? target + " does not exist (NXDOMAIN from " + address(server) + ")"
                            : target
                                + " is an alias of "
                                + name
                                + ", which does not exist (NXDOMAIN)"));
              }
              if (rcode != Rcode.NOERROR) {
                return next(
                    name, type, server, links, ttlSoFar, target, what + ": " + Rcode.string(rcode));
              }
              return follow(answer, name, type, links, ttlSoFar, target);
            })
        .thenCompose(f -> f);
  }

  private CompletableFuture<Family> next(
      Name name, int type, int server, int links, long ttlSoFar, Name target, String failure) {
    if (server + 1 < resolvers.size() && !closed.get()) {
      LOG.debug("asking the next server after {}", failure);
      return ask(name, type, server + 1, links, ttlSoFar, target);
    }
    return CompletableFuture.completedFuture(Family.failed(failure));
  }

  private CompletableFuture<Family> follow(
      Message answer, Name name, int type, int links, long ttlSoFar, Name target) {
    Name current = name;
    long ttl = ttlSoFar;
    int hops = links;
    List<Record> records = answer.getSection(Section.ANSWER);
    while (true) {
      List<InetAddress> addresses = new ArrayList<>();
      long minTtl = ttl;
      for (Record r : records) {
        if (r.getType() == type && r.getName().equals(current)) {
          addresses.add(r instanceof ARecord a ? a.getAddress() : ((AAAARecord) r).getAddress());
          minTtl = Math.min(minTtl, r.getTTL());
        }
      }
      if (!addresses.isEmpty()) {
        return CompletableFuture.completedFuture(new Family(addresses, minTtl, null));
      }
      CNAMERecord cname = null;
      for (Record r : records) {
        if (r instanceof CNAMERecord c && c.getName().equals(current)) {
          cname = c;
          break;
        }
      }
      if (cname == null) {
        if (!current.equals(name)) {
          // A recursive server that gave only the chain: ask for its end, from the first server.
          return hops >= MAX_CHAIN
              ? CompletableFuture.completedFuture(
                  Family.failed(target + ": CNAME chain longer than " + MAX_CHAIN))
              : ask(current, type, 0, hops, ttl, target);
        }
        return CompletableFuture.completedFuture(new Family(List.of(), ttl, null)); // NODATA
      }
      hops++;
      if (hops > MAX_CHAIN) {
        return CompletableFuture.completedFuture(
            Family.failed(target + ": CNAME chain longer than " + MAX_CHAIN));
      }
      ttl = Math.min(ttl, cname.getTTL());
      current = cname.getTarget();
    }
  }

  private String address(int server) {
    InetSocketAddress a = servers.get(server);
    return a.getAddress().getHostAddress() + "#" + a.getPort();
  }

  private static Throwable unwrap(Throwable t) {
    Throwable x = t;
    while (x instanceof CompletionException && x.getCause() != null) {
      x = x.getCause();
    }
    return x;
  }

  private static String describe(Throwable t) {
    if (t instanceof java.net.SocketTimeoutException
        || t instanceof java.util.concurrent.TimeoutException) {
      return "no answer (time-out)";
    }
    String message = t.getMessage();
    return message == null || message.isBlank()
        ? t.getClass().getSimpleName()
        : t.getClass().getSimpleName() + ": " + message;
  }

  /** Ends the resolver's threads and cancels the resolutions in flight. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    pool.shutdownNow();
    try {
      if (!pool.awaitTermination(10, TimeUnit.SECONDS)
          || !threads.joinAll(Duration.ofSeconds(10))) {
        LOG.warn("the ALIAS resolver's threads did not stop in time");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (CompletableFuture<TargetResolution> f : Set.copyOf(inFlight)) {
      f.completeExceptionally(new CancellationException("the resolver was closed"));
    }
  }

  @Override
  public String toString() {
    return "DnsjavaTargetResolver" + servers;
  }

  /** Configures a {@link DnsjavaTargetResolver}. Not thread-safe. */
  public static final class Builder {
    private final List<InetSocketAddress> servers;
    private Duration timeout = Duration.ofSeconds(5);
    private int threads = 2;
    @Nullable private ThreadFactory threadFactory;

    private Builder(List<InetSocketAddress> servers) {
      this.servers = List.copyOf(servers);
      if (this.servers.isEmpty()) {
        throw new IllegalArgumentException(
            "the ALIAS resolver needs at least one DNS server address; it never uses the system"
                + " resolver");
      }
      for (InetSocketAddress s : this.servers) {
        if (s.isUnresolved()) {
          throw new IllegalArgumentException(
              "DNS server "
                  + s.getHostString()
                  + " is a host name; give its address (the resolver never looks names up)");
        }
      }
    }

    /**
     * Sets how long one query to one server may take; 5 seconds when not set.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("the query time-out must be positive: " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * Sets how many threads process answers; 2 when not set. They only parse and combine answers
     * (the waiting is dnsjava's), so a few serve many targets.
     *
     * @param threads at least 1
     * @return this builder
     */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be at least 1: " + threads);
      }
      this.threads = threads;
      return this;
    }

    /**
     * Sets the factory of the resolver's threads.
     *
     * @param factory the thread factory
     * @return this builder
     */
    public Builder threadFactory(ThreadFactory factory) {
      this.threadFactory = Objects.requireNonNull(factory, "factory");
      return this;
    }

    /**
     * Builds the resolver.
     *
     * @return the resolver
     */
    public DnsjavaTargetResolver build() {
      return new DnsjavaTargetResolver(this);
    }
  }
}
