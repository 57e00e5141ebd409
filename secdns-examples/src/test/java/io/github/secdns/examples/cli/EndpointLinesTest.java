package io.github.secdns.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.secdns.core.config.AddressPrefix;
import io.github.secdns.core.config.TransferEndpoint;
import io.github.secdns.core.spi.PresetCapabilities;
import io.github.secdns.core.spi.PresetDefinition;
import io.github.secdns.core.spi.ProviderPreset;
import io.github.secdns.core.spi.Support;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

/**
 * "Tell your secondary provider" by the preset's capabilities (issue 15): a provider that takes
 * addresses only gets addresses, an IPv4-only one IPv4 addresses only, the others the host name
 * first and then the addresses.
 */
class EndpointLinesTest {

  private static final InetAddress V4 = address("192.0.2.53");
  private static final InetAddress V6 = address("2001:db8::53");
  private static final List<InetSocketAddress> BOUND =
      List.of(new InetSocketAddress(V4, 53), new InetSocketAddress(V6, 53));
  private static final Optional<TransferEndpoint> ENDPOINT =
      Optional.of(
          TransferEndpoint.of(
              Optional.of(Name.fromConstantString("axfr.example.net.")), List.of(V4, V6)));

  private static InetAddress address(String literal) {
    return AddressPrefix.parse(literal).network();
  }

  private static Optional<ProviderPreset> preset(Support hostName, Support ipv6) {
    return Optional.of(
        PresetDefinition.builder("acme")
            .displayName("ACME")
            .nameServers("ns1.acme.example")
            .transferSource("192.0.2.1")
            .capabilities(
                PresetCapabilities.unknown().withPrimaryHostName(hostName).withIpv6Primary(ipv6))
            .build());
  }

  private static List<String> lines(Optional<ProviderPreset> preset) {
    return EndpointLines.lines(ENDPOINT, BOUND, preset);
  }

  @Test
  void hostNameFirstThenTheAddressesUnlessThePresetSaysOtherwise() {
    List<String> everything =
        List.of(
            "primary (transfer) server:    axfr.example.net port 53 (prefer the host name)",
            "its addresses:                192.0.2.53:53, [2001:db8::53]:53");
    assertEquals(everything, lines(Optional.empty()));
    assertEquals(everything, lines(preset(Support.UNKNOWN, Support.UNKNOWN)));
    assertEquals(everything, lines(preset(Support.SUPPORTED, Support.SUPPORTED)));
  }

  @Test
  void addressesOnly() {
    assertEquals(
        List.of(
            "primary (transfer) server:    192.0.2.53:53, [2001:db8::53]:53 (this"
                + " provider takes addresses only)"),
        lines(preset(Support.NOT_SUPPORTED, Support.SUPPORTED)));
  }

  @Test
  void ipv4Only() {
    assertEquals(
        List.of(
            "primary (transfer) server:    axfr.example.net port 53 (prefer the host name)",
            "its addresses:                192.0.2.53:53 (this provider transfers from IPv4"
                + " primaries only)"),
        lines(preset(Support.UNKNOWN, Support.NOT_SUPPORTED)));
  }

  @Test
  void ipv4AddressesOnly() {
    assertEquals(
        List.of(
            "primary (transfer) server:    192.0.2.53:53 (this provider takes IPv4 addresses"
                + " only)"),
        lines(preset(Support.NOT_SUPPORTED, Support.NOT_SUPPORTED)));
  }

  @Test
  void nothingUsableSaysWhatToGive() {
    Optional<TransferEndpoint> v6Only =
        Optional.of(TransferEndpoint.of(Optional.empty(), List.of(V6)));
    assertEquals(
        List.of(
            "primary (transfer) server:    (none this provider can use: this provider takes IPv4"
                + " addresses only; give --endpoint-address or --listen with one)"),
        EndpointLines.lines(v6Only, BOUND, preset(Support.NOT_SUPPORTED, Support.NOT_SUPPORTED)));
  }
}
