package io.github.secdns.core.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.config.AddressPrefix;
import io.github.secdns.core.config.Confidence;
import io.github.secdns.core.config.ProblemCode;
import io.github.secdns.core.config.Provenance;
import io.github.secdns.core.config.ValidationException;
import io.github.secdns.core.config.ValidationProblem;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

class PresetDefinitionTest {

  private static PresetDefinition.Builder valid(String id) {
    return PresetDefinition.builder(id)
        .displayName("Example Secondary")
        .nameServers("ns1.secondary.example", "NS2.Secondary.Example.")
        .transferSource("192.0.2.10", "xfr1.secondary.example")
        .transferSource("2001:DB8:0:0::10")
        .notifyTarget("192.0.2.11")
        .notifyTarget("2001:db8::11", 5353, "notify6");
  }

  private static ValidationProblem only(ValidationException e, String field) {
    List<ValidationProblem> matching =
        e.problems().stream().filter(p -> p.field().equals(field)).toList();
    assertEquals(1, matching.size(), () -> "problems: " + e.problems());
    return matching.get(0);
  }

  @Test
  void validDataIsParsedAndKept() {
    PresetDefinition d =
        valid("example-secondary")
            .capabilities(PresetCapabilities.unknown().withIpv6Primary(Support.SUPPORTED))
            .documentation("https://secondary.example/docs")
            .lastVerified(LocalDate.of(2026, 11, 24))
            .note("  set the primary in the provider's panel  ")
            .build();
    assertEquals("example-secondary", d.id());
    assertEquals(
        List.of(
            Name.fromConstantString("ns1.secondary.example."),
            Name.fromConstantString("ns2.secondary.example.")),
        d.nameServers().fixed());
    assertFalse(d.nameServers().customerSupplied());
    assertEquals(AddressPrefix.parse("2001:db8::10"), d.transferSources().get(1).prefix());
    assertEquals(Optional.of("xfr1.secondary.example"), d.transferSources().get(0).label());
    assertEquals(5353, d.notifyTargets().get(1).port());
    assertEquals(53, d.notifyTargets().get(0).port());
    assertEquals(Support.SUPPORTED, d.capabilities().ipv6Primary());
    assertEquals(Support.UNKNOWN, d.capabilities().tsig());
    assertEquals(Optional.of(URI.create("https://secondary.example/docs")), d.documentation());
    assertEquals(List.of("set the primary in the provider's panel"), d.notes());
    assertFalse(d.deprecated());
    assertEquals(
        d,
        valid("example-secondary")
            .capabilities(PresetCapabilities.unknown().withIpv6Primary(Support.SUPPORTED))
            .documentation("https://secondary.example/docs")
            .lastVerified(LocalDate.of(2026, 11, 24))
            .note("set the primary in the provider's panel")
            .build());
  }

  @Test
  void invalidAddressNamesThePresetAndTheField() {
    ValidationException e =
        assertThrows(
            ValidationException.class, () -> valid("broken").transferSource("300.1.2.3").build());
    assertTrue(e.getMessage().contains("provider preset 'broken'"), e.getMessage());
    assertTrue(e.getMessage().contains("transferSources[2]"), e.getMessage());
    assertTrue(e.getMessage().contains("300.1.2.3"), e.getMessage());
    // The configuration's rule for an ACL entry: an address or prefix that does not parse.
    assertEquals(ProblemCode.INVALID_PREFIX, only(e, "transferSources[2]").code());
  }

  @Test
  void emptyIdIsRequired() {
    ValidationException e = assertThrows(ValidationException.class, () -> valid(" ").build());
    assertEquals(ProblemCode.REQUIRED, only(e, "id").code());
    assertTrue(e.getMessage().startsWith("a provider preset without id"), e.getMessage());
  }

  @Test
  void upperCaseIdIsRefusedWithTheLowerCaseSuggestion() {
    ValidationException e =
        assertThrows(ValidationException.class, () -> valid("Dyn-Managed").build());
    ValidationProblem p = only(e, "id");
    assertEquals(ProblemCode.INVALID_ID, p.code());
    assertTrue(p.message().contains("did you mean 'dyn-managed'"), p.message());
  }

  @Test
  void idSyntaxIsStrict() {
    for (String bad : List.of("1dns", "dns--x", "dns-", "dns_x", "dns.x", "d".repeat(64))) {
      ValidationException e =
          assertThrows(ValidationException.class, () -> valid(bad).build(), bad);
      assertEquals(ProblemCode.INVALID_ID, only(e, "id").code(), bad);
    }
    assertEquals("a" + "1".repeat(62), valid("a" + "1".repeat(62)).build().id());
  }

  @Test
  void fixedAndCustomerSuppliedNameServersConflict() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () -> valid("both").customerSuppliedNameServers("ask the provider").build());
    assertEquals(ProblemCode.CONFLICT, only(e, "nameServers").code());
  }

  @Test
  void nameServersAreRequiredOneWayOrTheOther() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () ->
                PresetDefinition.builder("none")
                    .displayName("None")
                    .transferSource("192.0.2.1")
                    .build());
    assertEquals(ProblemCode.REQUIRED, only(e, "nameServers").code());
  }

  @Test
  void customerSuppliedNameServersNeedAHint() {
    PresetDefinition d =
        PresetDefinition.builder("per-account")
            .displayName("Per Account")
            .customerSuppliedNameServers("ns1-4.pXX.provider.example")
            .transferSource("192.0.2.1")
            .build();
    assertTrue(d.nameServers().customerSupplied());
    assertEquals(List.of(), d.nameServers().fixed());
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () ->
                PresetDefinition.builder("per-account")
                    .displayName("Per Account")
                    .customerSuppliedNameServers(" ")
                    .transferSource("192.0.2.1")
                    .build());
    assertEquals(ProblemCode.REQUIRED, only(e, "nameServers.hint").code());
  }

  @Test
  void badAndDuplicateNameServersAreReportedByIndex() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () -> valid("dups").nameServers("ns1.SECONDARY.example", "bad_name.example").build());
    assertEquals(ProblemCode.DUPLICATE_NAME_SERVER, only(e, "nameServers[2]").code());
    assertEquals(ProblemCode.INVALID_HOST_NAME, only(e, "nameServers[3]").code());
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () ->
                PresetDefinition.builder("UPPER")
                    .displayName("")
                    .nameServers("ns1.example")
                    .transferSource("0.0.0.0/0")
                    .transferSource("192.0.2.1/24")
                    .transferSource("192.0.2.7")
                    .transferSource("192.0.2.7")
                    .notifyTarget("not-an-ip")
                    .notifyTarget("192.0.2.8", 0, "zero")
                    .documentation("ftp://x.example/")
                    .deprecated("")
                    .note(" ")
                    .build());
    assertEquals(ProblemCode.INVALID_ID, only(e, "id").code());
    assertEquals(ProblemCode.REQUIRED, only(e, "displayName").code());
    assertEquals(ProblemCode.INVALID_PREFIX, only(e, "transferSources[0]").code());
    assertEquals(ProblemCode.INVALID_PREFIX, only(e, "transferSources[1]").code());
    assertEquals(ProblemCode.DUPLICATE_ACL_ENTRY, only(e, "transferSources[3]").code());
    assertEquals(ProblemCode.INVALID_ADDRESS, only(e, "notifyTargets[0].address").code());
    assertEquals(ProblemCode.INVALID_PORT, only(e, "notifyTargets[1].port").code());
    assertEquals(ProblemCode.INVALID_URL, only(e, "documentation").code());
    assertEquals(ProblemCode.REQUIRED, only(e, "deprecationReason").code());
    assertEquals(ProblemCode.REQUIRED, only(e, "notes[0]").code());
    assertEquals(10, e.problems().size(), e.problems().toString());
  }

  @Test
  void duplicateNotifyTargetsAreRefused() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () -> valid("dup-notify").notifyTarget("192.0.2.11").build());
    assertEquals(ProblemCode.DUPLICATE_NOTIFY_TARGET, only(e, "notifyTargets[2]").code());
  }

  @Test
  void labelsAreTrimmedAndBlankLabelsRefused() {
    PresetDefinition d = valid("labels").transferSource("192.0.2.99", "  xfr9  ").build();
    assertEquals(Optional.of("xfr9"), d.transferSources().get(2).label());
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () -> valid("labels").notifyTarget("192.0.2.98", " ").build());
    assertEquals(ProblemCode.REQUIRED, only(e, "notifyTargets[2].label").code());
  }

  @Test
  void deprecationIsAFlagWithAReason() {
    PresetDefinition d = valid("old").deprecated("the service is retired").build();
    assertTrue(d.deprecated());
    assertEquals(Optional.of("the service is retired"), d.deprecationReason());
  }

  private static PresetDefinition typed(
      PresetNameServers names, List<TransferSource> sources, List<PresetNotifyTarget> targets) {
    return new PresetDefinition(
        "typed",
        "Typed",
        names,
        sources,
        Optional.empty(),
        targets,
        Optional.empty(),
        PresetCapabilities.unknown(),
        Optional.of(URI.create("relative/path")),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        List.of());
  }

  /** A duplicate and a bad name server, "every address" with a blank label, a relative link. */
  private static PresetDefinition badTyped() {
    return typed(
        new PresetNameServers.Fixed(
            List.of(
                Name.fromConstantString("ns1.plain.example."),
                Name.fromConstantString("NS1.plain.example."),
                Name.fromConstantString("bad_name.plain.example."))),
        List.of(new TransferSource(AddressPrefix.parse("::/0"), Optional.of(" "))),
        List.of());
  }

  @Test
  void theTypedConstructorAppliesTheBuildersRules() {
    ValidationException e = assertThrows(ValidationException.class, () -> badTyped());
    assertTrue(e.getMessage().startsWith("provider preset 'typed'"), e.getMessage());
    assertEquals(ProblemCode.DUPLICATE_NAME_SERVER, only(e, "nameServers[1]").code());
    assertEquals(ProblemCode.INVALID_HOST_NAME, only(e, "nameServers[2]").code());
    assertEquals(ProblemCode.INVALID_PREFIX, only(e, "transferSources[0]").code());
    assertEquals(ProblemCode.REQUIRED, only(e, "transferSources[0].label").code());
    assertEquals(ProblemCode.INVALID_URL, only(e, "documentation").code());
    assertEquals(5, e.problems().size(), e.problems().toString());
  }

  @Test
  void builderAndTypedConstructorGiveTheSameMessages() {
    ValidationException built =
        assertThrows(
            ValidationException.class,
            () ->
                PresetDefinition.builder("typed")
                    .displayName("Typed")
                    .nameServers("ns1.plain.example", "NS1.plain.example", "bad_name.plain.example")
                    .transferSource("::/0", " ")
                    .documentation("relative/path")
                    .build());
    ValidationException typed = assertThrows(ValidationException.class, () -> badTyped());
    // Same problems, same words; the builder reports what it parses first.
    assertEquals(
        new java.util.HashSet<>(typed.problems()), new java.util.HashSet<>(built.problems()));
  }

  @Test
  void theNotifyPortRuleHasOneWordingEverywhere() {
    ValidationException built =
        assertThrows(
            ValidationException.class,
            () -> valid("ports").notifyTarget("192.0.2.99", 70000, "far").build());
    String message = only(built, "notifyTargets[2].port").message();
    assertEquals("the port must be between 1 and 65535, was 70000", message);
    IllegalArgumentException typed =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new PresetNotifyTarget(
                    java.net.InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 99}),
                    70000,
                    Optional.empty()));
    assertEquals(message, typed.getMessage());
    IllegalArgumentException config =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new io.github.secdns.core.config.NotifyTarget(
                    java.net.InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 99}),
                    70000,
                    Optional.empty()));
    assertEquals(message, config.getMessage());
  }

  @Test
  void abstractBaseIsItsDefinition() {
    PresetDefinition d = valid("based").build();
    AbstractProviderPreset preset = new AbstractProviderPreset(d) {};
    assertSame(d, preset.definition());
    assertSame(d, d.definition());
    assertEquals(d.transferSources(), preset.transferSources());
    assertEquals("based", preset.id());
    assertEquals(PresetKind.SECONDARY, preset.kind());
  }

  @Test
  void valuesCarryTheirSourceAndDates() {
    Provenance docs =
        new Provenance(
            "https://secondary.example/docs", LocalDate.of(2026, 12, 2), Confidence.OFFICIAL);
    Provenance forum =
        new Provenance("a forum post", LocalDate.of(2026, 11, 30), Confidence.MEDIUM);
    PresetDefinition d =
        PresetDefinition.builder("dated")
            .displayName("Dated")
            .source(docs)
            .nameServers("ns1.dated.example")
            .transferSource("192.0.2.1", v -> v.validUntil(LocalDate.of(2026, 12, 1)))
            .transferSource(
                "192.0.2.2", v -> v.label("new").validFrom(LocalDate.of(2026, 12, 1)).source(forum))
            .notifyTarget("192.0.2.3", 5300, v -> v.validFrom(LocalDate.of(2026, 4, 15)))
            .build();
    assertEquals(Optional.of(docs), ((PresetNameServers.Fixed) d.nameServers()).provenance());
    assertEquals(Optional.of(docs), d.transferSources().get(0).provenance());
    assertEquals(Validity.before(LocalDate.of(2026, 12, 1)), d.transferSources().get(0).validity());
    assertEquals(Optional.of(forum), d.transferSources().get(1).provenance());
    assertEquals(Optional.of("new"), d.transferSources().get(1).label());
    assertEquals(5300, d.notifyTargets().get(0).port());
    assertEquals(Optional.of(docs), d.notifyTargets().get(0).provenance());
    assertEquals(
        List.of(AddressPrefix.parse("192.0.2.1")),
        d.transferSourcesOn(LocalDate.of(2026, 11, 30)).stream()
            .map(TransferSource::prefix)
            .toList());
    assertEquals(
        List.of(AddressPrefix.parse("192.0.2.2")),
        d.transferSourcesOn(LocalDate.of(2026, 12, 1)).stream()
            .map(TransferSource::prefix)
            .toList());
    assertEquals(List.of(docs, docs, forum, docs), d.provenances());
    assertTrue(d.transferSources().get(0).toString().contains("until 2026-12-01"));
  }

  @Test
  void aValidityMustEndAfterItStarts() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () ->
                valid("backwards")
                    .transferSource(
                        "192.0.2.77",
                        v ->
                            v.validFrom(LocalDate.of(2026, 12, 1))
                                .validUntil(LocalDate.of(2026, 12, 1)))
                    .build());
    ValidationProblem p = only(e, "transferSources[2].validity");
    assertEquals(ProblemCode.CONFLICT, p.code());
    assertTrue(p.message().contains("2026-12-01"), p.message());
    assertThrows(
        IllegalArgumentException.class,
        () -> Validity.between(LocalDate.of(2026, 12, 2), LocalDate.of(2026, 12, 1)));
  }

  @Test
  void aBlankSourceIsRefused() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () ->
                valid("blank-source")
                    .source(new Provenance(" ", LocalDate.of(2026, 1, 1), Confidence.LOW))
                    .build());
    assertEquals(ProblemCode.REQUIRED, only(e, "nameServers.provenance.source").code());
    assertEquals(ProblemCode.REQUIRED, only(e, "transferSources[0].provenance.source").code());
  }

  @Test
  void aServiceThatCannotBeASecondaryHasAReasonAndNoValues() {
    PresetDefinition route53 =
        PresetDefinition.builder("no-axfr")
            .displayName("No AXFR")
            .notASecondary("it does not support zone transfers")
            .documentation("https://no-axfr.example/faq")
            .build();
    assertEquals(PresetKind.NOT_A_SECONDARY, route53.kind());
    assertEquals(PresetNameServers.notApplicable(), route53.nameServers());
    assertEquals(List.of(), route53.transferSources());
    assertTrue(route53.toString().contains("not a secondary"), route53.toString());

    ValidationException e =
        assertThrows(
            ValidationException.class,
            () ->
                valid("both-kinds")
                    .customerSuppliedTransferSources("paste them")
                    .notASecondary("it cannot")
                    .build());
    assertEquals(ProblemCode.CONFLICT, only(e, "nameServers").code());
    assertEquals(ProblemCode.CONFLICT, only(e, "transferSources").code());
    assertEquals(ProblemCode.CONFLICT, only(e, "notifyTargets").code());
  }

  @Test
  void customerSuppliedAddressesHaveHints() {
    PresetDefinition d =
        PresetDefinition.builder("paste-all")
            .displayName("Paste All")
            .customerSuppliedNameServers("the names in your panel")
            .customerSuppliedTransferSources("  the addresses under Settings  ")
            .customerSuppliedNotifyTargets("the NOTIFY addresses under Settings")
            .build();
    assertEquals(Optional.of("the addresses under Settings"), d.transferSourcesHint());
    assertEquals(Optional.of("the NOTIFY addresses under Settings"), d.notifyTargetsHint());
    assertEquals(List.of(), d.transferSources());
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () ->
                PresetDefinition.builder("blank-hint")
                    .displayName("Blank Hint")
                    .nameServers("ns1.blank.example")
                    .customerSuppliedTransferSources(" ")
                    .build());
    assertEquals(ProblemCode.REQUIRED, only(e, "transferSourcesHint").code());
  }

  @Test
  void newCapabilitiesDefaultToUnknown() {
    PresetCapabilities c = PresetCapabilities.unknown();
    assertEquals(Support.UNKNOWN, c.primaryHostName());
    assertEquals(Support.UNKNOWN, c.catalogZones());
    assertEquals(Support.UNKNOWN, c.xot());
    PresetCapabilities set =
        c.withPrimaryHostName(Support.NOT_SUPPORTED)
            .withCatalogZones(Support.SUPPORTED)
            .withXot(Support.NOT_SUPPORTED);
    assertEquals(Support.NOT_SUPPORTED, set.primaryHostName());
    assertEquals(Support.SUPPORTED, set.catalogZones());
    assertEquals(Support.NOT_SUPPORTED, set.xot());
    assertEquals(Support.UNKNOWN, set.ipv6Primary());
    assertEquals(
        set,
        PresetCapabilities.unknown()
            .withXot(Support.NOT_SUPPORTED)
            .withCatalogZones(Support.SUPPORTED)
            .withPrimaryHostName(Support.NOT_SUPPORTED));
  }
}
