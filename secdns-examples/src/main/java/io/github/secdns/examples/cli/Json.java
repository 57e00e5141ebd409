package io.github.secdns.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes the {@code --json} output of {@code check}, {@code plan} and {@code presets} with Jackson:
 * one line per document, field names as declared by the records of {@link CheckJson}, {@link
 * PlanJson} and {@link PresetsJson} (documented in docs/architecture/examples.md). Absent values
 * are {@code null}, never left out, so that every field is always there.
 */
final class Json {

  /** Thread-safe once configured; never reconfigured. */
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static String write(Object document) {
    try {
      return MAPPER.writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
    }
  }
}
