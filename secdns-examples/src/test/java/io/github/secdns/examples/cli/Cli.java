package io.github.secdns.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** Runs the command line in-process and captures what it prints. */
final class Cli {

  record Result(int code, String out, String err) {

    /** A bad-input failure: exit 2, one line on stderr containing the text, no stack trace. */
    Result assertBadInput(String expected) {
      assertEquals(ExitCode.BAD_INPUT, code, this::toString);
      assertEquals(1, err.lines().count(), this::toString);
      assertFalse(err.contains("Exception") || err.contains("\tat "), this::toString);
      if (!err.contains(expected)) {
        throw new AssertionError("stderr lacks '" + expected + "': " + this);
      }
      return this;
    }

    /** Asserts that the standard output holds these lines, one after the other. */
    Result assertPrints(String... lines) {
      String expected = String.join("\n", lines) + "\n";
      assertTrue(out.contains(expected), () -> "stdout lacks\n" + expected + "in: " + this);
      return this;
    }

    Result assertOk() {
      assertEquals(ExitCode.OK, code, this::toString);
      return this;
    }

    @Override
    public String toString() {
      return "exit " + code + "\n--- out:\n" + out + "--- err:\n" + err;
    }
  }

  private Cli() {}

  /** A clock fixed at noon (UTC) of a day. */
  static Clock on(int year, int month, int day) {
    return Clock.fixed(
        LocalDate.of(year, month, day).atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
  }

  static Result run(String... args) {
    return runOn(Clock.systemUTC(), args);
  }

  /** Runs serve with these flags to its end: for a serve that must not start (bad input). */
  static Result serve(String... flags) {
    String[] args = new String[flags.length + 1];
    args[0] = "serve";
    System.arraycopy(flags, 0, args, 1, flags.length);
    return run(args);
  }

  /** Runs the command on a clock: the day presets are applied and diagnostics judged on. */
  static Result runOn(Clock clock, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            List.of(args),
            Optional.empty(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            clock);
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
