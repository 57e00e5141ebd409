package io.github.secdns.examples.cli;

import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How every command line is parsed (picocli), and picocli's errors in the program's own words: one
 * line that names the command and the flag, like {@code plan: --zone needs a value: --zone ZONE}.
 */
final class Parsers {

  private Parsers() {}

  /**
   * The parser settings of every command: long flags only ({@code --name value} or {@code
   * --name=value}), no abbreviations, {@code --} ends the flags, a flag given twice is an error
   * unless it takes several values, {@code @FILE} reads arguments from a file.
   */
  static CommandLine configure(CommandLine line) {
    addHelpOption(line);
    return line.setAbbreviatedOptionsAllowed(false)
        .setAbbreviatedSubcommandsAllowed(false)
        .setOverwrittenOptionsAllowed(false)
        .setPosixClusteredShortOptionsAllowed(false)
        .setUnmatchedArgumentsAllowed(false)
        .setUnmatchedOptionsArePositionalParams(false)
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExpandAtFiles(true)
        .setTrimQuotes(false)
        .setUsageHelpWidth(100);
  }

  /** {@code -h}/{@code --help} on every command: its usage, as {@code secdns help COMMAND}. */
  private static void addHelpOption(CommandLine line) {
    if (line.getCommandSpec().findOption("--help") == null) {
      line.getCommandSpec()
          .addOption(
              OptionSpec.builder("-h", "--help")
                  .usageHelp(true)
                  .description("show this help")
                  .build());
    }
    line.getSubcommands().values().forEach(Parsers::addHelpOption);
  }

  /**
   * Parses arguments for a command object on its own (tests and the settings file use this; {@link
   * Main} runs commands through picocli's execute).
   *
   * @throws UsageException in the program's words, the secrets among the arguments not shown
   */
  static CommandLine.ParseResult parse(Object command, List<String> args) throws UsageException {
    CommandLine line = configure(new CommandLine(command));
    try {
      return line.parseArgs(args.toArray(String[]::new));
    } catch (ParameterException e) {
      throw Secrets.redact(new UsageException(message(e)), args);
    }
  }

  /** One line saying what is wrong, prefixed with the command's name. */
  static String message(ParameterException e) {
    CommandLine line = e.getCommandLine();
    String command = line.getCommandName();
    boolean root = line.getCommandSpec().userObject() instanceof SecdnsCommand;
    if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
      String first = u.getUnmatched().get(0);
      if (root) {
        return "unknown command '"
            + first
            + "'; commands: "
            + String.join(", ", line.getSubcommands().keySet());
      }
      if (first.startsWith("-") && first.length() > 1) {
        int eq = first.indexOf('=');
        // Only the flag's name: a value after '=' may be a secret.
        String flag = eq > 0 ? first.substring(0, eq) : first;
        return command + ": unknown flag '" + flag + "'; flags: " + flagNames(line);
      }
      return command + ": unexpected argument(s) " + u.getUnmatched();
    }
    if (e instanceof MissingParameterException m && !m.getMissing().isEmpty()) {
      ArgSpec missing = m.getMissing().get(0);
      if (missing instanceof OptionSpec option) {
        return command + ": " + option.longestName() + " needs a value: " + synopsis(option);
      }
      return command + ": " + missing.paramLabel() + " is required";
    }
    if (e instanceof OverwrittenOptionException o && o.getOverwritten() instanceof OptionSpec op) {
      return command + ": " + op.longestName() + " given more than once";
    }
    String text = e.getMessage() == null ? "bad arguments" : e.getMessage();
    if (text.contains("should be specified without") || text.endsWith("is not a boolean")) {
      // picocli's wordings for a switch given a value, e.g. --json=yes
      String flag = text.replaceAll("(?s).*option '([^']*)'.*", "$1");
      return command + ": " + flag + " takes no value";
    }
    return command + ": " + text;
  }

  /** {@code --name VALUE}, with {@code [,VALUE...]} for flags that take comma lists. */
  static String synopsis(OptionSpec option) {
    String label = option.paramLabel();
    String list = option.splitRegex().isEmpty() ? "" : "[," + label + "...]";
    return option.longestName() + (option.arity().max() > 0 ? " " + label + list : "");
  }

  private static String flagNames(CommandLine line) {
    return line.getCommandSpec().options().stream()
        .filter(o -> !o.hidden())
        .map(OptionSpec::longestName)
        .collect(Collectors.joining(", "));
  }
}
