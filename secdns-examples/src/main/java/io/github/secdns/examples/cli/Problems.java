package io.github.secdns.examples.cli;

import io.github.secdns.core.config.ValidationException;
import io.github.secdns.core.config.ValidationProblem;
import java.util.stream.Collectors;

/** Turns the library's validation problems into one readable message. */
final class Problems {

  private Problems() {}

  static UsageException usage(String context, ValidationException e) {
    String problems = e.problems().stream().map(ValidationProblem::toString)
        .collect(Collectors.joining("; "));
    return new UsageException(context + ": " + (problems.isEmpty() ? e.getMessage() : problems));
  }
}
