package io.github.secdns.core.config;

import io.github.secdns.core.catalog.CatalogMember;
import java.util.Objects;
import java.util.Optional;
import org.xbill.DNS.Name;

/**
 * That a zone belongs to a catalog zone (RFC 9432): the host lists it in that catalog, so that
 * secondaries which consume the catalog add and transfer the zone by themselves. A host usually
 * keeps one catalog per secondary provider (every zone configured with that provider's name servers
 * names it), and the group tells the provider's consumers which of their templates to apply (Knot's
 * {@code catalog-template}).
 *
 * <p>Immutable and thread-safe. Built by {@link
 * SecondaryDnsConfiguration.Builder#catalogMembership}, which reports problems with the
 * configuration's other problems.
 *
 * @param catalog the catalog zone's name, absolute
 * @param group the {@code group} property value for the zone, if any
 */
public record CatalogMembership(Name catalog, Optional<String> group) {

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException when the catalog name is relative or the root, or the group
   *     value is not one (see {@link CatalogMember#groupProblem})
   */
  public CatalogMembership {
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(group, "group");
    if (!catalog.isAbsolute() || catalog.labels() <= 1) {
      throw new IllegalArgumentException(
          "a catalog name must be absolute and not the root: " + catalog);
    }
    group
        .flatMap(CatalogMember::groupProblem)
        .ifPresent(
            p -> {
              throw new IllegalArgumentException(p);
            });
  }

  @Override
  public String toString() {
    return group.map(g -> catalog + " (group " + g + ")").orElse(catalog.toString());
  }
}
