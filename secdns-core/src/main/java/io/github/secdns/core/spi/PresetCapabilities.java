package io.github.secdns.core.spi;

import java.util.Objects;
import javax.annotation.Nullable;

/**
 * What a secondary provider can do, each as {@link Support}: whether it accepts a primary that is
 * reachable over IPv6, whether it accepts a host name for the primary (the host's transfer
 * endpoint) or only addresses, whether it signs transfers with TSIG, whether it asks for
 * incremental transfers (IXFR), whether it consumes catalog zones (RFC 9432) and whether it pulls
 * zones over TLS (XoT, RFC 9103).
 *
 * <p>Immutable and thread-safe. Start from {@link #unknown()} and set what a source states with the
 * {@code with...} methods. New capabilities are added as new {@code with...} methods whose value
 * defaults to {@link Support#UNKNOWN}, so existing presets keep compiling.
 */
public final class PresetCapabilities {

  private static final PresetCapabilities UNKNOWN =
      new PresetCapabilities(
          Support.UNKNOWN,
          Support.UNKNOWN,
          Support.UNKNOWN,
          Support.UNKNOWN,
          Support.UNKNOWN,
          Support.UNKNOWN);

  private final Support ipv6Primary;
  private final Support primaryHostName;
  private final Support tsig;
  private final Support ixfr;
  private final Support catalogZones;
  private final Support xot;

  private PresetCapabilities(
      Support ipv6Primary,
      Support primaryHostName,
      Support tsig,
      Support ixfr,
      Support catalogZones,
      Support xot) {
    this.ipv6Primary = Objects.requireNonNull(ipv6Primary, "ipv6Primary");
    this.primaryHostName = Objects.requireNonNull(primaryHostName, "primaryHostName");
    this.tsig = Objects.requireNonNull(tsig, "tsig");
    this.ixfr = Objects.requireNonNull(ixfr, "ixfr");
    this.catalogZones = Objects.requireNonNull(catalogZones, "catalogZones");
    this.xot = Objects.requireNonNull(xot, "xot");
  }

  /**
   * Returns capabilities about which nothing is known.
   *
   * @return every capability {@link Support#UNKNOWN}
   */
  public static PresetCapabilities unknown() {
    return UNKNOWN;
  }

  /**
   * Whether the provider accepts a primary reachable over IPv6. {@link Support#NOT_SUPPORTED} means
   * the customer must give the provider an IPv4 address of the primary (DNS Made Easy and easyDNS),
   * which the diagnostics check.
   *
   * @return the support
   */
  public Support ipv6Primary() {
    return ipv6Primary;
  }

  /**
   * Whether the provider accepts a host name for the primary (such as {@code axfr.example.net}, the
   * host's transfer endpoint). {@link Support#NOT_SUPPORTED} means the provider's form takes
   * addresses only, so the host must show the customer its transfer addresses, not only the name.
   *
   * @return the support
   */
  public Support primaryHostName() {
    return primaryHostName;
  }

  /**
   * Whether the provider can authenticate transfers with TSIG.
   *
   * @return the support
   */
  public Support tsig() {
    return tsig;
  }

  /**
   * Whether the provider requests incremental transfers (IXFR, RFC 1995).
   *
   * @return the support
   */
  public Support ixfr() {
    return ixfr;
  }

  /**
   * Whether the provider consumes catalog zones (RFC 9432), so that it adds and removes member
   * zones by itself.
   *
   * @return the support
   */
  public Support catalogZones() {
    return catalogZones;
  }

  /**
   * Whether the provider can pull zones over TLS (XoT, RFC 9103).
   *
   * @return the support
   */
  public Support xot() {
    return xot;
  }

  /**
   * Returns a copy with another IPv6-primary support.
   *
   * @param support the new value
   * @return the copy
   */
  public PresetCapabilities withIpv6Primary(Support support) {
    return new PresetCapabilities(support, primaryHostName, tsig, ixfr, catalogZones, xot);
  }

  /**
   * Returns a copy with another support for a host name as the primary.
   *
   * @param support the new value
   * @return the copy
   */
  public PresetCapabilities withPrimaryHostName(Support support) {
    return new PresetCapabilities(ipv6Primary, support, tsig, ixfr, catalogZones, xot);
  }

  /**
   * Returns a copy with another TSIG support.
   *
   * @param support the new value
   * @return the copy
   */
  public PresetCapabilities withTsig(Support support) {
    return new PresetCapabilities(ipv6Primary, primaryHostName, support, ixfr, catalogZones, xot);
  }

  /**
   * Returns a copy with another IXFR support.
   *
   * @param support the new value
   * @return the copy
   */
  public PresetCapabilities withIxfr(Support support) {
    return new PresetCapabilities(ipv6Primary, primaryHostName, tsig, support, catalogZones, xot);
  }

  /**
   * Returns a copy with another catalog zone support.
   *
   * @param support the new value
   * @return the copy
   */
  public PresetCapabilities withCatalogZones(Support support) {
    return new PresetCapabilities(ipv6Primary, primaryHostName, tsig, ixfr, support, xot);
  }

  /**
   * Returns a copy with another XoT support.
   *
   * @param support the new value
   * @return the copy
   */
  public PresetCapabilities withXot(Support support) {
    return new PresetCapabilities(ipv6Primary, primaryHostName, tsig, ixfr, catalogZones, support);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof PresetCapabilities c)) {
      return false;
    }

    return c.ipv6Primary == ipv6Primary
        && c.primaryHostName == primaryHostName
        && c.tsig == tsig
        && c.ixfr == ixfr
        && c.catalogZones == catalogZones
        && c.xot == xot;
  }

  @Override
  public int hashCode() {
    return Objects.hash(ipv6Primary, primaryHostName, tsig, ixfr, catalogZones, xot);
  }

  @Override
  public String toString() {
    return "PresetCapabilities[ipv6Primary="
        + ipv6Primary
        + ", primaryHostName="
        + primaryHostName
        + ", tsig="
        + tsig
        + ", ixfr="
        + ixfr
        + ", catalogZones="
        + catalogZones
        + ", xot="
        + xot
        + "]";
  }
}
