package io.github.secdns.examples.cli;

/** The process exit codes of the command line, documented in the usage text. */
final class ExitCode {

  /** The command did what was asked; {@code check}: no error found. */
  static final int OK = 0;

  /**
   * The command ran and found a problem: {@code check} found at least one error, {@code plan} was
   * refused, or {@code presets} found plugins it could not register (each on stderr; the presets
   * that loaded are still listed).
   */
  static final int FINDINGS = 1;

  /** A bad flag, value or file. */
  static final int BAD_INPUT = 2;

  /** Could not run (e.g. the listen address is in use). */
  static final int FAILED = 3;

  private ExitCode() {}
}
