package io.github.secdns.examples.cli;

import io.github.secdns.core.config.ValidationException;
import io.github.secdns.core.config.ValidationProblem;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.stream.Collectors;

/** Turns the library's validation problems into one readable message. */
final class Problems {

  private Problems() {}

  /** Why a file could not be read, in words (no exception class names). */
  static String io(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NotDirectoryException) {
      return "not a directory";
    }
    return e.getMessage() == null ? "I/O error" : e.getMessage();
  }

  static UsageException usage(String context, ValidationException e) {
    String problems =
        e.problems().stream().map(ValidationProblem::toString).collect(Collectors.joining("; "));
    return new UsageException(context + ": " + (problems.isEmpty() ? e.getMessage() : problems));
  }
}
