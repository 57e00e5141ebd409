package io.github.secdns.core.diagnostics;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.xbill.DNS.Name;

/**
 * What the host knows about the zone in the catalog zone its configuration names ({@link
 * io.github.secdns.core.config.SecondaryDnsConfiguration#catalogMembership()}): whether the catalog
 * version the primary serves lists the zone, and since when.
 *
 * @param catalog the catalog zone's name; kept lower case and absolute
 * @param catalogSoa the SOA of the catalog version the primary serves; its REFRESH and RETRY bound
 *     how long consumers that missed the NOTIFY take to see a change
 * @param listedSince when the primary started serving a catalog version that lists the zone; empty
 *     when the version it serves does not list the zone
 */
public record CatalogListing(Name catalog, SoaData catalogSoa, Optional<Instant> listedSince) {

  /** Checks for nulls and makes the catalog name canonical. */
  public CatalogListing {
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(catalogSoa, "catalogSoa");
    Objects.requireNonNull(listedSince, "listedSince");
    catalog = Names.canonical(catalog);
  }

  /**
   * The catalog the primary serves lists the zone.
   *
   * @param catalog the catalog zone's name
   * @param catalogSoa the catalog version's SOA
   * @param since when the primary started serving a version that lists the zone
   * @return the listing
   */
  public static CatalogListing listed(Name catalog, SoaData catalogSoa, Instant since) {
    return new CatalogListing(catalog, catalogSoa, Optional.of(since));
  }

  /**
   * The catalog the primary serves does not list the zone.
   *
   * @param catalog the catalog zone's name
   * @param catalogSoa the catalog version's SOA
   * @return the listing
   */
  public static CatalogListing notListed(Name catalog, SoaData catalogSoa) {
    return new CatalogListing(catalog, catalogSoa, Optional.empty());
  }

  /**
   * Tells whether the catalog lists the zone.
   *
   * @return true when {@link #listedSince()} is present
   */
  public boolean isListed() {
    return listedSince.isPresent();
  }
}
