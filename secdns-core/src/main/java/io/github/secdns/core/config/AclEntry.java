package io.github.secdns.core.config;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a zone's transfer ACL: an address or CIDR prefix allowed to pull the zone, with an
 * optional label (for example "DNS Made Easy xfr1").
 *
 * @param prefix the address or network allowed
 * @param label a free-text label for people, absent when none was given
 */
public record AclEntry(AddressPrefix prefix, Optional<String> label) {

  /** Checks for nulls. */
  public AclEntry {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(label, "label");
  }

  /**
   * Tells whether the address is allowed by this entry.
   *
   * @param address a client address
   * @return true when it lies in {@link #prefix()}
   */
  public boolean allows(InetAddress address) {
    return prefix.contains(address);
  }

  @Override
  public String toString() {
    return label.map(l -> prefix + " (" + l + ")").orElse(prefix.toString());
  }
}
