package io.github.secdns.examples.cli;

import io.github.secdns.core.config.Provenance;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * Where a value of a preset came from, in the JSON of {@code presets} and {@code plan}.
 *
 * @param source the source: a documentation URL or a repository path at a commit
 * @param read the day the value was read from it (ISO date)
 * @param confidence {@code OFFICIAL}, {@code MEDIUM} or {@code LOW} (core's {@code Confidence})
 * @param label the text to show beside the value, such as {@code medium: verify before use}
 * @param verifyBeforeUse whether the customer should check the value with the provider first (every
 *     confidence but {@code OFFICIAL})
 */
record ProvenanceJson(
    String source, String read, String confidence, String label, boolean verifyBeforeUse) {

  /**
   * The provenance, or {@code null} when the value has none (typed in, or the preset says none).
   */
  @Nullable
  static ProvenanceJson of(Optional<Provenance> provenance) {
    return provenance
        .map(
            p ->
                new ProvenanceJson(
                    p.source(),
                    p.read().toString(),
                    p.confidence().name(),
                    p.confidence().label(),
                    p.confidence().needsVerification()))
        .orElse(null);
  }
}
