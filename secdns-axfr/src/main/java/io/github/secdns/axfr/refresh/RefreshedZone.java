package io.github.secdns.axfr.refresh;

import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.export.ExportRequest;
import io.github.secdns.core.export.ExportResult;
import io.github.secdns.core.export.HostZone;
import io.github.secdns.core.export.SerialPolicy;
import io.github.secdns.core.export.SoaSettings;
import io.github.secdns.core.export.TargetResolution;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.xbill.DNS.Name;

/**
 * One zone the {@link AliasRefresher} keeps fresh: where its current host zone comes from and the
 * export settings that do not change from one refresh to the next.
 *
 * <p>The host zone is read through a supplier at every refresh, so an edit by the customer is
 * picked up by the next refresh (call {@link AliasRefresher#refreshNow} to pick it up at once). A
 * changed configuration (an edit of Secondary DNS) is applied by registering a new {@code
 * RefreshedZone} for the same zone. Immutable and thread-safe when the supplier is.
 */
public final class RefreshedZone {

  private final SecondaryDnsConfiguration configuration;
  private final Supplier<HostZone> hostZone;
  private final SoaSettings soa;
  private final List<Name> primaryNameServers;
  private final List<InetAddress> redirector;
  private final SerialPolicy serialPolicy;
  private final Optional<ZoneSnapshot> previousSnapshot;
  private final Map<Name, TargetResolution.Resolved> lastGoodValues;

  private RefreshedZone(Builder b) {
    this.configuration = b.configuration;
    this.hostZone = b.hostZone;
    this.soa = b.soa;
    this.primaryNameServers = b.primaryNameServers;
    this.redirector = b.redirector;
    this.serialPolicy = b.serialPolicy;
    this.previousSnapshot = b.previousSnapshot;
    this.lastGoodValues = b.lastGoodValues;
  }

  /**
   * Starts describing a zone.
   *
   * @param configuration the zone's Secondary DNS configuration: its zone, secondary name servers
   *     (added to the apex NS set), NOTIFY targets and TSIG keys
   * @param hostZone gives the host's current zone of that origin; called on a refresher thread at
   *     every refresh, so it must be thread-safe and quick
   * @param soa the SOA the secondaries see
   * @return a builder; {@link Builder#primaryNameServers} is required
   */
  public static Builder builder(
      SecondaryDnsConfiguration configuration, Supplier<HostZone> hostZone, SoaSettings soa) {
    return new Builder(configuration, hostZone, soa);
  }

  /**
   * Returns the zone's origin.
   *
   * @return the configuration's zone
   */
  public Name zone() {
    return configuration.zone();
  }

  /**
   * Returns the zone's Secondary DNS configuration.
   *
   * @return the configuration
   */
  public SecondaryDnsConfiguration configuration() {
    return configuration;
  }

  /**
   * Returns the source of the host's current zone.
   *
   * @return the supplier
   */
  public Supplier<HostZone> hostZone() {
    return hostZone;
  }

  /**
   * Returns the previous export the host stored (for example across a restart), if any: the
   * refresher's first export must go beyond its serial and keeps its last good values.
   *
   * @return the stored snapshot
   */
  public Optional<ZoneSnapshot> previousSnapshot() {
    return previousSnapshot;
  }

  /**
   * Builds the export request of one refresh.
   *
   * @param zone the host zone read for this refresh
   * @param resolutions the outcome for every ALIAS target
   * @param previous the refresher's previous export, if any; otherwise the stored one, if any
   */
  ExportRequest request(
      HostZone zone, Map<Name, TargetResolution> resolutions, Optional<ExportResult> previous) {
    ExportRequest.Builder b =
        ExportRequest.builder(zone, soa)
            .resolutions(resolutions)
            .primaryNameServers(primaryNameServers)
            .secondaryNameServers(configuration)
            .redirector(redirector)
            .serialPolicy(serialPolicy);
    if (previous.isPresent()) {
      b.previous(previous.get());
    } else if (previousSnapshot.isPresent()) {
      b.previous(previousSnapshot.get(), lastGoodValues);
    }
    return b.build();
  }

  @Override
  public String toString() {
    return "RefreshedZone[" + zone() + ", policy=" + serialPolicy + "]";
  }

  /** Builds a {@link RefreshedZone}. Not thread-safe. */
  public static final class Builder {
    private final SecondaryDnsConfiguration configuration;
    private final Supplier<HostZone> hostZone;
    private final SoaSettings soa;
    private List<Name> primaryNameServers = List.of();
    private List<InetAddress> redirector = List.of();
    private SerialPolicy serialPolicy = SerialPolicy.UNIX_TIME;
    private Optional<ZoneSnapshot> previousSnapshot = Optional.empty();
    private Map<Name, TargetResolution.Resolved> lastGoodValues = Map.of();

    private Builder(
        SecondaryDnsConfiguration configuration, Supplier<HostZone> hostZone, SoaSettings soa) {
      this.configuration = Objects.requireNonNull(configuration, "configuration");
      this.hostZone = Objects.requireNonNull(hostZone, "hostZone");
      this.soa = Objects.requireNonNull(soa, "soa");
    }

    /**
     * Sets the host's own (primary) name servers, first in the apex NS set.
     *
     * @param names absolute names, at least one
     * @return this builder
     */
    public Builder primaryNameServers(List<Name> names) {
      this.primaryNameServers = List.copyOf(names);
      return this;
    }

    /**
     * Sets the addresses of the host's HTTP redirector, served for URL records.
     *
     * @param addresses IPv4 and IPv6 addresses
     * @return this builder
     */
    public Builder redirector(List<? extends InetAddress> addresses) {
      this.redirector = List.copyOf(addresses);
      return this;
    }

    /**
     * Sets the serial policy; {@link SerialPolicy#UNIX_TIME} when not set.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder serialPolicy(SerialPolicy policy) {
      this.serialPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Sets the export the host stored the last time (for example before a restart), so that the
     * first export after it moves the serial forward and keeps the last good values of targets that
     * do not resolve now.
     *
     * @param snapshot the stored snapshot, of this zone
     * @param lastGoodValues the stored {@link ExportResult#targetValues()}
     * @return this builder
     */
    public Builder previous(
        ZoneSnapshot snapshot, Map<Name, TargetResolution.Resolved> lastGoodValues) {
      this.previousSnapshot = Optional.of(snapshot);
      this.lastGoodValues = Map.copyOf(lastGoodValues);
      return this;
    }

    /**
     * Builds the description.
     *
     * @return the zone description
     * @throws IllegalArgumentException when no primary name server is given, or the previous
     *     snapshot is of another zone
     */
    public RefreshedZone build() {
      if (primaryNameServers.isEmpty()) {
        throw new IllegalArgumentException(
            "refreshing " + configuration.zone() + " needs at least one primary name server");
      }
      previousSnapshot.ifPresent(
          p -> {
            if (!p.origin().equals(configuration.zone())) {
              throw new IllegalArgumentException(
                  "the previous export is of " + p.origin() + ", not of " + configuration.zone());
            }
          });
      return new RefreshedZone(this);
    }
  }
}
