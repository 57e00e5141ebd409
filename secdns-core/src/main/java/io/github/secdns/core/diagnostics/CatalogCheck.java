package io.github.secdns.core.diagnostics;

import io.github.secdns.core.config.CatalogMembership;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import java.util.Optional;
import org.xbill.DNS.Name;

/**
 * Whether the catalog zone the configuration names (RFC 9432) lists the zone. When it does, {@link
 * ServingCheck} judges a secondary that does not serve the zone as a catalog consumer that failed
 * to provision it.
 */
final class CatalogCheck {

  private CatalogCheck() {}

  /**
   * Reports a catalog that does not list the zone, or a listing that is unknown, and returns the
   * listing to judge the secondaries by.
   *
   * @return the listing, present only when the configured catalog lists the zone
   */
  static Optional<CatalogListing> run(
      SecondaryDnsConfiguration config, HostFacts facts, FindingList out) {
    Optional<CatalogMembership> membership = config.catalogMembership();
    if (membership.isEmpty()) {
      return Optional.empty();
    }
    Name catalog = Names.canonical(membership.get().catalog());
    String name = Names.display(catalog);
    Optional<CatalogListing> listing =
        facts.catalogListing().filter(l -> l.catalog().equals(catalog));
    if (listing.isEmpty()) {
      out.add(
          DiagnosticCode.CATALOG_LISTING_UNKNOWN,
          "The zone belongs to the catalog zone "
              + name
              + ", but it is unknown whether the catalog the primary serves lists it, so a"
              + " secondary that does not serve the zone is judged without regard to the"
              + " catalog.",
          "Pass the catalog's listing of the zone to the diagnostics.");
      return Optional.empty();
    }
    if (!listing.get().isListed()) {
      out.add(
          DiagnosticCode.CATALOG_MEMBER_NOT_LISTED,
          "The zone belongs to the catalog zone "
              + name
              + ", but the catalog the primary serves (serial "
              + listing.get().catalogSoa().serial()
              + ") does not list it, so the secondaries that consume the catalog will not add"
              + " the zone.",
          "Publish a catalog version that lists the zone; a version the producer refused, or"
              + " held back because it removes too many members, is not served until it is fixed"
              + " or confirmed.");
      return Optional.empty();
    }
    return listing;
  }
}
