package io.github.secdns.core.config;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * One entry of a zone's transfer ACL: an address or CIDR prefix allowed to pull the zone, with an
 * optional label (for example "DNS Made Easy xfr1") and, when a provider preset put it there, where
 * the preset's value came from.
 *
 * @param prefix the address or network allowed
 * @param label a free-text label for people, absent when none was given
 * @param provenance the source of a value copied from a provider preset (with its confidence), for
 *     display; absent for values the customer typed in. Like the label, it changes nothing about
 *     who may transfer
 */
public record AclEntry(
    AddressPrefix prefix, Optional<String> label, Optional<Provenance> provenance) {

  /** Checks for nulls. */
  public AclEntry {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(provenance, "provenance");
  }

  /**
   * Creates an entry without provenance (typed in by the customer).
   *
   * @param prefix the address or network allowed
   * @param label a free-text label for people, absent when none was given
   */
  public AclEntry(AddressPrefix prefix, Optional<String> label) {
    this(prefix, label, Optional.empty());
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

  // equals and hashCode by hand: a record's generated ones spin classes on first use, on serve's
  // start with a preset (docs/ARCHITECTURE.md, "Start-up").
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof AclEntry other
        && other.prefix.equals(prefix)
        && other.label.equals(label)
        && other.provenance.equals(provenance);
  }

  @Override
  public int hashCode() {
    return (prefix.hashCode() * 31 + label.hashCode()) * 31 + provenance.hashCode();
  }

  @Override
  public String toString() {
    return label.map(l -> prefix + " (" + l + ")").orElse(prefix.toString());
  }
}
