package io.github.secdns.core.export;

import io.github.secdns.core.config.NameServer;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.xbill.DNS.Name;

/**
 * Everything one export needs besides the exporter itself: the host's zone, the values resolved for
 * its ALIAS targets, the name servers, the SOA settings, the serial policy and the previous export.
 *
 * <p>Immutable and thread-safe. All of it is data: the exporter does no I/O.
 */
public final class ExportRequest {

  private final HostZone zone;
  private final SoaSettings soa;
  private final Map<Name, TargetResolution> resolutions;
  private final List<Name> primaryNameServers;
  private final List<Name> secondaryNameServers;
  private final Map<Name, List<InetAddress>> secondaryGlue;
  private final List<InetAddress> redirectorAddresses;
  private final SerialPolicy serialPolicy;
  private final Optional<ZoneSnapshot> previousSnapshot;
  private final Map<Name, TargetResolution.Resolved> lastGoodValues;
  private final boolean publishZoneDigest;

  private ExportRequest(Builder b) {
    this.zone = b.zone;
    this.soa = b.soa;
    this.resolutions = Collections.unmodifiableMap(new HashMap<>(b.resolutions));
    this.primaryNameServers = List.copyOf(b.primaryNameServers);
    this.secondaryNameServers = List.copyOf(b.secondaryNameServers);
    this.secondaryGlue = Collections.unmodifiableMap(new HashMap<>(b.secondaryGlue));
    this.redirectorAddresses = List.copyOf(b.redirectorAddresses);
    this.serialPolicy = b.serialPolicy;
    this.previousSnapshot = b.previousSnapshot;
    this.lastGoodValues = Collections.unmodifiableMap(new HashMap<>(b.lastGoodValues));
    this.publishZoneDigest = b.publishZoneDigest;
  }

  /**
   * Starts a request.
   *
   * @param zone the host's zone
   * @param soa the SOA settings for the exported zone
   * @return a builder; at least one primary name server must be added
   */
  public static Builder builder(HostZone zone, SoaSettings soa) {
    return new Builder(zone, soa);
  }

  /**
   * Returns the host's zone.
   *
   * @return the zone
   */
  public HostZone zone() {
    return zone;
  }

  /**
   * Returns the SOA settings.
   *
   * @return the settings
   */
  public SoaSettings soa() {
    return soa;
  }

  /**
   * Returns the resolution given for each ALIAS target (keys compare case-insensitively).
   *
   * @return an unmodifiable map
   */
  public Map<Name, TargetResolution> resolutions() {
    return resolutions;
  }

  /**
   * Returns the host's own (primary) name servers, first in the apex NS set.
   *
   * @return an unmodifiable, non-empty list
   */
  public List<Name> primaryNameServers() {
    return primaryNameServers;
  }

  /**
   * Returns the configured secondary name servers, added to the apex NS set.
   *
   * @return an unmodifiable list
   */
  public List<Name> secondaryNameServers() {
    return secondaryNameServers;
  }

  /**
   * Returns the glue addresses known for secondary name servers (from a {@link
   * SecondaryDnsConfiguration}). The exporter serves them as A/AAAA for a secondary name server
   * inside the zone that has no address records in the zone.
   *
   * @return an unmodifiable map (keys compare case-insensitively); names without glue are absent
   */
  public Map<Name, List<InetAddress>> secondaryGlue() {
    return secondaryGlue;
  }

  /**
   * Returns the addresses of the host's HTTP redirector, served for URL records.
   *
   * @return an unmodifiable list; empty when none was given
   */
  public List<InetAddress> redirectorAddresses() {
    return redirectorAddresses;
  }

  /**
   * Returns the serial policy.
   *
   * @return the policy
   */
  public SerialPolicy serialPolicy() {
    return serialPolicy;
  }

  /**
   * Returns the snapshot of the previous export, if any.
   *
   * @return the previous snapshot
   */
  public Optional<ZoneSnapshot> previousSnapshot() {
    return previousSnapshot;
  }

  /**
   * Returns the last good value of each ALIAS target, from the previous export.
   *
   * @return an unmodifiable map (keys compare case-insensitively)
   */
  public Map<Name, TargetResolution.Resolved> lastGoodValues() {
    return lastGoodValues;
  }

  /**
   * Tells whether the exported zone carries a ZONEMD record (RFC 8976, scheme SIMPLE, SHA-384) at
   * its apex: the digest of the exported zone, for its serial.
   *
   * @return true when a digest is published
   */
  public boolean publishZoneDigest() {
    return publishZoneDigest;
  }

  @Override
  public String toString() {
    return "ExportRequest[zone="
        + zone.origin()
        + ", policy="
        + serialPolicy
        + ", previous="
        + previousSnapshot.map(s -> s.serial().toString()).orElse("none")
        + (publishZoneDigest ? ", zone digest" : "")
        + "]";
  }

  /** Builds an {@link ExportRequest}. Not thread-safe. */
  public static final class Builder {
    private final HostZone zone;
    private final SoaSettings soa;
    private final Map<Name, TargetResolution> resolutions = new HashMap<>();
    private final List<Name> primaryNameServers = new ArrayList<>();
    private final List<Name> secondaryNameServers = new ArrayList<>();
    private final Map<Name, List<InetAddress>> secondaryGlue = new HashMap<>();
    private final List<InetAddress> redirectorAddresses = new ArrayList<>();
    private SerialPolicy serialPolicy = SerialPolicy.UNIX_TIME;
    private Optional<ZoneSnapshot> previousSnapshot = Optional.empty();
    private Map<Name, TargetResolution.Resolved> lastGoodValues = Map.of();
    private boolean publishZoneDigest;

    private Builder(HostZone zone, SoaSettings soa) {
      this.zone = Objects.requireNonNull(zone, "zone");
      this.soa = Objects.requireNonNull(soa, "soa");
    }

    /**
     * Adds resolutions of ALIAS targets (replacing earlier ones for the same names).
     *
     * @param resolutions target host name to resolution
     * @return this builder
     */
    public Builder resolutions(Map<Name, ? extends TargetResolution> resolutions) {
      resolutions.forEach(this::resolution);
      return this;
    }

    /**
     * Adds the resolution of one ALIAS target (replacing an earlier one for the same name).
     *
     * @param target the target host name, absolute
     * @param resolution what resolving it gave
     * @return this builder
     */
    public Builder resolution(Name target, TargetResolution resolution) {
      resolutions.put(
          Arguments.checkAbsolute(target, "ALIAS target"),
          Objects.requireNonNull(resolution, "resolution"));
      return this;
    }

    /**
     * Sets the host's own name servers (the primary ones).
     *
     * @param names absolute names, at least one
     * @return this builder
     */
    public Builder primaryNameServers(Collection<Name> names) {
      primaryNameServers.clear();
      names.forEach(n -> primaryNameServers.add(Arguments.checkAbsolute(n, "primary name server")));
      return this;
    }

    /**
     * Sets the configured secondary name servers.
     *
     * @param names absolute names
     * @return this builder
     */
    public Builder secondaryNameServers(Collection<Name> names) {
      secondaryNameServers.clear();
      secondaryGlue.clear();
      names.forEach(
          n -> secondaryNameServers.add(Arguments.checkAbsolute(n, "secondary name server")));
      return this;
    }

    /**
     * Sets the secondary name servers, and their glue addresses, from the zone's Secondary DNS
     * configuration. A disabled configuration contributes no name servers: disabling Secondary DNS
     * removes them from the apex NS set.
     *
     * @param configuration the zone's configuration
     * @return this builder
     * @throws IllegalArgumentException when the configuration is for another zone
     */
    public Builder secondaryNameServers(SecondaryDnsConfiguration configuration) {
      if (!configuration.zone().equals(zone.origin())) {
        throw new IllegalArgumentException(
            "the Secondary DNS configuration is for "
                + configuration.zone()
                + ", not for "
                + zone.origin());
      }
      secondaryNameServers.clear();
      secondaryGlue.clear();
      if (configuration.enabled()) {
        for (NameServer ns : configuration.secondaryNameServers()) {
          secondaryNameServers.add(ns.name());
          if (!ns.glue().isEmpty()) {
            secondaryGlue.put(ns.name(), List.copyOf(ns.glue()));
          }
        }
      }
      return this;
    }

    /**
     * Sets the addresses of the host's HTTP redirector, served as A/AAAA for URL records.
     *
     * @param addresses IPv4 and IPv6 addresses
     * @return this builder
     */
    public Builder redirector(Collection<? extends InetAddress> addresses) {
      redirectorAddresses.clear();
      addresses.forEach(a -> redirectorAddresses.add(Objects.requireNonNull(a, "address")));
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
     * Sets whether the exported zone carries its own digest: a ZONEMD record at the apex (RFC 8976,
     * scheme SIMPLE, hash SHA-384) with the exported serial, computed over the exported zone in
     * canonical order, with the SOA's TTL. Secondaries transfer it like any record, and the prober
     * compares the digest each one serves with the primary's, which catches a secondary that serves
     * the right serial with other data. Off by default: computing it sorts the whole zone on every
     * export. Any ZONEMD the host's zone has at its apex is replaced (on) or left out (off).
     *
     * @param publish true to publish the digest
     * @return this builder
     */
    public Builder publishZoneDigest(boolean publish) {
      this.publishZoneDigest = publish;
      return this;
    }

    /**
     * Sets the previous export: its serial is the one the new serial must exceed, and its target
     * values are the last good ones for targets that do not resolve now.
     *
     * @param previous the result of the previous export of this zone
     * @return this builder
     */
    public Builder previous(ExportResult previous) {
      return previous(previous.snapshot(), previous.targetValues());
    }

    /**
     * Sets the previous export from stored parts, for a host that persisted them (for example
     * across a restart).
     *
     * @param snapshot the snapshot of the previous export
     * @param lastGoodValues the last good value of each ALIAS target
     * @return this builder
     */
    public Builder previous(
        ZoneSnapshot snapshot, Map<Name, TargetResolution.Resolved> lastGoodValues) {
      this.previousSnapshot = Optional.of(snapshot);
      this.lastGoodValues = Map.copyOf(lastGoodValues);
      return this;
    }

    /**
     * Builds the request.
     *
     * @return the request
     * @throws IllegalArgumentException when no primary name server is given, or the previous
     *     snapshot is of another zone
     */
    public ExportRequest build() {
      if (primaryNameServers.isEmpty()) {
        throw new IllegalArgumentException(
            "an export of " + zone.origin() + " needs at least one primary name server");
      }
      previousSnapshot.ifPresent(
          p -> {
            if (!p.origin().equals(zone.origin())) {
              throw new IllegalArgumentException(
                  "the previous export is of " + p.origin() + ", not of " + zone.origin());
            }
          });
      return new ExportRequest(this);
    }
  }
}
