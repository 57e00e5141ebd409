package io.github.secdns.core.lifecycle;

import static io.github.secdns.core.lifecycle.Fixtures.DNSIMPLE;
import static io.github.secdns.core.lifecycle.Fixtures.names;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.config.ProblemCode;
import io.github.secdns.core.config.ValidationException;
import io.github.secdns.core.config.ValidationProblem;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

class ZoneStateTest {

  @Test
  void builderAcceptsNamesAsPeopleWriteThem() {
    ZoneState state =
        ZoneState.builder()
            .zone("Example.COM")
            .primaryNameServers(List.of(" NS1.dnsimple.com. ", "ns2.dnsimple.com"))
            .apexNameServers(List.of("ns1.dnsimple.com", "ns2.dnsimple.com."))
            .registryDelegation(List.of("ns2.DNSIMPLE.com"))
            .dnssecEnabled(true)
            .registration(DomainRegistration.WITH_HOST)
            .build();

    assertEquals(Name.fromConstantString("example.com."), state.zone());
    assertEquals(names("ns1.dnsimple.com", "ns2.dnsimple.com"), state.primaryNameServers());
    assertEquals(state.primaryNameServers(), state.apexNameServers());
    assertEquals(Optional.of(names("ns2.dnsimple.com")), state.registryDelegation());
    assertEquals(DelegationStatus.DELEGATED_TO_PRIMARY, state.delegationStatus());
    assertEquals(true, state.dnssecEnabled());
    assertEquals(DomainRegistration.WITH_HOST, state.registration());
  }

  @Test
  void defaultsAreUnknownDelegationNoDnssecRegisteredElsewhere() {
    ZoneState state = ZoneState.builder().zone("example.com").primaryNameServers(DNSIMPLE).build();

    assertEquals(Optional.empty(), state.registryDelegation());
    assertEquals(DelegationStatus.UNKNOWN, state.delegationStatus());
    assertEquals(false, state.dnssecEnabled());
    assertEquals(DomainRegistration.ELSEWHERE, state.registration());
    assertEquals(NameServerNames.empty(), state.apexNameServers());
  }

  @Test
  void everyProblemIsReportedAtOnceWithItsFieldPath() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () ->
                ZoneState.builder()
                    .apexNameServers(List.of("ns1.example.net", "NS1.EXAMPLE.NET.", "bad..name"))
                    .registryDelegation(Arrays.asList("", "ns1.example.net"))
                    .build());

    List<String> fields =
        e.problems().stream().map(ValidationProblem::field).collect(Collectors.toList());
    assertEquals(
        List.of(
            "zone",
            "primaryNameServers",
            "apexNameServers[1]",
            "apexNameServers[2]",
            "registryDelegation[0]"),
        fields);
    assertEquals(ProblemCode.DUPLICATE_NAME_SERVER, problem(e, "apexNameServers[1]").code());
    assertEquals(ProblemCode.INVALID_HOST_NAME, problem(e, "apexNameServers[2]").code());
    assertEquals(ProblemCode.REQUIRED, problem(e, "registryDelegation[0]").code());
    assertEquals(ProblemCode.REQUIRED, problem(e, "primaryNameServers").code());
  }

  @Test
  void nameServersFollowTheConfigurationModelsHostNameRules() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () ->
                ZoneState.builder()
                    .zone("example.com")
                    .primaryNameServers(List.of("ns1 example.com", "localhost", "ns1.example.com"))
                    .registryDelegation(
                        List.of("*.example.com", "ns1.example.com", "NS1.example.COM."))
                    .build());

    assertEquals(
        List.of(
            "primaryNameServers[0]",
            "primaryNameServers[1]",
            "registryDelegation[0]",
            "registryDelegation[2]"),
        e.problems().stream().map(ValidationProblem::field).collect(Collectors.toList()));
    assertEquals(ProblemCode.INVALID_HOST_NAME, problem(e, "primaryNameServers[1]").code());
    assertEquals(ProblemCode.DUPLICATE_NAME_SERVER, problem(e, "registryDelegation[2]").code());
    assertTrue(
        problem(e, "registryDelegation[2]").message().contains("(also at registryDelegation[1])"),
        e.getMessage());
  }

  @Test
  void aDelegationWithoutAnyPrimaryIsNotDelegatedToThePrimary() {
    ZoneState state =
        ZoneState.builder()
            .zone("example.com")
            .primaryNameServers(DNSIMPLE)
            .registryDelegation(List.of("ns1.other.net"))
            .build();

    assertEquals(DelegationStatus.NOT_DELEGATED_TO_PRIMARY, state.delegationStatus());
  }

  @Test
  void theRecordRefusesARelativeZoneAndNoPrimary() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new ZoneState(
                Name.fromConstantString("example.com"),
                names(DNSIMPLE),
                NameServerNames.empty(),
                Optional.empty(),
                false,
                DomainRegistration.ELSEWHERE));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new ZoneState(
                Name.fromConstantString("example.com."),
                NameServerNames.empty(),
                NameServerNames.empty(),
                Optional.empty(),
                false,
                DomainRegistration.ELSEWHERE));
  }

  private static ValidationProblem problem(ValidationException e, String field) {
    return e.problems().stream().filter(p -> p.field().equals(field)).findFirst().orElseThrow();
  }
}
