package io.github.secdns.core.spi;

import io.github.secdns.core.config.AddressPrefix;
import java.util.Objects;
import java.util.Optional;

/**
 * An address (or network) from which a provider pulls zones, to be allowed in the transfer ACL.
 * Often not the address of any of the provider's name servers.
 *
 * @param prefix a single address or a CIDR network; never "every address"
 * @param label what the address is, for display (such as {@code xfr0.easydns.com})
 */
public record TransferSource(AddressPrefix prefix, Optional<String> label) {

  /** Checks that no component is null. */
  public TransferSource {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(label, "label");
  }

  @Override
  public String toString() {
    return label.map(l -> prefix + " (" + l + ")").orElse(prefix.toString());
  }
}
