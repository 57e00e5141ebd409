package io.github.secdns.examples.cli;

import static io.github.secdns.examples.cli.CommandLine.Option.flag;
import static io.github.secdns.examples.cli.CommandLine.Option.repeatable;
import static io.github.secdns.examples.cli.CommandLine.Option.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandLineTest {

  private static final List<CommandLine.Option> OPTIONS =
      List.of(
          value("one", "X", "single"), repeatable("many", "Y", "repeatable"), flag("on", "switch"));

  private static CommandLine parse(String... args) throws UsageException {
    return CommandLine.parse("cmd", OPTIONS, List.of(args));
  }

  private static String error(String... args) {
    return assertThrows(UsageException.class, () -> parse(args)).getMessage();
  }

  @Test
  void valuesSwitchesAndPositionals() throws Exception {
    CommandLine line = parse("a", "--one", "1", "--many", "x", "--many=y", "--on", "b");
    assertEquals(Optional.of("1"), line.one("one"));
    assertEquals(List.of("x", "y"), line.all("many"));
    assertTrue(line.has("on"));
    assertEquals(List.of("a", "b"), line.positionals());
    assertFalse(parse().has("on"));
    assertEquals(List.of(), parse().all("many"));
  }

  @Test
  void doubleDashEndsTheFlags() throws Exception {
    assertEquals(List.of("--one", "-x"), parse("--", "--one", "-x").positionals());
  }

  @Test
  void anEmptyValueWithEqualsIsAValue() throws Exception {
    assertEquals(Optional.of(""), parse("--one=").one("one"));
  }

  @Test
  void errorsNameTheFlag() {
    assertEquals("cmd: unknown flag '--two'; flags: --one, --many, --on", error("--two"));
    assertEquals("cmd: unknown flag '-o'; flags: --one, --many, --on", error("-o"));
    assertEquals("cmd: --one needs a value: --one X", error("--one"));
    assertEquals("cmd: --one given more than once", error("--one", "1", "--one", "2"));
    assertEquals("cmd: --on takes no value", error("--on=yes"));
  }

  @Test
  void usageListsEveryFlag() {
    String usage = CommandLine.usage("cmd [flags]", OPTIONS);
    assertTrue(usage.startsWith("usage: cmd [flags]\n"), usage);
    assertTrue(usage.contains("--one X"), usage);
    assertTrue(usage.contains("--many Y ..."), usage);
    assertTrue(usage.contains("--on "), usage);
  }
}
