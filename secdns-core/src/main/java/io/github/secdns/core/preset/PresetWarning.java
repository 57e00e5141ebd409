package io.github.secdns.core.preset;

import java.util.Objects;

/**
 * Something the customer should know about the values a preset pre-filled, with a stable code for
 * hosts that show their own text and an English message for those that do not.
 *
 * @param code the stable code
 * @param message a message a customer can act on
 */
public record PresetWarning(PresetWarningCode code, String message) {

  /** Checks for nulls. */
  public PresetWarning {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return code + ": " + message;
  }
}
