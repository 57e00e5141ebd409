package io.github.secdns.providers.internal;

import io.github.secdns.core.spi.AbstractProviderPreset;
import io.github.secdns.core.spi.PresetDefinition;

/**
 * Google Cloud DNS, which cannot act as a secondary: listed so that a host's UI can say so.
 *
 * <p>Source (third-party): no public secondary zones were found, and a study note states "Cloud DNS
 * does not support zone transfers"; Google's own statement was not among the sources, and the
 * preset's note says so.
 */
public final class GoogleCloudDnsPreset extends AbstractProviderPreset {

  /** The preset id. */
  public static final String ID = "google-cloud-dns";

  /** Creates the preset. */
  public GoogleCloudDnsPreset() {
    super(
        PresetDefinition.builder(ID)
            .displayName("Google Cloud DNS")
            .notASecondary(
                "Cloud DNS does not support zone transfers, so it cannot pull a zone from a"
                    + " primary.")
            .lastVerified(Sources.RESEARCH_2026_12)
            .note(
                "Source: a third-party study note; Google's own statement was not found, so"
                    + " confirm with Google.")
            .build());
  }
}
