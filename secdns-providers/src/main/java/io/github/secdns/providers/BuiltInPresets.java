package io.github.secdns.providers;

import io.github.secdns.core.preset.ProviderPresets;
import io.github.secdns.core.spi.ProviderPreset;
import io.github.secdns.providers.internal.DnsMadeEasyPreset;
import io.github.secdns.providers.internal.DynManagedPreset;
import io.github.secdns.providers.internal.DynStandardPreset;
import io.github.secdns.providers.internal.EasyDnsPreset;
import java.util.List;

/**
 * The built-in provider presets, for explicit registration: {@code
 * ProviderPresets.of(BuiltInPresets.all())} or simply {@link #registry()}. The same presets are
 * also registered for {@link java.util.ServiceLoader} discovery.
 *
 * <p>Each preset's class documents the source of every value and the known disagreements between
 * sources. Thread-safe; every call returns new, immutable preset objects.
 */
public final class BuiltInPresets {

  /** The id of the DNS Made Easy preset. */
  public static final String DNS_MADE_EASY = DnsMadeEasyPreset.ID;

  /** The id of the easyDNS preset. */
  public static final String EASYDNS = EasyDnsPreset.ID;

  /** The id of the Dyn Standard preset (deprecated: the service is retired). */
  public static final String DYN_STANDARD = DynStandardPreset.ID;

  /** The id of the Dyn Managed preset (deprecated: the service is retired). */
  public static final String DYN_MANAGED = DynManagedPreset.ID;

  private BuiltInPresets() {}

  /**
   * Returns every built-in preset, deprecated ones included, in id order.
   *
   * @return an unmodifiable list
   */
  public static List<ProviderPreset> all() {
    return List.of(
        new DnsMadeEasyPreset(),
        new DynManagedPreset(),
        new DynStandardPreset(),
        new EasyDnsPreset());
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
