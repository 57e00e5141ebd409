package io.github.secdns.core.diagnostics;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.xbill.DNS.Name;

/**
 * What was observed on the network: the parent's delegation, the zone's apex NS set, each name
 * server's addresses, the SOA answers of each address over UDP and TCP, the zone digests they serve
 * (content probes), and transfer attempts.
 *
 * <p>Immutable and thread-safe. Any part may be missing; the engine then reports what it could not
 * judge. Names are kept lower case and absolute, so the order and letter case in which observations
 * were added do not change the outcome. Build with {@link #builder()}.
 */
public final class Observations {

  private final Optional<Set<Name>> parentDelegation;
  private final Optional<Set<Name>> apexNameServers;
  private final Map<Name, Set<InetAddress>> nameServerAddresses;
  private final List<SoaProbe> soaProbes;
  private final List<TransferAttempt> transferAttempts;
  private final List<ContentProbe> contentProbes;
  private final List<XotProbe> xotProbes;

  private Observations(Builder b) {
    this.parentDelegation = b.parentDelegation.map(Collections::unmodifiableSet);
    this.apexNameServers = b.apexNameServers.map(Collections::unmodifiableSet);
    Map<Name, Set<InetAddress>> addresses = new TreeMap<>();
    b.nameServerAddresses.forEach(
        (k, v) -> {
          Set<InetAddress> copy = new TreeSet<>(Names.ADDRESS_ORDER);
          copy.addAll(v);
          addresses.put(k, Collections.unmodifiableSet(copy));
        });
    this.nameServerAddresses = Collections.unmodifiableMap(addresses);
    this.soaProbes = List.copyOf(b.soaProbes);
    this.transferAttempts = List.copyOf(b.transferAttempts);
    this.contentProbes = List.copyOf(b.contentProbes);
    this.xotProbes = List.copyOf(b.xotProbes);
  }

  /**
   * Returns observations with nothing observed.
   *
   * @return empty observations
   */
  public static Observations none() {
    return builder().build();
  }

  /**
   * Starts an empty builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the NS names of the parent's referral for the zone (empty set: the parent does not
   * delegate the zone).
   *
   * @return the names, or empty when not observed
   */
  public Optional<Set<Name>> parentDelegation() {
    return parentDelegation;
  }

  /**
   * Returns the NS names at the zone's apex, as served by the zone.
   *
   * @return the names, or empty when not observed
   */
  public Optional<Set<Name>> apexNameServers() {
    return apexNameServers;
  }

  /**
   * Returns the addresses observed per name server. A name absent from the map was not resolved; a
   * name with an empty set resolved to no address.
   *
   * @return an unmodifiable map ordered by name
   */
  public Map<Name, Set<InetAddress>> nameServerAddresses() {
    return nameServerAddresses;
  }

  /**
   * Returns the SOA probes, in the order added.
   *
   * @return an unmodifiable list
   */
  public List<SoaProbe> soaProbes() {
    return soaProbes;
  }

  /**
   * Returns the transfer attempts, in the order added.
   *
   * @return an unmodifiable list
   */
  public List<TransferAttempt> transferAttempts() {
    return transferAttempts;
  }

  /**
   * Returns the content probes: the zone digests the name servers' addresses serve, or why none was
   * learned, in the order added.
   *
   * @return an unmodifiable list
   */
  public List<ContentProbe> contentProbes() {
    return contentProbes;
  }

  /**
   * Returns the checks of the primary's XoT listeners (zone transfer over TLS).
   *
   * @return an unmodifiable list, in the order added
   */
  public List<XotProbe> xotProbes() {
    return xotProbes;
  }

  /** Collects observations. Not thread-safe. */
  public static final class Builder {
    private Optional<Set<Name>> parentDelegation = Optional.empty();
    private Optional<Set<Name>> apexNameServers = Optional.empty();
    private final Map<Name, Set<InetAddress>> nameServerAddresses = new TreeMap<>();
    private final List<SoaProbe> soaProbes = new ArrayList<>();
    private final List<TransferAttempt> transferAttempts = new ArrayList<>();
    private final List<ContentProbe> contentProbes = new ArrayList<>();
    private final List<XotProbe> xotProbes = new ArrayList<>();

    private Builder() {}

    /**
     * Sets the NS names of the parent's referral; an empty collection means the parent does not
     * delegate the zone.
     *
     * @param names the names, any letter case
     * @return this builder
     */
    public Builder parentDelegation(Collection<Name> names) {
      this.parentDelegation = Optional.of(canonicalSet(names));
      return this;
    }

    /**
     * Sets the NS names at the zone's apex.
     *
     * @param names the names, any letter case
     * @return this builder
     */
    public Builder apexNameServers(Collection<Name> names) {
      this.apexNameServers = Optional.of(canonicalSet(names));
      return this;
    }

    /**
     * Records the addresses a name server's host name resolved to; adding a name twice keeps the
     * union. An empty collection records that the name has no address.
     *
     * @param nameServer the name server
     * @param addresses its IPv4 and IPv6 addresses
     * @return this builder
     */
    public Builder nameServerAddresses(Name nameServer, Collection<InetAddress> addresses) {
      Set<InetAddress> set =
          nameServerAddresses.computeIfAbsent(
              Names.canonical(nameServer), k -> new TreeSet<>(Names.ADDRESS_ORDER));
      addresses.forEach(a -> set.add(Objects.requireNonNull(a)));
      return this;
    }

    /**
     * Adds SOA probes.
     *
     * @param probes the probes
     * @return this builder
     */
    public Builder soaProbes(Collection<SoaProbe> probes) {
      probes.forEach(p -> soaProbes.add(Objects.requireNonNull(p)));
      return this;
    }

    /**
     * Adds one SOA probe.
     *
     * @param probe the probe
     * @return this builder
     */
    public Builder soaProbe(SoaProbe probe) {
      soaProbes.add(Objects.requireNonNull(probe));
      return this;
    }

    /**
     * Adds transfer attempts recorded by the primary.
     *
     * @param attempts the attempts
     * @return this builder
     */
    public Builder transferAttempts(Collection<TransferAttempt> attempts) {
      attempts.forEach(a -> transferAttempts.add(Objects.requireNonNull(a)));
      return this;
    }

    /**
     * Adds content probes (zone digests served, or why none was learned).
     *
     * @param probes the probes
     * @return this builder
     */
    public Builder contentProbes(Collection<ContentProbe> probes) {
      probes.forEach(p -> contentProbes.add(Objects.requireNonNull(p)));
      return this;
    }

    /**
     * Adds a check of one of the primary's XoT listeners.
     *
     * @param probe the check, for example from the prober's {@code probeXot}
     * @return this builder
     */
    public Builder xotProbe(XotProbe probe) {
      xotProbes.add(Objects.requireNonNull(probe));
      return this;
    }

    /**
     * Builds the observations.
     *
     * @return the observations
     */
    public Observations build() {
      return new Observations(this);
    }

    private static Set<Name> canonicalSet(Collection<Name> names) {
      Set<Name> out = new TreeSet<>();
      names.forEach(n -> out.add(Names.canonical(n)));
      return out;
    }
  }
}
