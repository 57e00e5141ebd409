package io.github.secdns.core.config;

import io.github.secdns.core.internal.Problems;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.annotation.Nullable;
import org.xbill.DNS.Name;

/**
 * The host's transfer endpoint: the server secondaries pull zones from, as the host tells its
 * customers' secondary providers. DNSimple, for example, names {@code axfr.dnsimple.com} with one
 * IPv4 and one IPv6 address, and asks to "prefer the host name whenever possible" (addresses can
 * change; the name follows them). Some providers take only addresses, some only IPv4 ones: {@link
 * #forProvider} gives what such a provider can use.
 *
 * <p>An endpoint has a host name, addresses, or both. IPv4 and IPv6 addresses keep the order given,
 * without duplicates. The diagnostics engine compares the endpoint's address families with the ones
 * the provider transfers from ({@code TRANSFER_SOURCES_CANNOT_REACH_ENDPOINT}).
 *
 * <p>Immutable and thread-safe. Build from typed values with {@link #of} or from form input with
 * {@link #builder()}.
 */
public final class TransferEndpoint {

  /** What the host asks providers to use when they accept both. */
  public enum Preference {
    /**
     * Prefer the host name: its addresses may change, the name follows them (the seed's advice).
     */
    HOST_NAME,
    /** Use the addresses (there is no host name, or the host wants addresses used). */
    ADDRESSES
  }

  private final Optional<Name> hostName;
  private final List<InetAddress> ipv4Addresses;
  private final List<InetAddress> ipv6Addresses;
  private final Preference preference;

  private TransferEndpoint(
      Optional<Name> hostName, Collection<InetAddress> addresses, Preference preference) {
    Set<InetAddress> unique = new LinkedHashSet<>(addresses);
    this.hostName = hostName;
    this.ipv4Addresses =
        unique.stream()
            .filter(a -> a instanceof Inet4Address)
            .collect(Collectors.toUnmodifiableList());
    this.ipv6Addresses =
        unique.stream()
            .filter(a -> !(a instanceof Inet4Address))
            .collect(Collectors.toUnmodifiableList());
    this.preference = preference;
  }

  /**
   * Makes an endpoint from typed values. The preference is the host name when there is one.
   *
   * @param hostName the host name, absolute; empty when the endpoint has none
   * @param addresses its IPv4 and IPv6 addresses, in the order to show them; duplicates are dropped
   * @return the endpoint
   * @throws IllegalArgumentException when there is neither a host name nor an address, or the name
   *     is not absolute
   */
  public static TransferEndpoint of(Optional<Name> hostName, Collection<InetAddress> addresses) {
    Objects.requireNonNull(hostName, "hostName");
    addresses.forEach(a -> Objects.requireNonNull(a, "address"));
    if (hostName.isEmpty() && addresses.isEmpty()) {
      throw new IllegalArgumentException("a transfer endpoint needs a host name or an address");
    }
    hostName.ifPresent(
        n -> {
          if (!n.isAbsolute()) {
            throw new IllegalArgumentException("the host name " + n + " is not absolute");
          }
        });
    return new TransferEndpoint(
        hostName, addresses, hostName.isPresent() ? Preference.HOST_NAME : Preference.ADDRESSES);
  }

  /**
   * Starts a builder that takes form input and reports every problem at once.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the host name secondaries should use.
   *
   * @return the name, or empty when the endpoint is given by addresses only
   */
  public Optional<Name> hostName() {
    return hostName;
  }

  /**
   * Returns the IPv4 addresses.
   *
   * @return an unmodifiable list in the order given
   */
  public List<InetAddress> ipv4Addresses() {
    return ipv4Addresses;
  }

  /**
   * Returns the IPv6 addresses.
   *
   * @return an unmodifiable list in the order given
   */
  public List<InetAddress> ipv6Addresses() {
    return ipv6Addresses;
  }

  /**
   * Returns every address, IPv4 first.
   *
   * @return an unmodifiable list
   */
  public List<InetAddress> addresses() {
    return Stream.concat(ipv4Addresses.stream(), ipv6Addresses.stream()).toList();
  }

  /**
   * Returns what providers that accept both should use.
   *
   * @return {@link Preference#HOST_NAME} only when there is a host name
   */
  public Preference preference() {
    return preference;
  }

  /**
   * Returns what a provider with these abilities can be given: without the host name when it takes
   * addresses only, without IPv6 addresses when it transfers from IPv4 primaries only.
   *
   * @param acceptsHostName whether the provider accepts a host name for the primary
   * @param acceptsIpv6 whether the provider transfers from IPv6 primaries
   * @return the endpoint to give, or empty when nothing of it is usable (for example a host name
   *     alone for a provider that takes addresses only)
   */
  public Optional<TransferEndpoint> forProvider(boolean acceptsHostName, boolean acceptsIpv6) {
    Optional<Name> name = acceptsHostName ? hostName : Optional.empty();
    List<InetAddress> usable = acceptsIpv6 ? addresses() : ipv4Addresses;
    if (name.isEmpty() && usable.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new TransferEndpoint(
            name,
            usable,
            name.isPresent() && preference == Preference.HOST_NAME
                ? Preference.HOST_NAME
                : Preference.ADDRESSES));
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof TransferEndpoint other
        && hostName.equals(other.hostName)
        && ipv4Addresses.equals(other.ipv4Addresses)
        && ipv6Addresses.equals(other.ipv6Addresses)
        && preference == other.preference;
  }

  @Override
  public int hashCode() {
    return Objects.hash(hostName, ipv4Addresses, ipv6Addresses, preference);
  }

  /** For example {@code axfr.example.net. (prefer the host name) 192.0.2.53, 2001:db8::53}. */
  @Override
  public String toString() {
    String addresses =
        addresses().stream()
            .map(a -> AddressPrefix.of(a).toString())
            .collect(Collectors.joining(", "));
    return hostName
        .map(
            n ->
                n
                    + (preference == Preference.HOST_NAME ? " (prefer the host name)" : "")
                    + (addresses.isEmpty() ? "" : " " + addresses))
        .orElse(addresses);
  }

  /**
   * Collects an endpoint from form input. Not thread-safe.
   *
   * <p>{@link #build()} reports every problem at once with the field paths {@code hostName}, {@code
   * addresses[i]} and {@code preference}.
   */
  public static final class Builder {
    @Nullable private String hostName;
    private final List<String> addresses = new ArrayList<>();
    @Nullable private Preference preference;

    private Builder() {}

    /**
     * Sets the host name, as typed (a trailing dot is optional).
     *
     * @param hostName a fully qualified host name such as {@code axfr.example.net}
     * @return this builder
     */
    public Builder hostName(String hostName) {
      this.hostName = Objects.requireNonNull(hostName, "hostName");
      return this;
    }

    /**
     * Adds an IPv4 or IPv6 address literal (never looked up).
     *
     * @param address the address as typed
     * @return this builder
     */
    public Builder addAddress(String address) {
      addresses.add(Objects.requireNonNull(address, "address"));
      return this;
    }

    /**
     * Sets what providers that accept both should use; by default the host name when there is one.
     *
     * @param preference the preference
     * @return this builder
     */
    public Builder preference(Preference preference) {
      this.preference = Objects.requireNonNull(preference, "preference");
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the endpoint
     * @throws ValidationException listing every problem
     */
    public TransferEndpoint build() {
      Problems p = new Problems();
      Optional<Name> name = Optional.empty();
      if (hostName != null) {
        name = p.hostName("hostName", hostName, "the host name");
      } else if (addresses.isEmpty()) {
        p.add(
            "hostName",
            ProblemCode.REQUIRED,
            "a transfer endpoint needs a host name or at least one address");
      }
      List<InetAddress> parsed = new ArrayList<>();
      for (int i = 0; i < addresses.size(); i++) {
        p.address("addresses[" + i + "]", addresses.get(i), "the address").ifPresent(parsed::add);
      }
      if (preference == Preference.HOST_NAME && hostName == null) {
        p.add(
            "preference",
            ProblemCode.CONFLICT,
            "the host name is preferred, but the endpoint has no host name");
      }
      p.throwIfAny("transfer endpoint");
      Preference chosen =
          preference != null
              ? preference
              : name.isPresent() ? Preference.HOST_NAME : Preference.ADDRESSES;
      return new TransferEndpoint(name, parsed, chosen);
    }
  }
}
