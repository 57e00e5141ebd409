package io.github.secdns.examples.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --json} flag, one definition for {@code check}, {@code plan} and {@code presets}: the
 * command's output as one line of JSON instead of text.
 */
final class JsonFlag {

  @Option(
      names = "--json",
      description = "print the output as JSON (one line; shape in docs/architecture/examples.md)")
  boolean json;

  /** Whether {@code --json} was given. */
  boolean on() {
    return json;
  }
}
