package io.github.secdns.providers.internal;

import io.github.secdns.core.config.Confidence;
import io.github.secdns.core.config.Provenance;
import io.github.secdns.core.spi.AbstractProviderPreset;
import io.github.secdns.core.spi.PresetCapabilities;
import io.github.secdns.core.spi.PresetDefinition;
import io.github.secdns.core.spi.Support;
import java.time.LocalDate;

/**
 * Cloudflare as a secondary ("Cloudflare as Secondary", incoming zone transfers).
 *
 * <p>Sources of the values (confidence: official):
 *
 * <ul>
 *   <li>Transfer sources and NOTIFY targets: Cloudflare's page "Cloudflare IP addresses" (ACLs),
 *       cloudflare/cloudflare-docs {@code
 *       src/content/docs/dns/zone-setups/zone-transfers/access-control-lists/cloudflare-ip-addresses.mdx}
 *       at commit 005d79d4: "Since April 15, 2026, Cloudflare sends from the new IP addresses ...
 *       On December 1, 2026, the old IP addresses will stop working." The new addresses are
 *       therefore valid from 2026-04-15, the old ranges until 2026-12-01. The NOTIFY targets are
 *       the same before and after the migration (commit d5d7f977 too).
 *   <li>Name servers: assigned per account ("a format like {@code
 *       ns0123.secondary.cloudflare.com}", convert-partial-to-secondary page, 2026-05-05), so the
 *       customer supplies them.
 *   <li>TSIG (optional, names must match) and IXFR (peer option "Enable incremental (IXFR) zone
 *       transfers"): the setup pages cited by the research notes. IPv6 primary: marked supported
 *       because Cloudflare transfers from IPv6 addresses (an inference, as for Dyn Managed).
 *   <li>Host name for the primary, catalog zones, XoT: no source says; left unknown (the research
 *       found no evidence that Cloudflare consumes catalog zones).
 * </ul>
 */
public final class CloudflarePreset extends AbstractProviderPreset {

  /** The preset id. */
  public static final String ID = "cloudflare";

  private static final String PAGE =
      "https://developers.cloudflare.com/dns/zone-setups/zone-transfers/access-control-lists/"
          + "cloudflare-ip-addresses/";

  private static final Provenance DOCS =
      Sources.research(PAGE + " (cloudflare/cloudflare-docs@005d79d4)", Confidence.OFFICIAL);

  /** The day Cloudflare started to transfer from the new addresses. */
  static final LocalDate NEW_ADDRESSES = LocalDate.of(2026, 4, 15);

  /** The day the old ranges stopped working. */
  static final LocalDate OLD_RANGES_END = LocalDate.of(2026, 12, 1);

  /** Creates the preset. */
  public CloudflarePreset() {
    super(
        PresetDefinition.builder(ID)
            .displayName("Cloudflare")
            .source(DOCS)
            .customerSuppliedNameServers(
                "the nsNNNN.secondary.cloudflare.com names Cloudflare assigned to your account"
                    + " (they have 'secondary' in the name)")
            .transferSource("104.30.167.163", v -> v.validFrom(NEW_ADDRESSES))
            .transferSource("104.30.167.173", v -> v.validFrom(NEW_ADDRESSES))
            .transferSource("2a09:bac0:1000:c47::/64", v -> v.validFrom(NEW_ADDRESSES))
            .transferSource("198.41.144.240/28", v -> v.validUntil(OLD_RANGES_END))
            .transferSource("198.41.150.240/28", v -> v.validUntil(OLD_RANGES_END))
            .transferSource("2a06:98c0:3601::/48", v -> v.validUntil(OLD_RANGES_END))
            .transferSource("2a06:98c0:1401::/48", v -> v.validUntil(OLD_RANGES_END))
            .notifyTarget("172.65.30.82")
            .notifyTarget("172.65.50.145")
            .notifyTarget("2606:4700:60:0:317:26ee:3bdf:5774")
            .notifyTarget("2606:4700:60:0:35a:4be3:4144:c5ee")
            .capabilities(
                PresetCapabilities.unknown()
                    .withIpv6Primary(Support.SUPPORTED)
                    .withTsig(Support.SUPPORTED)
                    .withIxfr(Support.SUPPORTED))
            .documentation(PAGE)
            .lastVerified(Sources.RESEARCH_2026_12)
            .note(
                "Secondary DNS is an Enterprise feature: your Cloudflare account team must enable"
                    + " it for the zone first.")
            .note(
                "Cloudflare transfers from 104.30.167.163, 104.30.167.173 and"
                    + " 2a09:bac0:1000:c47::/64 since 2026-04-15; the old ranges 198.41.144.240/28,"
                    + " 198.41.150.240/28, 2a06:98c0:3601::/48 and 2a06:98c0:1401::/48 stopped"
                    + " working on 2026-12-01.")
            .note("TSIG is optional; the key name must be the same on both sides.")
            .note(
                "Cloudflare ignores the primary's SOA refresh and uses its own zone refresh"
                    + " setting; NOTIFY brings changes at once.")
            .build());
  }
}
