package io.github.secdns.core.config;

import java.util.Objects;

/**
 * One problem found while validating input: where it is, what kind it is, and what to do.
 *
 * @param field the path of the offending field, such as {@code secondaryNameServers[2]} or {@code
 *     tsigKeys[0].secret}
 * @param code the stable problem code
 * @param message a message a customer can act on; it never contains a secret
 */
public record ValidationProblem(String field, ProblemCode code, String message) {

  /** Checks that no component is null. */
  public ValidationProblem {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return field + ": " + message + " [" + code + "]";
  }
}
