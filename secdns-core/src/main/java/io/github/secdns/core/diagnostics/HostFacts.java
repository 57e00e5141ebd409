package io.github.secdns.core.diagnostics;

import io.github.secdns.core.config.AddressPrefix;
import io.github.secdns.core.config.TransferEndpoint;
import io.github.secdns.core.spi.PresetDefinition;
import io.github.secdns.core.spi.ProviderPreset;
import io.github.secdns.core.spi.Support;
import io.github.secdns.core.spi.Validity;
import io.github.secdns.core.zone.ZoneDigest;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.xbill.DNS.Name;

/**
 * What the host application knows about its own side: which configuration revision its primary
 * applied, whether the zone is signed, the primary's SOA, zone digest and name servers, the
 * outcomes of its NOTIFY messages, whether its catalog zone lists the zone, and the clock to judge
 * durations by.
 *
 * <p>Immutable and thread-safe. Every fact except the clock may be left out; the engine then
 * reports what it could not judge. Build with {@link #builder(Clock)}.
 */
public final class HostFacts {

  private final Clock clock;
  private final OptionalLong appliedRevision;
  private final Optional<Boolean> dnssecEnabled;
  private final Optional<SoaData> primarySoa;
  private final Optional<Instant> primarySerialPublishedAt;
  private final Set<Name> primaryNameServers;
  private final Set<InetAddress> primaryTransferAddresses;
  private final Optional<TransferEndpoint> transferEndpoint;
  private final Optional<Boolean> secondaryAcceptsIpv6Primary;
  private final List<AddressPrefix> secondaryTransferSources;
  private final List<NotifyOutcome> notifyOutcomes;
  private final Optional<PresetDefinition> provider;
  private final Optional<CatalogListing> catalogListing;
  private final Optional<ZoneDigest> primaryZoneDigest;
  private final boolean primaryPublishesZoneDigest;
  private final Optional<Boolean> secondaryPullsOverXot;

  private HostFacts(Builder b) {
    this.clock = b.clock;
    this.appliedRevision = b.appliedRevision;
    this.dnssecEnabled = b.dnssecEnabled;
    this.primarySoa = b.primarySoa;
    this.primarySerialPublishedAt = b.primarySerialPublishedAt;
    this.primaryNameServers = Collections.unmodifiableSet(new TreeSet<>(b.primaryNameServers));
    this.primaryTransferAddresses =
        Collections.unmodifiableSet(
            b.primaryTransferAddresses.stream()
                .collect(Collectors.toCollection(() -> new TreeSet<>(Names.ADDRESS_ORDER))));
    this.transferEndpoint = b.transferEndpoint;
    this.secondaryTransferSources =
        b.secondaryTransferSources.stream()
            .distinct()
            .sorted(
                Comparator.comparing(AddressPrefix::network, Names.ADDRESS_ORDER)
                    .thenComparingInt(AddressPrefix::length))
            .collect(Collectors.toUnmodifiableList());
    this.notifyOutcomes = List.copyOf(b.notifyOutcomes);
    this.secondaryAcceptsIpv6Primary = b.secondaryAcceptsIpv6Primary;
    this.provider = b.provider;
    this.catalogListing = b.catalogListing;
    this.primaryZoneDigest = b.primaryZoneDigest;
    this.primaryPublishesZoneDigest = b.primaryPublishesZoneDigest;
    this.secondaryPullsOverXot = b.secondaryPullsOverXot;
  }

  /**
   * Starts a builder with no facts but the clock.
   *
   * @param clock the clock the engine reads the current time from
   * @return a new builder
   */
  public static Builder builder(Clock clock) {
    return new Builder(clock);
  }

  /**
   * Returns the clock.
   *
   * @return the clock given to the builder
   */
  public Clock clock() {
    return clock;
  }

  /**
   * Returns the configuration revision the primary (responder) has applied.
   *
   * @return the revision, or empty when unknown
   */
  public OptionalLong appliedRevision() {
    return appliedRevision;
  }

  /**
   * Returns whether the zone is signed with DNSSEC.
   *
   * @return the state, or empty when unknown
   */
  public Optional<Boolean> dnssecEnabled() {
    return dnssecEnabled;
  }

  /**
   * Returns the SOA the primary serves now (serial and timers).
   *
   * @return the SOA, or empty when unknown
   */
  public Optional<SoaData> primarySoa() {
    return primarySoa;
  }

  /**
   * Returns when the primary started serving its current serial.
   *
   * @return the instant, or empty when unknown
   */
  public Optional<Instant> primarySerialPublishedAt() {
    return primarySerialPublishedAt;
  }

  /**
   * Returns the host's own name servers for the zone, lower case, sorted.
   *
   * @return the names; empty when unknown
   */
  public Set<Name> primaryNameServers() {
    return primaryNameServers;
  }

  /**
   * Returns the addresses secondaries transfer the zone from, sorted IPv4 first.
   *
   * @return the addresses; empty when unknown
   */
  public Set<InetAddress> primaryTransferAddresses() {
    return primaryTransferAddresses;
  }

  /**
   * Returns the transfer endpoint the host tells secondary providers about; its addresses are part
   * of {@link #primaryTransferAddresses()}.
   *
   * @return the endpoint, or empty when not given
   */
  public Optional<TransferEndpoint> transferEndpoint() {
    return transferEndpoint;
  }

  /**
   * Returns whether the secondary provider accepts a primary reachable over IPv6 only (a preset
   * capability).
   *
   * @return the capability, or empty when unknown (a custom provider)
   */
  public Optional<Boolean> secondaryAcceptsIpv6Primary() {
    return secondaryAcceptsIpv6Primary;
  }

  /**
   * Returns the addresses or networks the secondary provider transfers from (a preset's transfer
   * sources), sorted IPv4 first, without duplicates.
   *
   * @return the prefixes; empty when unknown
   */
  public List<AddressPrefix> secondaryTransferSources() {
    return secondaryTransferSources;
  }

  /**
   * Returns the NOTIFY outcomes recorded by the host, in the order given.
   *
   * @return an unmodifiable list
   */
  public List<NotifyOutcome> notifyOutcomes() {
    return notifyOutcomes;
  }

  /**
   * Returns the provider preset the configuration was made from, with every dated address: the
   * engine compares the saved configuration with the addresses the provider uses today.
   *
   * @return the preset's definition, or empty when the host gave none
   */
  public Optional<PresetDefinition> provider() {
    return provider;
  }

  /**
   * Returns whether the catalog zone the configuration names lists the zone.
   *
   * @return the listing, or empty when unknown
   */
  public Optional<CatalogListing> catalogListing() {
    return catalogListing;
  }

  /**
   * Returns the digest of the zone version the primary serves (RFC 8976, SIMPLE), to compare with
   * the digests the name servers serve.
   *
   * @return the digest, or empty when unknown
   */
  public Optional<ZoneDigest> primaryZoneDigest() {
    return primaryZoneDigest;
  }

  /**
   * Tells whether the zone the primary serves carries its digest as a ZONEMD record, so that a name
   * server with the primary's serial and no ZONEMD record serves other data.
   *
   * @return true when published; false when not, or unknown
   */
  public boolean primaryPublishesZoneDigest() {
    return primaryPublishesZoneDigest;
  }

  /**
   * Returns whether the secondary provider pulls zones over TLS (XoT, RFC 9103).
   *
   * @return the capability, or empty when unknown
   */
  public Optional<Boolean> secondaryPullsOverXot() {
    return secondaryPullsOverXot;
  }

  /** Collects host facts. Not thread-safe. */
  public static final class Builder {
    private final Clock clock;
    private OptionalLong appliedRevision = OptionalLong.empty();
    private Optional<Boolean> dnssecEnabled = Optional.empty();
    private Optional<SoaData> primarySoa = Optional.empty();
    private Optional<Instant> primarySerialPublishedAt = Optional.empty();
    private final Set<Name> primaryNameServers = new TreeSet<>();
    private final List<InetAddress> primaryTransferAddresses = new ArrayList<>();
    private Optional<TransferEndpoint> transferEndpoint = Optional.empty();
    private Optional<Boolean> secondaryAcceptsIpv6Primary = Optional.empty();
    private final List<AddressPrefix> secondaryTransferSources = new ArrayList<>();
    private final List<NotifyOutcome> notifyOutcomes = new ArrayList<>();
    private Optional<PresetDefinition> provider = Optional.empty();
    private Optional<CatalogListing> catalogListing = Optional.empty();
    private Optional<ZoneDigest> primaryZoneDigest = Optional.empty();
    private boolean primaryPublishesZoneDigest;
    private Optional<Boolean> secondaryPullsOverXot = Optional.empty();

    private Builder(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Sets the configuration revision the primary applied.
     *
     * @param revision the revision
     * @return this builder
     */
    public Builder appliedRevision(long revision) {
      this.appliedRevision = OptionalLong.of(revision);
      return this;
    }

    /**
     * Sets whether the zone is signed with DNSSEC.
     *
     * @param enabled true when signed
     * @return this builder
     */
    public Builder dnssecEnabled(boolean enabled) {
      this.dnssecEnabled = Optional.of(enabled);
      return this;
    }

    /**
     * Sets the primary's current SOA and when its serial was published.
     *
     * @param soa the SOA the primary serves
     * @param publishedAt when the primary started serving that serial
     * @return this builder
     */
    public Builder primarySoa(SoaData soa, Instant publishedAt) {
      this.primarySoa = Optional.of(soa);
      this.primarySerialPublishedAt = Optional.of(publishedAt);
      return this;
    }

    /**
     * Sets the primary's current SOA without knowing when its serial was published; a name server
     * that is behind is then reported as lagging, not as propagating.
     *
     * @param soa the SOA the primary serves
     * @return this builder
     */
    public Builder primarySoa(SoaData soa) {
      this.primarySoa = Optional.of(soa);
      this.primarySerialPublishedAt = Optional.empty();
      return this;
    }

    /**
     * Adds the host's own name servers for the zone.
     *
     * @param names the names, any letter case
     * @return this builder
     */
    public Builder primaryNameServers(Collection<Name> names) {
      names.forEach(n -> primaryNameServers.add(Names.canonical(n)));
      return this;
    }

    /**
     * Adds addresses secondaries transfer the zone from.
     *
     * @param addresses the addresses
     * @return this builder
     */
    public Builder primaryTransferAddresses(Collection<InetAddress> addresses) {
      addresses.forEach(a -> primaryTransferAddresses.add(Objects.requireNonNull(a)));
      return this;
    }

    /**
     * Sets the transfer endpoint the host gives secondary providers, and adds its addresses to the
     * {@linkplain #primaryTransferAddresses primary's transfer addresses}.
     *
     * @param endpoint the endpoint
     * @return this builder
     */
    public Builder transferEndpoint(TransferEndpoint endpoint) {
      this.transferEndpoint = Optional.of(endpoint);
      return primaryTransferAddresses(endpoint.addresses());
    }

    /**
     * Sets whether the secondary provider accepts an IPv6-only primary.
     *
     * @param accepts the provider's capability
     * @return this builder
     */
    public Builder secondaryAcceptsIpv6Primary(boolean accepts) {
      this.secondaryAcceptsIpv6Primary = Optional.of(accepts);
      return this;
    }

    /**
     * Adds addresses or networks the secondary provider transfers the zone from (a preset's
     * transfer sources); the transfer ACL must cover each one.
     *
     * @param sources single addresses ({@code /32}, {@code /128}) or networks
     * @return this builder
     */
    public Builder secondaryTransferSources(Collection<AddressPrefix> sources) {
      sources.forEach(a -> secondaryTransferSources.add(Objects.requireNonNull(a)));
      return this;
    }

    /**
     * Takes what a provider preset declares: whether it accepts an IPv6-only primary and whether it
     * pulls zones over TLS (each left unknown when the preset does not say), the transfer sources
     * it uses today (by this builder's clock, UTC), and the preset itself, whose dated addresses
     * tell the engine which configured addresses the provider retired and which NOTIFY targets it
     * added.
     *
     * @param preset the preset the configuration was made from
     * @return this builder
     */
    public Builder provider(ProviderPreset preset) {
      PresetDefinition d = preset.definition();
      this.provider = Optional.of(d);
      Support ipv6 = d.capabilities().ipv6Primary();
      if (ipv6 != Support.UNKNOWN) {
        secondaryAcceptsIpv6Primary(ipv6 == Support.SUPPORTED);
      }
      Support xot = d.capabilities().xot();
      if (xot != Support.UNKNOWN) {
        secondaryPullsOverXot(xot == Support.SUPPORTED);
      }
      d.transferSourcesOn(Validity.today(clock))
          .forEach(t -> secondaryTransferSources.add(t.prefix()));
      return this;
    }

    /**
     * Adds NOTIFY outcomes. When a target has several, the latest counts.
     *
     * @param outcomes the outcomes
     * @return this builder
     */
    public Builder notifyOutcomes(Collection<NotifyOutcome> outcomes) {
      outcomes.forEach(o -> notifyOutcomes.add(Objects.requireNonNull(o)));
      return this;
    }

    /**
     * Sets whether the catalog zone the configuration names lists the zone, as served by the
     * primary now.
     *
     * @param listing the listing
     * @return this builder
     */
    public Builder catalogListing(CatalogListing listing) {
      this.catalogListing = Optional.of(listing);
      return this;
    }

    /**
     * Sets the digest of the zone version the primary serves: {@code ZoneDigest.compute(snapshot)}
     * of the published snapshot, whether or not the zone publishes it.
     *
     * @param digest the digest (its serial should be the primary's SOA serial; one for another
     *     serial is not compared)
     * @param published whether the zone carries it as a ZONEMD record ({@code
     *     ExportRequest.Builder.publishZoneDigest})
     * @return this builder
     */
    public Builder primaryZoneDigest(ZoneDigest digest, boolean published) {
      this.primaryZoneDigest = Optional.of(digest);
      this.primaryPublishesZoneDigest = published;
      return this;
    }

    /**
     * Sets whether the secondary provider pulls zones over TLS (XoT), needed when the configuration
     * requires XoT. {@link #provider(ProviderPreset)} sets it from the preset's {@code xot()}
     * capability when the preset states it; a later call overrides that.
     *
     * @param pulls the provider's capability
     * @return this builder
     */
    public Builder secondaryPullsOverXot(boolean pulls) {
      this.secondaryPullsOverXot = Optional.of(pulls);
      return this;
    }

    /**
     * Builds the facts.
     *
     * @return the facts
     */
    public HostFacts build() {
      return new HostFacts(this);
    }
  }
}
