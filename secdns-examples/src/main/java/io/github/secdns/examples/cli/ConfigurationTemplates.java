package io.github.secdns.examples.cli;

import io.github.secdns.core.config.ValidationException;
import io.github.secdns.core.spi.Validity;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The configurations of the zones {@code serve} configures from the same flags: built with the
 * configuration builder once per list of secondary names (and day, which decides a preset's
 * values), then derived for each further zone with {@code SecondaryDnsConfiguration.forZone}, which
 * checks only what depends on the zone. A zone directory of 10,000 zones whose files name the same
 * apex NS set parses and validates the flags once instead of 10,000 times; the result for every
 * zone is equal to building it from the flags, and a zone whose configuration is refused gets the
 * same message.
 *
 * <p>A list seen for the first time is built for its zone and kept (at most {@value #MAX_TEMPLATES}
 * lists: zones that name their own in-zone name servers each have another list and are then simply
 * built, as before); a template of a past day is never used again, and dropped once the limit is
 * reached. A failed build is not kept, so each zone refused reports its own problems.
 *
 * <p>Thread-safe: a zone directory's loading threads configure their zones at once.
 */
final class ConfigurationTemplates {

  /** The most templates kept: beyond, zones are configured from the flags each time. */
  static final int MAX_TEMPLATES = 64;

  /** A template's key: the secondary names as given (letter case kept) and the day applied. */
  private record Key(List<String> secondaryNames, LocalDate day) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key other
          && other.secondaryNames.equals(secondaryNames)
          && other.day.equals(day);
    }

    @Override
    public int hashCode() {
      return 31 * secondaryNames.hashCode() + day.hashCode();
    }
  }

  private final ServeOptions options;
  private final Clock clock;
  private final ConcurrentHashMap<Key, ServeCommand.Configured> templates =
      new ConcurrentHashMap<>();

  /**
   * @param options the flags every zone is configured from
   * @param clock the clock whose day decides a preset's values
   */
  ConfigurationTemplates(ServeOptions options, Clock clock) {
    this.options = options;
    this.clock = clock;
  }

  /**
   * The zone's configuration from the flags, equal to {@link ServeCommand#configuration}'s.
   *
   * @param secondaryNames the secondary name servers, as for {@link ServeCommand#configuration}
   * @throws UsageException naming the zone and every problem, as {@link ServeCommand#configuration}
   */
  ServeCommand.Configured configured(ServeOptions.ZoneInput input, List<String> secondaryNames)
      throws UsageException {
    LocalDate today = Validity.today(clock);
    Key key = new Key(secondaryNames, today);
    ServeCommand.Configured template = templates.get(key);
    if (template == null) {
      ServeCommand.Configured built =
          ServeCommand.configuration(input, options, secondaryNames, clock);
      if (templates.size() >= MAX_TEMPLATES) {
        templates.keySet().removeIf(k -> !k.day().equals(today));
      }
      if (templates.size() < MAX_TEMPLATES) {
        templates.putIfAbsent(new Key(List.copyOf(secondaryNames), today), built);
      }
      return built;
    }
    try {
      // The preset application says which day's values were applied and their warnings: the same
      // for every zone of the key.
      return new ServeCommand.Configured(
          template.configuration().forZone(input.origin()), template.preset());
    } catch (ValidationException e) {
      throw Problems.usage("serve " + input.origin(), e);
    }
  }

  @Override
  public String toString() {
    return "ConfigurationTemplates[" + templates.size() + " kept]";
  }
}
