package io.github.secdns.examples.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code completion}: prints a shell completion script for bash (zsh loads it too, after {@code
 * autoload -U +X bashcompinit && bashcompinit}): {@code source <(java -jar secdns.jar completion)}
 * with an alias or wrapper named {@code secdns}.
 */
@Command(
    name = "completion",
    synopsisHeading = "usage: ",
    description = {
      "print a bash/zsh completion script for the commands and flags",
      "",
      "  source <(java -jar secdns.jar completion)   (with a 'secdns' alias or wrapper)"
    })
final class CompletionCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  private final Io io;

  CompletionCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    io.out().print(AutoComplete.bash("secdns", spec.root().commandLine()));
    return ExitCode.OK;
  }
}
