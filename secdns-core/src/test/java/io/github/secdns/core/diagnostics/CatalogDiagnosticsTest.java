package io.github.secdns.core.diagnostics;

import static io.github.secdns.core.diagnostics.DiagnosticCode.CATALOG_LISTING_UNKNOWN;
import static io.github.secdns.core.diagnostics.DiagnosticCode.CATALOG_MEMBER_NOT_LISTED;
import static io.github.secdns.core.diagnostics.DiagnosticCode.CATALOG_MEMBER_NOT_SERVED;
import static io.github.secdns.core.diagnostics.DiagnosticCode.CATALOG_MEMBER_PROPAGATING;
import static io.github.secdns.core.diagnostics.DiagnosticCode.NAME_SERVER_LAME;
import static io.github.secdns.core.diagnostics.Scenario.NOW;
import static io.github.secdns.core.diagnostics.Scenario.NS1_PRIMARY;
import static io.github.secdns.core.diagnostics.Scenario.NS1_SECONDARY;
import static io.github.secdns.core.diagnostics.Scenario.name;
import static io.github.secdns.core.diagnostics.Scenario.soa;
import static io.github.secdns.testsupport.Addresses.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;

/** A zone listed in a catalog zone whose consumers should serve it (RFC 9432). */
class CatalogDiagnosticsTest {

  private static final Name CATALOG = name("catalog.example.net.");
  // RFC 9432's example timers: a consumer that missed the NOTIFY catches up within 70 minutes.
  private static final SoaData CATALOG_SOA = soa(1_800_000_000L, 3_600, 600, 2_147_483_646L, 0);

  private final Scenario s = new Scenario();

  CatalogDiagnosticsTest() {
    s.config.catalogMembership("Catalog.Example.NET", "tmplA");
  }

  private Set<DiagnosticCode> codes() {
    return s.codes();
  }

  private Finding only(DiagnosticCode code) {
    List<Finding> found = s.report().findings(code);
    assertEquals(1, found.size(), found::toString);
    return found.get(0);
  }

  private void secondaryAnswers(int rcode, boolean aa, boolean soa) {
    for (Transport t : List.of(Transport.UDP, Transport.TCP)) {
      s.probe(
          SoaProbe.answered(
              NS1_SECONDARY,
              ip("192.0.2.1"),
              t,
              rcode,
              aa,
              soa
                  ? Optional.of(Scenario.soa(Scenario.SERIAL, 14_400, 3_600, 1_209_600, 3_600))
                  : Optional.empty()));
    }
  }

  @Test
  void aListedZoneServedByEverySecondaryHasNoCatalogFinding() {
    s.catalogListing = CatalogListing.listed(CATALOG, CATALOG_SOA, NOW.minus(Duration.ofDays(2)));
    assertEquals(EnumSet.noneOf(DiagnosticCode.class), codes());
  }

  @Test
  void aSecondaryThatRefusesAZoneListedLongAgoFailedToProvisionIt() {
    s.catalogListing = CatalogListing.listed(CATALOG, CATALOG_SOA, NOW.minus(Duration.ofHours(2)));
    secondaryAnswers(Rcode.REFUSED, false, false);

    assertEquals(EnumSet.of(CATALOG_MEMBER_NOT_SERVED), codes());
    Finding f = only(CATALOG_MEMBER_NOT_SERVED);
    assertEquals(Severity.WARNING, f.severity());
    assertEquals(List.of(NS1_SECONDARY), f.nameServers());
    assertEquals(List.of(ip("192.0.2.1")), f.addresses());
    assertTrue(f.message().contains("catalog zone catalog.example.net lists it"), f.message());
    assertTrue(f.message().contains("answered REFUSED"), f.message());
    assertTrue(f.message().contains("listed 2 hours ago"), f.message());
    assertTrue(f.remedy().contains("consumes the catalog zone catalog.example.net"), f.remedy());
    assertEquals(ServerStatus.WARNING, s.report().nameServer(NS1_SECONDARY).orElseThrow().status());
  }

  @Test
  void notAuthoritativeAndNoSoaAreNotServingEither() {
    s.catalogListing = CatalogListing.listed(CATALOG, CATALOG_SOA, NOW.minus(Duration.ofDays(1)));
    secondaryAnswers(Rcode.NOTAUTH, false, false);
    assertTrue(only(CATALOG_MEMBER_NOT_SERVED).message().contains("NOTAUTH"));
    secondaryAnswers(Rcode.NOERROR, true, false);
    assertTrue(only(CATALOG_MEMBER_NOT_SERVED).message().contains("without an SOA record"));
  }

  @Test
  void withinTheCatalogsRefreshPlusRetryItIsStillOnItsWay() {
    s.catalogListing =
        CatalogListing.listed(CATALOG, CATALOG_SOA, NOW.minus(Duration.ofMinutes(70)));
    secondaryAnswers(Rcode.REFUSED, false, false);
    assertEquals(EnumSet.of(CATALOG_MEMBER_PROPAGATING), codes());
    Finding f = only(CATALOG_MEMBER_PROPAGATING);
    assertEquals(Severity.PENDING, f.severity());
    assertTrue(f.message().contains("does not serve the zone yet"), f.message());
    assertEquals(ServerStatus.PENDING, s.report().nameServer(NS1_SECONDARY).orElseThrow().status());

    s.catalogListing =
        CatalogListing.listed(
            CATALOG, CATALOG_SOA, NOW.minus(Duration.ofMinutes(70).plusSeconds(1)));
    assertEquals(EnumSet.of(CATALOG_MEMBER_NOT_SERVED), codes());
  }

  @Test
  void aPrimaryNameServerStaysLameWhateverTheCatalog() {
    s.catalogListing = CatalogListing.listed(CATALOG, CATALOG_SOA, NOW.minus(Duration.ofDays(1)));
    for (Transport t : List.of(Transport.UDP, Transport.TCP)) {
      s.probe(
          SoaProbe.answered(
              NS1_PRIMARY, ip("198.51.100.10"), t, Rcode.SERVFAIL, false, Optional.empty()));
    }
    assertEquals(EnumSet.of(NAME_SERVER_LAME), codes());
  }

  @Test
  void withoutMembershipTheListingIsIgnoredAndALameSecondaryIsJustLame() {
    s.config.noCatalogMembership();
    s.catalogListing = CatalogListing.listed(CATALOG, CATALOG_SOA, NOW.minus(Duration.ofDays(1)));
    secondaryAnswers(Rcode.REFUSED, false, false);
    assertEquals(EnumSet.of(NAME_SERVER_LAME), codes());
  }

  @Test
  void aCatalogThatDoesNotListTheZoneIsReported() {
    s.catalogListing = CatalogListing.notListed(CATALOG, CATALOG_SOA);
    secondaryAnswers(Rcode.REFUSED, false, false);
    assertEquals(EnumSet.of(CATALOG_MEMBER_NOT_LISTED, NAME_SERVER_LAME), codes());
    Finding f = only(CATALOG_MEMBER_NOT_LISTED);
    assertTrue(f.message().contains("(serial 1800000000) does not list it"), f.message());
  }

  @Test
  void anUnknownOrForeignListingIsNotJudged() {
    secondaryAnswers(Rcode.REFUSED, false, false);
    assertEquals(EnumSet.of(CATALOG_LISTING_UNKNOWN, NAME_SERVER_LAME), codes());
    assertTrue(only(CATALOG_LISTING_UNKNOWN).code().isNotJudged());

    s.catalogListing =
        CatalogListing.listed(name("other.example.net."), CATALOG_SOA, NOW.minusSeconds(1));
    assertEquals(EnumSet.of(CATALOG_LISTING_UNKNOWN, NAME_SERVER_LAME), codes());
  }
}
