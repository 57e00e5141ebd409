package io.github.secdns.core.config;

import static io.github.secdns.testsupport.Addresses.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

class TransferEndpointTest {

  private static final Name AXFR = Name.fromConstantString("axfr.dnsimple.com.");

  /** The seed's endpoint: a host name and one address per family, "prefer the host name". */
  private static final TransferEndpoint SEED =
      TransferEndpoint.of(
          Optional.of(AXFR), List.of(ip("2001:1838:4000:402::a"), ip("50.31.225.92")));

  @Test
  void theSeedsEndpointPrefersTheHostNameAndListsIpv4First() {
    assertEquals(Optional.of(AXFR), SEED.hostName());
    assertEquals(TransferEndpoint.Preference.HOST_NAME, SEED.preference());
    assertEquals(List.of(ip("50.31.225.92")), SEED.ipv4Addresses());
    assertEquals(List.of(ip("2001:1838:4000:402::a")), SEED.ipv6Addresses());
    assertEquals(List.of(ip("50.31.225.92"), ip("2001:1838:4000:402::a")), SEED.addresses());
    assertEquals(
        "axfr.dnsimple.com. (prefer the host name) 50.31.225.92, 2001:1838:4000:402::a",
        SEED.toString());
  }

  @Test
  void aProviderGetsWhatItCanUse() {
    assertEquals(Optional.of(SEED), SEED.forProvider(true, true));
    TransferEndpoint addressesOnly = SEED.forProvider(false, true).orElseThrow();
    assertEquals(Optional.empty(), addressesOnly.hostName());
    assertEquals(TransferEndpoint.Preference.ADDRESSES, addressesOnly.preference());
    assertEquals(SEED.addresses(), addressesOnly.addresses());
    TransferEndpoint ipv4Only = SEED.forProvider(false, false).orElseThrow();
    assertEquals(List.of(ip("50.31.225.92")), ipv4Only.addresses());
    assertEquals(
        List.of(), SEED.forProvider(true, false).orElseThrow().ipv6Addresses(), "IPv4 only");
    // A host name alone is of no use to a provider that takes addresses only.
    assertEquals(
        Optional.empty(),
        TransferEndpoint.of(Optional.of(AXFR), List.of()).forProvider(false, true));
    // An IPv6-only endpoint is of no use to an IPv4-only provider that takes addresses only.
    assertEquals(
        Optional.empty(),
        TransferEndpoint.of(Optional.empty(), List.of(ip("2001:db8::53")))
            .forProvider(false, false));
  }

  @Test
  void builderTakesFormInputAndReportsEveryProblem() {
    TransferEndpoint built =
        TransferEndpoint.builder()
            .hostName("axfr.dnsimple.com")
            .addAddress("50.31.225.92")
            .addAddress(" 2001:1838:4000:402::a ")
            .addAddress("50.31.225.92")
            .build();
    assertEquals(SEED, built);
    assertEquals(
        TransferEndpoint.Preference.ADDRESSES,
        TransferEndpoint.builder().addAddress("192.0.2.1").build().preference());

    ValidationException e =
        assertThrows(
            ValidationException.class,
            () ->
                TransferEndpoint.builder()
                    .hostName("axfr..example")
                    .addAddress("localhost")
                    .addAddress("192.0.2.300")
                    .build());
    assertEquals(
        List.of("hostName", "addresses[0]", "addresses[1]"),
        e.problems().stream().map(ValidationProblem::field).toList());
    assertEquals(
        List.of("hostName"),
        assertThrows(ValidationException.class, () -> TransferEndpoint.builder().build())
            .problems()
            .stream()
            .map(ValidationProblem::field)
            .toList());
    ValidationException conflict =
        assertThrows(
            ValidationException.class,
            () ->
                TransferEndpoint.builder()
                    .addAddress("192.0.2.1")
                    .preference(TransferEndpoint.Preference.HOST_NAME)
                    .build());
    assertEquals(ProblemCode.CONFLICT, conflict.problems().get(0).code());
  }

  @Test
  void typedValuesAreChecked() {
    assertThrows(
        IllegalArgumentException.class, () -> TransferEndpoint.of(Optional.empty(), List.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> TransferEndpoint.of(Optional.of(Name.fromConstantString("relative")), List.of()));
    assertTrue(
        SEED.equals(
            TransferEndpoint.builder()
                .hostName("AXFR.dnsimple.com.")
                .addAddress("50.31.225.92")
                .addAddress("2001:1838:4000:402::a")
                .build()));
  }
}
