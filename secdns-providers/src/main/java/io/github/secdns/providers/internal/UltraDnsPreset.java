package io.github.secdns.providers.internal;

import io.github.secdns.core.config.Confidence;
import io.github.secdns.core.spi.AbstractProviderPreset;
import io.github.secdns.core.spi.PresetCapabilities;
import io.github.secdns.core.spi.PresetDefinition;
import io.github.secdns.core.spi.Support;

/**
 * UltraDNS (Neustar, then Vercara, now DigiCert) as a secondary.
 *
 * <p>Sources of the values (confidence: official): UltraDNS's technical note "Important Updates to
 * Zone Transfer IP Addresses", dated 2023-04-05
 * (https://ultra-portalstatic.ultradns.com/static/docs/Zone_xfer_ips_new.html): fifteen IPv4 "Allow
 * Transfer" addresses and five "Also Notify" addresses, "the zone transfer provisioning IP
 * addresses listed above will support TSIG authentication". Name servers are an account-specific
 * "Name Server Segment" or the shared pdns1-6 segment (UltraDNS FAQ 4409716354331); their exact
 * names are not published, so the customer supplies them. No IPv6 transfer address is listed; the
 * IPv6 capability is left unknown (the transfer sources tell the diagnostics they are IPv4).
 */
public final class UltraDnsPreset extends AbstractProviderPreset {

  /** The preset id. */
  public static final String ID = "ultradns";

  private static final String NOTE_URL =
      "https://ultra-portalstatic.ultradns.com/static/docs/Zone_xfer_ips_new.html";

  /** Creates the preset. */
  public UltraDnsPreset() {
    super(build());
  }

  private static PresetDefinition build() {
    PresetDefinition.Builder b =
        PresetDefinition.builder(ID)
            .displayName("UltraDNS")
            .source(Sources.research(NOTE_URL + " (2023-04-05)", Confidence.OFFICIAL))
            .customerSuppliedNameServers(
                "the name servers of your account's Name Server Segment in the UltraDNS portal"
                    + " (or of the shared pdns1 to pdns6 segment)");
    for (String address :
        new String[] {
          "23.21.200.163",
          "23.21.206.251",
          "50.112.240.144",
          "50.112.240.145",
          "54.75.253.83",
          "176.34.183.208",
          "52.201.103.62",
          "52.87.134.132",
          "34.205.12.198",
          "52.201.155.234",
          "52.201.155.120",
          "52.39.68.132",
          "35.165.213.102",
          "52.10.123.90",
          "52.10.63.3"
        }) {
      b.transferSource(address);
    }
    for (String address :
        new String[] {
          "54.217.202.161", "107.21.214.87", "54.245.253.13", "23.21.48.87", "23.21.59.232"
        }) {
      b.notifyTarget(address);
    }
    return b.capabilities(PresetCapabilities.unknown().withTsig(Support.SUPPORTED))
        .documentation(NOTE_URL)
        .lastVerified(Sources.RESEARCH_2026_12)
        .note(
            "UltraDNS asks that the allow-transfer and also-notify lists hold only these"
                + " addresses (its note of 2023-04-05); it lists no IPv6 transfer address.")
        .build();
  }
}
