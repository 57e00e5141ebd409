package io.github.secdns.providers.internal;

import io.github.secdns.core.config.Confidence;
import io.github.secdns.core.spi.AbstractProviderPreset;
import io.github.secdns.core.spi.PresetCapabilities;
import io.github.secdns.core.spi.PresetDefinition;
import io.github.secdns.core.spi.Support;

/**
 * NS1 (IBM NS1 Connect) as a secondary.
 *
 * <p>Sources of the values (confidence: official): IBM's "Configuring NS1 as secondary DNS
 * provider"
 * (https://www.ibm.com/docs/en/ns1-connect?topic=started-configuring-ns1-as-secondary-dns-provider)
 * and help.ns1.com articles 360017508173 and 360022089214: "For secondary zones published to the
 * shared Managed DNS network (network 0), the XFR server IP address is 192.135.223.10 ... For
 * secondary zones published to any other network, the correct IP address is provided to you during
 * the initial setup." NS1 allows TSIG for incoming transfers and IXFR. Name servers are assigned
 * per zone (such as {@code dns1.p09.nsone.net}). NS1 does not publish its NOTIFY addresses, so the
 * preset has none and says so.
 */
public final class Ns1Preset extends AbstractProviderPreset {

  /** The preset id. */
  public static final String ID = "ns1";

  private static final String DOCS =
      "https://www.ibm.com/docs/en/ns1-connect?topic=started-configuring-ns1-as-secondary-dns-provider";

  /** Creates the preset. */
  public Ns1Preset() {
    super(
        PresetDefinition.builder(ID)
            .displayName("NS1 Connect (IBM)")
            .source(Sources.research(DOCS, Confidence.OFFICIAL))
            .customerSuppliedNameServers(
                "the name servers NS1 assigned to the secondary zone, such as dns1.p09.nsone.net"
                    + " to dns4.p09.nsone.net")
            .transferSource("192.135.223.10", "NS1 XFR server, network 0")
            .customerSuppliedTransferSources(
                "for a zone on an NS1 network other than the shared network 0, the transfer"
                    + " address NS1 gave you at setup")
            .customerSuppliedNotifyTargets(
                "NS1 does not publish the addresses that receive NOTIFY; ask NS1 for your"
                    + " network's, or rely on the zone's refresh")
            .capabilities(
                PresetCapabilities.unknown()
                    .withTsig(Support.SUPPORTED)
                    .withIxfr(Support.SUPPORTED))
            .documentation(DOCS)
            .lastVerified(Sources.RESEARCH_2026_12)
            .note("Allow AXFR over TCP and SOA queries over UDP from NS1's transfer address.")
            .note("NS1 publishes no IPv6 transfer address.")
            .build());
  }
}
