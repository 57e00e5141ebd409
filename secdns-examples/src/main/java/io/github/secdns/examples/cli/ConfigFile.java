package io.github.secdns.examples.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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
 */
final class ConfigFile {

  private ConfigFile() {}

  /**
   * Reads the file.
   *
   * @param options the settings a file may contain (flags that take a value)
   * @param pathKeys keys whose values are file paths
   * @return the values per key, in file order
   * @throws UsageException naming the file and line of the first problem
   */
  static Map<String, List<String>> read(
      Path file, List<CommandLine.Option> options, List<String> pathKeys) throws UsageException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UsageException("--config: cannot read " + file + " (" + Problems.io(e) + ")");
    }
    Map<String, CommandLine.Option> known = new LinkedHashMap<>();
    options.stream().filter(CommandLine.Option::takesValue).forEach(o -> known.put(o.name(), o));
    Map<String, List<String>> values = new LinkedHashMap<>();
    Path dir = file.toAbsolutePath().getParent();
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
      CommandLine.Option option = known.get(key);
      if (option == null) {
        throw new UsageException(
            where + ": unknown key '" + key + "'; keys: " + String.join(", ", known.keySet()));
      }
      if (value.isEmpty()) {
        throw new UsageException(where + ": '" + key + "' needs a value");
      }
      List<String> list = values.computeIfAbsent(key, k -> new ArrayList<>());
      if (!list.isEmpty() && !option.repeatable()) {
        throw new UsageException(where + ": '" + key + "' given more than once");
      }
      list.add(
          pathKeys.contains(key)
              ? dir.resolve(Addresses.path(value, where + ": '" + key + "'")).toString()
              : value);
    }
    return values.entrySet().stream()
        .collect(
            Collectors.toMap(
                Map.Entry::getKey,
                e -> List.copyOf(e.getValue()),
                (a, b) -> a,
                LinkedHashMap::new));
  }
}
