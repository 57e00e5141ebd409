package io.github.secdns.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MainTest {

  @Test
  void anArgumentWithALineBreakStillGivesAOneLineMessage() {
    for (String[] args :
        new String[][] {
          {"plan", "a\nb"},
          {"plan", "--a\rb"},
          {"presets", "x\u2028y"},
          {"plan", "--preset", "evil\nsecdns: all good"}
        }) {
      Cli.Result r = Cli.run(args);
      assertEquals(ExitCode.BAD_INPUT, r.code(), r::toString);
      assertEquals(1, r.err().lines().count(), r::toString);
      assertTrue(
          r.err().contains("\\u000a") || r.err().contains("\\u000d") || r.err().contains("\\u2028"),
          r::toString);
    }
  }

  @Test
  void withoutACommandPrintsTheUsage() {
    Cli.Result r = Cli.run();
    assertEquals(ExitCode.BAD_INPUT, r.code());
    assertTrue(r.err().startsWith("usage: secdns COMMAND"), r.toString());
  }

  @Test
  void unknownCommand() {
    Cli.Result r = Cli.run("serv").assertBadInput("secdns unknown command 'serv'; commands:");
    assertEquals("", r.out());
  }

  @Test
  void helpForEveryCommand() {
    assertTrue(Cli.run("help").assertOk().out().contains("check ZONE"));
    for (String command : new String[] {"serve", "plan", "presets", "check", "sample-zone"}) {
      Cli.Result r = Cli.run("help", command).assertOk();
      assertTrue(r.out().startsWith("usage: secdns " + command), r.toString());
      assertEquals(r.out(), Cli.run(command, "--help").assertOk().out());
    }
    assertTrue(Cli.run("help", "serve").out().contains("--zone-file FILE ..."));
    Cli.run("help", "nope").assertBadInput("help: unknown command 'nope'");
  }

  @Test
  void sampleZoneIsPrinted() {
    Cli.Result r = Cli.run("sample-zone").assertOk();
    assertTrue(r.out().contains("$ORIGIN example.com."), r.out());
    assertTrue(r.out().contains("IN ALIAS app.cdn.example.net."), r.out());
    Cli.run("sample-zone", "x").assertBadInput("sample-zone: takes no arguments");
  }
}
