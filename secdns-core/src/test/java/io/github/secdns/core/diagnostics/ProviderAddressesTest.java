package io.github.secdns.core.diagnostics;

import static io.github.secdns.core.diagnostics.DiagnosticCode.NOTIFY_NOT_CONFIGURED;
import static io.github.secdns.core.diagnostics.DiagnosticCode.PROVIDER_ADDRESS_RETIRED;
import static io.github.secdns.core.diagnostics.DiagnosticCode.PROVIDER_NOTIFY_TARGET_MISSING;
import static io.github.secdns.core.diagnostics.DiagnosticCode.SECONDARY_IS_PRIMARY_NAME_SERVER;
import static io.github.secdns.core.diagnostics.DiagnosticCode.TRANSFER_SOURCE_NOT_ALLOWED;
import static io.github.secdns.core.diagnostics.Scenario.NS1_PRIMARY;
import static io.github.secdns.testsupport.Addresses.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.config.AddressPrefix;
import io.github.secdns.core.config.TransferAuthentication;
import io.github.secdns.core.spi.PresetDefinition;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;

/**
 * A saved configuration against the addresses its provider uses on the day of the check, with a
 * fixed clock on both sides of each date: the provider retires 192.0.2.64/28 (transfers) and
 * 192.0.2.2 (NOTIFY) on 2026-12-01 and starts using 192.0.2.53 and 192.0.2.3 that day.
 */
class ProviderAddressesTest {

  private static final LocalDate SWITCH = LocalDate.of(2026, 12, 1);
  private static final Instant LAST_DAY_BEFORE = Instant.parse("2026-11-30T23:59:59Z");
  private static final Instant FIRST_DAY = Instant.parse("2026-12-01T00:00:00Z");

  private static final PresetDefinition MIGRATING =
      PresetDefinition.builder("migrating")
          .displayName("Migrating DNS")
          .nameServers("ns1.secondary.com", "ns2.secondary.com")
          .transferSource("192.0.2.64/28", v -> v.validUntil(SWITCH))
          .transferSource("192.0.2.53", v -> v.validFrom(SWITCH))
          .notifyTarget("192.0.2.1")
          .notifyTarget("192.0.2.2", v -> v.validUntil(SWITCH))
          .notifyTarget("192.0.2.3", v -> v.validFrom(SWITCH))
          .build();

  private final Scenario s = new Scenario();

  @BeforeEach
  void savedBeforeTheSwitch() {
    s.provider = MIGRATING;
    s.transferSources.clear(); // the preset supplies them
    s.config.transferAcl(List.of("192.0.2.64/28"));
    s.notifyOutcomes.add(NotifyOutcome.answered(ip("192.0.2.3"), 53, Rcode.NOERROR, Scenario.NOW));
  }

  private Set<DiagnosticCode> codes() {
    return s.codes().isEmpty() ? EnumSet.noneOf(DiagnosticCode.class) : s.codes();
  }

  private List<Finding> findings(DiagnosticCode code) {
    return s.report().findings(code);
  }

  @Test
  void theDayBeforeTheSwitchTheOldAddressesAreRight() {
    s.now = LAST_DAY_BEFORE;
    assertEquals(Set.of(), codes(), () -> s.report().findings().toString());
  }

  @Test
  void fromTheSwitchTheOldAddressesAreRetiredAndTheNewOnesMissing() {
    s.now = FIRST_DAY;
    assertEquals(
        EnumSet.of(
            TRANSFER_SOURCE_NOT_ALLOWED, PROVIDER_ADDRESS_RETIRED, PROVIDER_NOTIFY_TARGET_MISSING),
        codes(),
        () -> s.report().findings().toString());

    Finding notAllowed = findings(TRANSFER_SOURCE_NOT_ALLOWED).get(0);
    assertTrue(
        notAllowed.message().contains("192.0.2.53 (since 2026-12-01)"), notAllowed.message());
    assertEquals(List.of(ip("192.0.2.53")), notAllowed.addresses());

    List<Finding> retired = findings(PROVIDER_ADDRESS_RETIRED); // in address order
    assertEquals(2, retired.size(), retired::toString);
    assertEquals(
        "NOTIFY is still sent to 192.0.2.2 port 53, which Migrating DNS stopped using on"
            + " 2026-12-01.",
        retired.get(0).message());
    assertEquals(
        "The transfer ACL still allows 192.0.2.64/28, which Migrating DNS stopped transferring"
            + " from on 2026-12-01.",
        retired.get(1).message());
    assertEquals(List.of(ip("192.0.2.64")), retired.get(1).addresses());

    Finding missing = findings(PROVIDER_NOTIFY_TARGET_MISSING).get(0);
    assertTrue(
        missing.message().startsWith("Migrating DNS receives NOTIFY at 192.0.2.3 port 53 (since"),
        missing.message());
    assertEquals(List.of(ip("192.0.2.3")), missing.addresses());
  }

  @Test
  void aConfigurationUpdatedForTheSwitchIsRightOnBothSides() {
    s.config.transferAcl(List.of("192.0.2.53"));
    s.config.notifyTargets(List.of("192.0.2.1", "192.0.2.3"));
    s.now = FIRST_DAY;
    assertEquals(Set.of(), codes(), () -> s.report().findings().toString());
    // Before the switch the new addresses are early, not wrong; the old ones are missing.
    s.now = LAST_DAY_BEFORE;
    assertEquals(
        EnumSet.of(TRANSFER_SOURCE_NOT_ALLOWED, PROVIDER_NOTIFY_TARGET_MISSING),
        codes(),
        () -> s.report().findings().toString());
    assertTrue(
        findings(TRANSFER_SOURCE_NOT_ALLOWED).get(0).message().contains("192.0.2.64/28, which"));
  }

  @Test
  void anAclEntryInsideARetiredRangeIsRetiredButOneThatCoversNewAddressesIsNot() {
    s.now = FIRST_DAY;
    s.config.transferAcl(List.of("192.0.2.66", "192.0.2.0/24"));
    s.config.notifyTargets(List.of("192.0.2.1", "192.0.2.3"));
    List<Finding> retired = findings(PROVIDER_ADDRESS_RETIRED);
    assertEquals(1, retired.size(), retired::toString);
    assertEquals(List.of(ip("192.0.2.66")), retired.get(0).addresses());
    assertEquals(EnumSet.of(PROVIDER_ADDRESS_RETIRED), codes());
  }

  @Test
  void aKeyOnlyConfigurationDoesNotUseItsAclSoNothingThereIsRetired() {
    s.now = FIRST_DAY;
    s.config.transferAuthentication(TransferAuthentication.KEY);
    s.config.notifyTargets(List.of("192.0.2.1", "192.0.2.3"));
    assertEquals(Set.of(), codes(), () -> s.report().findings().toString());
  }

  @Test
  void withoutNotifyTargetsOnlyTheNoticeIsGiven() {
    s.now = FIRST_DAY;
    s.config.transferAcl(List.of("192.0.2.53"));
    s.config.notifyTargets(List.of());
    assertEquals(EnumSet.of(NOTIFY_NOT_CONFIGURED), codes());
  }

  @Test
  void withoutAPresetNothingIsJudged() {
    s.provider = null;
    s.now = FIRST_DAY;
    assertEquals(Set.of(), codes(), () -> s.report().findings().toString());
  }

  @Test
  void hostFactsTakeTheTransferSourcesOfTheDay() {
    s.now = LAST_DAY_BEFORE;
    assertEquals(
        List.of(AddressPrefix.parse("192.0.2.64/28")), s.facts().secondaryTransferSources());
    s.now = FIRST_DAY;
    assertEquals(List.of(AddressPrefix.parse("192.0.2.53")), s.facts().secondaryTransferSources());
    assertEquals(MIGRATING, s.facts().provider().orElseThrow());
  }

  @Test
  void aSecondaryThatIsAlsoAPrimaryIsAWarningOnThatServer() {
    s.provider = null;
    s.config.addSecondaryNameServer("NS1.dnsimple.com");
    List<Finding> found = findings(SECONDARY_IS_PRIMARY_NAME_SERVER);
    assertEquals(1, found.size(), found::toString);
    assertEquals(List.of(NS1_PRIMARY), found.get(0).nameServers());
    assertEquals(
        "The secondary name server ns1.dnsimple.com is one of the primary name servers of the"
            + " zone: it adds no redundancy.",
        found.get(0).message());
    assertEquals(
        Set.of(ServerStatus.WARNING),
        s.report().nameServers().stream()
            .filter(n -> n.name().equals(NS1_PRIMARY))
            .map(NameServerReport::status)
            .collect(Collectors.toSet()));
  }
}
