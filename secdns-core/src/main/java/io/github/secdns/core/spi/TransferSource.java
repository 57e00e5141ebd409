package io.github.secdns.core.spi;

import io.github.secdns.core.config.AddressPrefix;
import io.github.secdns.core.config.Provenance;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * An address (or network) from which a provider pulls zones, to be allowed in the transfer ACL.
 * Often not the address of any of the provider's name servers.
 *
 * @param prefix a single address or a CIDR network; never "every address" (checked when a preset is
 *     built)
 * @param label what the address is, for display (such as {@code xfr0.easydns.com})
 * @param provenance where the preset read the address, the day it was read and the confidence;
 *     empty when the preset does not say
 * @param validity the days the provider uses the address
 */
public record TransferSource(
    AddressPrefix prefix,
    Optional<String> label,
    Optional<Provenance> provenance,
    Validity validity) {

  /** Checks that no component is null. */
  public TransferSource {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(provenance, "provenance");
    Objects.requireNonNull(validity, "validity");
  }

  /**
   * Creates a source without provenance, valid on every day.
   *
   * @param prefix a single address or a CIDR network
   * @param label what the address is, for display
   */
  public TransferSource(AddressPrefix prefix, Optional<String> label) {
    this(prefix, label, Optional.empty(), Validity.always());
  }

  /**
   * Tells whether the provider pulls from this address on a day.
   *
   * @param day the day (UTC)
   * @return true when {@link #validity()} contains the day
   */
  public boolean validOn(LocalDate day) {
    return validity.contains(day);
  }

  /** Describes the source: the prefix, its label and, when dated, its validity. */
  @Override
  public String toString() {
    String text = label.map(l -> prefix + " (" + l + ")").orElse(prefix.toString());
    return validity.isAlways() ? text : text + " [" + validity + "]";
  }
}
