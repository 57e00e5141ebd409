package io.github.secdns.providers.internal;

import io.github.secdns.core.spi.AbstractProviderPreset;
import io.github.secdns.core.spi.PresetDefinition;

/**
 * Dyn Standard DNS (the legacy DynDNS "Secondary DNS" service). Deprecated: Dyn's DNS services have
 * been retired.
 *
 * <p>Sources of the values:
 *
 * <ul>
 *   <li>Name servers: assigned per account, so the customer supplies them. Dyn gives names such as
 *       {@code nsX.mydyndns.org} or {@code nsXXXX.dns.dyn.com}; Dyn's own list is {@code
 *       ns2.mydyndns.org} (required), {@code ns3}, {@code ns4}, {@code ns5.mydyndns.org}
 *       (http://www.dyndns.com/support/kb/secdns.html; DNSimple's article {@code
 *       secondary-dns-provider-dyn}).
 *   <li>Transfer addresses 204.13.249.76, 208.78.69.76, 203.62.195.76, 91.198.22.76: DNSimple's
 *       preset, screenshot {@code content/files/dyn-standard-enabling.png} at commit 19bc2130
 *       (2017) of dnsimple/dnsimple-support. Dyn's page maps them to its name servers: ns2 =
 *       204.13.249.76, ns3 = 208.78.69.76, ns4 = 91.198.22.76, ns5 = 203.62.195.76; the labels come
 *       from there.
 *   <li>NOTIFY targets: none documented. The research notes infer that Dyn listened for NOTIFY on
 *       the transfer addresses, but no source states it, so the preset has none.
 *   <li>Capabilities: no source says; all unknown.
 *   <li>Deprecation: Dyn (Oracle) retired its DNS products. This comes from general knowledge, not
 *       from the stored sources.
 * </ul>
 *
 * <p>Last verified: the values were read from the DNSimple support repository snapshot of
 * 2026-08-21.
 */
public final class DynStandardPreset extends AbstractProviderPreset {

  /** The preset id. */
  public static final String ID = "dyn-standard";

  /** Creates the preset. */
  public DynStandardPreset() {
    super(
        PresetDefinition.builder(ID)
            .displayName("Dyn Standard")
            .customerSuppliedNameServers(
                "the name servers Dyn assigned to your account, such as"
                    + " ns2.mydyndns.org to ns5.mydyndns.org or nsXXXX.dns.dyn.com")
            .source(Sources.dnsimple("content/files/dyn-standard-enabling.png@19bc2130 (2017)"))
            .transferSource("204.13.249.76", "ns2.mydyndns.org")
            .transferSource("208.78.69.76", "ns3.mydyndns.org")
            .transferSource("203.62.195.76", "ns5.mydyndns.org")
            .transferSource("91.198.22.76", "ns4.mydyndns.org")
            .documentation(Sources.DNSIMPLE_DYN_ARTICLE)
            .lastVerified(Sources.DNSIMPLE_SUPPORT_SNAPSHOT)
            .deprecated(Sources.DYN_RETIRED)
            .note(Sources.DYN_SETUP_DELAY)
            .note("Dyn documents no NOTIFY addresses for this service; none are pre-populated.")
            .build());
  }
}
