package io.github.secdns.providers.internal;

import java.time.LocalDate;

/** Facts shared by the built-in presets' sources. */
final class Sources {

  /**
   * The date of the snapshot of DNSimple's support repository (dnsimple/dnsimple-support, HEAD
   * commit 6b4f0a2a) from which the preset values were read. The screenshots holding the values are
   * older (2017 to 2024, see each preset); the values were not re-checked with the providers
   * themselves.
   */
  static final LocalDate DNSIMPLE_SUPPORT_SNAPSHOT = LocalDate.of(2026, 8, 21);

  /** DNSimple's article on both Dyn presets ({@code support:secondary-dns-provider-dyn}). */
  static final String DNSIMPLE_DYN_ARTICLE =
      "https://support.dnsimple.com/articles/secondary-dns-provider-dyn/";

  /** Why both Dyn presets are deprecated. From general knowledge, not from the stored sources. */
  static final String DYN_RETIRED =
      "Dyn's DNS services have been retired by Oracle; the preset"
          + " stays so that existing configurations that name it can still be shown.";

  /** DNSimple's timing advice for Dyn. */
  static final String DYN_SETUP_DELAY =
      "Set up the secondary zone at Dyn first and wait one to"
          + " two hours before enabling Secondary DNS.";

  private Sources() {}
}
