package io.github.secdns.providers;

import io.github.secdns.core.preset.ProviderPresets;
import io.github.secdns.core.spi.ProviderPreset;
import io.github.secdns.providers.internal.AkamaiEdgeDnsPreset;
import io.github.secdns.providers.internal.AzureDnsPreset;
import io.github.secdns.providers.internal.BuddyNsPreset;
import io.github.secdns.providers.internal.ClouDnsPreset;
import io.github.secdns.providers.internal.CloudflarePreset;
import io.github.secdns.providers.internal.DesecPreset;
import io.github.secdns.providers.internal.DnsMadeEasyPreset;
import io.github.secdns.providers.internal.DynManagedPreset;
import io.github.secdns.providers.internal.DynStandardPreset;
import io.github.secdns.providers.internal.EasyDnsPreset;
import io.github.secdns.providers.internal.GoogleCloudDnsPreset;
import io.github.secdns.providers.internal.HetznerPreset;
import io.github.secdns.providers.internal.HurricaneElectricPreset;
import io.github.secdns.providers.internal.LinodePreset;
import io.github.secdns.providers.internal.NetnodePreset;
import io.github.secdns.providers.internal.Ns1Preset;
import io.github.secdns.providers.internal.OvhCloudPreset;
import io.github.secdns.providers.internal.RcodeZeroPreset;
import io.github.secdns.providers.internal.Route53Preset;
import io.github.secdns.providers.internal.UltraDnsPreset;
import java.util.List;

/**
 * The built-in provider presets, for explicit registration: {@code
 * ProviderPresets.of(BuiltInPresets.all())} or simply {@link #registry()}. The same presets are
 * also registered for {@link java.util.ServiceLoader} discovery, where they win an id conflict with
 * a plugin.
 *
 * <p>Three kinds: providers whose values the sources give (DNS Made Easy, easyDNS, Cloudflare,
 * Linode, UltraDNS, NS1, Hurricane Electric, Hetzner, RcodeZero, OVHcloud), providers that give
 * their values per customer, for which the preset says what to paste (BuddyNS, ClouDNS, Netnod,
 * Akamai Edge DNS), and services that cannot act as a secondary at all (Amazon Route 53, Azure DNS,
 * Google Cloud DNS, deSEC). The two Dyn presets are deprecated. Each preset's class documents the
 * source of every value, its confidence, and the known disagreements between sources; each value
 * carries its source, the day it was read and its confidence.
 *
 * <p>Thread-safe; every call returns new, immutable preset objects.
 */
public final class BuiltInPresets {

  /** The id of the Akamai Edge DNS (customer-supplied values) preset. */
  public static final String AKAMAI_EDGE_DNS = AkamaiEdgeDnsPreset.ID;

  /** The id of the Azure DNS (cannot be a secondary) preset. */
  public static final String AZURE_DNS = AzureDnsPreset.ID;

  /** The id of the BuddyNS (customer-supplied values) preset. */
  public static final String BUDDYNS = BuddyNsPreset.ID;

  /** The id of the Cloudflare preset. */
  public static final String CLOUDFLARE = CloudflarePreset.ID;

  /** The id of the ClouDNS (customer-supplied values) preset. */
  public static final String CLOUDNS = ClouDnsPreset.ID;

  /** The id of the deSEC (cannot be a secondary) preset. */
  public static final String DESEC = DesecPreset.ID;

  /** The id of the DNS Made Easy preset. */
  public static final String DNS_MADE_EASY = DnsMadeEasyPreset.ID;

  /** The id of the Dyn Managed (deprecated: the service is retired) preset. */
  public static final String DYN_MANAGED = DynManagedPreset.ID;

  /** The id of the Dyn Standard (deprecated: the service is retired) preset. */
  public static final String DYN_STANDARD = DynStandardPreset.ID;

  /** The id of the easyDNS preset. */
  public static final String EASYDNS = EasyDnsPreset.ID;

  /** The id of the Google Cloud DNS (cannot be a secondary) preset. */
  public static final String GOOGLE_CLOUD_DNS = GoogleCloudDnsPreset.ID;

  /** The id of the Hetzner preset. */
  public static final String HETZNER = HetznerPreset.ID;

  /** The id of the Hurricane Electric (dns.he.net) preset. */
  public static final String HURRICANE_ELECTRIC = HurricaneElectricPreset.ID;

  /** The id of the Linode (Akamai Cloud) DNS Manager preset. */
  public static final String LINODE = LinodePreset.ID;

  /** The id of the Netnod (customer-supplied values) preset. */
  public static final String NETNOD = NetnodePreset.ID;

  /** The id of the NS1 Connect (IBM) preset. */
  public static final String NS1 = Ns1Preset.ID;

  /** The id of the OVHcloud secondary DNS preset. */
  public static final String OVHCLOUD = OvhCloudPreset.ID;

  /** The id of the RcodeZero preset. */
  public static final String RCODEZERO = RcodeZeroPreset.ID;

  /** The id of the Amazon Route 53 (cannot be a secondary) preset. */
  public static final String ROUTE53 = Route53Preset.ID;

  /** The id of the UltraDNS preset. */
  public static final String ULTRADNS = UltraDnsPreset.ID;

  private BuiltInPresets() {}

  /**
   * Returns every built-in preset, deprecated ones and services that cannot be secondaries
   * included, in id order.
   *
   * @return an unmodifiable list
   */
  public static List<ProviderPreset> all() {
    return List.of(
        new AkamaiEdgeDnsPreset(),
        new AzureDnsPreset(),
        new BuddyNsPreset(),
        new CloudflarePreset(),
        new ClouDnsPreset(),
        new DesecPreset(),
        new DnsMadeEasyPreset(),
        new DynManagedPreset(),
        new DynStandardPreset(),
        new EasyDnsPreset(),
        new GoogleCloudDnsPreset(),
        new HetznerPreset(),
        new HurricaneElectricPreset(),
        new LinodePreset(),
        new NetnodePreset(),
        new Ns1Preset(),
        new OvhCloudPreset(),
        new RcodeZeroPreset(),
        new Route53Preset(),
        new UltraDnsPreset());
  }

  /**
   * Returns a registry of every built-in preset.
   *
   * @return the registry
   */
  public static ProviderPresets registry() {
    return ProviderPresets.of(all());
  }
}
