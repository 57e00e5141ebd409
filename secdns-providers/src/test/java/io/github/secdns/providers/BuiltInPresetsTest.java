package io.github.secdns.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.config.AddressPrefix;
import io.github.secdns.core.config.Confidence;
import io.github.secdns.core.config.Provenance;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.preset.PresetApplication;
import io.github.secdns.core.preset.PresetApplier;
import io.github.secdns.core.preset.PresetDiscovery;
import io.github.secdns.core.preset.PresetWarning;
import io.github.secdns.core.preset.PresetWarningCode;
import io.github.secdns.core.preset.ProviderPresets;
import io.github.secdns.core.spi.PresetDefinition;
import io.github.secdns.core.spi.PresetKind;
import io.github.secdns.core.spi.PresetNotifyTarget;
import io.github.secdns.core.spi.ProviderPreset;
import io.github.secdns.core.spi.Support;
import io.github.secdns.core.spi.TransferSource;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

/** The built-in presets hold exactly the values their sources give, on the right days. */
class BuiltInPresetsTest {

  private static final ProviderPresets BUILT_IN = BuiltInPresets.registry();

  private static PresetDefinition preset(String id) {
    return BUILT_IN.get(id).definition();
  }

  private static List<String> names(ProviderPreset p) {
    return p.nameServers().fixed().stream().map(Name::toString).toList();
  }

  private static List<String> sources(List<TransferSource> sources) {
    return sources.stream().map(TransferSource::prefix).map(AddressPrefix::toString).toList();
  }

  private static List<String> sources(ProviderPreset p) {
    return sources(p.transferSources());
  }

  private static List<String> notify(List<PresetNotifyTarget> targets) {
    return targets.stream()
        .map(PresetNotifyTarget::address)
        .map(a -> AddressPrefix.of(a).toString())
        .toList();
  }

  private static List<String> notify(ProviderPreset p) {
    return notify(p.notifyTargets());
  }

  private static LocalDate day(int year, int month, int day) {
    return LocalDate.of(year, month, day);
  }

  @Test
  void allBuiltInsAreListedInIdOrder() {
    assertEquals(
        List.of(
            "akamai-edge-dns",
            "azure-dns",
            "buddyns",
            "cloudflare",
            "cloudns",
            "desec",
            "dnsmadeeasy",
            "dyn-managed",
            "dyn-standard",
            "easydns",
            "google-cloud-dns",
            "hetzner",
            "hurricane-electric",
            "linode",
            "netnod",
            "ns1",
            "ovhcloud",
            "rcodezero",
            "route53",
            "ultradns"),
        BUILT_IN.ids());
    assertEquals(BUILT_IN.ids(), BuiltInPresets.all().stream().map(ProviderPreset::id).toList());
    assertEquals(
        List.of(
            BuiltInPresets.AKAMAI_EDGE_DNS,
            BuiltInPresets.AZURE_DNS,
            BuiltInPresets.BUDDYNS,
            BuiltInPresets.CLOUDFLARE,
            BuiltInPresets.CLOUDNS,
            BuiltInPresets.DESEC,
            BuiltInPresets.DNS_MADE_EASY,
            BuiltInPresets.DYN_MANAGED,
            BuiltInPresets.DYN_STANDARD,
            BuiltInPresets.EASYDNS,
            BuiltInPresets.GOOGLE_CLOUD_DNS,
            BuiltInPresets.HETZNER,
            BuiltInPresets.HURRICANE_ELECTRIC,
            BuiltInPresets.LINODE,
            BuiltInPresets.NETNOD,
            BuiltInPresets.NS1,
            BuiltInPresets.OVHCLOUD,
            BuiltInPresets.RCODEZERO,
            BuiltInPresets.ROUTE53,
            BuiltInPresets.ULTRADNS),
        BUILT_IN.ids());
  }

  @Test
  void discoveryOnTheClassPathFindsExactlyTheBuiltIns() {
    PresetDiscovery d = ProviderPresets.discover(BuiltInPresetsTest.class.getClassLoader());
    assertFalse(d.hasProblems(), d.toString());
    assertEquals(BUILT_IN, d.presets());
  }

  // ---- provenance: only official or medium values, each dated

  @Test
  void everyValueHasASourceOfOfficialOrMediumConfidenceReadByItsLastVerification() {
    for (ProviderPreset p : BUILT_IN.list()) {
      PresetDefinition d = p.definition();
      LocalDate verified = d.lastVerified().orElseThrow(() -> new AssertionError(d.id()));
      int values =
          d.transferSources().size()
              + d.notifyTargets().size()
              + (d.nameServers().fixed().isEmpty() ? 0 : 1);
      assertEquals(values, d.provenances().size(), d.id() + ": a value without a source");
      for (Provenance source : d.provenances()) {
        assertTrue(
            source.confidence() == Confidence.OFFICIAL || source.confidence() == Confidence.MEDIUM,
            d.id() + ": " + source);
        assertFalse(source.read().isAfter(verified), d.id() + ": " + source);
      }
    }
  }

  @Test
  void officialAndCommunityValuesAreTold() {
    for (String id : List.of("cloudflare", "linode", "ultradns", "ns1")) {
      preset(id)
          .provenances()
          .forEach(p -> assertEquals(Confidence.OFFICIAL, p.confidence(), id + ": " + p));
    }
    for (String id :
        List.of("hurricane-electric", "hetzner", "rcodezero", "ovhcloud", "dnsmadeeasy")) {
      preset(id)
          .provenances()
          .forEach(p -> assertEquals(Confidence.MEDIUM, p.confidence(), id + ": " + p));
    }
  }

  // ---- kinds

  @Test
  void servicesThatCannotBeSecondariesHaveAReasonAndNoValues() {
    for (String id : List.of("route53", "azure-dns", "google-cloud-dns", "desec")) {
      PresetDefinition d = preset(id);
      assertEquals(PresetKind.NOT_A_SECONDARY, d.kind(), id);
      assertTrue(d.notASecondaryReason().orElseThrow().contains("cannot pull"), id);
      assertTrue(d.transferSources().isEmpty() && d.notifyTargets().isEmpty(), id);
    }
    assertTrue(preset("route53").notes().get(0).contains("No stored source"));
    assertEquals(
        List.of("azure-dns", "desec", "google-cloud-dns", "route53"),
        BUILT_IN.list().stream()
            .filter(p -> p.kind() == PresetKind.NOT_A_SECONDARY)
            .map(ProviderPreset::id)
            .toList());
  }

  @Test
  void perCustomerNameServersAreSuppliedByTheCustomer() {
    assertEquals(
        List.of(
            "akamai-edge-dns",
            "buddyns",
            "cloudflare",
            "cloudns",
            "dyn-managed",
            "dyn-standard",
            "netnod",
            "ns1",
            "ovhcloud",
            "ultradns"),
        BUILT_IN.list().stream()
            .filter(p -> p.nameServers().customerSupplied())
            .map(ProviderPreset::id)
            .toList());
  }

  @Test
  void providersWithoutPublishedAddressesSayWhatToPaste() {
    for (String id : List.of("buddyns", "cloudns", "netnod", "akamai-edge-dns")) {
      PresetDefinition d = preset(id);
      assertTrue(d.transferSources().isEmpty(), id);
      assertTrue(d.transferSourcesHint().isPresent(), id);
      assertTrue(d.notifyTargetsHint().isPresent(), id);
    }
    assertTrue(preset("buddyns").transferSourcesHint().orElseThrow().contains("buddyns.com"));
    assertTrue(preset("cloudns").transferSourcesHint().orElseThrow().contains("Bind settings"));
  }

  @Test
  void onlyTheDynPresetsAreDeprecatedAndApplyingThemWarns() {
    assertEquals(
        List.of("dyn-managed", "dyn-standard"),
        BUILT_IN.list().stream()
            .filter(ProviderPreset::deprecated)
            .map(ProviderPreset::id)
            .toList());
    PresetApplication a =
        PresetApplier.apply(
            BUILT_IN.get("dyn-standard"),
            "example.com",
            List.of("ns2.mydyndns.org"),
            Clock.systemUTC());
    PresetWarning first = a.warnings().get(0);
    assertEquals(PresetWarningCode.DEPRECATED_PRESET, first.code());
    assertTrue(first.message().startsWith("Dyn Standard is deprecated: "), first.message());
  }

  // ---- the values, per provider

  @Test
  void dnsMadeEasyHasDnsimplesValuesAndAcceptsOnlyAnIpv4Address() {
    ProviderPreset p = BUILT_IN.get("dnsmadeeasy");
    assertEquals(
        List.of("ns5.dnsmadeeasy.com.", "ns6.dnsmadeeasy.com.", "ns7.dnsmadeeasy.com."), names(p));
    assertEquals(List.of("208.94.147.135", "208.94.150.198", "63.219.151.12"), sources(p));
    assertEquals(sources(p), notify(p));
    assertEquals(Support.NOT_SUPPORTED, p.capabilities().ipv6Primary());
    assertEquals(Support.NOT_SUPPORTED, p.capabilities().primaryHostName());
    assertFalse(p.deprecated());
  }

  @Test
  void easyDnsHasDnsimplesValuesAndAcceptsOnlyAnIpv4Address() {
    ProviderPreset p = BUILT_IN.get("easydns");
    assertEquals(List.of("dns1.easydns.com.", "dns2.easydns.net.", "dns3.easydns.ca."), names(p));
    assertEquals(List.of("64.68.200.91"), sources(p));
    assertEquals(List.of("64.68.200.91"), notify(p));
    assertEquals(Support.NOT_SUPPORTED, p.capabilities().ipv6Primary());
    assertEquals(Support.NOT_SUPPORTED, p.capabilities().primaryHostName());
    assertTrue(
        p.notes().stream().anyMatch(n -> n.contains("dns3.easydns.org")),
        "the dns3 disagreement is written down");
  }

  @Test
  void dynPresetsAreDeprecatedAndNeedCustomerSuppliedNameServers() {
    ProviderPreset standard = BUILT_IN.get("dyn-standard");
    assertTrue(standard.deprecated());
    assertTrue(standard.nameServers().customerHint().orElseThrow().contains("mydyndns.org"));
    assertEquals(
        List.of("204.13.249.76", "208.78.69.76", "203.62.195.76", "91.198.22.76"),
        sources(standard));
    assertEquals(List.of(), notify(standard));

    ProviderPreset managed = BUILT_IN.get("dyn-managed");
    assertTrue(managed.deprecationReason().orElseThrow().contains("retired"));
    assertTrue(managed.nameServers().customerHint().orElseThrow().contains("dynect.net"));
    assertEquals(
        List.of("204.13.249.65", "208.78.68.65", "2600:2001:0:1::65", "2600:2003:0:1::65"),
        sources(managed));
    assertEquals(List.of("208.78.68.65"), notify(managed));
    assertTrue(
        managed.notes().stream().anyMatch(n -> n.contains("204.13.248.65")),
        "the 204.13.249.65 / 204.13.248.65 disagreement is written down");
  }

  @Test
  void cloudflareMovedToItsNewRangesAndTheOldOnesEndedOnDecemberFirst() {
    PresetDefinition p = preset("cloudflare");
    List<String> newer = List.of("104.30.167.163", "104.30.167.173", "2a09:bac0:1000:c47::/64");
    List<String> older =
        List.of(
            "198.41.144.240/28", "198.41.150.240/28", "2a06:98c0:3601::/48", "2a06:98c0:1401::/48");
    assertEquals(older, sources(p.transferSourcesOn(day(2026, 4, 14))));
    assertEquals(
        java.util.stream.Stream.concat(newer.stream(), older.stream()).toList(),
        sources(p.transferSourcesOn(day(2026, 4, 15))));
    assertEquals(
        java.util.stream.Stream.concat(newer.stream(), older.stream()).toList(),
        sources(p.transferSourcesOn(day(2026, 11, 30))));
    assertEquals(newer, sources(p.transferSourcesOn(day(2026, 12, 1))));
    List<String> notify =
        List.of(
            "172.65.30.82",
            "172.65.50.145",
            "2606:4700:60:0:317:26ee:3bdf:5774",
            "2606:4700:60:0:35a:4be3:4144:c5ee");
    assertEquals(notify, notify(p.notifyTargetsOn(day(2026, 11, 30))));
    assertEquals(notify, notify(p.notifyTargetsOn(day(2026, 12, 1))));
    assertTrue(p.nameServers().customerHint().orElseThrow().contains("secondary.cloudflare.com"));
    assertEquals(Support.SUPPORTED, p.capabilities().tsig());
    assertEquals(Support.SUPPORTED, p.capabilities().ixfr());
  }

  @Test
  void applyingCloudflareTodayGivesOnlyItsNewAddresses() {
    Clock firstOfDecember =
        Clock.fixed(java.time.Instant.parse("2026-12-01T08:00:00Z"), ZoneOffset.UTC);
    SecondaryDnsConfiguration c =
        PresetApplier.apply(
                BUILT_IN.get("cloudflare"),
                "example.com",
                List.of("ns0123.secondary.cloudflare.com"),
                firstOfDecember)
            .builder()
            .build();
    assertEquals(
        List.of("104.30.167.163", "104.30.167.173", "2a09:bac0:1000:c47::/64"),
        c.transferAcl().stream().map(e -> e.prefix().toString()).toList());
    assertEquals(
        Confidence.OFFICIAL, c.transferAcl().get(0).provenance().orElseThrow().confidence());
  }

  @Test
  void linodeReplacedTwoAddressesOnTheirDays() {
    PresetDefinition p = preset("linode");
    assertEquals(
        List.of(
            "ns1.linode.com.",
            "ns2.linode.com.",
            "ns3.linode.com.",
            "ns4.linode.com.",
            "ns5.linode.com."),
        names(p));
    List<String> before2023 = sources(p.transferSourcesOn(day(2023, 2, 6)));
    List<String> from2023 = sources(p.transferSourcesOn(day(2023, 2, 7)));
    assertTrue(before2023.contains("65.19.178.10") && !before2023.contains("45.79.109.10"));
    assertTrue(from2023.contains("45.79.109.10") && !from2023.contains("65.19.178.10"));
    List<String> before2020 = sources(p.transferSourcesOn(day(2020, 12, 14)));
    List<String> from2020 = sources(p.transferSourcesOn(day(2020, 12, 15)));
    assertTrue(before2020.contains("75.127.96.10") && !before2020.contains("74.207.225.10"));
    assertTrue(from2020.contains("74.207.225.10") && !from2020.contains("75.127.96.10"));
    assertEquals(
        List.of(
            "104.237.137.10",
            "207.192.70.10",
            "109.74.194.10",
            "2600:3c00::a",
            "2600:3c01::a",
            "2600:3c02::a",
            "2600:3c03::a",
            "2a01:7e00::a",
            "45.79.109.10",
            "74.207.225.10"),
        sources(p.transferSourcesOn(day(2026, 12, 2))));
    assertEquals(
        sources(p.transferSourcesOn(day(2026, 12, 2))),
        notify(p.notifyTargetsOn(day(2026, 12, 2))));
    assertEquals(Support.NOT_SUPPORTED, p.capabilities().primaryHostName());
    assertTrue(p.notes().stream().anyMatch(n -> n.contains("143.42.7.10")), "unconfirmed noted");
  }

  @Test
  void ultraDnsHasItsNoteOf2023() {
    PresetDefinition p = preset("ultradns");
    assertEquals(15, p.transferSources().size());
    assertTrue(sources(p).containsAll(List.of("23.21.200.163", "52.10.63.3", "176.34.183.208")));
    assertTrue(sources(p).stream().allMatch(s -> !s.contains(":")), "IPv4 only");
    assertEquals(
        List.of("54.217.202.161", "107.21.214.87", "54.245.253.13", "23.21.48.87", "23.21.59.232"),
        notify(p));
    assertEquals(Support.SUPPORTED, p.capabilities().tsig());
  }

  @Test
  void ns1HasItsTransferAddressOnlyAndSaysSoForNotify() {
    PresetDefinition p = preset("ns1");
    assertEquals(List.of("192.135.223.10"), sources(p));
    assertEquals(List.of(), notify(p));
    assertTrue(p.notifyTargetsHint().orElseThrow().contains("does not publish"));
    assertTrue(p.transferSourcesHint().orElseThrow().contains("network 0"));
  }

  @Test
  void hurricaneElectricHasTheCommunitysValuesAndTheirDisagreement() {
    PresetDefinition p = preset("hurricane-electric");
    assertEquals(List.of("ns2.he.net.", "ns3.he.net.", "ns4.he.net.", "ns5.he.net."), names(p));
    assertEquals(List.of("216.218.133.2", "2001:470:600::2"), sources(p));
    assertEquals(List.of("216.218.130.2"), notify(p));
    assertTrue(p.notes().stream().anyMatch(n -> n.contains("one sends it to 216.218.133.2")));
  }

  @Test
  void hetznerPullsAndListensOnItsNameServersAddresses() {
    PresetDefinition p = preset("hetzner");
    assertEquals(
        List.of("ns1.first-ns.de.", "robotns2.second-ns.de.", "robotns3.second-ns.com."), names(p));
    assertEquals(
        List.of(
            "213.239.242.238",
            "213.133.100.103",
            "193.47.99.3",
            "2a01:4f8:0:a101::a:1",
            "2a01:4f8:0:1::5ddc:2",
            "2001:67c:192c::add:a3"),
        sources(p));
    assertEquals(sources(p), notify(p));
    assertTrue(p.notes().stream().anyMatch(n -> n.contains("213.133.105.6")));
  }

  @Test
  void rcodeZeroHasDebiansValues() {
    PresetDefinition p = preset("rcodezero");
    assertEquals(List.of("sec1.rcode0.net.", "sec2.rcode0.net."), names(p));
    assertEquals(List.of("83.136.34.0/27", "2a02:850:8::/47"), sources(p));
    assertEquals(List.of("83.136.34.7", "2a02:850:8::6"), notify(p));
  }

  @Test
  void ovhCloudHasSdns2AndSaysWhatElseToPaste() {
    PresetDefinition p = preset("ovhcloud");
    assertEquals(List.of("213.251.188.141"), sources(p));
    assertTrue(p.transferSourcesHint().isPresent());
    assertEquals(List.of(), notify(p));
  }

  @Test
  void noBuiltInClaimsCatalogZonesOrXotWithoutASource() {
    for (ProviderPreset p : BUILT_IN.list()) {
      assertEquals(Support.UNKNOWN, p.capabilities().catalogZones(), p.id());
      assertEquals(Support.UNKNOWN, p.capabilities().xot(), p.id());
    }
  }
}
