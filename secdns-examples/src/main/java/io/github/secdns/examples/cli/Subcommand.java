package io.github.secdns.examples.cli;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A command under {@code secdns}: the name it is run by (its {@code @Command} name), how to make it
 * for a run, and whether it reads the whole command tree ({@code help} and {@code completion} do).
 * {@link #ALL} is the one list of commands: the full tree, and so the usage's command list and the
 * unknown-command message, are built from it.
 *
 * <p>Immutable; safe to share between threads (each call of the factory makes a new command).
 *
 * @param name the name on the command line, as in the command's {@code @Command(name = ...)}
 * @param factory makes the command object for a run's streams; never returns null
 * @param readsTree whether the command needs every other command under the root to run
 */
record Subcommand(String name, Function<Io, Object> factory, boolean readsTree) {

  /** Every command, in the order the usage lists them. */
  static final List<Subcommand> ALL =
      List.of(
          new Subcommand("serve", ServeCommand::new, false),
          new Subcommand("publish", PublishCommand::new, false),
          new Subcommand("withdraw", WithdrawCommand::new, false),
          new Subcommand("host", HostCommand::new, false),
          new Subcommand("plan", PlanCommand::new, false),
          new Subcommand("presets", PresetsCommand::new, false),
          new Subcommand("check", CheckCommand::new, false),
          new Subcommand("sample-zone", SampleZoneCommand::new, false),
          new Subcommand("completion", CompletionCommand::new, true),
          new Subcommand("help", HelpCommand::new, true));

  /**
   * The commands to build for these arguments. Building picocli's model of a command (reflection
   * over its options, mixins and converters) is most of the program's start time, so when the first
   * argument names a command that runs on its own, only that one is built. Every command is built
   * otherwise: no argument or a flag (the root's usage lists them all), an {@code @FILE} (the file
   * may hold the command), {@code help} or {@code completion}, or a name that is not a command (the
   * error lists them all). The first argument must match exactly, as picocli does here: {@link
   * Parsers#configure} allows no abbreviated command and no other case.
   *
   * @param args the program's arguments
   * @return the commands to put under the root, in usage order; never empty
   */
  static List<Subcommand> toBuild(List<String> args) {
    return running(args).filter(c -> !c.readsTree()).map(List::of).orElse(ALL);
  }

  /** The command named exactly by the first argument, if any. */
  private static Optional<Subcommand> running(List<String> args) {
    if (args.isEmpty()) {
      return Optional.empty();
    }
    String first = args.get(0);
    return ALL.stream().filter(c -> c.name().equals(first)).findFirst();
  }
}
