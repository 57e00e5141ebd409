package io.github.secdns.examples.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The settings file of {@code serve --config FILE}: one {@code key = value} per line, the keys
 * being the flag names without {@code --}; repeatable settings are written once per value; {@code
 * #} starts a comment line; blank lines are ignored. Relative file paths are relative to the
 * settings file's directory.
 *
 * <pre>
 * # secdns serve settings
 * zone-file = example.com.zone
 * origin    = example.com
 * listen    = 127.0.0.1:5353
 * listen    = [::1]:5353
 * allow     = 127.0.0.0/8
 * notify    = 127.0.0.1:5300
 * </pre>
 *
 * <p>The file is turned into the flags it stands for ({@code --key=value}) and parsed by the same
 * picocli command as the command line, so a setting means exactly what its flag means; the keys,
 * and which of them may repeat, come from the command's own flags. The lines are checked here so
 * that every problem names the file and the line.
 */
final class SettingsFile {

  private SettingsFile() {}

  /**
   * Reads the file into flags.
   *
   * @param file the settings file
   * @param spec the command whose value-taking flags are the keys
   * @param excluded flag names (with {@code --}) a file may not set
   * @param pathKeys keys whose values are file paths, resolved against the file's directory
   * @return one {@code --key=value} argument per setting, in file order
   * @throws UsageException naming the file and line of the first problem
   */
  static List<String> arguments(
      Path file, CommandSpec spec, Set<String> excluded, Set<String> pathKeys)
      throws UsageException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UsageException("--config: cannot read " + file + " (" + Problems.io(e) + ")");
    }
    Map<String, OptionSpec> known = new LinkedHashMap<>();
    for (OptionSpec o : spec.options()) {
      if (o.arity().max() > 0 && !excluded.contains(o.longestName())) {
        known.put(o.longestName().substring(2), o);
      }
    }
    List<String> args = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Path dir = file.toAbsolutePath().resolveSibling(""); // the directory the file is in
    for (int i = 0; i < lines.size(); i++) {
      String where = file + ":" + (i + 1);
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq < 0) {
        throw new UsageException(where + ": expected 'key = value'");
      }
      String key = line.substring(0, eq).strip();
      String value = line.substring(eq + 1).strip();
      OptionSpec option = known.get(key);
      if (option == null) {
        throw new UsageException(
            where + ": unknown key '" + key + "'; keys: " + String.join(", ", known.keySet()));
      }
      if (value.isEmpty()) {
        throw new UsageException(where + ": '" + key + "' needs a value");
      }
      if (!seen.add(key) && !option.isMultiValue()) {
        throw new UsageException(where + ": '" + key + "' given more than once");
      }
      String resolved =
          pathKeys.contains(key)
              ? dir.resolve(Addresses.path(value, where + ": '" + key + "'")).toString()
              : value;
      args.add("--" + key + "=" + resolved);
    }
    return args;
  }
}
