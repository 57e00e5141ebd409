package io.github.secdns.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.config.AddressPrefix;
import io.github.secdns.core.preset.PresetDiscovery;
import io.github.secdns.core.preset.ProviderPresets;
import io.github.secdns.core.spi.PresetNotifyTarget;
import io.github.secdns.core.spi.ProviderPreset;
import io.github.secdns.core.spi.Support;
import io.github.secdns.core.spi.TransferSource;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

class BuiltInPresetsTest {

  private static final ProviderPresets BUILT_IN = BuiltInPresets.registry();

  private static List<String> names(ProviderPreset p) {
    return p.nameServers().fixed().stream().map(Name::toString).toList();
  }

  private static List<String> sources(ProviderPreset p) {
    return p.transferSources().stream()
        .map(TransferSource::prefix)
        .map(AddressPrefix::toString)
        .toList();
  }

  private static List<String> notify(ProviderPreset p) {
    return p.notifyTargets().stream()
        .map(PresetNotifyTarget::address)
        .map(a -> AddressPrefix.of(a).toString())
        .toList();
  }

  @Test
  void allBuiltInsAreListedInIdOrder() {
    assertEquals(List.of("dnsmadeeasy", "dyn-managed", "dyn-standard", "easydns"), BUILT_IN.ids());
    assertEquals(BUILT_IN.ids(), BuiltInPresets.all().stream().map(ProviderPreset::id).toList());
    assertEquals(
        List.of(
            BuiltInPresets.DNS_MADE_EASY,
            BuiltInPresets.DYN_MANAGED,
            BuiltInPresets.DYN_STANDARD,
            BuiltInPresets.EASYDNS),
        BUILT_IN.ids());
  }

  @Test
  void discoveryOnTheClassPathFindsExactlyTheBuiltIns() {
    PresetDiscovery d = ProviderPresets.discover(BuiltInPresetsTest.class.getClassLoader());
    assertFalse(d.hasProblems(), d.toString());
    assertEquals(BUILT_IN, d.presets());
  }

  @Test
  void dnsMadeEasyHasDnsimplesValuesAndAcceptsOnlyAnIpv4Primary() {
    ProviderPreset p = BUILT_IN.get("dnsmadeeasy");
    assertEquals(
        List.of("ns5.dnsmadeeasy.com.", "ns6.dnsmadeeasy.com.", "ns7.dnsmadeeasy.com."), names(p));
    assertEquals(List.of("208.94.147.135", "208.94.150.198", "63.219.151.12"), sources(p));
    assertEquals(sources(p), notify(p));
    assertEquals(Support.NOT_SUPPORTED, p.capabilities().ipv6Primary());
    assertFalse(p.deprecated());
  }

  @Test
  void easyDnsHasDnsimplesValuesAndAcceptsOnlyAnIpv4Primary() {
    ProviderPreset p = BUILT_IN.get("easydns");
    assertEquals(List.of("dns1.easydns.com.", "dns2.easydns.net.", "dns3.easydns.ca."), names(p));
    assertEquals(List.of("64.68.200.91"), sources(p));
    assertEquals(List.of("64.68.200.91"), notify(p));
    assertEquals(Support.NOT_SUPPORTED, p.capabilities().ipv6Primary());
    assertTrue(
        p.notes().stream().anyMatch(n -> n.contains("dns3.easydns.org")),
        "the dns3 disagreement is written down");
  }

  @Test
  void dynPresetsAreDeprecatedAndNeedCustomerSuppliedNameServers() {
    ProviderPreset standard = BUILT_IN.get("dyn-standard");
    assertTrue(standard.deprecated());
    assertTrue(standard.nameServers().customerSupplied());
    assertTrue(standard.nameServers().customerHint().orElseThrow().contains("mydyndns.org"));
    assertEquals(
        List.of("204.13.249.76", "208.78.69.76", "203.62.195.76", "91.198.22.76"),
        sources(standard));
    assertEquals(List.of(), notify(standard));

    ProviderPreset managed = BUILT_IN.get("dyn-managed");
    assertTrue(managed.deprecated());
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
}
