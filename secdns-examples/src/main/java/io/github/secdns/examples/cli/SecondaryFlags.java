package io.github.secdns.examples.cli;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.annotation.Nullable;
import picocli.CommandLine.Option;

/**
 * The flags that say who the secondary is ({@code --preset}, {@code --secondary-ns}), one
 * definition for {@code check}, {@code plan} and {@code serve}. What a command does when neither is
 * given (its default) is its own and said in its help.
 */
final class SecondaryFlags {

  @Option(
      names = "--preset",
      paramLabel = "ID",
      description =
          "the secondary provider's preset: its name servers, ACL and NOTIFY targets (see: secdns"
              + " presets)")
  @Nullable
  String preset;

  @Option(
      names = "--secondary-ns",
      paramLabel = "NS",
      split = ",",
      description = "the secondary name servers (with --preset: replacing or supplying its names)")
  List<String> secondaryNs = new ArrayList<>();

  /** The preset id given, if any. */
  Optional<String> preset() {
    return Optional.ofNullable(preset);
  }

  /** Whether the secondary is named at all, by a preset or by name servers. */
  boolean given() {
    return preset != null || !secondaryNs.isEmpty();
  }

  /**
   * The configuration pre-filled from the preset given (its values of the clock's day) or custom
   * with the names.
   *
   * @param names the secondary name servers: {@code --secondary-ns} or the command's default
   * @param context what a message starts with (the command)
   */
  Configurations.Prefilled prefill(String zone, List<String> names, String context, Clock clock)
      throws UsageException {
    return Configurations.start(zone, preset(), names, context, clock);
  }
}
