package io.github.secdns.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The parser settings every command shares, and picocli's errors in the program's words. */
class ParsersTest {

  @TempDir Path dir;

  @Command(name = "cmd")
  static final class Flags {
    @Option(names = "--one", paramLabel = "X")
    @Nullable
    String one;

    @Option(names = "--many", paramLabel = "Y", split = ",")
    List<String> many = new ArrayList<>();

    @Option(names = "--on")
    boolean on;

    @Parameters List<String> positionals = new ArrayList<>();
  }

  private static Flags parse(String... args) throws UsageException {
    Flags flags = new Flags();
    Parsers.parse(flags, List.of(args));
    return flags;
  }

  private static String error(String... args) {
    return assertThrows(UsageException.class, () -> parse(args)).getMessage();
  }

  @Test
  void valuesSwitchesPositionalsAndCommaLists() throws Exception {
    Flags f = parse("a", "--one", "1", "--many", "x", "--many=y,z", "--on", "b");
    assertEquals("1", f.one);
    assertEquals(List.of("x", "y", "z"), f.many);
    assertTrue(f.on);
    assertEquals(List.of("a", "b"), f.positionals);
    assertFalse(parse().on);
  }

  @Test
  void doubleDashEndsTheFlagsAndAnEmptyValueIsAValue() throws Exception {
    assertEquals(List.of("--one", "-x"), parse("--", "--one", "-x").positionals);
    assertEquals("", parse("--one=").one);
    // A value that looks like a flag but is none is a value (checked later by the command).
    assertEquals("-bad-", parse("--one", "-bad-").one);
  }

  @Test
  void argumentsComeFromAnAtFile() throws Exception {
    Path file = dir.resolve("args");
    Files.writeString(file, "--one 1\n--many x\nb\n");
    Flags f = parse("@" + file, "--on");
    assertEquals("1", f.one);
    assertEquals(List.of("x"), f.many);
    assertEquals(List.of("b"), f.positionals);
  }

  @Test
  void errorsNameTheCommandAndTheFlag() {
    assertEquals("cmd: unknown flag '--two'; flags: --one, --many, --on, --help", error("--two"));
    assertEquals("cmd: unknown flag '-o'; flags: --one, --many, --on, --help", error("-o"));
    assertEquals(
        "cmd: unknown flag '--two'; flags: --one, --many, --on, --help", error("--two=secret"));
    assertEquals("cmd: --one needs a value: --one X", error("--one"));
    assertEquals("cmd: --many needs a value: --many Y[,Y...]", error("--many"));
    assertEquals("cmd: --one given more than once", error("--one", "1", "--one", "2"));
    assertEquals("cmd: --on takes no value", error("--on=yes"));
  }

  @Test
  void aFlagNeverSwallowsTheNextFlag() {
    // The value of --one would be "--on": picocli refuses a flag's name as a value, so a
    // value-taking flag before --tsig can never take the key as its own value.
    assertEquals("cmd: --one needs a value: --one X", error("--one", "--on"));
  }
}
