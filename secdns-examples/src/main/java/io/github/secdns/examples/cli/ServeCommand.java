package io.github.secdns.examples.cli;

import java.io.PrintStream;
import java.util.List;

/** Placeholder until the responder lands. */
final class ServeCommand {
  static final String SYNOPSIS = "secdns serve [flags]";

  private ServeCommand() {}

  static int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
    ServeOptions.parse(args);
    throw new UsageException("serve: not available yet");
  }
}
