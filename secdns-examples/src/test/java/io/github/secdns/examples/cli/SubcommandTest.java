package io.github.secdns.examples.cli;

import static io.github.secdns.testsupport.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The command tree holds only the command that runs when it runs on its own (the program's start
 * time is mostly picocli building commands), and that tree answers as the full one would.
 */
class SubcommandTest {

  private static final List<String> NAMES = Subcommand.ALL.stream().map(Subcommand::name).toList();

  /** The tree with every command, as the root's usage, help and completion see it. */
  private static CommandLine fullTree() {
    return Main.commandLine(Io.none(), List.of());
  }

  @Test
  void aCommandThatRunsOnItsOwnIsTheOnlyOneBuilt() {
    for (Subcommand command : Subcommand.ALL) {
      List<String> args = List.of(command.name(), "--help");
      List<String> built = List.copyOf(Main.commandLine(Io.none(), args).getSubcommands().keySet());
      assertEquals(command.readsTree() ? NAMES : List.of(command.name()), built, command::name);
    }
    assertEquals(
        List.of("serve"),
        List.copyOf(
            Main.commandLine(Io.none(), List.of("serve", "--zone-file", "z"))
                .getSubcommands()
                .keySet()));
  }

  @Test
  void everyCommandIsBuiltWhenTheFirstArgumentIsNoRunningCommand() {
    for (List<String> args :
        List.of(
            List.<String>of(),
            List.of("help", "serve"),
            List.of("completion"),
            List.of("-h"),
            List.of("--help"),
            List.of("@serve.args"),
            List.of("serv"),
            List.of("SERVE"),
            List.of(""))) {
      assertEquals(
          NAMES,
          List.copyOf(Main.commandLine(Io.none(), args).getSubcommands().keySet()),
          args::toString);
    }
  }

  /** The names in the list are the commands' own ({@code @Command(name = ...)}). */
  @Test
  void theListedNamesAreTheCommandsNames() {
    for (Subcommand command : Subcommand.ALL) {
      CommandLine built = new CommandLine(command.factory().apply(Io.none()));
      assertEquals(command.name(), built.getCommandName());
    }
  }

  /** Nothing is lost by building one command: its help, and its subcommands' help, are the same. */
  @Test
  void aCommandBuiltAloneHasTheSameHelpAsInTheFullTree() {
    CommandLine full = fullTree();
    for (Subcommand command : Subcommand.ALL) {
      CommandLine alone =
          Main.commandLine(Io.none(), List.of(command.name())).getSubcommands().get(command.name());
      assertEquals(usages(full.getSubcommands().get(command.name())), usages(alone), command::name);
    }
  }

  /** The usage of a command and of every command under it, in order. */
  private static List<String> usages(CommandLine line) {
    List<String> all = new ArrayList<>(List.of(line.getUsageMessage()));
    line.getSubcommands().values().forEach(sub -> all.addAll(usages(sub)));
    return all;
  }

  /** Every command's name, and first arguments that name none. */
  private static final Gen<String> FIRST =
      Generate.pick(
          Stream.concat(
                  NAMES.stream(),
                  Stream.of("serv", "SERVE", "-h", "--help", "--version", "", "@/nonexistent/args"))
              .toList());

  private static final Gen<String> REST =
      Generate.pick(
          List.of(
              "serve",
              "plan",
              "help",
              "show",
              "create",
              "new-key",
              "--help",
              "-h",
              "--json",
              "--zone",
              "--zone-file",
              "--listen",
              "127.0.0.1:0",
              "--config",
              "--preset",
              "--",
              "example.com",
              "x",
              "--nope",
              "@/nonexistent/args"));

  /**
   * Whatever the arguments, the tree built for them parses them as the full tree does: the same
   * commands, flags and values, or the same one-line error.
   */
  @Test
  void theTreeBuiltForTheArgumentsParsesThemAsTheFullTree() {
    qt().withExamples(100)
        .forAll(FIRST, lists().of(REST).ofSizeBetween(0, 5))
        .checkAssert(
            (first, rest) -> {
              List<String> args = new ArrayList<>(List.of(first));
              args.addAll(rest);
              assertEquals(
                  parsed(fullTree(), args),
                  parsed(Main.commandLine(Io.none(), args), args),
                  args::toString);
            });
  }

  /** What a tree makes of the arguments: each command matched with its flags and values. */
  private static String parsed(CommandLine tree, List<String> args) {
    try {
      ParseResult result = tree.parseArgs(args.toArray(String[]::new));
      List<String> commands = new ArrayList<>();
      for (CommandLine line : result.asCommandLineList()) {
        ParseResult r = line.getParseResult();
        commands.add(
            r.commandSpec().qualifiedName()
                + " "
                + r.matchedOptions().stream()
                    .map(o -> o.longestName() + "=" + o.stringValues())
                    .collect(Collectors.joining(" "))
                + " "
                + r.matchedPositionals().stream()
                    .map(p -> p.paramLabel() + "=" + p.stringValues())
                    .collect(Collectors.joining(" ")));
      }
      return String.join(" | ", commands);
    } catch (ParameterException e) {
      return "error: " + Parsers.message(e);
    }
  }
}
