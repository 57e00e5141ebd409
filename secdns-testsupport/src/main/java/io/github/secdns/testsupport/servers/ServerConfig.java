package io.github.secdns.testsupport.servers;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.annotation.Nullable;
import org.xbill.DNS.Name;

/**
 * What a real named, knotd, nsd or PowerDNS is told, in terms common to them: one zone, served as a
 * primary from a master file or pulled as a secondary from a primary (or a catalog zone consumed
 * with its members, {@link #withCatalogConsumer}), on one address and port, unprivileged, with
 * every file inside one directory; or many zones with the same settings (a DNS host's shape): for a
 * primary each from its own master file ({@link #primary(Path, InetAddress, int, List)}), for a
 * secondary all pulled from one primary ({@link #secondary(Path, List, InetAddress, int,
 * InetSocketAddress, InetAddress)}). {@link ServerKind#write} turns it into the server's own
 * configuration file. Used by the interop tests (secondaries, a BIND primary) and by the benchmark
 * harnesses (primaries of one large zone or of many small ones, a BIND secondary).
 *
 * <p>Immutable: built with {@link #primary} or {@link #secondary}, and each {@code with...} method
 * returns a changed copy.
 */
public final class ServerConfig {

  /**
   * A zone a primary serves and the master file it loads it from.
   *
   * @param name the zone
   * @param file its master file
   */
  public record PrimaryZone(Name name, Path file) {}

  /** Whether the server owns the zone or pulls it. */
  public enum Role {
    /** Serves the zone from a master file. */
    PRIMARY,
    /** Transfers the zone from a primary and follows its NOTIFY. */
    SECONDARY
  }

  private final Role role;
  private final Path directory;
  private final Name zone;
  private final InetAddress listenAddress;
  private final int port;
  private final List<PrimaryZone> primaryZones;
  private final List<Name> secondaryZones;
  @Nullable private final InetSocketAddress primary;
  private final InetAddress sourceAddress;
  private Optional<TsigSecret> key;
  private List<String> transferAcl;
  private List<String> notifyAcl;
  private boolean signedNotifyOnly;
  private List<InetSocketAddress> notifyTargets;
  private boolean verboseLog;
  private int workers;
  private int cores;
  private List<String> launcher = List.of();
  private boolean zoneInMemory;
  private boolean catalogConsumer;
  private List<String> catalogGroups = List.of();
  private List<InetSocketAddress> morePrimaries = List.of();
  private Optional<TlsListener> tlsListener;
  private Optional<PrimaryTls> primaryTls;

  private ServerConfig(
      Role role,
      Path directory,
      Name zone,
      InetAddress listenAddress,
      int port,
      List<PrimaryZone> primaryZones,
      List<Name> secondaryZones,
      @Nullable InetSocketAddress primary,
      InetAddress sourceAddress,
      Optional<TsigSecret> key,
      List<String> transferAcl,
      List<String> notifyAcl,
      boolean signedNotifyOnly,
      List<InetSocketAddress> notifyTargets,
      boolean verboseLog,
      int workers,
      boolean zoneInMemory,
      Optional<TlsListener> tlsListener,
      Optional<PrimaryTls> primaryTls) {
    this.role = role;
    this.directory = directory;
    this.zone = zone;
    this.listenAddress = listenAddress;
    this.port = port;
    this.primaryZones = primaryZones;
    this.secondaryZones = secondaryZones;
    this.primary = primary;
    this.sourceAddress = sourceAddress;
    this.key = key;
    this.transferAcl = List.copyOf(transferAcl);
    this.notifyAcl = List.copyOf(notifyAcl);
    this.signedNotifyOnly = signedNotifyOnly;
    this.notifyTargets = List.copyOf(notifyTargets);
    this.verboseLog = verboseLog;
    this.workers = workers;
    this.zoneInMemory = zoneInMemory;
    this.tlsListener = tlsListener;
    this.primaryTls = primaryTls;
  }

  /**
   * A primary serving {@code zoneFile}; transfers allowed to the loopback of the listen address's
   * family, no NOTIFY, quiet log, the server's default number of threads.
   *
   * @param directory its directory (configuration, state, log)
   * @param zone the zone
   * @param listenAddress where it listens (loopback)
   * @param port the port
   * @param zoneFile the master file
   * @return the configuration
   */
  public static ServerConfig primary(
      Path directory, Name zone, InetAddress listenAddress, int port, Path zoneFile) {
    return primary(directory, listenAddress, port, List.of(new PrimaryZone(zone, zoneFile)));
  }

  /**
   * A primary serving many zones with the same settings (transfer ACL, NOTIFY targets, key), each
   * from its own master file: one zone clause per zone, the shared settings written once (knotd's
   * default template, an nsd pattern) where the server allows it. Otherwise as {@link
   * #primary(Path, Name, InetAddress, int, Path)}; {@link #zone()} is the first zone, the one a
   * start waits for.
   *
   * @param directory its directory (configuration, state, log)
   * @param listenAddress where it listens (loopback)
   * @param port the port
   * @param zones the zones and their master files, at least one
   * @return the configuration
   * @throws IllegalArgumentException when {@code zones} is empty
   */
  public static ServerConfig primary(
      Path directory, InetAddress listenAddress, int port, List<PrimaryZone> zones) {
    if (zones.isEmpty()) {
      throw new IllegalArgumentException("a primary serves at least one zone");
    }
    return new ServerConfig(
        Role.PRIMARY,
        directory,
        zones.get(0).name(),
        listenAddress,
        port,
        List.copyOf(zones),
        List.of(),
        null,
        listenAddress,
        Optional.empty(),
        List.of(loopbackOf(listenAddress)),
        List.of(),
        false,
        List.of(),
        false,
        0,
        false,
        Optional.empty(),
        Optional.empty());
  }

  /**
   * A secondary pulling from {@code primary}, its queries sent from {@code sourceAddress}; NOTIFY
   * accepted unsigned from the loopback of the source's family, transfers out allowed to it (for
   * reading the zone back), zone stored in a file, quiet log, the default number of threads.
   *
   * @param directory its directory
   * @param zone the zone
   * @param listenAddress where it listens (loopback)
   * @param port the port
   * @param primary where the primary serves transfers
   * @param sourceAddress the source address of its SOA queries and transfers
   * @return the configuration
   */
  public static ServerConfig secondary(
      Path directory,
      Name zone,
      InetAddress listenAddress,
      int port,
      InetSocketAddress primary,
      InetAddress sourceAddress) {
    return secondary(directory, List.of(zone), listenAddress, port, primary, sourceAddress);
  }

  /**
   * A secondary of many zones, all pulled from the same primary with the same settings (a DNS
   * host's zones at a secondary provider): one zone clause per zone, the shared settings written
   * once where the server allows it (named's options and one {@code primaries} list, knotd's
   * default template, an nsd pattern), each zone in its own file. With more than one zone, what a
   * secondary's operator raises for many zones from one primary is raised too (BIND's SOA query
   * rate, see {@link NamedConfig}; Knot and NSD keep their defaults). Otherwise as {@link
   * #secondary(Path, Name, InetAddress, int, InetSocketAddress, InetAddress)}; {@link #zone()} is
   * the first zone, the one a start waits for. Not for a catalog consumer.
   *
   * @param directory its directory
   * @param zones the zones, at least one, each once
   * @param listenAddress where it listens (loopback)
   * @param port the port
   * @param primary where the primary serves transfers
   * @param sourceAddress the source address of its SOA queries and transfers
   * @return the configuration
   * @throws IllegalArgumentException when {@code zones} is empty or names a zone twice
   */
  public static ServerConfig secondary(
      Path directory,
      List<Name> zones,
      InetAddress listenAddress,
      int port,
      InetSocketAddress primary,
      InetAddress sourceAddress) {
    if (zones.isEmpty()) {
      throw new IllegalArgumentException("a secondary pulls at least one zone");
    }
    if (new java.util.HashSet<>(zones).size() != zones.size()) {
      throw new IllegalArgumentException("a zone is named twice among " + zones.size());
    }
    String loopback = loopbackOf(sourceAddress);
    return new ServerConfig(
        Role.SECONDARY,
        directory,
        zones.get(0),
        listenAddress,
        port,
        List.of(),
        List.copyOf(zones),
        primary,
        sourceAddress,
        Optional.empty(),
        List.of(loopback),
        List.of(loopback),
        false,
        List.of(),
        false,
        0,
        false,
        Optional.empty(),
        Optional.empty());
  }

  /** 127.0.0.0/8 or ::1: the loopback of the address's family. */
  static String loopbackOf(InetAddress address) {
    return address instanceof Inet6Address ? "::1" : "127.0.0.0/8";
  }

  /** A copy to change one option of: the methods below return it, this one stays as it is. */
  private ServerConfig copy() {
    ServerConfig c =
        new ServerConfig(
            role,
            directory,
            zone,
            listenAddress,
            port,
            primaryZones,
            secondaryZones,
            primary,
            sourceAddress,
            key,
            transferAcl,
            notifyAcl,
            signedNotifyOnly,
            notifyTargets,
            verboseLog,
            workers,
            zoneInMemory,
            tlsListener,
            primaryTls);
    c.catalogConsumer = catalogConsumer;
    c.catalogGroups = catalogGroups;
    c.morePrimaries = morePrimaries;
    c.cores = cores;
    c.launcher = launcher;
    return c;
  }

  /**
   * A TSIG key (hmac-sha256): a primary requires it for transfers (besides the ACL) and signs its
   * NOTIFY with it; a secondary signs its SOA queries and transfers with it.
   *
   * @param secret the key
   * @return the new configuration
   */
  public ServerConfig withKey(TsigSecret secret) {
    ServerConfig c = copy();
    c.key = Optional.of(secret);
    return c;
  }

  /**
   * Who may transfer the zone from this server.
   *
   * @param prefixes addresses or CIDR prefixes such as {@code 127.0.0.2/32}
   * @return the new configuration
   */
  public ServerConfig withTransferAcl(List<String> prefixes) {
    ServerConfig c = copy();
    c.transferAcl = List.copyOf(prefixes);
    return c;
  }

  /**
   * A secondary accepts NOTIFY only when it is signed with its key.
   *
   * @return the new configuration
   */
  public ServerConfig withSignedNotifyOnly() {
    if (key.isEmpty()) {
      throw new IllegalStateException("signed NOTIFY needs a key: call withKey first");
    }
    ServerConfig c = copy();
    c.signedNotifyOnly = true;
    return c;
  }

  /**
   * Where a primary sends NOTIFY when its zone changes (signed when it has a key).
   *
   * @param targets addresses and ports
   * @return the new configuration
   */
  public ServerConfig withNotifyTargets(List<InetSocketAddress> targets) {
    ServerConfig c = copy();
    c.notifyTargets = List.copyOf(targets);
    return c;
  }

  /**
   * Logs at the level where the servers say how a transfer went (named: debug 3, knotd: info, nsd:
   * verbosity 2), which the interop tests read as evidence.
   *
   * @return the new configuration
   */
  public ServerConfig withVerboseLog() {
    ServerConfig c = copy();
    c.verboseLog = true;
    return c;
  }

  /**
   * How many worker threads or processes (0: the server's default, one per core).
   *
   * @param count the number
   * @return the new configuration
   */
  public ServerConfig withWorkers(int count) {
    ServerConfig c = copy();
    c.workers = count;
    return c;
  }

  /**
   * Sizes the worker threads or processes as each server's own default does on a machine of {@code
   * count} cores, for a server pinned to that many cores ({@link #withLauncher}): knotd and named
   * count the machine's online CPUs, not the CPUs they may run on, so a pinned server must be told.
   * knotd: {@code udp-workers} = count, {@code tcp-workers} = max(10, count), {@code
   * background-workers} = min(10, count) (Knot 3.2's defaults, checked by counting its threads);
   * named: {@code -n count}; nsd: {@code server-count} = count (one server process per core, as the
   * others; nsd's own default is one whatever the cores). An explicit {@link #withWorkers} wins.
   *
   * @param count the cores, at least 1
   * @return the new configuration
   * @throws IllegalArgumentException when {@code count} is below 1
   */
  public ServerConfig withCores(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("at least one core: " + count);
    }
    ServerConfig c = copy();
    c.cores = count;
    return c;
  }

  /**
   * Runs the server's command under a launcher, such as {@code taskset -c 0} to pin it to core 0
   * (its threads and the processes it forks inherit the CPU mask).
   *
   * @param command the launcher and its arguments, put before the server's command line
   * @return the new configuration
   */
  public ServerConfig withLauncher(List<String> command) {
    ServerConfig c = copy();
    c.launcher = List.copyOf(command);
    return c;
  }

  /**
   * A secondary keeps the zone in memory only (named; knotd and nsd keep their journal or file in
   * the directory): no file is written while a benchmark measures.
   *
   * @return the new configuration
   */
  public ServerConfig withZoneInMemory() {
    ServerConfig c = copy();
    c.zoneInMemory = true;
    return c;
  }

  /**
   * A secondary whose zone is a catalog zone (RFC 9432, schema version 2) that it consumes: it
   * adds, transfers and removes by itself the member zones the catalog lists, from the same
   * primary, with the same key, NOTIFY ACL and transfer ACL as the catalog, and the members are in
   * no configuration file. named: {@code catalog-zones} with {@code default-primaries}, members in
   * {@code catzones/}. knotd: {@code catalog-role: interpret} with one template per group value in
   * {@code groups} (the template id is the value) after a first template, {@code catalog-members},
   * for members without a group or with one it does not know; a member of a group is also written
   * at once to the zone file {@code <member>.<group>.zone}, so that a test sees which template it
   * got. PowerDNS: zone kind {@code consumer}. NSD 4.6 cannot consume catalogs (4.9 can): its
   * writer refuses.
   *
   * @param groups the group values that select a Knot template (named and PowerDNS ignore them)
   * @return the new configuration
   * @throws IllegalStateException for a primary, or a secondary of more than one zone
   */
  public ServerConfig withCatalogConsumer(List<String> groups) {
    if (role != Role.SECONDARY) {
      throw new IllegalStateException("only a secondary consumes a catalog");
    }
    if (secondaryZones.size() > 1) {
      throw new IllegalStateException("a catalog consumer is configured with the catalog only");
    }
    ServerConfig c = copy();
    c.catalogConsumer = true;
    c.catalogGroups = List.copyOf(groups);
    return c;
  }

  /**
   * Also serves over TLS (XoT) on another port of the listen address (named only: see {@link
   * TlsListener}). The plain port stays: readiness is checked there.
   *
   * @param listener the TLS port, certificate chain and key
   * @return the new configuration
   */
  public ServerConfig withTlsListener(TlsListener listener) {
    ServerConfig c = copy();
    c.tlsListener = Optional.of(listener);
    return c;
  }

  /**
   * Whether the zone is a catalog this secondary consumes.
   *
   * @return true for a catalog consumer
   */
  public boolean catalogConsumer() {
    return catalogConsumer;
  }

  /**
   * The group values that select a Knot template, for a catalog consumer.
   *
   * @return the values; empty when none
   */
  public List<String> catalogGroups() {
    return catalogGroups;
  }

  /**
   * A secondary pulls over TLS (XoT) from its primary, whose endpoint is then the primary's TLS
   * port; SOA queries and transfers go over TLS only, NOTIFY still arrives over UDP.
   *
   * @param tls how the primary is authenticated
   * @return the new configuration
   * @throws IllegalStateException for a primary
   */
  public ServerConfig withPrimaryTls(PrimaryTls tls) {
    if (role != Role.SECONDARY) {
      throw new IllegalStateException("only a secondary pulls from a primary over TLS");
    }
    ServerConfig c = copy();
    c.primaryTls = Optional.of(tls);
    return c;
  }

  /**
   * Role.
   *
   * @return primary or secondary
   */
  public Role role() {
    return role;
  }

  /**
   * The directory.
   *
   * @return the directory
   */
  public Path directory() {
    return directory;
  }

  /**
   * The zone.
   *
   * @return the zone name
   */
  public Name zone() {
    return zone;
  }

  /**
   * The listen address.
   *
   * @return the address
   */
  public InetAddress listenAddress() {
    return listenAddress;
  }

  /**
   * The port.
   *
   * @return the port
   */
  public int port() {
    return port;
  }

  /**
   * Listen address and port.
   *
   * @return where it listens
   */
  public InetSocketAddress endpoint() {
    return new InetSocketAddress(listenAddress, port);
  }

  /**
   * The master file of a primary's (first) zone.
   *
   * @return the file
   * @throws IllegalStateException for a secondary
   */
  public Path zoneFile() {
    if (primaryZones.isEmpty()) {
      throw new IllegalStateException("a secondary has no master file");
    }
    return primaryZones.get(0).file();
  }

  /**
   * Every zone a primary serves with its master file, {@link #zone()} first.
   *
   * @return the zones; empty for a secondary
   */
  public List<PrimaryZone> primaryZones() {
    return primaryZones;
  }

  /**
   * Every zone a secondary pulls, {@link #zone()} first.
   *
   * @return the zones; empty for a primary
   */
  public List<Name> secondaryZones() {
    return secondaryZones;
  }

  /**
   * Whether this is a secondary of more than one zone, written in the many-zone form (shared
   * settings once, a file per zone, the limits raised for many zones).
   *
   * @return true for a secondary of several zones
   */
  public boolean manyZoneSecondary() {
    return secondaryZones.size() > 1;
  }

  /**
   * The primary of a secondary.
   *
   * @return where it transfers from
   * @throws IllegalStateException for a primary
   */
  public InetSocketAddress primaryEndpoint() {
    return Objects.requireNonNull(primary, "a primary has no primary");
  }

  /**
   * A secondary with several primaries (several responder nodes serving the same zones): it asks
   * {@link #primaryEndpoint()} first, then these, in order. Supported by BIND's configuration.
   *
   * @param others further primaries
   * @return the new configuration
   */
  public ServerConfig withMorePrimaries(List<InetSocketAddress> others) {
    ServerConfig c = copy();
    c.morePrimaries = List.copyOf(others);
    return c;
  }

  /**
   * Every primary of a secondary: {@link #primaryEndpoint()} first, then {@link
   * #withMorePrimaries}'s.
   *
   * @return the primaries, in the order the secondary tries them
   */
  public List<InetSocketAddress> primaryEndpoints() {
    List<InetSocketAddress> all = new java.util.ArrayList<>();
    all.add(primaryEndpoint());
    all.addAll(morePrimaries);
    return List.copyOf(all);
  }

  /**
   * The source address of a secondary's queries.
   *
   * @return the address
   */
  public InetAddress sourceAddress() {
    return sourceAddress;
  }

  /**
   * The TSIG key.
   *
   * @return the key, if any
   */
  public Optional<TsigSecret> key() {
    return key;
  }

  /**
   * Who may transfer from this server.
   *
   * @return prefixes
   */
  public List<String> transferAcl() {
    return transferAcl;
  }

  /**
   * Who may NOTIFY a secondary.
   *
   * @return prefixes
   */
  public List<String> notifyAcl() {
    return notifyAcl;
  }

  /**
   * Whether a secondary accepts only signed NOTIFY.
   *
   * @return true when signed NOTIFY is required
   */
  public boolean signedNotifyOnly() {
    return signedNotifyOnly;
  }

  /**
   * Where a primary sends NOTIFY.
   *
   * @return targets
   */
  public List<InetSocketAddress> notifyTargets() {
    return notifyTargets;
  }

  /**
   * Whether the log shows how each transfer went.
   *
   * @return true for the interop evidence level
   */
  public boolean verboseLog() {
    return verboseLog;
  }

  /**
   * Worker threads or processes.
   *
   * @return the number, 0 for the server's default
   */
  public int workers() {
    return workers;
  }

  /**
   * The cores the workers are sized for ({@link #withCores}).
   *
   * @return the number, 0 for the server's default
   */
  public int cores() {
    return cores;
  }

  /**
   * What the server's command runs under ({@link #withLauncher}).
   *
   * @return the launcher's command line, empty for none
   */
  public List<String> launcher() {
    return launcher;
  }

  /**
   * Whether a secondary keeps the zone in memory only.
   *
   * @return true for no zone file
   */
  public boolean zoneInMemory() {
    return zoneInMemory;
  }

  /**
   * The TLS listener, when the server also serves over TLS.
   *
   * @return the listener, if any
   */
  public Optional<TlsListener> tlsListener() {
    return tlsListener;
  }

  /**
   * How a secondary pulls over TLS, when it does.
   *
   * @return the TLS settings, if any
   */
  public Optional<PrimaryTls> primaryTls() {
    return primaryTls;
  }

  @Override
  public String toString() {
    int count = Math.max(primaryZones.size(), secondaryZones.size());
    String zones = count > 1 ? " and " + (count - 1) + " more" : "";
    return role
        + (catalogConsumer ? " consuming the catalog " : " of ")
        + zone
        + zones
        + " on "
        + endpoint()
        + " in "
        + directory;
  }
}
