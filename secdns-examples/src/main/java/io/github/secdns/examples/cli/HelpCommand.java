package io.github.secdns.examples.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code help [COMMAND]}: the program's usage, or a command's flags (as {@code COMMAND --help}).
 */
@Command(
    name = "help",
    synopsisHeading = "usage: ",
    description = "the usage, or the flags of a command")
final class HelpCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "COMMAND", arity = "0..1", description = "the command")
  List<String> topic = List.of();

  private final Io io;

  HelpCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws UsageException {
    CommandLine root = spec.root().commandLine();
    if (topic.isEmpty()) {
      io.out().print(root.getUsageMessage());
      return ExitCode.OK;
    }
    CommandLine command = root.getSubcommands().get(topic.get(0));
    if (command == null) {
      throw new UsageException("help: unknown command '" + topic.get(0) + "'");
    }
    io.out().print(command.getUsageMessage());
    return ExitCode.OK;
  }
}
