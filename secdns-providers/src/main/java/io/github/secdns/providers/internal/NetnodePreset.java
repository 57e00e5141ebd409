package io.github.secdns.providers.internal;

import io.github.secdns.core.spi.AbstractProviderPreset;
import io.github.secdns.core.spi.PresetDefinition;

/**
 * Netnod (DNSNODE), an enterprise and TLD secondary. The preset pre-fills nothing: it says what to
 * paste.
 *
 * <p>Why no values: Netnod assigns name servers per customer (such as {@code debian1.dnsnode.net})
 * and publishes no address list in the sources found. The only addresses seen are in one
 * third-party file, Debian's zone configuration (aburch/debian-domains {@code debian.es}:
 * 192.36.144.222 and 192.36.144.218, zork-b and zork-c.sth.dnsnode.net, for transfers and NOTIFY):
 * low to medium confidence, so they are named in a note, not pre-filled.
 */
public final class NetnodePreset extends AbstractProviderPreset {

  /** The preset id. */
  public static final String ID = "netnod";

  /** Creates the preset. */
  public NetnodePreset() {
    super(
        PresetDefinition.builder(ID)
            .displayName("Netnod (DNSNODE)")
            .customerSuppliedNameServers(
                "the name servers Netnod assigned to you, such as <name>.dnsnode.net")
            .customerSuppliedTransferSources("the transfer addresses Netnod gave you")
            .customerSuppliedNotifyTargets("the NOTIFY addresses Netnod gave you")
            .lastVerified(Sources.RESEARCH_2026_12)
            .note(
                "Debian's zone configuration allows and notifies 192.36.144.222 and"
                    + " 192.36.144.218 (zork-b and zork-c.sth.dnsnode.net); that is a single"
                    + " third-party source, so they are not pre-filled: ask Netnod.")
            .build());
  }
}
