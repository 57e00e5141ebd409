package io.github.secdns.core.preset;

import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.spi.PresetDefinition;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The result of applying a provider preset: the configuration builder holding the pre-filled values
 * (each value with its source and confidence), the day whose addresses were applied, and what the
 * customer should be told about them (a deprecated preset, values to verify, values to paste).
 *
 * <p>The warnings and the preset are immutable; the builder is the caller's to edit and build, and
 * is not thread-safe.
 */
public final class PresetApplication {

  private final SecondaryDnsConfiguration.Builder builder;
  private final PresetDefinition preset;
  private final LocalDate day;
  private final List<PresetWarning> warnings;

  PresetApplication(
      SecondaryDnsConfiguration.Builder builder,
      PresetDefinition preset,
      LocalDate day,
      List<PresetWarning> warnings) {
    this.builder = Objects.requireNonNull(builder, "builder");
    this.preset = Objects.requireNonNull(preset, "preset");
    this.day = Objects.requireNonNull(day, "day");
    this.warnings = List.copyOf(warnings);
  }

  /**
   * Returns the builder holding the pre-filled values; the customer can still change every value
   * before it is built and saved.
   *
   * @return the builder (not a copy)
   */
  public SecondaryDnsConfiguration.Builder builder() {
    return builder;
  }

  /**
   * Returns the preset that was applied.
   *
   * @return its definition
   */
  public PresetDefinition preset() {
    return preset;
  }

  /**
   * Returns the day (UTC) whose transfer sources and NOTIFY targets were applied.
   *
   * @return the day
   */
  public LocalDate day() {
    return day;
  }

  /**
   * Returns what the customer should be told, in a fixed order: deprecation, values to paste,
   * announced addresses, values to verify.
   *
   * @return the warnings; empty when there is nothing to say
   */
  public List<PresetWarning> warnings() {
    return warnings;
  }

  @Override
  public String toString() {
    return "PresetApplication[preset="
        + preset.id()
        + ", day="
        + day
        + ", warnings="
        + warnings
        + "]";
  }
}
