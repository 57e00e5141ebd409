package io.github.secdns.examples.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Optional;

/**
 * The streams a command talks through, and the clock it reads the day from. {@code in} is present
 * only where the program may read commands from its standard input (the jar's {@code main}, or a
 * test that feeds it); in-process runs without it never touch {@code System.in}.
 *
 * @param in the standard input, if the command may read it
 * @param out standard output (results, and {@code serve}'s event lines)
 * @param err standard error (one line per problem, never a stack trace)
 * @param clock the clock that says which day it is: the addresses a preset applies, which of its
 *     values are retired, and the day diagnostics judge a configuration on ({@code
 *     Clock.systemUTC()} in the program; tests fix it)
 */
record Io(Optional<InputStream> in, PrintStream out, PrintStream err, Clock clock) {

  /** Streams for parsing only: nothing is read, and anything written is dropped. */
  static Io none() {
    PrintStream discard = new PrintStream(PrintStream.nullOutputStream());
    return new Io(Optional.empty(), discard, discard, Clock.systemUTC());
  }
}
