package io.github.secdns.examples.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Optional;

/**
 * The streams a command talks through. {@code in} is present only where the program may read
 * commands from its standard input (the jar's {@code main}, or a test that feeds it); in-process
 * runs without it never touch {@code System.in}.
 *
 * @param in the standard input, if the command may read it
 * @param out standard output (results, and {@code serve}'s event lines)
 * @param err standard error (one line per problem, never a stack trace)
 */
record Io(Optional<InputStream> in, PrintStream out, PrintStream err) {

  /** Streams for parsing only: nothing is read, and anything written is dropped. */
  static Io none() {
    PrintStream discard = new PrintStream(PrintStream.nullOutputStream());
    return new Io(Optional.empty(), discard, discard);
  }
}
