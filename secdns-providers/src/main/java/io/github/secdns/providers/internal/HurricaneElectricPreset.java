package io.github.secdns.providers.internal;

import io.github.secdns.core.config.Confidence;
import io.github.secdns.core.config.Provenance;
import io.github.secdns.core.spi.AbstractProviderPreset;
import io.github.secdns.core.spi.PresetCapabilities;
import io.github.secdns.core.spi.PresetDefinition;
import io.github.secdns.core.spi.Support;

/**
 * Hurricane Electric's free DNS (dns.he.net) with slave zones.
 *
 * <p>Sources of the values (confidence: medium, verify before use): no Hurricane Electric document
 * was found. Many independent configurations of dns.he.net users agree (research notes
 * providers-2026-12.md section 2):
 *
 * <ul>
 *   <li>transfers come from {@code slave.dns.he.net}, 216.218.133.2 and 2001:470:600::2 (BIND, Knot
 *       and firewall configurations);
 *   <li>NOTIFY goes to {@code ns1.he.net}, 216.218.130.2 (BIND, NSD and Knot configurations);
 *   <li>the name servers to publish are ns2 to ns5.he.net (a hosting panel's "he" preset and a
 *       published NSD zone).
 * </ul>
 *
 * <p>Known disagreements, written down rather than hidden: one panel notifies 216.218.133.2
 * instead; NOTIFY over IPv6 (2001:470:100::2) is reported as not accepted, so it is not pre-filled;
 * some zones also list ns1.he.net, and whether it serves slave zones is unconfirmed. IPv6 primary:
 * marked supported because HE transfers from an IPv6 address (an inference). TSIG: community
 * configurations sign with a key, one reports BADSIG, HE's own statement was not found; left
 * unknown.
 */
public final class HurricaneElectricPreset extends AbstractProviderPreset {

  /** The preset id. */
  public static final String ID = "hurricane-electric";

  private static final Provenance COMMUNITY =
      Sources.research(
          "configurations of dns.he.net users (research notes providers-2026-12.md section 2)",
          Confidence.MEDIUM);

  private static final Provenance PANEL =
      Sources.research(
          "a hosting panel's 'he' preset and bsdlp/dns nsd/zones/cryptogen.io (ns2 to ns5.he.net)",
          Confidence.MEDIUM);

  /** Creates the preset. */
  public HurricaneElectricPreset() {
    super(
        PresetDefinition.builder(ID)
            .displayName("Hurricane Electric (dns.he.net)")
            .source(COMMUNITY)
            .nameServers("ns2.he.net", "ns3.he.net", "ns4.he.net", "ns5.he.net")
            .nameServersSource(PANEL)
            .transferSource("216.218.133.2", "slave.dns.he.net")
            .transferSource("2001:470:600::2", "slave.dns.he.net")
            .notifyTarget("216.218.130.2", "ns1.he.net")
            .capabilities(PresetCapabilities.unknown().withIpv6Primary(Support.SUPPORTED))
            .lastVerified(Sources.RESEARCH_2026_12)
            .note(
                "These values come from the configurations of dns.he.net users, not from"
                    + " Hurricane Electric: check them in the dns.he.net panel.")
            .note(
                "Most configurations send NOTIFY to ns1.he.net (216.218.130.2); one sends it to"
                    + " 216.218.133.2. NOTIFY over IPv6 (2001:470:100::2) is reported as not"
                    + " accepted and is not pre-filled.")
            .note(
                "Some zones also publish ns1.he.net; whether it serves slave zones is"
                    + " unconfirmed.")
            .build());
  }
}
