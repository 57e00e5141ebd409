package io.github.secdns.providers.internal;

import io.github.secdns.core.spi.AbstractProviderPreset;
import io.github.secdns.core.spi.PresetDefinition;

/**
 * deSEC, which cannot act as a secondary: listed so that a host's UI can say so.
 *
 * <p>Source: desec-io/desec-stack#579, "Support AXFR transfers to secondaries", open since
 * 2021-11-03; no incoming secondary service was found.
 */
public final class DesecPreset extends AbstractProviderPreset {

  /** The preset id. */
  public static final String ID = "desec";

  /** Creates the preset. */
  public DesecPreset() {
    super(
        PresetDefinition.builder(ID)
            .displayName("deSEC")
            .notASecondary(
                "deSEC offers no secondary zones: it cannot pull a zone from a primary by AXFR.")
            .lastVerified(Sources.RESEARCH_2026_12)
            .note(
                "Zone transfers are an open request at deSEC (desec-io/desec-stack#579, since"
                    + " 2021-11-03).")
            .build());
  }
}
