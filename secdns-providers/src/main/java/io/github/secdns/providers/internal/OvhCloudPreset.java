package io.github.secdns.providers.internal;

import io.github.secdns.core.config.Confidence;
import io.github.secdns.core.spi.AbstractProviderPreset;
import io.github.secdns.core.spi.PresetDefinition;

/**
 * OVHcloud's secondary DNS for dedicated servers and VPS.
 *
 * <p>Sources of the values:
 *
 * <ul>
 *   <li>Transfer source 213.251.188.141 ({@code sdns2.ovh.net}): OVHcloud's guide, ovh/docs {@code
 *       pages/cloud/dedicated/adding-secondary-dns-on-dedicated-server/guide.en-gb.md} ("Last
 *       updated 13th June 2018"): {@code acl trusted-servers { 213.251.188.141; // sdns2.ovh.net
 *       };}. Confidence medium: the guide is dated, and ovh/docs#3512 (2022, open) says the docs do
 *       not say which address to allow (a 2024 comment guesses sdns2's A record).
 *   <li>Name servers: assigned per server ({@code sdns1}/{@code sdns2.ovh.net}, {@code
 *       ns.kimsufi.com} for Kimsufi), so the customer supplies them; sdns1's address, the NOTIFY
 *       target and TSIG are not documented.
 * </ul>
 */
public final class OvhCloudPreset extends AbstractProviderPreset {

  /** The preset id. */
  public static final String ID = "ovhcloud";

  /** Creates the preset. */
  public OvhCloudPreset() {
    super(
        PresetDefinition.builder(ID)
            .displayName("OVHcloud secondary DNS (dedicated servers, VPS)")
            .source(
                Sources.research(
                    "ovh/docs pages/cloud/dedicated/adding-secondary-dns-on-dedicated-server/"
                        + "guide.en-gb.md (last updated 2018-06-13)",
                    Confidence.MEDIUM))
            .customerSuppliedNameServers(
                "the secondary DNS server OVHcloud assigned to your server in its control panel,"
                    + " such as sdns2.ovh.net (ns.kimsufi.com for Kimsufi)")
            .transferSource("213.251.188.141", "sdns2.ovh.net")
            .customerSuppliedTransferSources(
                "the address of your assigned secondary DNS server if it is not sdns2.ovh.net"
                    + " (sdns1.ovh.net's address is not published)")
            .customerSuppliedNotifyTargets(
                "OVHcloud publishes no NOTIFY address; the zone is refreshed on OVHcloud's"
                    + " schedule")
            .lastVerified(Sources.RESEARCH_2026_12)
            .note(
                "OVHcloud checks that you own the domain with a TXT record 'ownercheck' before it"
                    + " adds the zone.")
            .note("Users report several hours between a change and OVHcloud's transfer.")
            .build());
  }
}
