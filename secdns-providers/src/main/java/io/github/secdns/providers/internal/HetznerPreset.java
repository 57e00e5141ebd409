package io.github.secdns.providers.internal;

import io.github.secdns.core.config.Confidence;
import io.github.secdns.core.spi.AbstractProviderPreset;
import io.github.secdns.core.spi.PresetCapabilities;
import io.github.secdns.core.spi.PresetDefinition;
import io.github.secdns.core.spi.Support;

/**
 * Hetzner's secondary DNS (Robot "Slave DNS entry", DNS Console and Hetzner Console secondary
 * zones).
 *
 * <p>Sources of the values (confidence: medium, verify before use):
 *
 * <ul>
 *   <li>Name servers and their addresses: the list germanbrew/terraform-provider-hetznerdns
 *       hard-codes ({@code internal/api/nameserver.go} at commit b6740d4b, "the list is hard-coded
 *       because Hetzner DNS does not provide an API to retrieve this information"); Hetzner's page
 *       that lists them was not found.
 *   <li>Transfer sources = NOTIFY targets: Hetzner's documentation states the model ("Send NOTIFY
 *       packages to the IP addresses of the secondary name servers / Allow AXFR/IXFR requests from
 *       the IP addresses of the secondary name servers", docs.hetzner.com, 2025-10-07).
 *   <li>TSIG: supported (Hetzner's API takes a TSIG algorithm and key for the primary). IPv6:
 *       Hetzner transfers over IPv6.
 * </ul>
 *
 * <p>Known disagreements: community configurations give robotns2 as 213.133.105.6 /
 * 2a01:4f8:d0a:2004::2 and robotns3's IPv6 as 2a00:1158:4::add:a3, most likely older addresses;
 * they are not pre-filled. The Hetzner Console (2025 on) shows the name servers per zone; whether
 * they are this set is unconfirmed.
 */
public final class HetznerPreset extends AbstractProviderPreset {

  /** The preset id. */
  public static final String ID = "hetzner";

  /** Creates the preset. */
  public HetznerPreset() {
    super(build());
  }

  private static PresetDefinition build() {
    PresetDefinition.Builder b =
        PresetDefinition.builder(ID)
            .displayName("Hetzner")
            .source(
                Sources.research(
                    "germanbrew/terraform-provider-hetznerdns internal/api/nameserver.go@b6740d4b"
                        + " (hard-coded list)",
                    Confidence.MEDIUM))
            .nameServers("ns1.first-ns.de", "robotns2.second-ns.de", "robotns3.second-ns.com");
    String[][] servers = {
      {"213.239.242.238", "ns1.first-ns.de"},
      {"213.133.100.103", "robotns2.second-ns.de"},
      {"193.47.99.3", "robotns3.second-ns.com"},
      {"2a01:4f8:0:a101::a:1", "ns1.first-ns.de"},
      {"2a01:4f8:0:1::5ddc:2", "robotns2.second-ns.de"},
      {"2001:67c:192c::add:a3", "robotns3.second-ns.com"}
    };
    // Hetzner pulls from and listens for NOTIFY on its name servers' addresses.
    for (String[] server : servers) {
      b.transferSource(server[0], server[1]).notifyTarget(server[0], server[1]);
    }
    return b.capabilities(
            PresetCapabilities.unknown()
                .withIpv6Primary(Support.SUPPORTED)
                .withTsig(Support.SUPPORTED))
        .documentation("https://docs.hetzner.com/networking/dns/howto-secondary-zones/dns-software")
        .lastVerified(Sources.RESEARCH_2026_12)
        .note(
            "The addresses come from a third-party list of Hetzner's name servers, not from"
                + " Hetzner: check them against the name servers Hetzner shows for the zone.")
        .note(
            "Older community lists give robotns2 as 213.133.105.6 / 2a01:4f8:d0a:2004::2 and"
                + " robotns3 as 2a00:1158:4::add:a3; add them only if transfers are refused.")
        .build();
  }
}
