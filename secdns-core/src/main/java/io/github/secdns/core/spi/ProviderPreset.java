package io.github.secdns.core.spi;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * One secondary DNS provider (or a well-known DNS service that cannot be one), as typed,
 * declarative data: what a customer would otherwise copy by hand from the provider's documentation
 * into the Secondary DNS form. Selecting a preset pre-populates those values; the customer can
 * still change them before saving.
 *
 * <p>This is the service a plugin implements and registers, with {@code provides} in its {@code
 * module-info} and with a {@code META-INF/services/io.github.secdns.core.spi.ProviderPreset} file
 * for the class path. A preset is its {@link #definition()}: one {@link PresetDefinition}, checked
 * when it is created. The easiest way is to extend {@link AbstractProviderPreset}:
 *
 * <pre>{@code
 * public final class AcmePreset extends AbstractProviderPreset {
 *   public AcmePreset() {
 *     super(PresetDefinition.builder("acme")
 *         .displayName("ACME Secondary DNS")
 *         .nameServers("ns1.acme-dns.example", "ns2.acme-dns.example")
 *         .transferSource("192.0.2.53", "xfr.acme-dns.example")
 *         .build());
 *   }
 * }
 * }</pre>
 *
 * <p>The other methods are shortcuts to the definition's values that every caller needs; they must
 * not be overridden (the contract suite in {@code secdns-testkit} checks that they agree). Core
 * keeps only the definition when a preset is registered.
 *
 * <p>Threading: implementations must be immutable and thread-safe, and return the same definition
 * on every call; registries read it once.
 */
public interface ProviderPreset {

  /**
   * Returns the preset's data.
   *
   * @return the checked, immutable definition; the same on every call
   */
  PresetDefinition definition();

  /**
   * Returns the stable identifier ({@link PresetDefinition#id()}).
   *
   * @return the id
   */
  default String id() {
    return definition().id();
  }

  /**
   * Returns the name a customer recognises ({@link PresetDefinition#displayName()}).
   *
   * @return the display name
   */
  default String displayName() {
    return definition().displayName();
  }

  /**
   * Returns what the preset describes ({@link PresetDefinition#kind()}).
   *
   * @return a secondary, or a service that cannot be one
   */
  default PresetKind kind() {
    return definition().kind();
  }

  /**
   * Returns the secondary name servers ({@link PresetDefinition#nameServers()}).
   *
   * @return the name servers
   */
  default PresetNameServers nameServers() {
    return definition().nameServers();
  }

  /**
   * Returns every transfer source, retired ones included ({@link
   * PresetDefinition#transferSources()}); {@link PresetDefinition#transferSourcesOn} gives those of
   * one day.
   *
   * @return the sources
   */
  default List<TransferSource> transferSources() {
    return definition().transferSources();
  }

  /**
   * Returns every NOTIFY target, retired ones included ({@link PresetDefinition#notifyTargets()}).
   *
   * @return the targets
   */
  default List<PresetNotifyTarget> notifyTargets() {
    return definition().notifyTargets();
  }

  /**
   * Returns what the provider can do ({@link PresetDefinition#capabilities()}).
   *
   * @return the capabilities
   */
  default PresetCapabilities capabilities() {
    return definition().capabilities();
  }

  /**
   * Returns the provider's documentation ({@link PresetDefinition#documentation()}).
   *
   * @return an absolute http or https link, or empty
   */
  default Optional<URI> documentation() {
    return definition().documentation();
  }

  /**
   * Returns the day the values were last checked ({@link PresetDefinition#lastVerified()}).
   *
   * @return the date, or empty when never verified
   */
  default Optional<LocalDate> lastVerified() {
    return definition().lastVerified();
  }

  /**
   * Returns why the preset should no longer be offered ({@link
   * PresetDefinition#deprecationReason()}).
   *
   * @return the reason, or empty when the preset is current
   */
  default Optional<String> deprecationReason() {
    return definition().deprecationReason();
  }

  /**
   * Tells whether the preset is deprecated.
   *
   * @return true when {@link #deprecationReason()} is present
   */
  default boolean deprecated() {
    return deprecationReason().isPresent();
  }

  /**
   * Returns the notes ({@link PresetDefinition#notes()}).
   *
   * @return the notes, in display order
   */
  default List<String> notes() {
    return definition().notes();
  }
}
