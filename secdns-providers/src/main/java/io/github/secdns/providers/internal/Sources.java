package io.github.secdns.providers.internal;

import io.github.secdns.core.config.Confidence;
import io.github.secdns.core.config.Provenance;
import java.time.LocalDate;

/** Facts shared by the built-in presets' sources. */
final class Sources {

  /**
   * The date of the snapshot of DNSimple's support repository (dnsimple/dnsimple-support, HEAD
   * commit 6b4f0a2a) from which the DNS Made Easy, easyDNS and Dyn values were read. The
   * screenshots holding the values are older (2017 to 2024, see each preset); the values were not
   * re-checked with the providers themselves.
   */
  static final LocalDate DNSIMPLE_SUPPORT_SNAPSHOT = LocalDate.of(2026, 8, 21);

  /**
   * The day the research notes on secondary providers ({@code research/providers-2026-12.md}) were
   * read for the presets added in December 2026. Each value's source is the document those notes
   * cite; the Cloudflare and Linode pages were re-read that day at the commits named.
   */
  static final LocalDate RESEARCH_2026_12 = LocalDate.of(2026, 12, 2);

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

  /**
   * A value from DNSimple's own preset: another host's choice, not the provider's documentation.
   *
   * @param files the screenshots of dnsimple/dnsimple-support that show it, with their commits
   */
  static Provenance dnsimple(String files) {
    return new Provenance(
        "DNSimple's preset, dnsimple/dnsimple-support " + files,
        DNSIMPLE_SUPPORT_SNAPSHOT,
        Confidence.MEDIUM);
  }

  /**
   * A value from the research notes of December 2026.
   *
   * @param source the document the notes cite
   * @param confidence the confidence the notes give it
   */
  static Provenance research(String source, Confidence confidence) {
    return new Provenance(source, RESEARCH_2026_12, confidence);
  }
}
