package io.github.secdns.core.spi;

import io.github.secdns.core.config.Provenance;
import io.github.secdns.core.internal.Problems;
import java.net.InetAddress;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * An address to which the primary sends NOTIFY so that the provider transfers a change at once.
 *
 * @param address the IPv4 or IPv6 address
 * @param port the UDP port, 1 to 65535 (53 almost always)
 * @param label what the address is, for display
 * @param provenance where the preset read the address, the day it was read and the confidence;
 *     empty when the preset does not say
 * @param validity the days the provider listens on the address
 */
public record PresetNotifyTarget(
    InetAddress address,
    int port,
    Optional<String> label,
    Optional<Provenance> provenance,
    Validity validity) {

  /** The DNS port. */
  public static final int DNS_PORT = 53;

  /**
   * Checks for nulls and the port range.
   *
   * @throws IllegalArgumentException when the port is outside 1..65535
   */
  public PresetNotifyTarget {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(provenance, "provenance");
    Objects.requireNonNull(validity, "validity");
    if (port < Problems.MIN_PORT || port > Problems.MAX_PORT) {
      throw new IllegalArgumentException(Problems.portOutOfRange(port));
    }
  }

  /**
   * Creates a target without provenance, valid on every day.
   *
   * @param address the IPv4 or IPv6 address
   * @param port the UDP port
   * @param label what the address is, for display
   * @throws IllegalArgumentException when the port is outside 1..65535
   */
  public PresetNotifyTarget(InetAddress address, int port, Optional<String> label) {
    this(address, port, label, Optional.empty(), Validity.always());
  }

  /**
   * Tells whether the provider listens on this address on a day.
   *
   * @param day the day (UTC)
   * @return true when {@link #validity()} contains the day
   */
  public boolean validOn(LocalDate day) {
    return validity.contains(day);
  }

  /** Describes the target: address, port when not 53, label and, when dated, its validity. */
  @Override
  public String toString() {
    String where = address.getHostAddress() + (port == DNS_PORT ? "" : " port " + port);
    String text = label.map(l -> where + " (" + l + ")").orElse(where);
    return validity.isAlways() ? text : text + " [" + validity + "]";
  }
}
