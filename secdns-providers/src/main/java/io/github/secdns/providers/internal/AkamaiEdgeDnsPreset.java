package io.github.secdns.providers.internal;

import io.github.secdns.core.spi.AbstractProviderPreset;
import io.github.secdns.core.spi.PresetCapabilities;
import io.github.secdns.core.spi.PresetDefinition;
import io.github.secdns.core.spi.Support;

/**
 * Akamai Edge DNS secondary zones (not Linode's DNS Manager, see {@link LinodePreset}). The preset
 * pre-fills nothing: it says what to paste.
 *
 * <p>Sources (official): Akamai's techdocs
 * (https://techdocs.akamai.com/edge-dns/docs/config-second-zones) and "Restrict zone transfers to
 * the zone transfer agents": "To obtain a list of ZTAs, subscribe to Control Center's firewall
 * rules notification service ... select Edge DNS Zone Transfer Agents." The zone transfer agents do
 * AXFR, and IXFR when the primary supports it; TSIG is supported. Name servers are assigned per
 * zone. The addresses are not public, so none is pre-filled; Akamai's NOTIFY addresses were not
 * found.
 */
public final class AkamaiEdgeDnsPreset extends AbstractProviderPreset {

  /** The preset id. */
  public static final String ID = "akamai-edge-dns";

  private static final String DOCS =
      "https://techdocs.akamai.com/edge-dns/docs/config-second-zones";

  /** Creates the preset. */
  public AkamaiEdgeDnsPreset() {
    super(
        PresetDefinition.builder(ID)
            .displayName("Akamai Edge DNS")
            .customerSuppliedNameServers(
                "the name servers Akamai Control Center shows for the secondary zone")
            .customerSuppliedTransferSources(
                "the Edge DNS zone transfer agents: subscribe to Control Center's firewall rules"
                    + " notifications and select Edge DNS Zone Transfer Agents")
            .customerSuppliedNotifyTargets(
                "Akamai's NOTIFY addresses were not found in public sources; ask Akamai, or rely"
                    + " on the zone's refresh")
            .capabilities(
                PresetCapabilities.unknown()
                    .withTsig(Support.SUPPORTED)
                    .withIxfr(Support.SUPPORTED))
            .documentation(DOCS)
            .lastVerified(Sources.RESEARCH_2026_12)
            .build());
  }
}
