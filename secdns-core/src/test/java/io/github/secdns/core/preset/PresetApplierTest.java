package io.github.secdns.core.preset;

import static io.github.secdns.testsupport.Addresses.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.config.AclEntry;
import io.github.secdns.core.config.AddressPrefix;
import io.github.secdns.core.config.Confidence;
import io.github.secdns.core.config.ConfigurationOrigin;
import io.github.secdns.core.config.NameServerSet;
import io.github.secdns.core.config.NotifyTarget;
import io.github.secdns.core.config.ProblemCode;
import io.github.secdns.core.config.Provenance;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.config.TransferAuthentication;
import io.github.secdns.core.config.ValidationException;
import io.github.secdns.core.config.ValidationProblem;
import io.github.secdns.core.spi.PresetDefinition;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

class PresetApplierTest {

  private static final PresetDefinition FIXED =
      PresetDefinition.builder("fixed")
          .displayName("Fixed Provider")
          .nameServers("ns1.fixed.example", "ns2.fixed.example")
          .transferSource("192.0.2.10", "xfr.fixed.example")
          .transferSource("2001:db8::/64")
          .notifyTarget("192.0.2.11")
          .notifyTarget("2001:db8::11", 5300, "notify6")
          .build();

  private static final PresetDefinition PER_ACCOUNT =
      PresetDefinition.builder("per-account")
          .displayName("Per Account")
          .customerSuppliedNameServers("ns1-4.pXX.per-account.example, from your control panel")
          .transferSource("198.51.100.7")
          .build();

  private static Set<Name> names(String... names) {
    return java.util.Arrays.stream(names)
        .map(n -> Name.fromConstantString(n + "."))
        .collect(java.util.stream.Collectors.toSet());
  }

  @Test
  void presetValuesAreCopiedIntoAnEditableConfiguration() {
    SecondaryDnsConfiguration c = PresetApplier.apply(FIXED, "Example.COM").build();
    assertEquals(Name.fromConstantString("example.com."), c.zone());
    assertEquals(ConfigurationOrigin.preset("fixed"), c.origin());
    assertEquals(names("ns1.fixed.example", "ns2.fixed.example"), c.secondaryNameServerNames());
    assertEquals(
        List.of(
            new AclEntry(AddressPrefix.parse("192.0.2.10"), Optional.of("xfr.fixed.example")),
            new AclEntry(AddressPrefix.parse("2001:db8::/64"), Optional.of("Fixed Provider"))),
        c.transferAcl());
    assertEquals(
        List.of(
            new NotifyTarget(ip("192.0.2.11"), 53, Optional.empty()),
            new NotifyTarget(ip("2001:db8::11"), 5300, Optional.empty())),
        c.notifyTargets());

    // The customer can still change what the preset pre-populated.
    SecondaryDnsConfiguration edited =
        PresetApplier.apply(FIXED, "example.com")
            .addAclEntry("203.0.113.9", "my extra")
            .addSecondaryNameServer("ns3.fixed.example")
            .build();
    assertEquals(3, edited.secondaryNameServers().size());
    assertEquals(3, edited.transferAcl().size());
    assertEquals(ConfigurationOrigin.preset("fixed"), edited.origin());
  }

  @Test
  void customerSuppliedNameServersAreRequiredWithAFieldPath() {
    ValidationException e =
        assertThrows(
            ValidationException.class, () -> PresetApplier.apply(PER_ACCOUNT, "example.com"));
    ValidationProblem p = e.problems().get(0);
    assertEquals("secondaryNameServers", p.field());
    assertEquals(ProblemCode.REQUIRED, p.code());
    assertTrue(p.message().contains("ns1-4.pXX.per-account.example"), p.message());
    assertTrue(e.getMessage().contains("'per-account'"), e.getMessage());
  }

  @Test
  void customerSuppliedNameServersAreUsedAndChecked() {
    SecondaryDnsConfiguration c =
        PresetApplier.apply(
                PER_ACCOUNT,
                "example.com",
                List.of("ns1.p07.per-account.example", "ns2.p07.per-account.example"))
            .build();
    assertEquals(
        names("ns1.p07.per-account.example", "ns2.p07.per-account.example"),
        c.secondaryNameServerNames());
    assertEquals(ConfigurationOrigin.preset("per-account"), c.origin());

    ValidationException e =
        assertThrows(
            ValidationException.class,
            () -> PresetApplier.apply(PER_ACCOUNT, "example.com", List.of("ns1 .bad")).build());
    assertEquals("secondaryNameServers[0]", e.problems().get(0).field());
  }

  @Test
  void namesTypedForAFixedPresetReplaceItsOwn() {
    SecondaryDnsConfiguration c =
        PresetApplier.apply(FIXED, "example.com", List.of("ns9.fixed.example")).build();
    assertEquals(names("ns9.fixed.example"), c.secondaryNameServerNames());
  }

  @Test
  void applyingToASavedConfigurationKeepsWhatThePresetDoesNotDescribe() {
    SecondaryDnsConfiguration saved =
        PresetApplier.custom("example.com")
            .addSecondaryNameServer("ns1.old.example")
            .addAclEntry("203.0.113.0/24")
            .addTsigKey("transfer-key", "hmac-sha512", "c2VjcmV0c2VjcmV0c2VjcmV0")
            .transferAuthentication(TransferAuthentication.ADDRESS_AND_KEY)
            .addNotifyTarget("203.0.113.5", 53, "transfer-key")
            .ixfrEnabled(false)
            .revision(7)
            .enabled(false)
            .build();
    SecondaryDnsConfiguration switched =
        PresetApplier.applyTo(saved.toBuilder(), FIXED, List.of()).build();
    assertEquals(saved.zone(), switched.zone());
    assertEquals(saved.tsigKeys(), switched.tsigKeys());
    assertEquals(TransferAuthentication.ADDRESS_AND_KEY, switched.transferAuthentication());
    assertEquals(false, switched.ixfrEnabled());
    assertEquals(7, switched.revision());
    assertEquals(false, switched.enabled());
    assertEquals(
        names("ns1.fixed.example", "ns2.fixed.example"), switched.secondaryNameServerNames());
    assertEquals(2, switched.transferAcl().size());
    assertEquals(2, switched.notifyTargets().size());
    assertEquals(ConfigurationOrigin.preset("fixed"), switched.origin());
  }

  @Test
  void aFailedApplicationLeavesTheBuilderUnchanged() {
    SecondaryDnsConfiguration.Builder b = PresetApplier.apply(FIXED, "example.com");
    SecondaryDnsConfiguration before = b.build();
    assertThrows(ValidationException.class, () -> PresetApplier.applyTo(b, PER_ACCOUNT, List.of()));
    assertEquals(before, b.build());
  }

  @Test
  void nameServerSetAndCustomValuesGiveEditableConfigurationsToo() {
    NameServerSet set =
        NameServerSet.builder()
            .id("set-1")
            .label("My secondaries")
            .addNameServer("ns1.mine.example", "192.0.2.53")
            .addNameServer("ns2.mine.example")
            .build();
    SecondaryDnsConfiguration fromSet =
        PresetApplier.apply(set, "example.com").addAclEntry("192.0.2.53").build();
    assertEquals(ConfigurationOrigin.nameServerSet("set-1"), fromSet.origin());
    assertEquals(set.nameServers(), fromSet.secondaryNameServers());

    SecondaryDnsConfiguration custom =
        PresetApplier.custom("example.com")
            .addSecondaryNameServer("ns1.custom.example")
            .addAclEntry("198.51.100.0/24")
            .build();
    assertEquals(ConfigurationOrigin.custom(), custom.origin());
    assertEquals(names("ns1.custom.example"), custom.secondaryNameServerNames());
  }

  // ---- dated values, provenance, warnings

  private static final LocalDate SWITCH = LocalDate.of(2026, 12, 1);
  private static final Provenance DOCS =
      new Provenance("https://dated.example/docs", LocalDate.of(2026, 12, 2), Confidence.OFFICIAL);
  private static final Provenance FORUM =
      new Provenance("a forum thread", LocalDate.of(2026, 11, 2), Confidence.MEDIUM);

  private static final PresetDefinition DATED =
      PresetDefinition.builder("dated")
          .displayName("Dated DNS")
          .source(DOCS)
          .nameServers("ns1.dated.example", "ns2.dated.example")
          .transferSource("198.51.100.0/28", v -> v.label("old range").validUntil(SWITCH))
          .transferSource("203.0.113.7", v -> v.validFrom(SWITCH))
          .transferSource("203.0.113.8", v -> v.source(FORUM))
          .notifyTarget("203.0.113.9")
          .notifyTarget("198.51.100.9", v -> v.validUntil(SWITCH))
          .build();

  private static Clock at(String instant) {
    return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
  }

  private static List<String> acl(SecondaryDnsConfiguration c) {
    return c.transferAcl().stream().map(e -> e.prefix().toString()).toList();
  }

  private static List<String> notify(SecondaryDnsConfiguration c) {
    return c.notifyTargets().stream().map(t -> t.address().getHostAddress()).toList();
  }

  @Test
  void aClockSelectsTheAddressesOfTheDayOnBothSidesOfTheSwitch() {
    PresetApplication before =
        PresetApplier.apply(DATED, "example.com", List.of(), at("2026-11-30T23:59:59Z"));
    assertEquals(LocalDate.of(2026, 11, 30), before.day());
    SecondaryDnsConfiguration b = before.builder().build();
    assertEquals(List.of("198.51.100.0/28", "203.0.113.8"), acl(b));
    assertEquals(List.of("203.0.113.9", "198.51.100.9"), notify(b));

    PresetApplication after =
        PresetApplier.apply(DATED, "example.com", List.of(), at("2026-12-01T00:00:00Z"));
    SecondaryDnsConfiguration a = after.builder().build();
    assertEquals(List.of("203.0.113.7", "203.0.113.8"), acl(a));
    assertEquals(List.of("203.0.113.9"), notify(a));
  }

  @Test
  void theDayIsTheUtcDay() {
    // 23:30 on November 30 in New York is already December 1 in UTC.
    Clock newYork =
        Clock.fixed(Instant.parse("2026-12-01T04:30:00Z"), java.time.ZoneId.of("America/New_York"));
    assertEquals(SWITCH, PresetApplier.apply(DATED, "example.com", List.of(), newYork).day());
  }

  @Test
  void everyPrefilledValueCarriesItsSourceIntoTheConfiguration() {
    SecondaryDnsConfiguration c =
        PresetApplier.apply(DATED, "example.com", List.of(), at("2026-12-02T10:00:00Z"))
            .builder()
            .build();
    c.secondaryNameServers().forEach(ns -> assertEquals(Optional.of(DOCS), ns.provenance()));
    assertEquals(
        List.of(Optional.of(DOCS), Optional.of(FORUM)),
        c.transferAcl().stream().map(AclEntry::provenance).toList());
    assertEquals(Optional.of(DOCS), c.notifyTargets().get(0).provenance());
    // The confidence survives a round trip through the builder, as a saved configuration is edited.
    assertEquals(c, c.toBuilder().build());
    assertEquals(
        Confidence.MEDIUM,
        c.toBuilder().build().transferAcl().get(1).provenance().orElseThrow().confidence());
    // Names the customer types in have no provenance.
    SecondaryDnsConfiguration typed =
        PresetApplier.apply(
                DATED, "example.com", List.of("ns9.mine.example"), at("2026-12-02T10:00:00Z"))
            .builder()
            .build();
    assertEquals(Optional.empty(), typed.secondaryNameServers().iterator().next().provenance());
  }

  @Test
  void warningsSayWhatToVerifyAndWhatIsAnnounced() {
    PresetApplication before =
        PresetApplier.apply(DATED, "example.com", List.of(), at("2026-11-15T12:00:00Z"));
    assertEquals(
        List.of(PresetWarningCode.ADDRESSES_ANNOUNCED, PresetWarningCode.VALUES_NEED_VERIFICATION),
        before.warnings().stream().map(PresetWarning::code).toList());
    assertEquals(
        "Dated DNS has announced addresses it starts to use later; add them by then: 203.0.113.7"
            + " (transfers, from 2026-12-01).",
        before.warnings().get(0).message());
    assertTrue(
        before.warnings().get(1).message().contains("medium: verify before use"),
        before.warnings().get(1).message());
    assertTrue(before.warnings().get(1).message().endsWith(": 203.0.113.8."));

    PresetApplication official =
        PresetApplier.apply(FIXED, "example.com", List.of(), at("2026-11-15T12:00:00Z"));
    assertEquals(List.of(), official.warnings());
  }

  @Test
  void deprecatedAndPasteThisPresetsWarn() {
    PresetDefinition retired =
        PresetDefinition.builder("retired")
            .displayName("Retired DNS")
            .customerSuppliedNameServers("the names in your account")
            .customerSuppliedTransferSources("the addresses under Settings > Transfers")
            .customerSuppliedNotifyTargets("ask support")
            .deprecated("the service was shut down")
            .build();
    PresetApplication a =
        PresetApplier.apply(
            retired, "example.com", List.of("ns1.retired.example"), at("2026-12-02T00:00:00Z"));
    assertEquals(
        List.of(
            new PresetWarning(
                PresetWarningCode.DEPRECATED_PRESET,
                "Retired DNS is deprecated: the service was shut down"),
            new PresetWarning(
                PresetWarningCode.CUSTOMER_VALUES_NEEDED,
                "Add the addresses Retired DNS transfers from to the allowed addresses: the"
                    + " addresses under Settings > Transfers"),
            new PresetWarning(
                PresetWarningCode.CUSTOMER_VALUES_NEEDED,
                "Add the addresses Retired DNS receives NOTIFY on: ask support")),
        a.warnings());
    // The configuration is valid; an empty ACL allows nobody until the customer pastes them.
    assertEquals(List.of(), a.builder().build().transferAcl());
  }

  @Test
  void aServiceThatCannotBeASecondaryIsRefusedWithItsReason() {
    PresetDefinition route53 =
        PresetDefinition.builder("no-axfr")
            .displayName("No AXFR")
            .notASecondary("it does not support zone transfers")
            .build();
    SecondaryDnsConfiguration.Builder b = PresetApplier.apply(FIXED, "example.com");
    SecondaryDnsConfiguration before = b.build();
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () -> PresetApplier.applyTo(b, route53, List.of(), at("2026-12-02T00:00:00Z")));
    ValidationProblem p = e.problems().get(0);
    assertEquals(ProblemCode.NOT_A_SECONDARY, p.code());
    assertEquals("preset", p.field());
    assertEquals(
        "No AXFR cannot act as a secondary: it does not support zone transfers", p.message());
    assertEquals(before, b.build());
    assertThrows(ValidationException.class, () -> PresetApplier.apply(route53, "example.com"));
  }

  @Test
  void withoutAClockEveryAddressWithoutAnEndIsApplied() {
    SecondaryDnsConfiguration c = PresetApplier.apply(DATED, "example.com").build();
    assertEquals(List.of("203.0.113.7", "203.0.113.8"), acl(c));
    assertEquals(List.of("203.0.113.9"), notify(c));
  }
}
