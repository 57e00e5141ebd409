package io.github.secdns.examples.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The parsed flags and positional arguments of one command. Hand-written on purpose: the examples
 * add no argument-parsing dependency. Accepts {@code --name value} and {@code --name=value}; {@code
 * --} ends the flags.
 */
final class CommandLine {

  /** One flag a command accepts. */
  record Option(String name, String valueName, boolean repeatable, String help) {

    /** A flag without a value (a switch). */
    static Option flag(String name, String help) {
      return new Option(name, "", false, help);
    }

    /** A flag with one value. */
    static Option value(String name, String valueName, String help) {
      return new Option(name, valueName, false, help);
    }

    /** A flag that may be given several times. */
    static Option repeatable(String name, String valueName, String help) {
      return new Option(name, valueName, true, help);
    }

    boolean takesValue() {
      return !valueName.isEmpty();
    }

    String synopsis() {
      return "--" + name + (takesValue() ? " " + valueName : "") + (repeatable ? " ..." : "");
    }
  }

  private final Map<String, List<String>> values;
  private final List<String> positionals;

  private CommandLine(Map<String, List<String>> values, List<String> positionals) {
    this.values = values;
    this.positionals = positionals;
  }

  /**
   * Parses the arguments that follow the command name.
   *
   * @throws UsageException naming the flag that is unknown, lacks its value or is repeated
   */
  static CommandLine parse(String command, List<Option> options, List<String> args)
      throws UsageException {
    Map<String, Option> known = new LinkedHashMap<>();
    options.forEach(o -> known.put(o.name(), o));
    Map<String, List<String>> values = new LinkedHashMap<>();
    List<String> positionals = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--")) {
        positionals.addAll(args.subList(i + 1, args.size()));
        break;
      }
      if (!arg.startsWith("--") || arg.length() == 2) {
        if (arg.startsWith("-") && arg.length() > 1) {
          throw new UsageException(
              command + ": unknown flag '" + arg + "'; flags: " + flagNames(options));
        }
        positionals.add(arg);
        continue;
      }
      String name = arg.substring(2);
      Optional<String> inline = Optional.empty();
      int eq = name.indexOf('=');
      if (eq >= 0) {
        inline = Optional.of(name.substring(eq + 1));
        name = name.substring(0, eq);
      }
      Option option = known.get(name);
      if (option == null) {
        throw new UsageException(
            command + ": unknown flag '--" + name + "'; flags: " + flagNames(options));
      }
      String value;
      if (option.takesValue()) {
        if (inline.isPresent()) {
          value = inline.get();
        } else if (i + 1 < args.size()) {
          value = args.get(++i);
        } else {
          throw new UsageException(
              command + ": --" + name + " needs a value: " + option.synopsis());
        }
      } else {
        if (inline.isPresent()) {
          throw new UsageException(command + ": --" + name + " takes no value");
        }
        value = "true";
      }
      List<String> list = values.computeIfAbsent(name, k -> new ArrayList<>());
      if (!list.isEmpty() && !option.repeatable()) {
        throw new UsageException(command + ": --" + name + " given more than once");
      }
      list.add(value);
    }
    return new CommandLine(values, List.copyOf(positionals));
  }

  private static String flagNames(List<Option> options) {
    return options.stream().map(o -> "--" + o.name()).collect(Collectors.joining(", "));
  }

  /** Every value of a flag, in the order given; empty when absent. */
  List<String> all(String name) {
    return List.copyOf(values.getOrDefault(name, List.of()));
  }

  /** The value of a single-valued flag. */
  Optional<String> one(String name) {
    List<String> list = values.getOrDefault(name, List.of());
    return list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
  }

  /** Whether a flag was given. */
  boolean has(String name) {
    return values.containsKey(name);
  }

  /** The arguments that are not flags. */
  List<String> positionals() {
    return positionals;
  }

  /** A usage block: the synopsis and one line per flag. */
  static String usage(String synopsis, List<Option> options) {
    StringBuilder b = new StringBuilder("usage: ").append(synopsis).append('\n');
    int width = options.stream().mapToInt(o -> o.synopsis().length()).max().orElse(0);
    for (Option o : options) {
      b.append("  ")
          .append(o.synopsis())
          .append(" ".repeat(width - o.synopsis().length() + 2))
          .append(o.help())
          .append('\n');
    }
    return b.toString();
  }
}
