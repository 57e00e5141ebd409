package io.github.secdns.providers.internal;

import io.github.secdns.core.config.Confidence;
import io.github.secdns.core.config.Provenance;
import io.github.secdns.core.spi.AbstractProviderPreset;
import io.github.secdns.core.spi.PresetCapabilities;
import io.github.secdns.core.spi.PresetDefinition;
import io.github.secdns.core.spi.Support;

/**
 * DNS Made Easy (now "DigiCert DNS Made Easy") as a secondary.
 *
 * <p>Sources of the values:
 *
 * <ul>
 *   <li>Name servers {@code ns5}, {@code ns6}, {@code ns7.dnsmadeeasy.com} and the transfer
 *       addresses 208.94.147.135, 208.94.150.198, 63.219.151.12: DNSimple's own preset, in its UI
 *       screenshots {@code content/files/secondary-dns-provider-conf.png} at commit 19bc2130
 *       (2017), {@code secondary-dns-warning.png} and {@code secondary-dns-configured.png} at
 *       commit 3ddc9610 (2022) of dnsimple/dnsimple-support.
 *   <li>NOTIFY targets: the same three addresses. pfSense users configure exactly these as DNS Made
 *       Easy's "I/AXFR servers" for also-notify (pfsense/FreeBSD-ports PR #197, 2016).
 *   <li>IPv4 primary only, and an address rather than a host name: DNSimple's article {@code
 *       secondary-dns-provider-dns-made-easy}: at DNS Made Easy the primary's address goes into an
 *       "IPv4 Secondary IP Set", and DNS Made Easy accepts only IPv4 there.
 *   <li>TSIG, IXFR, catalog zones, XoT: no source says; left unknown.
 *   <li>Confidence: medium for every value: DNSimple's preset and a third-party configuration, not
 *       DNS Made Easy's own documentation.
 * </ul>
 *
 * <p>Known gaps: IPv6 transfer addresses for DNS Made Easy (2600:1806:511:209:1eaf::135,
 * 2600:1806:21:200:1eaf::198, 2600:1806:11:99:1eaf::12) appear only in an unnamed third-party
 * configuration; they are unverified and deliberately not part of this preset.
 *
 * <p>Last verified: the values were read from the DNSimple support repository snapshot of
 * 2026-08-21.
 */
public final class DnsMadeEasyPreset extends AbstractProviderPreset {

  private static final Provenance PFSENSE =
      new Provenance(
          "pfsense/FreeBSD-ports PR #197 (2016): DNS Made Easy's I/AXFR servers for also-notify",
          Sources.DNSIMPLE_SUPPORT_SNAPSHOT,
          Confidence.MEDIUM);

  /** The preset id. */
  public static final String ID = "dnsmadeeasy";

  /** Creates the preset. */
  public DnsMadeEasyPreset() {
    super(
        PresetDefinition.builder(ID)
            .displayName("DNS Made Easy")
            .source(
                Sources.dnsimple(
                    "content/files/secondary-dns-provider-conf.png@19bc2130 (2017),"
                        + " secondary-dns-configured.png@3ddc9610 (2022)"))
            .nameServers("ns5.dnsmadeeasy.com", "ns6.dnsmadeeasy.com", "ns7.dnsmadeeasy.com")
            .transferSource("208.94.147.135")
            .transferSource("208.94.150.198")
            .transferSource("63.219.151.12")
            .notifyTarget("208.94.147.135", v -> v.source(PFSENSE))
            .notifyTarget("208.94.150.198", v -> v.source(PFSENSE))
            .notifyTarget("63.219.151.12", v -> v.source(PFSENSE))
            .capabilities(
                PresetCapabilities.unknown()
                    .withIpv6Primary(Support.NOT_SUPPORTED)
                    .withPrimaryHostName(Support.NOT_SUPPORTED))
            .documentation(
                "https://support.dnsimple.com/articles/secondary-dns-provider-dns-made-easy/")
            .lastVerified(Sources.DNSIMPLE_SUPPORT_SNAPSHOT)
            .note(
                "At DNS Made Easy, enter the primary's IPv4 address in an \"IPv4 Secondary IP Set\":"
                    + " DNS Made Easy accepts only IPv4 for the primary.")
            .note(
                "Right after setup DNS Made Easy may show the zone as \"out of sync\" for a few"
                    + " minutes.")
            .build());
  }
}
