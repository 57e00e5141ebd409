package io.github.secdns.core.spi;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * One secondary DNS provider, described as typed, declarative data: what a customer would otherwise
 * copy by hand from the provider's documentation into the Secondary DNS form. Selecting a preset
 * pre-populates those values; the customer can still change them before saving.
 *
 * <p>This is the service a plugin implements and registers, with {@code provides} in its {@code
 * module-info} and with a {@code META-INF/services/io.github.secdns.core.spi.ProviderPreset} file
 * for the class path. The easiest way is to extend {@link AbstractProviderPreset} with a {@link
 * PresetDefinition}, which checks the data when the preset is created. Core checks the data of
 * every preset again when it is registered, so a preset with bad data never reaches a customer.
 *
 * <p>Compatibility: new methods are only ever added as {@code default} methods, so a plugin
 * compiled against an older secdns keeps working.
 *
 * <p>Threading: implementations must be immutable and thread-safe, and return the same values on
 * every call; registries read them once.
 */
public interface ProviderPreset {

  /**
   * Returns the stable identifier, such as {@code dnsmadeeasy}: lower-case letters, digits and
   * single hyphens, at most 63 characters, starting with a letter. Configurations record it as
   * their origin, so it never changes once published.
   *
   * @return the id
   */
  String id();

  /**
   * Returns the name a customer recognises, such as {@code DNS Made Easy}.
   *
   * @return the display name, not blank
   */
  String displayName();

  /**
   * Returns the secondary name servers to publish in the zone's apex NS set and in the delegation,
   * or the statement that the customer supplies them.
   *
   * @return the name servers
   */
  PresetNameServers nameServers();

  /**
   * Returns the addresses from which the provider pulls the zone, for the transfer ACL.
   *
   * @return the sources in the provider's order; may be empty only for a provider that
   *     authenticates by TSIG alone
   */
  List<TransferSource> transferSources();

  /**
   * Returns the addresses to send NOTIFY to. These are not derived from the name servers or the
   * transfer sources: providers often listen for NOTIFY elsewhere.
   *
   * @return the targets; empty (the default) when the provider documents none
   */
  default List<PresetNotifyTarget> notifyTargets() {
    return List.of();
  }

  /**
   * Returns what the provider can do, as far as its documentation tells.
   *
   * @return the capabilities; all {@link Support#UNKNOWN} by default
   */
  default PresetCapabilities capabilities() {
    return PresetCapabilities.unknown();
  }

  /**
   * Returns the provider's documentation for setting up secondary DNS.
   *
   * @return an absolute http or https link, or empty
   */
  default Optional<URI> documentation() {
    return Optional.empty();
  }

  /**
   * Returns the day the preset's values were last checked against a source.
   *
   * @return the date, or empty when never verified
   */
  default Optional<LocalDate> lastVerified() {
    return Optional.empty();
  }

  /**
   * Returns why the preset should no longer be offered to new configurations (for example, the
   * service is retired). A deprecated preset is still listed, so existing configurations that name
   * it can still be shown.
   *
   * @return the reason, or empty when the preset is current
   */
  default Optional<String> deprecationReason() {
    return Optional.empty();
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
   * Returns notes for the customer or the host: setup steps at the provider, timing advice, known
   * disagreements between sources.
   *
   * @return the notes, in display order; empty by default
   */
  default List<String> notes() {
    return List.of();
  }
}
