package io.github.secdns.core.spi;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * An address to which the primary sends NOTIFY so that the provider transfers a change at once.
 *
 * @param address the IPv4 or IPv6 address
 * @param port the UDP port, 1 to 65535 (53 almost always)
 * @param label what the address is, for display
 */
public record PresetNotifyTarget(InetAddress address, int port, Optional<String> label) {

  /** The DNS port. */
  public static final int DNS_PORT = 53;

  /** Checks that no component is null; the port range is checked when a preset is built. */
  public PresetNotifyTarget {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(label, "label");
  }

  @Override
  public String toString() {
    String text = address.getHostAddress() + (port == DNS_PORT ? "" : " port " + port);
    return label.map(l -> text + " (" + l + ")").orElse(text);
  }
}
