package io.github.secdns.core.spi;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * A convenient base for a plugin's preset class: hand the constructor a {@link PresetDefinition},
 * and every method answers from it. Because the definition is checked when it is built, a preset
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

  /**
   * Returns the checked data this preset answers from.
   *
   * @return the definition
   */
  public final PresetDefinition definition() {
    return definition;
  }

  @Override
  public final String id() {
    return definition.id();
  }

  @Override
  public final String displayName() {
    return definition.displayName();
  }

  @Override
  public final PresetNameServers nameServers() {
    return definition.nameServers();
  }

  @Override
  public final List<TransferSource> transferSources() {
    return definition.transferSources();
  }

  @Override
  public final List<PresetNotifyTarget> notifyTargets() {
    return definition.notifyTargets();
  }

  @Override
  public final PresetCapabilities capabilities() {
    return definition.capabilities();
  }

  @Override
  public final Optional<URI> documentation() {
    return definition.documentation();
  }

  @Override
  public final Optional<LocalDate> lastVerified() {
    return definition.lastVerified();
  }

  @Override
  public final Optional<String> deprecationReason() {
    return definition.deprecationReason();
  }

  @Override
  public final List<String> notes() {
    return definition.notes();
  }

  /** Equal when the other object is of the same class and has equal data. */
  @Override
  public final boolean equals(@Nullable Object o) {
    return o != null
        && o.getClass() == getClass()
        && ((AbstractProviderPreset) o).definition.equals(definition);
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
