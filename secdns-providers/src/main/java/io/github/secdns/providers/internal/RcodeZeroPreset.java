package io.github.secdns.providers.internal;

import io.github.secdns.core.config.Confidence;
import io.github.secdns.core.spi.AbstractProviderPreset;
import io.github.secdns.core.spi.PresetCapabilities;
import io.github.secdns.core.spi.PresetDefinition;
import io.github.secdns.core.spi.Support;

/**
 * RcodeZero (ipcom) as a secondary.
 *
 * <p>Sources of the values (confidence: medium, verify before use): Debian's zone configuration,
 * aburch/debian-domains {@code debian.es} at commit 02cb7336: {@code 83.136.34.0/27; // rcode0.net
 * ipv4 axfr}, {@code 2A02:850:8::/47; // rcode0.net ipv6 axfr}, {@code 83.136.34.7; // rcode0.net
 * ipv4 ntfy}, {@code 2A02:850:8::6; // rcode0.net ipv6 ntfy}, with the name servers sec1 and
 * sec2.rcode0.net. RcodeZero's own documentation was not found. IPv6 primary: marked supported
 * because RcodeZero transfers from an IPv6 network (an inference).
 */
public final class RcodeZeroPreset extends AbstractProviderPreset {

  /** The preset id. */
  public static final String ID = "rcodezero";

  /** Creates the preset. */
  public RcodeZeroPreset() {
    super(
        PresetDefinition.builder(ID)
            .displayName("RcodeZero")
            .source(
                Sources.research(
                    "aburch/debian-domains debian.es@02cb7336 (Debian's zone configuration)",
                    Confidence.MEDIUM))
            .nameServers("sec1.rcode0.net", "sec2.rcode0.net")
            .transferSource("83.136.34.0/27", "rcode0.net IPv4 transfers")
            .transferSource("2a02:850:8::/47", "rcode0.net IPv6 transfers")
            .notifyTarget("83.136.34.7", "rcode0.net IPv4 NOTIFY")
            .notifyTarget("2a02:850:8::6", "rcode0.net IPv6 NOTIFY")
            .capabilities(PresetCapabilities.unknown().withIpv6Primary(Support.SUPPORTED))
            .lastVerified(Sources.RESEARCH_2026_12)
            .note(
                "The values come from Debian's zone configuration, not from RcodeZero: check them"
                    + " in RcodeZero's panel.")
            .build());
  }
}
