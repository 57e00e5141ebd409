package io.github.secdns.core.spi;

import java.util.Objects;
import javax.annotation.Nullable;

/**
 * What a secondary provider can do, each as {@link Support}: whether it accepts a primary that is
 * reachable over IPv6, whether it signs transfers with TSIG, and whether it asks for incremental
 * transfers (IXFR).
 *
 * <p>Immutable and thread-safe. Start from {@link #unknown()} and set what a source states with the
 * {@code with...} methods. New capabilities are added as new {@code with...} methods whose value
 * defaults to {@link Support#UNKNOWN}, so existing presets keep compiling.
 */
public final class PresetCapabilities {

  private static final PresetCapabilities UNKNOWN =
      new PresetCapabilities(Support.UNKNOWN, Support.UNKNOWN, Support.UNKNOWN);

  private final Support ipv6Primary;
  private final Support tsig;
  private final Support ixfr;

  private PresetCapabilities(Support ipv6Primary, Support tsig, Support ixfr) {
    this.ipv6Primary = Objects.requireNonNull(ipv6Primary, "ipv6Primary");
    this.tsig = Objects.requireNonNull(tsig, "tsig");
    this.ixfr = Objects.requireNonNull(ixfr, "ixfr");
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
   * Returns a copy with another IPv6-primary support.
   *
   * @param support the new value
   * @return the copy
   */
  public PresetCapabilities withIpv6Primary(Support support) {
    return new PresetCapabilities(support, tsig, ixfr);
  }

  /**
   * Returns a copy with another TSIG support.
   *
   * @param support the new value
   * @return the copy
   */
  public PresetCapabilities withTsig(Support support) {
    return new PresetCapabilities(ipv6Primary, support, ixfr);
  }

  /**
   * Returns a copy with another IXFR support.
   *
   * @param support the new value
   * @return the copy
   */
  public PresetCapabilities withIxfr(Support support) {
    return new PresetCapabilities(ipv6Primary, tsig, support);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof PresetCapabilities
        && ((PresetCapabilities) o).ipv6Primary == ipv6Primary
        && ((PresetCapabilities) o).tsig == tsig
        && ((PresetCapabilities) o).ixfr == ixfr;
  }

  @Override
  public int hashCode() {
    return Objects.hash(ipv6Primary, tsig, ixfr);
  }

  @Override
  public String toString() {
    return "PresetCapabilities[ipv6Primary="
        + ipv6Primary
        + ", tsig="
        + tsig
        + ", ixfr="
        + ixfr
        + "]";
  }
}
