package io.github.secdns.providers.internal;

import io.github.secdns.core.config.Confidence;
import io.github.secdns.core.config.Provenance;
import io.github.secdns.core.spi.AbstractProviderPreset;
import io.github.secdns.core.spi.PresetCapabilities;
import io.github.secdns.core.spi.PresetDefinition;
import io.github.secdns.core.spi.Support;

/**
 * easyDNS as a secondary.
 *
 * <p>Sources of the values:
 *
 * <ul>
 *   <li>Name servers {@code dns1.easydns.com}, {@code dns2.easydns.net}, {@code dns3.easydns.ca}
 *       and the transfer address 64.68.200.91: DNSimple's current preset, in the screenshot {@code
 *       content/files/secondary-dns-configured.png} at commit 56bd067c (2024-10) of
 *       dnsimple/dnsimple-support.
 *   <li>NOTIFY target 64.68.200.91 ({@code xfr0.easydns.com}): Debian's zone files notify exactly
 *       this address, labelled {@code xfr0.easydns.com} (aburch/debian-domains, file {@code
 *       debian.es}).
 *   <li>IPv4 primary only, given as an address: DNSimple's article {@code
 *       secondary-dns-provider-easy-dns}: easyDNS accepts only IPv4 for the primary, which the
 *       customer enters as "primary NS" (the address 18.189.127.127 in DNSimple's example).
 *   <li>TSIG, IXFR, catalog zones, XoT: no source says; left unknown.
 *   <li>Confidence: medium for every value: DNSimple's preset and Debian's zone configuration, not
 *       easyDNS's own documentation.
 * </ul>
 *
 * <p>Known disagreements, written down rather than hidden:
 *
 * <ul>
 *   <li>The third name server: DNSimple's preset has {@code dns3.easydns.ca}; Debian's zone files
 *       have {@code dns3.easydns.org} (and a fourth, {@code dns4.easydns.info}). This preset
 *       follows DNSimple's, the newer source.
 *   <li>DNSimple's 2015 preset ({@code easy-dns-enabling.png} at commit 96cf0646) listed {@code
 *       xfr0.easydns.com} as the only name server; that is easyDNS's transfer host, not a name
 *       server to publish, and the 2024 preset replaced it.
 * </ul>
 *
 * <p>Last verified: the values were read from the DNSimple support repository snapshot of
 * 2026-08-21.
 */
public final class EasyDnsPreset extends AbstractProviderPreset {

  private static final Provenance DEBIAN =
      new Provenance(
          "aburch/debian-domains debian.es: also-notify 64.68.200.91 (xfr0.easydns.com)",
          Sources.DNSIMPLE_SUPPORT_SNAPSHOT,
          Confidence.MEDIUM);

  /** The preset id. */
  public static final String ID = "easydns";

  /** Creates the preset. */
  public EasyDnsPreset() {
    super(
        PresetDefinition.builder(ID)
            .displayName("easyDNS")
            .source(
                Sources.dnsimple("content/files/secondary-dns-configured.png@56bd067c (2024-10)"))
            .nameServers("dns1.easydns.com", "dns2.easydns.net", "dns3.easydns.ca")
            .transferSource("64.68.200.91", "xfr0.easydns.com")
            .notifyTarget("64.68.200.91", v -> v.label("xfr0.easydns.com").source(DEBIAN))
            .capabilities(
                PresetCapabilities.unknown()
                    .withIpv6Primary(Support.NOT_SUPPORTED)
                    .withPrimaryHostName(Support.NOT_SUPPORTED))
            .documentation("https://support.dnsimple.com/articles/secondary-dns-provider-easy-dns/")
            .lastVerified(Sources.DNSIMPLE_SUPPORT_SNAPSHOT)
            .note(
                "At easyDNS, enter the primary's IPv4 address as the \"primary NS\": easyDNS"
                    + " accepts only IPv4 for the primary.")
            .note("The first transfer can take up to an hour.")
            .note(
                "easyDNS expects the primary's serial to be higher than the one it holds; a serial"
                    + " that goes backwards is not transferred.")
            .note(
                "Sources disagree on the third name server: DNSimple's preset has dns3.easydns.ca,"
                    + " Debian's zone files have dns3.easydns.org (plus dns4.easydns.info). Use the"
                    + " names easyDNS shows in your account if they differ.")
            .build());
  }
}
