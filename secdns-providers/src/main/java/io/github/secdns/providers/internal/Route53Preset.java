package io.github.secdns.providers.internal;

import io.github.secdns.core.spi.AbstractProviderPreset;
import io.github.secdns.core.spi.PresetDefinition;

/**
 * Amazon Route 53, which cannot act as a secondary: listed so that a host's UI can say so.
 *
 * <p>Source: none of the stored sources states it; it is general knowledge that Route 53 supports
 * neither incoming nor outgoing zone transfers (the research notes mark it unconfirmed from
 * sources), and the preset's note says so.
 */
public final class Route53Preset extends AbstractProviderPreset {

  /** The preset id. */
  public static final String ID = "route53";

  /** Creates the preset. */
  public Route53Preset() {
    super(
        PresetDefinition.builder(ID)
            .displayName("Amazon Route 53")
            .notASecondary(
                "Route 53 does not support zone transfers (AXFR/IXFR), so it cannot pull a zone"
                    + " from a primary.")
            .lastVerified(Sources.RESEARCH_2026_12)
            .note(
                "No stored source states this; it is general knowledge and should be confirmed"
                    + " with AWS.")
            .build());
  }
}
