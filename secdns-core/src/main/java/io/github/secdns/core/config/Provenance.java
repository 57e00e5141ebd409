package io.github.secdns.core.config;

import java.time.LocalDate;
import java.util.Objects;
import javax.annotation.Nullable;

/**
 * Where a value came from: the source it was read from, the day it was read, and how far the source
 * can be trusted. Provider presets attach one to every value they declare, and applying a preset
 * copies it into the configuration beside the value, so that a host can show "64.68.200.91
 * (easyDNS, medium: verify before use)" and the customer knows what to check.
 *
 * @param source the source, such as a documentation URL or a repository path at a commit; not blank
 *     (checked when a preset or configuration is built)
 * @param read the day the value was read from the source
 * @param confidence how far the source can be trusted
 */
public record Provenance(String source, LocalDate read, Confidence confidence) {

  /** Checks that no component is null. */
  public Provenance {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(read, "read");
    Objects.requireNonNull(confidence, "confidence");
  }

  // equals and hashCode by hand: a record's generated ones spin classes on first use, on serve's
  // start with a preset (docs/ARCHITECTURE.md, "Start-up").
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Provenance other
        && other.source.equals(source)
        && other.read.equals(read)
        && other.confidence == confidence;
  }

  @Override
  public int hashCode() {
    return (source.hashCode() * 31 + read.hashCode()) * 31 + confidence.hashCode();
  }

  /** Describes the provenance as a UI would show it: confidence, source and day. */
  @Override
  public String toString() {
    return confidence.label() + " (" + source + ", read " + read + ")";
  }
}
