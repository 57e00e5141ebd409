package io.github.secdns.core.config;

import io.github.secdns.core.internal.Problems;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.annotation.Nullable;
import org.xbill.DNS.Name;

/**
 * The Secondary DNS configuration of one zone: which secondary name servers are published, who may
 * pull the zone, who is notified of changes, with which keys.
 *
 * <p>Immutable and thread-safe. Built from form or API input with {@link #builder()}, which
 * validates everything and reports every problem at once in a {@link ValidationException}; nothing
 * is half-built. Change a configuration with {@link #toBuilder()}; the same configuration for
 * another zone (a host's many zones with one set of values) is {@link #forZone(Name)}, which checks
 * only what depends on the zone.
 *
 * <p>Equality ignores the order of name servers, ACL entries, NOTIFY targets and keys: order is
 * irrelevant to what the configuration does. Names compare case-insensitively. {@link #toString()}
 * never shows a TSIG secret.
 */
public final class SecondaryDnsConfiguration {

  private static final String ZONE_FIELD = "zone";
  private static final String ZONE_WHAT = "the zone";

  private final Name zone;
  private final Optional<CatalogMembership> catalogMembership;

  /**
   * Every value but the zone and its catalog membership: one object shared by the configurations
   * {@link #forZone} derives (issue 13: a host's 100,000 zones of one configuration each hold 24
   * octets, not 64).
   */
  private final Settings settings;

  /** The values a configuration shares with those derived from it. Immutable. */
  private static final class Settings {
    final ConfigurationOrigin origin;
    final Set<NameServer> secondaryNameServers;
    final List<AclEntry> transferAcl;
    final List<NotifyTarget> notifyTargets;
    final List<TsigKey> tsigKeys;
    final TransferAuthentication transferAuthentication;
    final boolean ixfrEnabled;
    final long revision;
    final boolean enabled;
    final XotPolicy xotPolicy;

    Settings(
        ConfigurationOrigin origin,
        Set<NameServer> secondaryNameServers,
        List<AclEntry> transferAcl,
        List<NotifyTarget> notifyTargets,
        List<TsigKey> tsigKeys,
        TransferAuthentication transferAuthentication,
        boolean ixfrEnabled,
        long revision,
        boolean enabled,
        XotPolicy xotPolicy) {
      this.origin = origin;
      this.secondaryNameServers = OrderedSets.copyOf(secondaryNameServers);
      this.transferAcl = List.copyOf(transferAcl);
      this.notifyTargets = List.copyOf(notifyTargets);
      this.tsigKeys = List.copyOf(tsigKeys);
      this.transferAuthentication = transferAuthentication;
      this.ixfrEnabled = ixfrEnabled;
      this.revision = revision;
      this.enabled = enabled;
      this.xotPolicy = xotPolicy;
    }

    /** The same values; the ACL, NOTIFY targets and keys in any order. */
    boolean sameAs(Settings other) {
      return origin.equals(other.origin)
          && secondaryNameServers.equals(other.secondaryNameServers)
          && new HashSet<>(transferAcl).equals(new HashSet<>(other.transferAcl))
          && new HashSet<>(notifyTargets).equals(new HashSet<>(other.notifyTargets))
          && new HashSet<>(tsigKeys).equals(new HashSet<>(other.tsigKeys))
          && transferAuthentication == other.transferAuthentication
          && ixfrEnabled == other.ixfrEnabled
          && revision == other.revision
          && enabled == other.enabled
          && xotPolicy == other.xotPolicy;
    }
  }

  private SecondaryDnsConfiguration(
      Name zone, Optional<CatalogMembership> catalogMembership, Settings settings) {
    this.zone = zone;
    this.catalogMembership = catalogMembership;
    this.settings = settings;
  }

  /**
   * Starts an empty builder: no zone, custom origin, no name servers, empty ACL (nobody may
   * transfer), no NOTIFY targets, no keys, address authentication, IXFR offered, revision 0,
   * enabled, in no catalog, XoT {@linkplain XotPolicy#ALLOWED allowed}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder holding this configuration's values, to change some of them.
   *
   * @return a new builder; building it unchanged gives an equal configuration
   */
  public Builder toBuilder() {
    Builder b =
        new Builder()
            .zone(zone.toString())
            .origin(settings.origin)
            .transferAuthentication(settings.transferAuthentication)
            .ixfrEnabled(settings.ixfrEnabled)
            .revision(settings.revision)
            .enabled(settings.enabled)
            .xotPolicy(settings.xotPolicy);
    for (NameServer ns : settings.secondaryNameServers) {
      b.nameServers.add(Problems.RawNameServer.of(ns));
    }
    for (AclEntry e : settings.transferAcl) {
      b.addAclEntry(e.prefix().toString(), e.label().orElse(null), e.provenance().orElse(null));
    }
    for (TsigKey k : settings.tsigKeys) {
      b.addTsigKey(
          k.name().toString(),
          k.algorithm().mnemonic(),
          Base64.getEncoder().encodeToString(k.secret()));
    }
    for (NotifyTarget t : settings.notifyTargets) {
      b.addNotifyTarget(
          AddressPrefix.of(t.address()).toString(),
          t.port(),
          t.keyName().map(Name::toString).orElse(null),
          t.provenance().orElse(null));
    }
    catalogMembership.ifPresent(
        m -> b.catalogMembership(m.catalog().toString(), m.group().orElse(null)));
    return b;
  }

  /**
   * Returns this configuration for another zone: every other value the same (name servers, ACL,
   * NOTIFY targets, keys, modes, revision, enabled, catalog membership, XoT policy), shared rather
   * than copied. Only what depends on the zone is checked: that the name is a valid zone name, and
   * that it does not lie at or under the catalog it is a member of. The result and any failure are
   * those of {@code toBuilder().zone(zone.toString()).build()}: an equal configuration (the zone
   * with the letter case given; a relative name made absolute), or a {@link ValidationException}
   * with the same problems (fields, codes, messages). A host with many zones of one configuration
   * builds it once and derives each zone's from it, without parsing the same strings again.
   *
   * <p>Thread-safe, as every method of this immutable class: any number of threads may derive zones
   * from one configuration at once.
   *
   * @param zone the other zone's name, not null
   * @return the configuration for {@code zone}
   * @throws ValidationException when the name is not a valid zone name (the root, a wildcard, a
   *     character other than letters, digits, hyphens and underscores, too long) or lies at or
   *     under the catalog this configuration is a member of
   */
  public SecondaryDnsConfiguration forZone(Name zone) {
    Objects.requireNonNull(zone, "zone");
    Problems p = new Problems();
    Optional<Name> zoneName = p.domainName(ZONE_FIELD, zone, ZONE_WHAT);
    Optional<CatalogMembership> membership = catalogMembership;
    if (membership.isPresent()
        && zoneName.isPresent()
        && Builder.catalogConflict(p, zoneName.get(), membership.get().catalog())) {
      membership = Optional.empty();
    }
    throwIfAny(p, zoneName);
    // The same values for another zone: nothing copied, every value shared (all immutable).
    return new SecondaryDnsConfiguration(zoneName.orElseThrow(), membership, settings);
  }

  /**
   * Throws the problems recorded, if any, under the first line naming the zone when known; the line
   * is built only then (a host deriving 10,000 zones builds none).
   */
  private static void throwIfAny(Problems p, Optional<Name> zone) {
    if (!p.isEmpty()) {
      p.throwIfAny("Secondary DNS configuration" + zone.map(z -> " for " + z).orElse(""));
    }
  }

  /**
   * Returns the zone this configuration is for.
   *
   * @return the zone's absolute name, letter case as entered
   */
  public Name zone() {
    return zone;
  }

  /**
   * Returns where the values came from.
   *
   * @return a preset, a name server set, or custom
   */
  public ConfigurationOrigin origin() {
    return settings.origin;
  }

  /**
   * Returns the secondary name servers to publish in the apex NS set and the delegation.
   *
   * @return an unmodifiable, non-empty set in the order entered
   */
  public Set<NameServer> secondaryNameServers() {
    return settings.secondaryNameServers;
  }

  /**
   * Returns only the names of the secondary name servers.
   *
   * @return an unmodifiable, non-empty set in the order entered
   */
  public Set<Name> secondaryNameServerNames() {
    return settings.secondaryNameServers.stream()
        .map(NameServer::name)
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  /**
   * Returns the transfer ACL: who may pull the zone. Empty means nobody (deny by default).
   *
   * @return an unmodifiable list in the order entered
   */
  public List<AclEntry> transferAcl() {
    return settings.transferAcl;
  }

  /**
   * Tells whether the ACL allows an address.
   *
   * @param address a client address
   * @return true when some entry contains it
   */
  public boolean aclAllows(InetAddress address) {
    for (AclEntry e : settings.transferAcl) {
      if (e.allows(address)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns the servers to NOTIFY on every new serial.
   *
   * @return an unmodifiable list in the order entered
   */
  public List<NotifyTarget> notifyTargets() {
    return settings.notifyTargets;
  }

  /**
   * Returns the TSIG keys of this zone.
   *
   * @return an unmodifiable list in the order entered; names are unique
   */
  public List<TsigKey> tsigKeys() {
    return settings.tsigKeys;
  }

  /**
   * Finds a key by name (case-insensitive, as DNS names compare).
   *
   * @param name the key name from a TSIG record
   * @return the key, or empty when this configuration has no key of that name
   */
  public Optional<TsigKey> tsigKey(Name name) {
    for (TsigKey k : settings.tsigKeys) {
      if (k.name().equals(name)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  /**
   * Returns how transfers are authorized: by address, by key, or both.
   *
   * @return the mode
   */
  public TransferAuthentication transferAuthentication() {
    return settings.transferAuthentication;
  }

  /**
   * Tells whether IXFR is offered to secondaries (otherwise every IXFR gets a full transfer).
   *
   * @return true when IXFR is offered
   */
  public boolean ixfrEnabled() {
    return settings.ixfrEnabled;
  }

  /**
   * Returns the revision: it grows by one on every change that is saved.
   *
   * @return the revision, zero or more
   */
  public long revision() {
    return settings.revision;
  }

  /**
   * Tells whether Secondary DNS is enabled for the zone.
   *
   * @return true when enabled
   */
  public boolean enabled() {
    return settings.enabled;
  }

  /**
   * Returns the catalog zone the host lists this zone in, if any.
   *
   * @return the catalog and the zone's group in it, or empty when the zone is in no catalog
   */
  public Optional<CatalogMembership> catalogMembership() {
    return catalogMembership;
  }

  /**
   * Returns whether the zone is transferred over TLS (XoT, RFC 9103), plain TCP, or both.
   *
   * @return the policy; {@link XotPolicy#ALLOWED} unless set
   */
  public XotPolicy xotPolicy() {
    return settings.xotPolicy;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof SecondaryDnsConfiguration other)) {
      return false;
    }

    // Configurations derived from one share its settings: equal without comparing them.
    return zone.equals(other.zone)
        && catalogMembership.equals(other.catalogMembership)
        && (settings == other.settings || settings.sameAs(other.settings));
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        zone,
        settings.origin,
        settings.secondaryNameServers,
        new HashSet<>(settings.transferAcl),
        new HashSet<>(settings.notifyTargets),
        new HashSet<>(settings.tsigKeys),
        settings.transferAuthentication,
        settings.ixfrEnabled,
        settings.revision,
        settings.enabled,
        catalogMembership,
        settings.xotPolicy);
  }

  /** Describes the configuration; TSIG secrets are shown as {@code <redacted>}. */
  @Override
  public String toString() {
    return "SecondaryDnsConfiguration[zone="
        + zone
        + ", origin="
        + settings.origin
        + ", secondaryNameServers="
        + settings.secondaryNameServers
        + ", transferAcl="
        + settings.transferAcl
        + ", notifyTargets="
        + settings.notifyTargets
        + ", tsigKeys="
        + settings.tsigKeys
        + ", transferAuthentication="
        + settings.transferAuthentication
        + ", ixfrEnabled="
        + settings.ixfrEnabled
        + ", revision="
        + settings.revision
        + ", enabled="
        + settings.enabled
        + ", catalogMembership="
        + catalogMembership.map(CatalogMembership::toString).orElse("none")
        + ", xotPolicy="
        + settings.xotPolicy
        + "]";
  }

  /**
   * Collects form or API input for a {@link SecondaryDnsConfiguration}. Setters accept strings as
   * people type them (host names with or without the trailing dot, any letter case, compressed
   * IPv6, CIDR); nothing is checked until {@link #build()}, which reports every problem at once.
   *
   * <p>Not thread-safe. A builder can be built several times.
   */
  public static final class Builder {
    @Nullable private String zone;
    private ConfigurationOrigin origin = ConfigurationOrigin.custom();
    private final List<Problems.RawNameServer> nameServers = new ArrayList<>();
    private final List<RawAcl> acl = new ArrayList<>();
    private final List<RawNotify> notify = new ArrayList<>();
    private final List<RawKey> keys = new ArrayList<>();
    private TransferAuthentication transferAuthentication = TransferAuthentication.ADDRESS;
    private boolean ixfrEnabled = true;
    private long revision;
    private boolean enabled = true;
    @Nullable private RawCatalog catalog;
    private XotPolicy xotPolicy = XotPolicy.ALLOWED;

    private record RawAcl(String prefix, @Nullable String label, @Nullable Provenance provenance) {}

    private record RawNotify(
        String address, int port, @Nullable String keyName, @Nullable Provenance provenance) {}

    private record RawCatalog(@Nullable String name, @Nullable String group) {}

    private record RawKey(String name, @Nullable String algorithm, String secret) {
      @Override
      public String toString() {
        return "RawKey[name=" + name + ", algorithm=" + algorithm + ", secret=<redacted>]";
      }
    }

    private Builder() {}

    /**
     * Sets the zone.
     *
     * @param zone the zone name, with or without the trailing dot
     * @return this builder
     */
    public Builder zone(String zone) {
      this.zone = zone;
      return this;
    }

    /**
     * Sets where the values came from.
     *
     * @param origin a preset, a name server set, or custom (the default)
     * @return this builder
     */
    public Builder origin(ConfigurationOrigin origin) {
      this.origin = Objects.requireNonNull(origin, "origin");
      return this;
    }

    /**
     * Adds a secondary name server.
     *
     * @param hostName the host name, with or without the trailing dot, any letter case
     * @param glueAddresses optional glue addresses
     * @return this builder
     */
    public Builder addSecondaryNameServer(String hostName, String... glueAddresses) {
      nameServers.add(new Problems.RawNameServer(hostName, Arrays.asList(glueAddresses)));
      return this;
    }

    /**
     * Adds a secondary name server copied from a provider preset, with the source of the name.
     *
     * @param hostName the host name, with or without the trailing dot, any letter case
     * @param provenance where the preset read the name, with its confidence
     * @return this builder
     */
    public Builder addSecondaryNameServer(String hostName, Provenance provenance) {
      nameServers.add(
          new Problems.RawNameServer(
              hostName, List.of(), Optional.of(Objects.requireNonNull(provenance, "provenance"))));
      return this;
    }

    /**
     * Adds a secondary name server with its glue addresses and the source of its name, as a host
     * does that reads a stored configuration back (every part checked again by {@link #build()}).
     *
     * @param hostName the host name, with or without the trailing dot, any letter case
     * @param glueAddresses the glue addresses (none: an empty list)
     * @param provenance where a preset read the name, with its confidence, or null when typed in
     * @return this builder
     */
    public Builder addSecondaryNameServer(
        String hostName, List<String> glueAddresses, @Nullable Provenance provenance) {
      nameServers.add(
          new Problems.RawNameServer(
              hostName, List.copyOf(glueAddresses), Optional.ofNullable(provenance)));
      return this;
    }

    /**
     * Replaces the secondary name servers, as from a form field with one host name per line.
     *
     * @param hostNames the host names
     * @return this builder
     */
    public Builder secondaryNameServers(Collection<String> hostNames) {
      nameServers.clear();
      for (String h : hostNames) {
        addSecondaryNameServer(h);
      }
      return this;
    }

    /**
     * Replaces the secondary name servers with a copy of a name server set's, and records the set
     * as the origin. Later changes to the set do not reach this configuration.
     *
     * @param set the name server set
     * @return this builder
     */
    public Builder nameServersFrom(NameServerSet set) {
      nameServers.clear();
      for (NameServer ns : set.nameServers()) {
        nameServers.add(Problems.RawNameServer.of(ns));
      }
      origin = ConfigurationOrigin.nameServerSet(set.id());
      return this;
    }

    /**
     * Adds an ACL entry without a label.
     *
     * @param addressOrPrefix an IPv4/IPv6 address or CIDR prefix
     * @return this builder
     */
    public Builder addAclEntry(String addressOrPrefix) {
      return addAclEntry(addressOrPrefix, null);
    }

    /**
     * Adds an ACL entry.
     *
     * @param addressOrPrefix an IPv4/IPv6 address or CIDR prefix
     * @param label a label for people, or null
     * @return this builder
     */
    public Builder addAclEntry(String addressOrPrefix, @Nullable String label) {
      return addAclEntry(addressOrPrefix, label, null);
    }

    /**
     * Adds an ACL entry with the source of its value, as a provider preset does.
     *
     * @param addressOrPrefix an IPv4/IPv6 address or CIDR prefix
     * @param label a label for people, or null
     * @param provenance where the value came from, with its confidence, or null when typed in
     * @return this builder
     */
    public Builder addAclEntry(
        String addressOrPrefix, @Nullable String label, @Nullable Provenance provenance) {
      acl.add(new RawAcl(addressOrPrefix, label, provenance));
      return this;
    }

    /**
     * Replaces the ACL, as from a form field with one address per line ("IPs to whitelist").
     *
     * @param addressesOrPrefixes the addresses or prefixes
     * @return this builder
     */
    public Builder transferAcl(Collection<String> addressesOrPrefixes) {
      acl.clear();
      for (String a : addressesOrPrefixes) {
        addAclEntry(a);
      }
      return this;
    }

    /**
     * Adds a NOTIFY target on port 53, unsigned.
     *
     * @param address an IPv4 or IPv6 address
     * @return this builder
     */
    public Builder addNotifyTarget(String address) {
      return addNotifyTarget(address, NotifyTarget.DEFAULT_PORT, null);
    }

    /**
     * Adds a NOTIFY target.
     *
     * @param address an IPv4 or IPv6 address
     * @param port the UDP port
     * @param keyName the name of one of this configuration's TSIG keys to sign with, or null
     * @return this builder
     */
    public Builder addNotifyTarget(String address, int port, @Nullable String keyName) {
      return addNotifyTarget(address, port, keyName, null);
    }

    /**
     * Adds a NOTIFY target with the source of its value, as a provider preset does.
     *
     * @param address an IPv4 or IPv6 address
     * @param port the UDP port
     * @param keyName the name of one of this configuration's TSIG keys to sign with, or null
     * @param provenance where the value came from, with its confidence, or null when typed in
     * @return this builder
     */
    public Builder addNotifyTarget(
        String address, int port, @Nullable String keyName, @Nullable Provenance provenance) {
      notify.add(new RawNotify(address, port, keyName, provenance));
      return this;
    }

    /**
     * Replaces the NOTIFY targets with unsigned targets on port 53.
     *
     * @param addresses the addresses
     * @return this builder
     */
    public Builder notifyTargets(Collection<String> addresses) {
      notify.clear();
      for (String a : addresses) {
        addNotifyTarget(a);
      }
      return this;
    }

    /**
     * Adds a TSIG key.
     *
     * @param name the key name
     * @param algorithm the algorithm ({@code hmac-sha256} when null or blank); hmac-md5 is refused
     * @param secretBase64 the shared secret in base64
     * @return this builder
     */
    public Builder addTsigKey(String name, @Nullable String algorithm, String secretBase64) {
      keys.add(new RawKey(name, algorithm, secretBase64));
      return this;
    }

    /**
     * Removes every TSIG key.
     *
     * @return this builder
     */
    public Builder clearTsigKeys() {
      keys.clear();
      return this;
    }

    /**
     * Sets how transfers are authorized.
     *
     * @param mode address (the default), key, or both
     * @return this builder
     */
    public Builder transferAuthentication(TransferAuthentication mode) {
      this.transferAuthentication = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /**
     * Sets whether IXFR is offered.
     *
     * @param ixfrEnabled true (the default) to offer IXFR
     * @return this builder
     */
    public Builder ixfrEnabled(boolean ixfrEnabled) {
      this.ixfrEnabled = ixfrEnabled;
      return this;
    }

    /**
     * Sets the revision.
     *
     * @param revision zero or more
     * @return this builder
     */
    public Builder revision(long revision) {
      this.revision = revision;
      return this;
    }

    /**
     * Sets whether Secondary DNS is enabled.
     *
     * @param enabled true (the default) when enabled
     * @return this builder
     */
    public Builder enabled(boolean enabled) {
      this.enabled = enabled;
      return this;
    }

    /**
     * Says that the host lists the zone in a catalog zone (RFC 9432), so that secondaries which
     * consume the catalog provision the zone by themselves.
     *
     * @param catalogName the catalog zone's name, with or without the trailing dot; it must not be
     *     the zone itself or above it
     * @param group the zone's {@code group} value in the catalog (1 to 255 printable ASCII
     *     characters without spaces), or null or blank for none
     * @return this builder
     */
    public Builder catalogMembership(String catalogName, @Nullable String group) {
      this.catalog = new RawCatalog(catalogName, group);
      return this;
    }

    /**
     * Says that the zone is in no catalog (the default).
     *
     * @return this builder
     */
    public Builder noCatalogMembership() {
      this.catalog = null;
      return this;
    }

    /**
     * Sets whether the zone is transferred over TLS (XoT, RFC 9103), plain TCP, or both.
     *
     * @param policy {@link XotPolicy#ALLOWED} (the default), {@link XotPolicy#REQUIRED} or {@link
     *     XotPolicy#NOT_OFFERED}
     * @return this builder
     */
    public Builder xotPolicy(XotPolicy policy) {
      this.xotPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Validates every value and builds the configuration.
     *
     * @return the configuration
     * @throws ValidationException listing every problem, each with its field path, a stable code
     *     and a message; it never contains a TSIG secret
     */
    public SecondaryDnsConfiguration build() {
      Problems p = new Problems();
      Optional<Name> zoneName = p.domainName(ZONE_FIELD, zone, ZONE_WHAT);
      Set<NameServer> servers = p.nameServers("secondaryNameServers", nameServers);
      List<AclEntry> aclEntries = parseAcl(p);
      Map<Name, TsigKey> keyMap = parseKeys(p);
      List<NotifyTarget> targets = parseNotify(p, keyMap);
      if (transferAuthentication.requiresKey() && keys.isEmpty()) {
        p.add(
            "transferAuthentication",
            ProblemCode.TSIG_KEY_REQUIRED,
            "transfers authorized by "
                + (transferAuthentication == TransferAuthentication.KEY ? "key" : "address and key")
                + " need at least one TSIG key");
      }
      if (revision < 0) {
        p.add("revision", ProblemCode.OUT_OF_RANGE, "the revision must be zero or more");
      }
      Optional<CatalogMembership> membership = parseCatalog(p, zoneName);
      throwIfAny(p, zoneName);
      return new SecondaryDnsConfiguration(
          zoneName.orElseThrow(),
          membership,
          new Settings(
              origin,
              servers,
              aclEntries,
              targets,
              new ArrayList<>(keyMap.values()),
              transferAuthentication,
              ixfrEnabled,
              revision,
              enabled,
              xotPolicy));
    }

    private Optional<CatalogMembership> parseCatalog(Problems p, Optional<Name> zoneName) {
      if (catalog == null) {
        return Optional.empty();
      }
      String f = "catalogMembership";
      Optional<Name> name = p.domainName(f + ".catalog", catalog.name(), "the catalog name");
      if (name.isPresent() && name.get().length() > CatalogMembership.MAX_CATALOG_NAME_OCTETS) {
        p.add(
            f + ".catalog",
            ProblemCode.TOO_LONG,
            "the catalog name is "
                + name.get().length()
                + " octets long; at most "
                + CatalogMembership.MAX_CATALOG_NAME_OCTETS
                + " leave room for its member nodes");
        name = Optional.empty();
      }
      if (name.isPresent()
          && zoneName.isPresent()
          && catalogConflict(p, zoneName.get(), name.get())) {
        name = Optional.empty();
      }
      String group = catalog.group() == null ? "" : catalog.group().strip();
      Optional<String> groupProblem =
          group.isEmpty() ? Optional.empty() : CatalogMembership.groupProblem(group);
      groupProblem.ifPresent(m -> p.add(f + ".group", ProblemCode.INVALID_CATALOG_GROUP, m));
      if (groupProblem.isPresent()) {
        return Optional.empty();
      }
      return name.map(
          n -> new CatalogMembership(n, group.isEmpty() ? Optional.empty() : Optional.of(group)));
    }

    /**
     * Records the conflict of a zone at or under its catalog (a catalog cannot list it).
     *
     * @return true when there is one
     */
    static boolean catalogConflict(Problems p, Name zone, Name catalog) {
      if (!zone.subdomain(catalog)) {
        return false;
      }
      p.add(
          "catalogMembership.catalog",
          ProblemCode.CONFLICT,
          "the zone "
              + zone
              + (zone.equals(catalog)
                  ? " cannot be a member of itself"
                  : " lies under the catalog " + catalog + ", which cannot list it")
              + "; choose a catalog name outside the zone");
      return true;
    }

    private List<AclEntry> parseAcl(Problems p) {
      List<AclEntry> out = new ArrayList<>();
      Map<AddressPrefix, Integer> seen = new HashMap<>();
      for (int i = 0; i < acl.size(); i++) {
        String f = "transferAcl[" + i + "]";
        Optional<AddressPrefix> prefix = p.prefix(f, acl.get(i).prefix());
        Optional<String> label = p.label(f + ".label", acl.get(i).label());
        Optional<Provenance> provenance = Optional.ofNullable(acl.get(i).provenance());
        provenance.ifPresent(source -> p.provenance(f + ".provenance", source));
        if (prefix.isEmpty()) {
          continue;
        }
        Integer first = seen.putIfAbsent(prefix.get(), i);
        if (first != null) {
          p.add(
              f,
              ProblemCode.DUPLICATE_ACL_ENTRY,
              prefix.get() + " is listed twice (also at transferAcl[" + first + "])");
          continue;
        }
        out.add(new AclEntry(prefix.get(), label, provenance));
      }
      return out;
    }

    private Map<Name, TsigKey> parseKeys(Problems p) {
      Map<Name, TsigKey> out = new java.util.LinkedHashMap<>();
      for (int i = 0; i < keys.size(); i++) {
        String f = "tsigKeys[" + i + "]";
        RawKey raw = keys.get(i);
        Optional<Name> name = p.domainName(f + ".name", raw.name(), "the key name");
        Optional<TsigAlgorithm> alg = p.tsigAlgorithm(f + ".algorithm", raw.algorithm());
        Optional<byte[]> secret = p.secret(f + ".secret", raw.secret());
        if (name.isPresent() && out.containsKey(name.get())) {
          p.add(
              f + ".name",
              ProblemCode.DUPLICATE_TSIG_KEY,
              "the key name " + name.get() + " is used twice; key names must be unique");
          continue;
        }
        if (name.isPresent() && alg.isPresent() && secret.isPresent()) {
          out.put(name.get(), new TsigKey(name.get(), alg.get(), secret.get()));
        }
      }
      return out;
    }

    private List<NotifyTarget> parseNotify(Problems p, Map<Name, TsigKey> keyMap) {
      List<NotifyTarget> out = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < notify.size(); i++) {
        String f = "notifyTargets[" + i + "]";
        RawNotify raw = notify.get(i);
        Optional<InetAddress> address = p.address(f + ".address", raw.address(), "the address");
        boolean portOk = p.port(f + ".port", raw.port());
        Optional<Provenance> provenance = Optional.ofNullable(raw.provenance());
        provenance.ifPresent(source -> p.provenance(f + ".provenance", source));
        Optional<Name> keyName = Optional.empty();
        if (raw.keyName() != null && !raw.keyName().isBlank()) {
          keyName = p.domainName(f + ".keyName", raw.keyName(), "the key name");
          if (keyName.isPresent()
              && !keyMap.containsKey(keyName.get())
              && keys.stream().noneMatch(k -> sameName(k.name(), raw.keyName()))) {
            p.add(
                f + ".keyName",
                ProblemCode.UNKNOWN_TSIG_KEY,
                "no TSIG key named " + keyName.get() + " is configured");
            keyName = Optional.empty();
          }
        }
        if (address.isEmpty() || !portOk) {
          continue;
        }
        NotifyTarget target = new NotifyTarget(address.get(), raw.port(), keyName, provenance);
        if (!seen.add(AddressPrefix.of(address.get()) + "#" + raw.port())) {
          p.add(
              f,
              ProblemCode.DUPLICATE_NOTIFY_TARGET,
              target.address().getHostAddress() + " port " + raw.port() + " is listed twice");
          continue;
        }
        out.add(target);
      }
      return out;
    }

    private static boolean sameName(@Nullable String a, @Nullable String b) {
      if (a == null || b == null) {
        return false;
      }
      String x = a.strip();
      String y = b.strip();
      x = x.endsWith(".") ? x.substring(0, x.length() - 1) : x;
      y = y.endsWith(".") ? y.substring(0, y.length() - 1) : y;
      return x.equalsIgnoreCase(y);
    }
  }
}
