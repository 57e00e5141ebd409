package io.github.secdns.core.diagnostics;

import static io.github.secdns.core.diagnostics.DiagnosticCode.*;
import static io.github.secdns.core.diagnostics.Scenario.NOW;
import static io.github.secdns.core.diagnostics.Scenario.NS1_PRIMARY;
import static io.github.secdns.core.diagnostics.Scenario.NS1_SECONDARY;
import static io.github.secdns.core.diagnostics.Scenario.NS2_PRIMARY;
import static io.github.secdns.core.diagnostics.Scenario.NS2_SECONDARY;
import static io.github.secdns.core.diagnostics.Scenario.SERIAL;
import static io.github.secdns.core.diagnostics.Scenario.name;
import static io.github.secdns.core.diagnostics.Scenario.soa;
import static io.github.secdns.testsupport.Addresses.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.config.AddressPrefix;
import io.github.secdns.core.config.TransferAuthentication;
import io.github.secdns.core.config.TransferEndpoint;
import io.github.secdns.core.serial.SerialNumber;
import io.github.secdns.core.spi.PresetCapabilities;
import io.github.secdns.core.spi.PresetDefinition;
import io.github.secdns.core.spi.ProviderPreset;
import io.github.secdns.core.spi.Support;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;

class DiagnosticEngineTest {

  private final Scenario s = new Scenario();

  private void assertOnly(DiagnosticCode... expected) {
    Set<DiagnosticCode> want = EnumSet.noneOf(DiagnosticCode.class);
    want.addAll(List.of(expected));
    assertEquals(want, s.codes(), () -> s.report().findings().toString());
  }

  private Finding only(DiagnosticCode code) {
    List<Finding> found = s.report().findings(code);
    assertEquals(1, found.size(), found::toString);
    return found.get(0);
  }

  // ---- the baseline

  @Test
  void consistentSetupHasNoFindingAndEveryServerIsOk() {
    DiagnosticReport report = s.report();
    assertEquals(List.of(), report.findings());
    assertEquals(ReportStatus.OK, report.status());
    assertEquals(4, report.nameServers().size());
    report
        .nameServers()
        .forEach(
            n -> {
              assertEquals(ServerStatus.OK, n.status(), n.toString());
              assertEquals(List.of(SerialNumber.of(SERIAL)), n.servedSerials());
            });
    assertEquals(NameServerRole.SECONDARY, report.nameServers().get(0).role());
    assertEquals(NOW, report.generatedAt());
  }

  @Test
  void namesCompareCaseInsensitively() {
    s.delegation =
        Set.of(
            name("NS1.DNSimple.com."),
            name("ns2.DNSIMPLE.COM."),
            name("Ns1.Secondary.Com."),
            name("NS2.SECONDARY.COM."));
    s.apex =
        Set.of(
            name("NS1.dnsimple.com."),
            name("ns2.dnsimple.com."),
            name("NS1.secondary.com."),
            name("ns2.SECONDARY.com."));
    s.probe(
        SoaProbe.answered(
            name("NS2.Secondary.COM."),
            ip("192.0.2.2"),
            Transport.UDP,
            Rcode.NOERROR,
            true,
            Optional.of(soa(SERIAL, 14_400, 3_600, 1_209_600, 3_600))));
    assertOnly();
  }

  // ---- host facts

  @Test
  void dnssecEnabled() {
    s.dnssec = true;
    assertOnly(DNSSEC_ENABLED);
    assertEquals(ReportStatus.ERROR, s.report().status());
    assertTrue(
        only(DNSSEC_ENABLED)
            .message()
            .startsWith("You cannot set up Secondary DNS if you have DNSSEC enabled."));
  }

  @Test
  void configurationStillPropagatingIsPendingNotAnError() {
    s.appliedRevision = 2L;
    assertOnly(CONFIGURATION_PROPAGATING);
    assertEquals(ReportStatus.PENDING, s.report().status());
    assertTrue(
        only(CONFIGURATION_PROPAGATING)
            .message()
            .contains("still propagating to the primary name server"));
  }

  @Test
  void appliedRevisionAheadOfSavedOneIsNotPropagating() {
    s.appliedRevision = 4L;
    assertOnly();
  }

  @Test
  void ipv6OnlyPrimaryForIpv4OnlyProvider() {
    s.transferAddresses = Set.of(ip("2001:db8:ff::1"));
    assertOnly(PRIMARY_IPV6_ONLY);
    assertEquals(List.of(ip("2001:db8:ff::1")), only(PRIMARY_IPV6_ONLY).addresses());
  }

  @Test
  void transferSourcesOfOneFamilyCannotReachAnEndpointOfTheOther() {
    s.acceptsIpv6Primary = true;
    s.transferAddresses = Set.of(ip("2001:db8:ff::1"));
    assertOnly(TRANSFER_SOURCES_CANNOT_REACH_ENDPOINT);
    Finding f = only(TRANSFER_SOURCES_CANNOT_REACH_ENDPOINT);
    assertEquals(Severity.WARNING, f.severity());
    assertEquals(List.of(ip("2001:db8:ff::1")), f.addresses());
    assertTrue(
        f.message()
            .startsWith(
                "The Secondary DNS provider transfers from IPv4 addresses only (192.0.2.53,"
                    + " 192.0.2.64/28), but the primary's transfer endpoint has IPv6 addresses"
                    + " only"),
        f.message());
    // One source of the endpoint's family is enough.
    s.transferSources.add(AddressPrefix.parse("2001:db8:53::/48"));
    s.config.addAclEntry("2001:db8:53::/48");
    assertOnly();
  }

  @Test
  void withoutProviderSourcesTheAclDecidesAndAnEndpointOfBothFamiliesIsReachable() {
    s.acceptsIpv6Primary = null;
    s.transferSources.clear();
    s.transferAddresses = Set.of(ip("2001:db8:ff::1"));
    assertOnly(TRANSFER_SOURCES_CANNOT_REACH_ENDPOINT); // the ACL is 192.0.2.0/24
    assertTrue(only(TRANSFER_SOURCES_CANNOT_REACH_ENDPOINT).message().contains("(192.0.2.0/24)"));
    s.transferAddresses = Set.of(ip("2001:db8:ff::1"), ip("198.51.100.1"));
    assertOnly();
    // Authorized by key alone: the ACL says nothing about where the provider transfers from.
    s.transferAddresses = Set.of(ip("2001:db8:ff::1"));
    s.config.transferAuthentication(TransferAuthentication.KEY);
    assertOnly();
  }

  @Test
  void theEndpointsAddressesAreTheTransferAddresses() {
    s.acceptsIpv6Primary = true;
    s.transferAddresses = Set.of();
    TransferEndpoint endpoint =
        TransferEndpoint.of(Optional.of(name("axfr.example.net.")), List.of(ip("2001:db8:ff::1")));
    HostFacts facts = s.facts();
    HostFacts withEndpoint =
        HostFacts.builder(facts.clock())
            .appliedRevision(3)
            .dnssecEnabled(false)
            .primarySoa(
                facts.primarySoa().orElseThrow(), facts.primarySerialPublishedAt().orElseThrow())
            .primaryNameServers(facts.primaryNameServers())
            .secondaryTransferSources(facts.secondaryTransferSources())
            .notifyOutcomes(facts.notifyOutcomes())
            .transferEndpoint(endpoint)
            .primaryZoneDigest(facts.primaryZoneDigest().orElseThrow(), true)
            .build();
    assertEquals(Optional.of(endpoint), withEndpoint.transferEndpoint());
    assertEquals(Set.of(ip("2001:db8:ff::1")), withEndpoint.primaryTransferAddresses());
    DiagnosticReport report =
        DiagnosticEngine.diagnose(s.config.build(), withEndpoint, s.observations());
    assertEquals(
        List.of(TRANSFER_SOURCES_CANNOT_REACH_ENDPOINT),
        report.findings().stream().map(Finding::code).toList());
  }

  @Test
  void anIpv4OnlyProviderAndAnIpv6OnlyEndpointIsOneErrorNotAlsoAWarning() {
    s.transferAddresses = Set.of(ip("2001:db8:ff::1"));
    assertOnly(PRIMARY_IPV6_ONLY);
  }

  @Test
  void ipv6OnlyPrimaryIsFineForProviderThatAcceptsIpv6OrIsUnknown() {
    s.transferAddresses = Set.of(ip("2001:db8:ff::1"));
    // The provider also transfers from IPv6 (else TRANSFER_SOURCES_CANNOT_REACH_ENDPOINT).
    s.transferSources.add(AddressPrefix.parse("2001:db8:53::/48"));
    s.config.addAclEntry("2001:db8:53::/48");
    s.acceptsIpv6Primary = true;
    assertOnly();
    s.acceptsIpv6Primary = null;
    assertOnly();
  }

  @Test
  void dualStackPrimaryIsFineForIpv4OnlyProvider() {
    s.transferAddresses = Set.of(ip("2001:db8:ff::1"), ip("198.51.100.1"));
    assertOnly();
  }

  // ---- serving the same zone data

  @Test
  void secondaryBehindWithinRefreshPlusRetryIsPropagating() {
    s.serves(NS2_SECONDARY, "192.0.2.2", SERIAL - 1);
    assertOnly(NAME_SERVER_PROPAGATING);
    DiagnosticReport report = s.report();
    assertEquals(ReportStatus.PENDING, report.status());
    assertEquals(ServerStatus.PENDING, report.nameServer(NS2_SECONDARY).orElseThrow().status());
    assertEquals(ServerStatus.OK, report.nameServer(NS1_SECONDARY).orElseThrow().status());
    assertEquals(List.of(NS2_SECONDARY), only(NAME_SERVER_PROPAGATING).nameServers());
  }

  @Test
  void secondaryBehindLongerThanRefreshPlusRetryIsLagging() {
    s.serves(NS2_SECONDARY, "192.0.2.2", SERIAL - 1);
    s.publishedAt = NOW.minus(Duration.ofSeconds(14_400 + 3_600 + 1));
    assertOnly(NAME_SERVER_LAGGING);
    Finding f = only(NAME_SERVER_LAGGING);
    assertTrue(f.message().contains("is not serving the same zone data as the primary"));
    assertTrue(
        f.message()
            .contains(
                "This could be due to propagation delays or an issue with"
                    + " the AXFR set up at the Secondary DNS provider."));
    assertEquals(ServerStatus.WARNING, s.report().nameServer(NS2_SECONDARY).orElseThrow().status());
  }

  @Test
  void lagExactlyAtRefreshPlusRetryIsStillPropagating() {
    s.serves(NS2_SECONDARY, "192.0.2.2", SERIAL - 1);
    s.publishedAt = NOW.minus(Duration.ofHours(5));
    assertOnly(NAME_SERVER_PROPAGATING);
  }

  @Test
  void secondaryBehindWithUnknownPublishTimeIsLagging() {
    s.serves(NS2_SECONDARY, "192.0.2.2", SERIAL - 1);
    s.publishedAt = null;
    assertOnly(NAME_SERVER_LAGGING);
  }

  @Test
  void secondaryAhead() {
    s.serves(NS2_SECONDARY, "192.0.2.2", SERIAL + 5);
    assertOnly(NAME_SERVER_AHEAD);
    assertEquals(ServerStatus.ERROR, s.report().nameServer(NS2_SECONDARY).orElseThrow().status());
  }

  @Test
  void serialAcrossTheWrapIsNewerNotIncomparable() {
    s.primarySoa = soa(SerialNumber.MAX_VALUE, 14_400, 3_600, 1_209_600, 3_600);
    s.primaryDigest = Scenario.digest(SerialNumber.MAX_VALUE, (byte) 1);
    s.serves(NS1_PRIMARY, "198.51.100.10", SerialNumber.MAX_VALUE);
    s.serves(NS1_PRIMARY, "2001:db8:100::10", SerialNumber.MAX_VALUE);
    s.serves(NS2_PRIMARY, "198.51.100.11", SerialNumber.MAX_VALUE);
    s.serves(NS1_SECONDARY, "192.0.2.1", SerialNumber.MAX_VALUE);
    s.serves(NS1_SECONDARY, "2001:db8::1", SerialNumber.MAX_VALUE);
    s.serves(NS2_SECONDARY, "192.0.2.2", 0);
    assertOnly(NAME_SERVER_AHEAD);
  }

  @Test
  void serialsHalfTheSpaceApartAreIncomparable() {
    s.serves(NS2_SECONDARY, "192.0.2.2", (SERIAL + 0x8000_0000L) & SerialNumber.MAX_VALUE);
    assertOnly(NAME_SERVER_SERIAL_INCOMPARABLE);
  }

  @ParameterizedTest
  @ValueSource(ints = {Rcode.REFUSED, Rcode.NOTAUTH, Rcode.SERVFAIL})
  void lameByResponseCode(int rcode) {
    s.probe(
        SoaProbe.answered(
            NS2_SECONDARY, ip("192.0.2.2"), Transport.UDP, rcode, false, Optional.empty()));
    s.probe(
        SoaProbe.answered(
            NS2_SECONDARY, ip("192.0.2.2"), Transport.TCP, rcode, false, Optional.empty()));
    assertOnly(NAME_SERVER_LAME);
    assertTrue(only(NAME_SERVER_LAME).message().contains(Rcode.string(rcode)));
    assertEquals(ServerStatus.WARNING, s.report().nameServer(NS2_SECONDARY).orElseThrow().status());
  }

  @Test
  void lameWithoutAuthoritativeAnswerFlag() {
    s.probe(
        SoaProbe.answered(
            NS2_SECONDARY,
            ip("192.0.2.2"),
            Transport.UDP,
            Rcode.NOERROR,
            false,
            Optional.of(soa(SERIAL, 14_400, 3_600, 1_209_600, 3_600))));
    assertOnly(NAME_SERVER_LAME);
    assertTrue(only(NAME_SERVER_LAME).message().contains("without the authoritative (AA) flag"));
  }

  @Test
  void unreachableOverUdpAndTcp() {
    s.probe(SoaProbe.timedOut(NS2_SECONDARY, ip("192.0.2.2"), Transport.UDP));
    s.probe(SoaProbe.networkError(NS2_SECONDARY, ip("192.0.2.2"), Transport.TCP));
    assertOnly(NAME_SERVER_UNREACHABLE);
    assertEquals(List.of(ip("192.0.2.2")), only(NAME_SERVER_UNREACHABLE).addresses());
  }

  @Test
  void unreachableOverUdpOnly() {
    s.probe(SoaProbe.timedOut(NS1_SECONDARY, ip("2001:db8::1"), Transport.UDP));
    assertOnly(NAME_SERVER_UDP_UNREACHABLE);
  }

  @Test
  void unreachableOverTcpOnly() {
    s.probe(SoaProbe.timedOut(NS1_SECONDARY, ip("2001:db8::1"), Transport.TCP));
    assertOnly(NAME_SERVER_TCP_UNREACHABLE);
    assertTrue(only(NAME_SERVER_TCP_UNREACHABLE).message().contains("zone transfers"));
  }

  @Test
  void nameWithoutAddress() {
    s.removeServer(NS2_SECONDARY);
    s.addresses.put(NS2_SECONDARY, List.of());
    assertOnly(NAME_SERVER_WITHOUT_ADDRESS);
  }

  @Test
  void serverNotProbed() {
    s.removeServer(NS2_SECONDARY);
    assertOnly(NAME_SERVER_NOT_PROBED);
    assertEquals(
        ServerStatus.NOT_CHECKED, s.report().nameServer(NS2_SECONDARY).orElseThrow().status());
    assertEquals(ReportStatus.OK, s.report().status());
  }

  @Test
  void transportNotProbedIsReportedButServerStaysOk() {
    s.probes
        .values()
        .removeIf(p -> p.address().equals(ip("192.0.2.2")) && p.transport() == Transport.TCP);
    assertOnly(NAME_SERVER_NOT_PROBED);
    assertTrue(only(NAME_SERVER_NOT_PROBED).message().contains("192.0.2.2 over TCP"));
    assertEquals(ServerStatus.OK, s.report().nameServer(NS2_SECONDARY).orElseThrow().status());
  }

  @Test
  void primaryNameServerLaggingIsNamedAsPrimary() {
    s.serves(NS2_PRIMARY, "198.51.100.11", SERIAL - 1);
    s.publishedAt = NOW.minus(Duration.ofDays(1));
    assertOnly(NAME_SERVER_LAGGING);
    assertTrue(only(NAME_SERVER_LAGGING).message().startsWith("The primary name server"));
  }

  // ---- delegation and apex

  @Test
  void delegationMissingASecondary() {
    s.delegation.remove(NS2_SECONDARY);
    assertOnly(DELEGATION_MISSING_NAME_SERVERS);
    Finding f = only(DELEGATION_MISSING_NAME_SERVERS);
    assertEquals(List.of(NS2_SECONDARY), f.nameServers());
    assertTrue(
        f.message()
            .startsWith(
                "The name server delegation you have set up at your"
                    + " registrar is missing one or more of the name servers specified in the Secondary DNS"
                    + " configuration"));
  }

  @Test
  void delegationMissingOnePrimaryOfSeveral() {
    s.delegation.remove(NS2_PRIMARY);
    assertOnly(DELEGATION_MISSING_NAME_SERVERS);
    assertEquals(List.of(NS2_PRIMARY), only(DELEGATION_MISSING_NAME_SERVERS).nameServers());
  }

  @Test
  void notDelegatedToThePrimaryAtAll() {
    s.delegation = Set.of(NS1_SECONDARY, NS2_SECONDARY);
    assertOnly(NOT_DELEGATED_TO_PRIMARY);
    Finding f = only(NOT_DELEGATED_TO_PRIMARY);
    assertTrue(f.message().contains("The Secondary DNS configuration will not take effect."));
    assertEquals(List.of(NS1_PRIMARY, NS2_PRIMARY), f.nameServers());
    assertEquals(ReportStatus.ERROR, s.report().status());
  }

  @Test
  void unknownNameServerInDelegationIsInfo() {
    s.delegation.add(name("ns.other-provider.net."));
    assertOnly(DELEGATION_UNKNOWN_NAME_SERVERS);
    assertEquals(ReportStatus.OK, s.report().status());
    assertEquals(
        List.of(name("ns.other-provider.net.")),
        only(DELEGATION_UNKNOWN_NAME_SERVERS).nameServers());
  }

  @Test
  void apexMissingASecondary() {
    s.apex.remove(NS1_SECONDARY);
    assertOnly(APEX_NS_MISSING_SECONDARIES);
  }

  @Test
  void disabledConfigurationWithDelegationReverted() {
    s.config.enabled(false);
    s.delegation = Set.of(NS1_PRIMARY, NS2_PRIMARY);
    assertOnly(SECONDARY_DNS_DISABLED);
    assertEquals(List.of(), s.report().nameServers());
  }

  @Test
  void disabledConfigurationWithSecondariesStillDelegated() {
    s.config.enabled(false);
    assertOnly(SECONDARY_DNS_DISABLED, DELEGATION_STILL_LISTS_SECONDARIES);
    assertEquals(
        List.of(NS1_SECONDARY, NS2_SECONDARY),
        only(DELEGATION_STILL_LISTS_SECONDARIES).nameServers());
  }

  // ---- transfer policy

  @Test
  void aclOpenToEveryone() {
    s.config.addAclEntry("0.0.0.0/0");
    assertOnly(TRANSFER_ACL_OPEN);
    s.config.addAclEntry("::/0");
    assertTrue(only(TRANSFER_ACL_OPEN).message().contains("0.0.0.0/0 and ::/0"));
  }

  @Test
  void openAclIsFineWhenAKeyIsAlsoRequired() {
    s.config
        .addAclEntry("0.0.0.0/0")
        .transferAuthentication(TransferAuthentication.ADDRESS_AND_KEY);
    assertOnly();
  }

  @Test
  void emptyAclWithAddressAuthentication() {
    s.config.transferAcl(List.of());
    assertOnly(TRANSFER_ACL_EMPTY);
    s.config.transferAuthentication(TransferAuthentication.KEY);
    assertOnly();
  }

  @Test
  void providerTransferSourceOutsideTheAcl() {
    s.transferSources.add(AddressPrefix.parse("203.0.113.53"));
    assertOnly(TRANSFER_SOURCE_NOT_ALLOWED);
    assertEquals(List.of(ip("203.0.113.53")), only(TRANSFER_SOURCE_NOT_ALLOWED).addresses());
    s.transferSources.add(AddressPrefix.parse("192.0.0.0/16"));
    assertTrue(
        only(TRANSFER_SOURCE_NOT_ALLOWED).message().contains("192.0.0.0/16"),
        "a network wider than the ACL entry is not covered");
    s.config.transferAuthentication(TransferAuthentication.KEY);
    assertOnly();
  }

  @Test
  void providerPresetSuppliesTransferSourcesAndIpv6Capability() {
    s.acceptsIpv6Primary = null;
    s.transferSources.clear();
    s.transferAddresses = Set.of(ip("2001:db8:ff::1"));
    ProviderPreset preset =
        PresetDefinition.builder("ipv4-only")
            .displayName("IPv4 only")
            .nameServers("ns1.secondary.com", "ns2.secondary.com")
            .transferSource("203.0.113.0/29")
            .capabilities(PresetCapabilities.unknown().withIpv6Primary(Support.NOT_SUPPORTED))
            .build();
    HostFacts facts = s.facts();
    HostFacts withPreset =
        HostFacts.builder(facts.clock())
            .provider(preset)
            .primaryTransferAddresses(facts.primaryTransferAddresses())
            .build();
    assertEquals(Optional.of(false), withPreset.secondaryAcceptsIpv6Primary());
    assertEquals(
        List.of(AddressPrefix.parse("203.0.113.0/29")), withPreset.secondaryTransferSources());
    Set<DiagnosticCode> codes = EnumSet.noneOf(DiagnosticCode.class);
    DiagnosticEngine.diagnose(s.config.build(), withPreset, s.observations())
        .findings()
        .forEach(f -> codes.add(f.code()));
    assertTrue(codes.contains(PRIMARY_IPV6_ONLY), codes::toString);
    assertTrue(codes.contains(TRANSFER_SOURCE_NOT_ALLOWED), codes::toString);
  }

  @Test
  void transferRefusedByAcl() {
    s.transfers.add(
        new TransferAttempt(
            ip("203.0.113.7"),
            TransferAttempt.Result.REFUSED,
            Optional.empty(),
            NOW.minusSeconds(60)));
    assertOnly(TRANSFER_REFUSED);
    assertTrue(only(TRANSFER_REFUSED).remedy().contains("add it to the transfer ACL"));
  }

  @Test
  void transferRefusedForKeyNamesTheServerOfThatAddress() {
    s.transfers.add(
        new TransferAttempt(
            ip("192.0.2.2"),
            TransferAttempt.Result.NOT_AUTHORIZED,
            Optional.of(name("wrong.key.")),
            NOW.minusSeconds(60)));
    assertOnly(TRANSFER_REFUSED);
    assertEquals(List.of(NS2_SECONDARY), only(TRANSFER_REFUSED).nameServers());
  }

  @Test
  void onlyTheLatestTransferAttemptCounts() {
    s.transfers.add(
        new TransferAttempt(
            ip("192.0.2.1"),
            TransferAttempt.Result.REFUSED,
            Optional.empty(),
            NOW.minusSeconds(7200)));
    assertOnly();
  }

  @Test
  void transferBrokeOff() {
    s.transfers.add(
        new TransferAttempt(
            ip("192.0.2.1"),
            TransferAttempt.Result.FAILED,
            Optional.empty(),
            NOW.minusSeconds(60)));
    assertOnly(TRANSFER_FAILED);
  }

  // ---- NOTIFY

  @Test
  void notifyNeverAnswered() {
    s.notifyOutcomes.add(NotifyOutcome.unanswered(ip("192.0.2.2"), 53, NOW.minusSeconds(10)));
    assertOnly(NOTIFY_UNANSWERED);
    assertEquals(List.of(ip("192.0.2.2")), only(NOTIFY_UNANSWERED).addresses());
  }

  @Test
  void notifyRefused() {
    s.notifyOutcomes.add(
        NotifyOutcome.answered(ip("192.0.2.2"), 53, Rcode.REFUSED, NOW.minusSeconds(10)));
    assertOnly(NOTIFY_REFUSED);
    assertTrue(only(NOTIFY_REFUSED).message().contains("REFUSED"));
  }

  @Test
  void notifyFailureFollowedBySuccessIsFine() {
    s.notifyOutcomes.add(NotifyOutcome.unanswered(ip("192.0.2.2"), 53, NOW.minusSeconds(7200)));
    s.notifyOutcomes.add(
        NotifyOutcome.answered(ip("192.0.2.1"), 53, Rcode.REFUSED, NOW.minusSeconds(7200)));
    assertOnly();
  }

  @Test
  void notifyNotImplemented() {
    s.notifyOutcomes.add(
        NotifyOutcome.answered(ip("192.0.2.2"), 53, Rcode.NOTIMP, NOW.minusSeconds(10)));
    assertOnly(NOTIFY_NOT_SUPPORTED);
  }

  @Test
  void notifyOnAnotherPortDoesNotCount() {
    s.notifyOutcomes.add(
        NotifyOutcome.answered(ip("192.0.2.2"), 5353, Rcode.REFUSED, NOW.minusSeconds(10)));
    assertOnly();
  }

  @Test
  void notifyOutcomeUnknown() {
    s.notifyOutcomes.removeIf(o -> o.address().equals(ip("192.0.2.2")));
    assertOnly(NOTIFY_OUTCOME_UNKNOWN);
  }

  @Test
  void noNotifyTarget() {
    s.config.notifyTargets(List.of());
    assertOnly(NOTIFY_NOT_CONFIGURED);
  }

  // ---- TSIG

  @Test
  void weakTsigAlgorithm() {
    s.config
        .clearTsigKeys()
        .addTsigKey(
            "transfer.example.com", "hmac-sha1", Base64.getEncoder().encodeToString(new byte[20]));
    assertOnly(TSIG_WEAK_ALGORITHM);
    assertFalse(only(TSIG_WEAK_ALGORITHM).message().contains("AAAA"), "no secret in messages");
  }

  @Test
  void shortTsigSecret() {
    s.config
        .clearTsigKeys()
        .addTsigKey(
            "transfer.example.com",
            "hmac-sha256",
            Base64.getEncoder().encodeToString(new byte[16]));
    assertOnly(TSIG_SHORT_SECRET);
  }

  // ---- SOA timers (Zonemaster ZONE02 to ZONE06)

  /** Each row puts one timer of the primary's SOA out of its range, the others within theirs. */
  @ParameterizedTest(name = "refresh {0}, retry {1}, expire {2}, minimum {3}: {4}")
  @CsvSource({
    "7200, 3600, 1209600, 3600, SOA_REFRESH_TOO_LOW",
    "14400, 14400, 1209600, 3600, SOA_RETRY_NOT_BELOW_REFRESH",
    "14400, 1800, 1209600, 3600, SOA_RETRY_TOO_LOW",
    "14400, 3600, 86400, 3600, SOA_EXPIRE_TOO_LOW",
    "2000000, 3600, 1209600, 3600, SOA_EXPIRE_BELOW_REFRESH",
    "14400, 3600, 1209600, 60, SOA_MINIMUM_TOO_LOW",
    "14400, 3600, 1209600, 172800, SOA_MINIMUM_TOO_HIGH",
  })
  void soaTimerOutOfRange(
      long refresh, long retry, long expire, long minimum, DiagnosticCode expected) {
    s.primarySoa = soa(SERIAL, refresh, retry, expire, minimum);
    assertOnly(expected);
  }

  @Test
  void timersAtTheirLimitsAreFine() {
    s.primarySoa = soa(SERIAL, 14_400, 3_600, 604_800, 300);
    assertOnly();
    s.primarySoa = soa(SERIAL, 14_400, 3_600, 604_800, 86_400);
    assertOnly();
  }

  // ---- what could not be judged

  @Test
  void dnssecStateUnknown() {
    s.dnssec = null;
    assertOnly(DNSSEC_STATE_UNKNOWN);
  }

  @Test
  void appliedRevisionUnknown() {
    s.appliedRevision = null;
    assertOnly(APPLIED_REVISION_UNKNOWN);
  }

  @Test
  void primarySoaUnknownLeavesServersNotChecked() {
    s.primarySoa = null;
    assertOnly(PRIMARY_SOA_UNKNOWN);
    s.report()
        .nameServers()
        .forEach(
            n -> {
              assertEquals(ServerStatus.NOT_CHECKED, n.status());
              assertEquals(List.of(SerialNumber.of(SERIAL)), n.servedSerials(), "still surfaced");
            });
  }

  @Test
  void primaryNameServersUnknown() {
    s.primaries.clear();
    assertOnly(PRIMARY_NAME_SERVERS_UNKNOWN);
    assertEquals(2, s.report().nameServers().size());
  }

  @Test
  void primaryTransferAddressesUnknownForIpv4OnlyProvider() {
    s.transferAddresses.clear();
    assertOnly(PRIMARY_TRANSFER_ADDRESSES_UNKNOWN);
  }

  @Test
  void delegationNotObserved() {
    s.delegation = null;
    assertOnly(DELEGATION_NOT_OBSERVED);
  }

  @Test
  void apexNotObserved() {
    s.apex = null;
    assertOnly(APEX_NS_NOT_OBSERVED);
  }

  @Test
  void nothingObservedAtAllIsOnlyNotJudged() {
    s.delegation = null;
    s.apex = null;
    s.addresses.clear();
    s.probes.clear();
    s.transfers.clear();
    DiagnosticReport report = s.report();
    assertEquals(ReportStatus.OK, report.status());
    report.findings().forEach(f -> assertTrue(f.code().isNotJudged(), f.toString()));
    report.nameServers().forEach(n -> assertEquals(ServerStatus.NOT_CHECKED, n.status()));
  }

  // ---- report shape

  @Test
  void findingsAreOrderedBySeverityThenCodeThenServer() {
    s.dnssec = true;
    s.appliedRevision = 2L;
    s.serves(NS2_SECONDARY, "192.0.2.2", SERIAL - 1);
    s.serves(NS1_SECONDARY, "192.0.2.1", SERIAL - 1);
    s.delegation.add(name("ns.other.net."));
    List<DiagnosticCode> codes =
        s.report().findings().stream()
            .map(Finding::code)
            .collect(java.util.stream.Collectors.toList());
    assertEquals(
        List.of(
            DNSSEC_ENABLED,
            CONFIGURATION_PROPAGATING,
            NAME_SERVER_PROPAGATING,
            NAME_SERVER_PROPAGATING,
            DELEGATION_UNKNOWN_NAME_SERVERS),
        codes);
    List<Finding> propagating = s.report().findings(NAME_SERVER_PROPAGATING);
    assertEquals(List.of(NS1_SECONDARY), propagating.get(0).nameServers());
    assertEquals(List.of(NS2_SECONDARY), propagating.get(1).nameServers());
  }

  @Test
  void everyCodeHasASeverityAndNotJudgedCodesAreInfo() {
    for (DiagnosticCode c : DiagnosticCode.values()) {
      if (c.isNotJudged()) {
        assertEquals(Severity.INFO, c.severity(), c.name());
      }
    }
  }

  @Test
  void reportIsImmutable() {
    s.dnssec = true;
    DiagnosticReport report = s.report();
    org.junit.jupiter.api.Assertions.assertThrows(
        UnsupportedOperationException.class, () -> report.findings().clear());
    org.junit.jupiter.api.Assertions.assertThrows(
        UnsupportedOperationException.class, () -> report.nameServers().clear());
  }

  @Test
  void probeRejectsContradictions() {
    Name ns = NS1_SECONDARY;
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class,
        () ->
            new SoaProbe(
                ns,
                ip("192.0.2.1"),
                Transport.UDP,
                SoaProbe.Outcome.TIMED_OUT,
                Optional.of(0),
                false,
                Optional.empty()));
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class,
        () ->
            new SoaProbe(
                ns,
                ip("192.0.2.1"),
                Transport.UDP,
                SoaProbe.Outcome.ANSWERED,
                Optional.empty(),
                false,
                Optional.empty()));
  }
}
