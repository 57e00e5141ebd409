package io.github.secdns.providers.internal;

import java.time.LocalDate;

/** Facts shared by the built-in presets' sources. */
final class Sources {

  /**
   * The date of the snapshot of DNSimple's support repository (dnsimple/dnsimple-support, HEAD
   * commit 6b4f0a2a) from which the preset values were read. The screenshots holding the values
   * are older (2017 to 2024, see each preset); the values were not re-checked with the providers
   * themselves.
   */
  static final LocalDate DNSIMPLE_SUPPORT_SNAPSHOT = LocalDate.of(2026, 8, 21);

  private Sources() {}
}
