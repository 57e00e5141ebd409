package io.github.secdns.providers.internal;

import io.github.secdns.core.config.Confidence;
import io.github.secdns.core.config.Provenance;
import io.github.secdns.core.spi.AbstractProviderPreset;
import io.github.secdns.core.spi.PresetCapabilities;
import io.github.secdns.core.spi.PresetDefinition;
import io.github.secdns.core.spi.Support;
import java.time.LocalDate;

/**
 * Linode (Akamai Cloud) DNS Manager as a secondary ("Secondary" zone type).
 *
 * <p>Sources of the values (confidence: official):
 *
 * <ul>
 *   <li>Name servers, transfer sources and NOTIFY targets (the same list): Linode's guide "Incoming
 *       DNS Zone Transfers", linode/docs {@code
 *       docs/products/networking/dns-manager/guides/incoming-dns-zone-transfers/index.md} at commit
 *       2b5cd7e7 (modified 2022-11-08): "allow AXFR transfer from the following Linode IP
 *       addresses. You should also make sure your name server sends NOTIFY requests to these IP
 *       addresses"; "On February 7th, 2023, the IP address 65.19.178.10 will be retired and
 *       replaced with 45.79.109.10" (and outbound requests came from the old address until then).
 *   <li>74.207.225.10 replaced 75.127.96.10 on 2020-12-15: Linode's earlier shortguide "Add a
 *       Domain in Cloud Manager" (linode/docs, modified 2020-07-21).
 *   <li>Host name for the primary: not supported, the form asks for "the IP Address of your
 *       external DNS provider's name server". IPv6 primary: marked supported because Linode
 *       transfers from IPv6 addresses (an inference). TSIG: no field is documented; left unknown.
 * </ul>
 *
 * <p>Not pre-filled: 143.42.7.10 and 172.237.44.232 appear in one third-party configuration as
 * Linode addresses; no Linode or Akamai document states them (see the notes).
 */
public final class LinodePreset extends AbstractProviderPreset {

  /** The preset id. */
  public static final String ID = "linode";

  private static final Provenance GUIDE =
      Sources.research(
          "linode/docs docs/products/networking/dns-manager/guides/incoming-dns-zone-transfers/"
              + "index.md@2b5cd7e7 (modified 2022-11-08)",
          Confidence.OFFICIAL);

  private static final Provenance SHORTGUIDE_2020 =
      Sources.research(
          "linode/docs dns-manager-add-domain-shortguide (modified 2020-07-21): 74.207.225.10"
              + " replaced 75.127.96.10 on December 15th, 2020",
          Confidence.OFFICIAL);

  /** The day 45.79.109.10 replaced 65.19.178.10. */
  static final LocalDate REPLACED_65_19_178_10 = LocalDate.of(2023, 2, 7);

  /** The day 74.207.225.10 replaced 75.127.96.10. */
  static final LocalDate REPLACED_75_127_96_10 = LocalDate.of(2020, 12, 15);

  /** Creates the preset. */
  public LinodePreset() {
    super(build());
  }

  private static PresetDefinition build() {
    PresetDefinition.Builder b =
        PresetDefinition.builder(ID)
            .displayName("Linode (Akamai Cloud) DNS Manager")
            .source(GUIDE)
            .nameServers(
                "ns1.linode.com",
                "ns2.linode.com",
                "ns3.linode.com",
                "ns4.linode.com",
                "ns5.linode.com");
    // Linode pulls from and listens for NOTIFY on the same addresses.
    for (String address :
        new String[] {
          "104.237.137.10",
          "207.192.70.10",
          "109.74.194.10",
          "2600:3c00::a",
          "2600:3c01::a",
          "2600:3c02::a",
          "2600:3c03::a",
          "2a01:7e00::a"
        }) {
      b.transferSource(address).notifyTarget(address);
    }
    b.transferSource("45.79.109.10", v -> v.validFrom(REPLACED_65_19_178_10))
        .notifyTarget("45.79.109.10", v -> v.validFrom(REPLACED_65_19_178_10))
        .transferSource("65.19.178.10", v -> v.validUntil(REPLACED_65_19_178_10))
        .notifyTarget("65.19.178.10", v -> v.validUntil(REPLACED_65_19_178_10))
        .transferSource(
            "74.207.225.10", v -> v.validFrom(REPLACED_75_127_96_10).source(SHORTGUIDE_2020))
        .notifyTarget(
            "74.207.225.10", v -> v.validFrom(REPLACED_75_127_96_10).source(SHORTGUIDE_2020))
        .transferSource(
            "75.127.96.10", v -> v.validUntil(REPLACED_75_127_96_10).source(SHORTGUIDE_2020))
        .notifyTarget(
            "75.127.96.10", v -> v.validUntil(REPLACED_75_127_96_10).source(SHORTGUIDE_2020));
    return b.capabilities(
            PresetCapabilities.unknown()
                .withIpv6Primary(Support.SUPPORTED)
                .withPrimaryHostName(Support.NOT_SUPPORTED))
        .lastVerified(Sources.RESEARCH_2026_12)
        .note("At Linode, enter the primary's IP addresses: the form takes addresses, not names.")
        .note("Linode needs at least one active Linode on the account; it does not support DNSSEC.")
        .note(
            "One third-party configuration also allows and notifies 143.42.7.10 and"
                + " 172.237.44.232 as Linode addresses; no Linode document states them, so they"
                + " are not pre-filled. Check Linode's current list if transfers are refused.")
        .build();
  }
}
