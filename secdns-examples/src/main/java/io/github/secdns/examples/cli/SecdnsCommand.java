package io.github.secdns.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The program itself, {@code secdns COMMAND [flags]}: without a command it prints the usage. */
@Command(
    name = "secdns",
    synopsisHeading = "usage: ",
    customSynopsis = "secdns COMMAND [flags]",
    description = "%nSecondary DNS for a DNS host: serve zones to secondaries, plan and check.%n",
    commandListHeading = "%ncommands:%n",
    footerHeading = "%n",
    footer = {
      "'secdns help COMMAND' (or 'secdns COMMAND --help') shows a command's flags.",
      "Arguments can be read from a file: secdns @FILE (one argument per line or word).",
      "",
      "exit codes: 0 ok, 1 check found errors, plan refused or presets found a plugin it could",
      "not register, 2 bad input, 3 could not run"
    })
final class SecdnsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  private final Io io;

  SecdnsCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    io.err().print(spec.commandLine().getUsageMessage());
    return ExitCode.BAD_INPUT;
  }
}
