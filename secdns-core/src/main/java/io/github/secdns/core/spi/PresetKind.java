package io.github.secdns.core.spi;

/**
 * What a preset describes: a provider that can be a secondary (its values pre-fill a
 * configuration), or a well-known DNS service that cannot pull zones at all, listed so that a
 * host's UI can say so ("Amazon Route 53 cannot pull zones by AXFR") instead of offering a custom
 * form.
 */
public enum PresetKind {
  /** The provider pulls zones by AXFR/IXFR; the preset's values pre-fill a configuration. */
  SECONDARY,
  /**
   * The service cannot act as a secondary; the preset has no values, only the reason ({@link
   * PresetDefinition#notASecondaryReason()}), and applying it is refused.
   */
  NOT_A_SECONDARY
}
