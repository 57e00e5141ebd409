package io.github.secdns.core.spi;

import java.util.Objects;
import javax.annotation.Nullable;

/**
 * A convenient base for a plugin's preset class: hand the constructor a {@link PresetDefinition},
 * and the preset is that definition. Because the definition is checked when it is built, a preset
 * with bad data fails as soon as its class is instantiated, with a message naming the preset and
 * the field.
 *
 * <pre>{@code
 * public final class ExampleSecondary extends AbstractProviderPreset {
 *   public ExampleSecondary() {
 *     super(PresetDefinition.builder("example-secondary")
 *         .displayName("Example Secondary")
 *         .nameServers("ns1.secondary.example", "ns2.secondary.example")
 *         .transferSource("192.0.2.53")
 *         .notifyTarget("192.0.2.53")
 *         .build());
 *   }
 * }
 * }</pre>
 *
 * <p>The SPI itself is the {@link ProviderPreset} interface; extending this class is optional.
 * Immutable and thread-safe.
 */
public abstract class AbstractProviderPreset implements ProviderPreset {

  private final PresetDefinition definition;

  /**
   * Creates the preset.
   *
   * @param definition the checked data
   */
  protected AbstractProviderPreset(PresetDefinition definition) {
    this.definition = Objects.requireNonNull(definition, "definition");
  }

  @Override
  public final PresetDefinition definition() {
    return definition;
  }

  /** Equal when the other object is of the same class and has an equal definition. */
  @Override
  public final boolean equals(@Nullable Object o) {
    return o instanceof AbstractProviderPreset abstractProviderPreset
        && abstractProviderPreset.definition.equals(definition);
  }

  @Override
  public final int hashCode() {
    return definition.hashCode();
  }

  @Override
  public String toString() {
    return definition.toString();
  }
}
