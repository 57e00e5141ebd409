package io.github.secdns.providers.internal;

import io.github.secdns.core.spi.AbstractProviderPreset;
import io.github.secdns.core.spi.PresetDefinition;

/**
 * ClouDNS slave zones. The preset pre-fills nothing: it says what to paste.
 *
 * <p>Why no values: ClouDNS supports slave zones (its API's {@code zone-type=slave}, with the
 * primary's address), assigns name servers per zone (such as ns41 to ns44.cloudns.net) and shows
 * its transfer addresses per account under "Bind settings"; no published list was found.
 */
public final class ClouDnsPreset extends AbstractProviderPreset {

  /** The preset id. */
  public static final String ID = "cloudns";

  /** Creates the preset. */
  public ClouDnsPreset() {
    super(
        PresetDefinition.builder(ID)
            .displayName("ClouDNS")
            .customerSuppliedNameServers(
                "the name servers ClouDNS shows for the zone, such as ns41.cloudns.net to"
                    + " ns44.cloudns.net")
            .customerSuppliedTransferSources(
                "the addresses ClouDNS shows under 'Bind settings' in your account")
            .customerSuppliedNotifyTargets(
                "the addresses ClouDNS shows under 'Bind settings' in your account")
            .lastVerified(Sources.RESEARCH_2026_12)
            .build());
  }
}
