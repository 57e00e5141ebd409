package io.github.secdns.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    String message =
        "secdns unknown command 'serv'; commands: serve, publish, withdraw, host, plan, presets,"
            + " check, sample-zone, completion, help\n";
    Cli.Result r = Cli.run("serv").assertBadInput(message);
    assertEquals("", r.out());
    assertEquals(message, r.err());
    // Commands are matched exactly: no other case (nor abbreviation, 'serv' above).
    assertEquals(message.replace("'serv'", "'SERVE'"), Cli.run("SERVE").err());
  }

  @Test
  void helpForEveryCommand() {
    String usage = Cli.run("help").assertOk().out();
    assertTrue(usage.startsWith("usage: secdns COMMAND [flags]"), usage);
    for (Subcommand each : Subcommand.ALL) {
      String command = each.name();
      assertTrue(usage.contains("\n  " + command + " "), usage);
      Cli.Result r = Cli.run("help", command).assertOk();
      assertTrue(r.out().startsWith("usage: secdns " + command), r.toString());
      assertEquals(r.out(), Cli.run(command, "--help").assertOk().out());
      assertEquals(r.out(), Cli.run(command, "-h").assertOk().out());
    }
    String serve = Cli.run("help", "serve").out();
    assertTrue(serve.contains("--zone-file=FILE"), serve);
    assertTrue(serve.contains("--endpoint-name=NAME"), serve);
    assertTrue(serve.contains("--status-interval=SECONDS"), serve);
    assertTrue(serve.contains("settings file (--config FILE)"), serve);
    Cli.run("help", "nope").assertBadInput("secdns help: unknown command 'nope'");
  }

  @Test
  void completionPrintsABashScriptForEveryCommandAndFlag() {
    Cli.Result r = Cli.run("completion").assertOk();
    assertTrue(r.out().startsWith("#!/usr/bin/env bash"), r.out());
    assertTrue(r.out().contains("complete -F _complete_secdns"), r.out());
    for (Subcommand command : Subcommand.ALL) {
      assertTrue(r.out().contains(command.name()), command::name);
    }
    for (String word : new String[] {"--zone-file", "--json", "--listen", "new-key"}) {
      assertTrue(r.out().contains(word), word);
    }
  }

  @Test
  void argumentsComeFromAnAtFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("plan.args");
    Files.writeString(file, "--zone example.org\n--secondary-ns ns1.backup.example\n");
    Cli.Result r = Cli.run("plan", "@" + file).assertOk();
    assertTrue(r.out().startsWith("Plan: enable Secondary DNS for example.org.\n"), r.out());
    assertTrue(r.out().contains("  add:    ns1.backup.example\n"), r.out());
    // The file may hold the command itself: it is not known before the file is read.
    Path whole = dir.resolve("whole.args");
    Files.writeString(whole, "plan\n--zone example.org\n--secondary-ns ns1.backup.example\n");
    assertEquals(r.out(), Cli.run("@" + whole).assertOk().out());
  }

  @Test
  void badFlagsAreOneLineNamingTheCommand() {
    Cli.run("plan", "--nope").assertBadInput("secdns plan: unknown flag '--nope'; flags: --zone,");
    Cli.run("plan", "--zone").assertBadInput("secdns plan: --zone needs a value: --zone ZONE");
    Cli.run("plan", "--zone", "a.example", "--zone", "b.example")
        .assertBadInput("secdns plan: --zone given more than once");
    Cli.run("plan", "--json=yes").assertBadInput("secdns plan: --json takes no value");
    Cli.run("serve", "--listen")
        .assertBadInput("secdns serve: --listen needs a value: --listen ADDR:PORT[,ADDR:PORT...]");
  }

  @Test
  void sampleZoneIsPrinted() {
    Cli.Result r = Cli.run("sample-zone").assertOk();
    assertTrue(r.out().contains("$ORIGIN example.com."), r.out());
    assertTrue(r.out().contains("IN ALIAS app.cdn.example.net."), r.out());
    Cli.run("sample-zone", "x").assertBadInput("sample-zone: takes no arguments");
  }
}
