package io.github.secdns.core.export;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What resolving an ALIAS target gave: its addresses, or the fact that it did not resolve.
 *
 * <p>The exporter does no I/O: the host (or the refresher in {@code secdns-axfr}) resolves {@link
 * HostZone#aliasTargets()} and hands the outcomes to {@link ExportRequest.Builder#resolutions}. A
 * target with no entry is treated like {@link Unresolved}.
 */
public sealed interface TargetResolution {

  /**
   * A target that resolved to at least one address.
   *
   * @param addresses the A and AAAA addresses, at least one; kept sorted (IPv4 first, then by
   *     bytes) and without duplicates so that equal resolutions are equal
   * @param ttl the smallest TTL of the target's A/AAAA answers, when known; the exporter lowers the
   *     flattened records' TTL to it
   */
  record Resolved(List<InetAddress> addresses, OptionalLong ttl) implements TargetResolution {

    private static final Comparator<InetAddress> ORDER =
        Comparator.<InetAddress>comparingInt(a -> a instanceof Inet4Address ? 0 : 1)
            .thenComparing(InetAddress::getAddress, Arrays::compareUnsigned);

    /**
     * Sorts, deduplicates and checks the components.
     *
     * @throws IllegalArgumentException when there is no address (report a target without A/AAAA as
     *     {@link Unresolved}) or the TTL is out of range
     */
    public Resolved {
      Objects.requireNonNull(ttl, "ttl");
      addresses =
          Objects.requireNonNull(addresses, "addresses").stream()
              .map(a -> Objects.requireNonNull(a, "address"))
              .distinct()
              .sorted(ORDER)
              .toList();
      if (addresses.isEmpty()) {
        throw new IllegalArgumentException(
            "a resolved target has at least one address; report a target without A/AAAA as"
                + " unresolved");
      }
      if (ttl.isPresent()) {
        Arguments.checkTtl(ttl.getAsLong(), "target TTL");
      }
    }
  }

  /**
   * A target that did not resolve (time-out, SERVFAIL, NXDOMAIN, no A/AAAA, ...).
   *
   * @param reason why, for the finding shown to the customer
   */
  record Unresolved(String reason) implements TargetResolution {

    /** Checks that the reason is present. */
    public Unresolved {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * Returns a resolution whose TTL is not known.
   *
   * @param addresses the addresses, at least one
   * @return the resolution
   */
  static Resolved resolved(Collection<? extends InetAddress> addresses) {
    return new Resolved(List.copyOf(addresses), OptionalLong.empty());
  }

  /**
   * Returns a resolution with the target's TTL.
   *
   * @param addresses the addresses, at least one
   * @param ttl the smallest TTL of the target's answers, in seconds
   * @return the resolution
   */
  static Resolved resolved(Collection<? extends InetAddress> addresses, long ttl) {
    return new Resolved(List.copyOf(addresses), OptionalLong.of(ttl));
  }

  /**
   * Returns the outcome for a target that did not resolve.
   *
   * @param reason why, shown to the customer
   * @return the outcome
   */
  static Unresolved unresolved(String reason) {
    return new Unresolved(reason);
  }
}
