package io.github.secdns.providers.internal;

import io.github.secdns.core.spi.AbstractProviderPreset;
import io.github.secdns.core.spi.PresetDefinition;

/**
 * BuddyNS, a secondary-only service. The preset pre-fills nothing: it says what to paste.
 *
 * <p>Why no values: BuddyNS's own page (https://www.buddyns.com/support/setup/zone-transfer/) was
 * not among the sources; the address lists found are community configurations of two generations
 * that disagree (the newer drops 173.244.206.26 and 88.198.106.11) and change often (research
 * notes: "do not hard-code ... obtain the current BuddyNS AXFR source-address list from BuddyNS").
 * Name servers are per account ({@code <hash>.free.ns.buddyns.com} on the free tier, a to
 * j.ns.buddyns.com otherwise). That community configurations notify the transfer addresses is
 * unconfirmed by BuddyNS.
 */
public final class BuddyNsPreset extends AbstractProviderPreset {

  /** The preset id. */
  public static final String ID = "buddyns";

  /** Creates the preset. */
  public BuddyNsPreset() {
    super(
        PresetDefinition.builder(ID)
            .displayName("BuddyNS")
            .customerSuppliedNameServers(
                "the names BuddyBoard shows for your account, such as <hash>.free.ns.buddyns.com"
                    + " (free tier) or a.ns.buddyns.com to j.ns.buddyns.com")
            .customerSuppliedTransferSources(
                "BuddyNS's current transfer address list from"
                    + " https://www.buddyns.com/support/setup/zone-transfer/ (it changes often)")
            .customerSuppliedNotifyTargets(
                "the addresses BuddyNS lists for NOTIFY on the same page (users notify the"
                    + " transfer addresses; BuddyNS's own statement was not found)")
            .documentation("https://www.buddyns.com/support/setup/zone-transfer/")
            .lastVerified(Sources.RESEARCH_2026_12)
            .note(
                "BuddyNS's address list changes often and the lists found in third-party"
                    + " configurations disagree, so no address is pre-filled.")
            .build());
  }
}
