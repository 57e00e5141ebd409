package io.github.secdns.providers.internal;

import io.github.secdns.core.config.Confidence;
import io.github.secdns.core.config.Provenance;
import io.github.secdns.core.spi.AbstractProviderPreset;
import io.github.secdns.core.spi.PresetCapabilities;
import io.github.secdns.core.spi.PresetDefinition;
import io.github.secdns.core.spi.Support;

/**
 * Dyn Managed DNS (DynECT) as a secondary. Deprecated: Dyn's DNS services have been retired.
 *
 * <p>Sources of the values:
 *
 * <ul>
 *   <li>Name servers: assigned per account, so the customer supplies them: {@code
 *       ns1.pXX.dynect.net} to {@code ns4.pXX.dynect.net}, where XX is the account's pool (01 to
 *       30) (DNSimple's article {@code secondary-dns-provider-dyn}).
 *   <li>Transfer addresses 204.13.249.65, 208.78.68.65, 2600:2001:0:1::65, 2600:2003:0:1::65:
 *       DNSimple's preset, screenshot {@code content/files/dyn-managed-enabling.png} at commit
 *       19bc2130 (2017) of dnsimple/dnsimple-support.
 *   <li>NOTIFY target 208.78.68.65 ({@code xfrin1.dynect.net}): Dyn's own page
 *       (https://help.dyn.com/secondary-api/), which also asks the primary to use {@code notify
 *       explicit}.
 *   <li>IPv6 primary: marked supported because DNSimple's preset lists IPv6 transfer addresses, so
 *       Dyn pulled over IPv6. This is an inference; no source states it in words. TSIG and IXFR: no
 *       source says; left unknown.
 *   <li>Deprecation: Dyn (Oracle) retired its DNS products. This comes from general knowledge, not
 *       from the stored sources.
 * </ul>
 *
 * <p>Known disagreement, written down rather than hidden: DNSimple's preset has 204.13.249.65;
 * Dyn's page has {@code xfrin2.dynect.net} = 204.13.248.65 (and marks it "currently not active").
 * This preset keeps DNSimple's transfer addresses, and notifies only {@code xfrin1.dynect.net}, the
 * one address both sources agree on and Dyn marks active.
 *
 * <p>Last verified: the values were read from the DNSimple support repository snapshot of
 * 2026-08-21.
 */
public final class DynManagedPreset extends AbstractProviderPreset {

  /** The preset id. */
  public static final String ID = "dyn-managed";

  /** Creates the preset. */
  public DynManagedPreset() {
    super(
        PresetDefinition.builder(ID)
            .displayName("Dyn Managed")
            .customerSuppliedNameServers(
                "ns1.pXX.dynect.net to ns4.pXX.dynect.net, where XX is"
                    + " your account's pool (01 to 30), as shown in DynECT")
            .source(Sources.dnsimple("content/files/dyn-managed-enabling.png@19bc2130 (2017)"))
            .transferSource("204.13.249.65")
            .transferSource("208.78.68.65", "xfrin1.dynect.net")
            .transferSource("2600:2001:0:1::65")
            .transferSource("2600:2003:0:1::65")
            .notifyTarget(
                "208.78.68.65",
                v ->
                    v.label("xfrin1.dynect.net")
                        .source(
                            new Provenance(
                                "https://help.dyn.com/secondary-api/ (Dyn's page of a retired"
                                    + " service)",
                                Sources.DNSIMPLE_SUPPORT_SNAPSHOT,
                                Confidence.MEDIUM)))
            .capabilities(PresetCapabilities.unknown().withIpv6Primary(Support.SUPPORTED))
            .documentation(Sources.DNSIMPLE_DYN_ARTICLE)
            .lastVerified(Sources.DNSIMPLE_SUPPORT_SNAPSHOT)
            .deprecated(Sources.DYN_RETIRED)
            .note(Sources.DYN_SETUP_DELAY)
            .note(
                "Dyn asks the primary to send NOTIFY explicitly to xfrin1.dynect.net"
                    + " (208.78.68.65).")
            .note(
                "Sources disagree on one transfer address: DNSimple's preset has 204.13.249.65,"
                    + " Dyn's page has 204.13.248.65 (xfrin2.dynect.net, marked not active). Allow both"
                    + " if transfers from Dyn are refused.")
            .build());
  }
}
