package io.github.secdns.examples.cli;

import io.github.secdns.core.config.TransferEndpoint;
import io.github.secdns.core.spi.PresetCapabilities;
import io.github.secdns.core.spi.ProviderPreset;
import io.github.secdns.core.spi.Support;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The transfer endpoint as {@code serve} tells it to the secondary provider: the host name first
 * ("prefer the host name", as the seed does), then the addresses; only what the provider can use.
 */
final class EndpointLines {

  private static final String SERVER = "primary (transfer) server:    ";
  private static final String ADDRESSES = "its addresses:                ";

  /** What a provider accepts as the primary's address. */
  record Accepts(boolean hostName, boolean ipv6) {
    static final Accepts EVERYTHING = new Accepts(true, true);
  }

  private EndpointLines() {}

  /**
   * What a provider accepts for the primary, from its preset's capabilities; the one place that
   * reads them for the endpoint (issue 15). {@code primaryHostName() == NOT_SUPPORTED}: the
   * provider's form takes addresses only (DNS Made Easy, easyDNS, Linode), so it is given no host
   * name; {@code ipv6Primary() == NOT_SUPPORTED}: it transfers from IPv4 primaries only, so it is
   * given no IPv6 address. {@code UNKNOWN} counts as accepted: the host name is shown first, as the
   * seed does, and the addresses after it. Without a preset (custom secondaries) everything is
   * shown.
   */
  static Accepts accepts(Optional<ProviderPreset> preset) {
    if (preset.isEmpty()) {
      return Accepts.EVERYTHING;
    }
    PresetCapabilities c = preset.get().capabilities();
    return new Accepts(
        c.primaryHostName() != Support.NOT_SUPPORTED, c.ipv6Primary() != Support.NOT_SUPPORTED);
  }

  /**
   * The lines to print (without indentation).
   *
   * @param endpoint the endpoint, empty when there is neither a name nor a reachable address
   * @param bound the addresses the responder listens on (they give the port)
   * @param preset the provider's preset, if one was chosen
   */
  static List<String> lines(
      Optional<TransferEndpoint> endpoint,
      List<InetSocketAddress> bound,
      Optional<ProviderPreset> preset) {
    if (endpoint.isEmpty()) {
      return List.of(SERVER + bound.stream().map(Addresses::format).collect(joining()));
    }
    Accepts accepts = accepts(preset);
    Optional<TransferEndpoint> usable =
        endpoint.get().forProvider(accepts.hostName(), accepts.ipv6());
    String restriction =
        !accepts.hostName() && !accepts.ipv6()
            ? "this provider takes IPv4 addresses only"
            : !accepts.hostName()
                ? "this provider takes addresses only"
                : !accepts.ipv6() ? "this provider transfers from IPv4 primaries only" : "";
    if (usable.isEmpty()) {
      return List.of(
          SERVER
              + "(none this provider can use: "
              + restriction
              + "; give --endpoint-address or --listen with one)");
    }
    TransferEndpoint e = usable.get();
    int port = bound.isEmpty() ? 53 : bound.get(0).getPort();
    String addresses = e.addresses().stream().map(a -> withPort(a, bound, port)).collect(joining());
    String note = restriction.isEmpty() ? "" : " (" + restriction + ")";
    List<String> lines = new ArrayList<>();
    if (e.hostName().isPresent()) {
      String name = e.hostName().get().toString(true);
      lines.add(
          SERVER
              + name
              + " port "
              + port
              + (e.preference() == TransferEndpoint.Preference.HOST_NAME
                  ? " (prefer the host name)"
                  : ""));
      if (!addresses.isEmpty()) {
        lines.add(ADDRESSES + addresses + note);
      }
    } else {
      lines.add(SERVER + addresses + note);
    }
    return lines;
  }

  /** The address with the port it is bound to, else the first bound port. */
  private static String withPort(InetAddress address, List<InetSocketAddress> bound, int port) {
    return bound.stream()
        .filter(b -> b.getAddress().equals(address))
        .findFirst()
        .map(Addresses::format)
        .orElse(Addresses.format(new InetSocketAddress(address, port)));
  }

  private static java.util.stream.Collector<CharSequence, ?, String> joining() {
    return Collectors.joining(", ");
  }
}
