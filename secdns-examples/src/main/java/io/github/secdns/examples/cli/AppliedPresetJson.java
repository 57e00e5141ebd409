package io.github.secdns.examples.cli;

import io.github.secdns.core.preset.PresetApplication;
import io.github.secdns.core.preset.PresetWarning;
import java.util.List;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * What applying a preset said, in the JSON of {@code plan} and {@code check}.
 *
 * @param id the preset's id
 * @param day the day (UTC, ISO date) whose transfer sources and NOTIFY targets were applied
 * @param warnings what the customer should be told, in core's order (deprecation, values to paste,
 *     announced addresses, values to verify)
 */
record AppliedPresetJson(String id, String day, List<Warning> warnings) {

  /**
   * One warning.
   *
   * @param code its stable code (core's {@code PresetWarningCode})
   * @param message the text for the customer
   */
  record Warning(String code, String message) {}

  /** The application, or {@code null} for custom values. */
  @Nullable
  static AppliedPresetJson of(Optional<PresetApplication> application) {
    return application
        .map(
            a ->
                new AppliedPresetJson(
                    a.preset().id(),
                    a.day().toString(),
                    a.warnings().stream().map(AppliedPresetJson::warning).toList()))
        .orElse(null);
  }

  private static Warning warning(PresetWarning w) {
    return new Warning(w.code().name(), w.message());
  }
}
