package io.github.secdns.examples.cli;

/**
 * Bad input from the user (a flag, a value, a file): printed as one line on stderr, exit code
 * {@link ExitCode#BAD_INPUT}, never a stack trace.
 */
final class UsageException extends Exception {

  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }

  UsageException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The message, never null: every constructor takes one. */
  @Override
  public String getMessage() {
    return java.util.Objects.requireNonNullElse(super.getMessage(), "");
  }
}
