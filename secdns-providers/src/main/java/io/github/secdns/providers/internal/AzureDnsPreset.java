package io.github.secdns.providers.internal;

import io.github.secdns.core.spi.AbstractProviderPreset;
import io.github.secdns.core.spi.PresetDefinition;

/**
 * Azure DNS, which cannot act as a secondary: listed so that a host's UI can say so.
 *
 * <p>Source (official): the Azure DNS FAQ: "Does Azure DNS support zone transfers (AXFR/IXFR)? No.
 * Azure DNS doesn't currently support zone transfers."
 */
public final class AzureDnsPreset extends AbstractProviderPreset {

  /** The preset id. */
  public static final String ID = "azure-dns";

  /** Creates the preset. */
  public AzureDnsPreset() {
    super(
        PresetDefinition.builder(ID)
            .displayName("Azure DNS")
            .notASecondary(
                "Azure DNS doesn't support zone transfers (AXFR/IXFR), so it cannot pull a zone"
                    + " from a primary.")
            .lastVerified(Sources.RESEARCH_2026_12)
            .note("Source: the Azure DNS FAQ (\"Does Azure DNS support zone transfers? No.\").")
            .build());
  }
}
