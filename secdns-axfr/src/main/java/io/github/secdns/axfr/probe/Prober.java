package io.github.secdns.axfr.probe;

import io.github.secdns.axfr.internal.DaemonThreads;
import io.github.secdns.axfr.tls.TlsIdentity;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.diagnostics.Observations;
import io.github.secdns.core.diagnostics.SoaData;
import io.github.secdns.core.diagnostics.SoaProbe;
import io.github.secdns.core.diagnostics.Transport;
import io.github.secdns.core.diagnostics.XotProbe;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Gathers {@link Observations} for one zone: the parent's delegation (from the parent servers
 * given, else by a walk from the {@linkplain Builder#rootHints root hints}), the apex NS set, every
 * name server's addresses, a non-recursive SOA answer over UDP and over TCP from every address, and
 * the zone digest (RFC 8976) each address that answered authoritatively serves ({@link
 * ContentComparison}); and, on request, a check of the primary's XoT listener ({@link #probeXot}).
 *
 * <p>Queries run in parallel on threads the prober starts for one {@link #probe} call and stops
 * before it returns; each query has a time-out and the whole call a time budget. Network failures
 * become observations (a time-out, a network error, a missing observation), never exceptions.
 * Nothing uses the system resolver: name server addresses come from the injected {@link
 * NameServerResolver}.
 *
 * <p>Immutable and thread-safe; {@link #probe} may run concurrently.
 */
public final class Prober {

  private static final Logger LOG = LoggerFactory.getLogger(Prober.class);
  private static final AtomicInteger POOLS = new AtomicInteger();

  private final List<InetSocketAddress> parentServers;
  private final List<InetSocketAddress> rootHints;
  private final NameServerResolver resolver;
  private final int port;
  private final Duration queryTimeout;
  private final Duration budget;
  private final int parallelism;
  private final ContentComparison contentComparison;
  private final int maxTransferRecords;

  private Prober(Builder b) {
    this.parentServers = List.copyOf(b.parentServers);
    this.rootHints = List.copyOf(b.rootHints);
    this.contentComparison = b.contentComparison;
    this.maxTransferRecords = b.maxTransferRecords;
    this.resolver = Objects.requireNonNull(b.resolver, "a NameServerResolver is required");
    this.port = b.port;
    this.queryTimeout = b.queryTimeout;
    this.budget = b.budget;
    this.parallelism = b.parallelism;
  }

  /**
   * Starts a builder: no parent servers, no root hints, no resolver (required), port 53, 3 s per
   * query, 15 s budget, 16 queries at once, content compared by ZONEMD or else a zone transfer of
   * at most 100,000 records.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Probes the zone of a configuration: its secondary name servers and the given primary name
   * servers.
   *
   * @param config the configuration (its zone and secondary name servers)
   * @param primaryNameServers the host's own name servers for the zone; they are probed too, and
   *     asked first for the apex NS set
   * @return the observations; parts that could not be observed within the budget are missing
   */
  public Observations probe(SecondaryDnsConfiguration config, Collection<Name> primaryNameServers) {
    Name zone = config.zone();
    List<Name> servers = new ArrayList<>(new TreeSet<>(primaryNameServers));
    for (Name n : new TreeSet<>(config.secondaryNameServerNames())) {
      if (!servers.contains(n)) {
        servers.add(n);
      }
    }
    long deadline = System.nanoTime() + budget.toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(parallelism, threads());
    try {
      return run(zone, servers, deadline, pool);
    } finally {
      pool.shutdownNow();
      try {
        // Every task is bounded by its query time-out, so this wait is bounded too.
        if (!pool.awaitTermination(queryTimeout.toMillis() + 1_000, TimeUnit.MILLISECONDS)) {
          LOG.warn("probe threads of {} did not stop in time", zone);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Checks one of the primary's XoT listeners (zone transfer over TLS, RFC 9103), on the calling
   * thread within the query time-out: a TLS 1.3 handshake offering ALPN {@code dot}, what it
   * negotiated, the certificate presented (names, validity; checked against the authorities when
   * given), and an SOA query for the zone over the connection. Add the result to {@link
   * Observations.Builder#xotProbe}; the diagnostics judge it (expiry within 14 days is a warning).
   * Network failures become the probe's outcome, never exceptions.
   *
   * @param zone the zone to ask the SOA of
   * @param listener the listener's address and port (853 by convention)
   * @param expectedName the host name secondaries verify the certificate against in strict TLS
   *     (also sent as SNI), when they use one
   * @param authorities the certificate authorities secondaries are given (strict TLS); empty to
   *     leave trust unjudged
   * @param clientIdentity the certificate and key to present to a listener that requires client
   *     certificates (mutual TLS)
   * @return the probe
   */
  public XotProbe probeXot(
      Name zone,
      InetSocketAddress listener,
      Optional<String> expectedName,
      List<X509Certificate> authorities,
      Optional<TlsIdentity> clientIdentity) {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(listener, "listener");
    return XotProber.probe(
        zone, listener, expectedName, List.copyOf(authorities), clientIdentity, queryTimeout);
  }

  private Observations run(Name zone, List<Name> servers, long deadline, ExecutorService pool) {
    Observations.Builder out = Observations.builder();
    Future<Optional<Set<Name>>> parent = pool.submit(() -> delegation(zone, deadline));

    Map<Name, Future<Optional<Set<InetAddress>>>> resolving = new LinkedHashMap<>();
    for (Name ns : servers) {
      resolving.put(ns, pool.submit(() -> resolve(ns)));
    }
    Map<Name, Set<InetAddress>> addresses = new LinkedHashMap<>();
    resolving.forEach(
        (ns, f) ->
            await(f, deadline)
                .flatMap(o -> o)
                .ifPresent(
                    set -> {
                      addresses.put(ns, set);
                      out.nameServerAddresses(ns, set);
                    }));

    Map<SoaProbe, Future<SoaProbe>> probes = new LinkedHashMap<>();
    List<InetAddress> apexSources = new ArrayList<>();
    addresses.forEach(
        (ns, set) -> {
          for (InetAddress a : set) {
            apexSources.add(a);
            for (Transport t : List.of(Transport.UDP, Transport.TCP)) {
              SoaProbe ifLate = SoaProbe.timedOut(ns, a, t);
              probes.put(ifLate, pool.submit(() -> soa(zone, ns, a, t, deadline)));
            }
          }
        });
    Future<Optional<Set<Name>>> apex = pool.submit(() -> apex(zone, apexSources, deadline));

    List<SoaProbe> soa = new ArrayList<>();
    probes.forEach((ifLate, f) -> soa.add(await(f, deadline).orElse(ifLate)));
    out.soaProbes(soa);
    out.contentProbes(
        new ContentProber(contentComparison, port, queryTimeout, maxTransferRecords)
            .probeAll(zone, soa, pool, deadline));
    await(parent, deadline).flatMap(o -> o).ifPresent(out::parentDelegation);
    await(apex, deadline).flatMap(o -> o).ifPresent(out::apexNameServers);
    return out.build();
  }

  private Optional<Set<InetAddress>> resolve(Name ns) {
    try {
      return resolver.addresses(ns);
    } catch (RuntimeException e) {
      LOG.debug("resolving {} failed", ns, e);
      return Optional.empty();
    }
  }

  /**
   * The NS names of the parent's referral; empty set when the parent says it has no delegation. The
   * parent servers given are asked directly; without them, the walk from the root hints finds them.
   */
  private Optional<Set<Name>> delegation(Name zone, long deadline) {
    if (parentServers.isEmpty() && !rootHints.isEmpty()) {
      return new DelegationWalker(rootHints, port, queryTimeout, deadline).delegation(zone);
    }
    for (InetSocketAddress server : parentServers) {
      Optional<Message> answer = ask(server, DnsExchange.query(zone, Type.NS, false), deadline);
      if (answer.isEmpty()) {
        continue;
      }
      Message m = answer.get();
      if (m.getRcode() == Rcode.NXDOMAIN) {
        return Optional.of(Set.of());
      }
      if (m.getRcode() != Rcode.NOERROR) {
        continue;
      }
      Set<Name> names = nsNames(zone, m, Section.AUTHORITY);
      names.addAll(nsNames(zone, m, Section.ANSWER));
      if (!names.isEmpty()) {
        return Optional.of(names);
      }
      if (m.getHeader().getFlag(Flags.AA)) {
        return Optional.of(Set.of()); // authoritative NODATA: the parent has no delegation
      }
    }
    return Optional.empty();
  }

  /** The apex NS set from the first address that answers it authoritatively. */
  private Optional<Set<Name>> apex(Name zone, List<InetAddress> sources, long deadline) {
    for (InetAddress a : sources) {
      Optional<Message> answer =
          ask(new InetSocketAddress(a, port), DnsExchange.query(zone, Type.NS, false), deadline);
      if (answer.isPresent()
          && answer.get().getRcode() == Rcode.NOERROR
          && answer.get().getHeader().getFlag(Flags.AA)) {
        Set<Name> names = nsNames(zone, answer.get(), Section.ANSWER);
        if (!names.isEmpty()) {
          return Optional.of(names);
        }
      }
    }
    return Optional.empty();
  }

  private SoaProbe soa(
      Name zone, Name ns, InetAddress address, Transport transport, long deadline) {
    InetSocketAddress server = new InetSocketAddress(address, port);
    Message query = DnsExchange.query(zone, Type.SOA, false);
    try {
      Duration timeout = timeout(deadline);
      Message m =
          transport == Transport.UDP
              ? DnsExchange.udp(server, query, timeout)
              : DnsExchange.tcp(server, query, timeout);
      Optional<SoaData> soa =
          m.getSection(Section.ANSWER).stream()
              .filter(r -> r instanceof SOARecord && r.getName().equals(zone))
              .map(r -> SoaData.of((SOARecord) r))
              .findFirst();
      return SoaProbe.answered(
          ns, address, transport, m.getRcode(), m.getHeader().getFlag(Flags.AA), soa);
    } catch (SocketTimeoutException e) {
      return SoaProbe.timedOut(ns, address, transport);
    } catch (IOException | RuntimeException e) {
      LOG.debug(
          "SOA query for {} to {} over {} failed: {}", zone, address, transport, e.toString());
      return SoaProbe.networkError(ns, address, transport);
    }
  }

  /** One query over UDP, repeated over TCP when truncated; empty on any failure. */
  private Optional<Message> ask(InetSocketAddress server, Message query, long deadline) {
    return DnsExchange.tryAsk(server, query, deadline, queryTimeout);
  }

  /** The targets of the NS records of the owner in a section, in the order given. */
  static Set<Name> nsNames(Name zone, Message m, int section) {
    Set<Name> names = new LinkedHashSet<>();
    for (Record r : m.getSection(section)) {
      if (r instanceof NSRecord nSRecord && r.getName().equals(zone)) {
        names.add(nSRecord.getTarget());
      }
    }
    return names;
  }

  private Duration timeout(long deadline) throws SocketTimeoutException {
    return DnsExchange.remaining(deadline, queryTimeout);
  }

  /** The task's result, or empty when it failed or did not finish by the deadline (cancelled). */
  static <T> Optional<T> await(Future<T> f, long deadline) {
    try {
      return Optional.ofNullable(
          f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
    } catch (TimeoutException | ExecutionException e) {
      f.cancel(true);
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      f.cancel(true);
      return Optional.empty();
    }
  }

  private static ThreadFactory threads() {
    return DaemonThreads.named("secdns-probe-" + POOLS.incrementAndGet() + "-");
  }

  /** Configures a {@link Prober}. Not thread-safe. */
  public static final class Builder {
    private final List<InetSocketAddress> parentServers = new ArrayList<>();
    private final List<InetSocketAddress> rootHints = new ArrayList<>();
    @Nullable private NameServerResolver resolver;
    private int port = 53;
    private Duration queryTimeout = Duration.ofSeconds(3);
    private Duration budget = Duration.ofSeconds(15);
    private int parallelism = 16;
    private ContentComparison contentComparison = ContentComparison.ZONEMD_OR_TRANSFER;
    private int maxTransferRecords = 100_000;

    private Builder() {}

    /**
     * Adds servers of the parent zone to ask for the delegation (for example a TLD's servers),
     * tried in order. They override the {@linkplain #rootHints root hints}; without either, the
     * delegation is not observed.
     *
     * @param servers addresses and ports
     * @return this builder
     */
    public Builder parentServers(Collection<InetSocketAddress> servers) {
      servers.forEach(s -> parentServers.add(Objects.requireNonNull(s)));
      return this;
    }

    /**
     * Adds root server addresses to find the parent's servers from, when no {@linkplain
     * #parentServers parent servers} are given: the prober walks from them to the zone's delegation
     * by iterative, non-recursive queries (following referrals, using in-bailiwick glue, resolving
     * glueless name servers the same way), at most 16 referrals deep, 3 nested glueless resolutions
     * and 64 queries, within the budget. Addresses learned on the way are asked on {@link #port}.
     * {@link RootHints#iana()} gives the Internet's root servers; tests give fake ones on loopback.
     *
     * @param roots addresses and ports, tried in order
     * @return this builder
     */
    public Builder rootHints(Collection<InetSocketAddress> roots) {
      roots.forEach(s -> rootHints.add(Objects.requireNonNull(s)));
      return this;
    }

    /**
     * Sets how the data each name server serves is compared beyond its serial: {@link
     * ContentComparison#ZONEMD_OR_TRANSFER} by default.
     *
     * @param comparison the way
     * @return this builder
     */
    public Builder contentComparison(ContentComparison comparison) {
      this.contentComparison = Objects.requireNonNull(comparison);
      return this;
    }

    /**
     * Sets the most records a zone transfer for comparison may bring (100,000); a larger zone is
     * recorded as a failed transfer, and only serials are compared for it.
     *
     * @param records 1 or more
     * @return this builder
     * @throws IllegalArgumentException when below 1
     */
    public Builder maxTransferRecords(int records) {
      if (records < 1) {
        throw new IllegalArgumentException("maxTransferRecords must be at least 1, was " + records);
      }
      this.maxTransferRecords = records;
      return this;
    }

    /**
     * Sets how name server host names are resolved (required).
     *
     * @param resolver the resolver
     * @return this builder
     */
    public Builder resolver(NameServerResolver resolver) {
      this.resolver = Objects.requireNonNull(resolver);
      return this;
    }

    /**
     * Sets the port name servers are queried on (53; tests use another).
     *
     * @param port 1 to 65535
     * @return this builder
     * @throws IllegalArgumentException when out of range
     */
    public Builder port(int port) {
      if (port < 1 || port > 65_535) {
        throw new IllegalArgumentException("the port must be between 1 and 65535, was " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Sets the time-out of each query.
     *
     * @param timeout a positive duration
     * @return this builder
     * @throws IllegalArgumentException when not positive
     */
    public Builder queryTimeout(Duration timeout) {
      this.queryTimeout = positive(timeout, "query time-out");
      return this;
    }

    /**
     * Sets the time budget of a whole {@link Prober#probe} call; what is not observed by then is
     * reported as timed out or missing.
     *
     * @param budget a positive duration
     * @return this builder
     * @throws IllegalArgumentException when not positive
     */
    public Builder budget(Duration budget) {
      this.budget = positive(budget, "budget");
      return this;
    }

    /**
     * Sets how many queries run at once.
     *
     * @param parallelism 1 or more
     * @return this builder
     * @throws IllegalArgumentException when below 1
     */
    public Builder parallelism(int parallelism) {
      if (parallelism < 1) {
        throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
      }
      this.parallelism = parallelism;
      return this;
    }

    /**
     * Builds the prober.
     *
     * @return the prober
     * @throws NullPointerException when no resolver was set
     */
    public Prober build() {
      return new Prober(this);
    }

    private static Duration positive(Duration d, String what) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("the " + what + " must be positive, was " + d);
      }
      return d;
    }
  }
}
