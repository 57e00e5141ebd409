package io.github.secdns.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

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

  static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            List.of(args),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
