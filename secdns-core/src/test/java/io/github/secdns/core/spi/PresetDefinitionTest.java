package io.github.secdns.core.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.github.secdns.core.config.AddressPrefix;
import io.github.secdns.core.config.ProblemCode;
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
    assertEquals(ProblemCode.INVALID_ADDRESS, only(e, "transferSources[2]").code());
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

  @Test
  void copyOfChecksAnyImplementationAndReportsNulls() {
    ProviderPreset plugin = mock(ProviderPreset.class);
    when(plugin.id()).thenReturn("plugin");
    when(plugin.displayName()).thenReturn("Plugin");
    when(plugin.nameServers()).thenReturn(null);
    when(plugin.transferSources()).thenReturn(null);
    when(plugin.notifyTargets()).thenReturn(List.of());
    when(plugin.capabilities()).thenReturn(PresetCapabilities.unknown());
    when(plugin.documentation()).thenReturn(Optional.of(URI.create("relative/path")));
    when(plugin.lastVerified()).thenReturn(Optional.empty());
    when(plugin.deprecationReason()).thenReturn(Optional.empty());
    when(plugin.notes()).thenReturn(List.of());
    ValidationException e =
        assertThrows(ValidationException.class, () -> PresetDefinition.copyOf(plugin));
    assertTrue(e.getMessage().startsWith("provider preset 'plugin'"), e.getMessage());
    assertEquals(ProblemCode.REQUIRED, only(e, "nameServers").code());
    assertEquals(ProblemCode.REQUIRED, only(e, "transferSources").code());
    assertEquals(ProblemCode.INVALID_URL, only(e, "documentation").code());
  }

  @Test
  void copyOfAPlainImplementationUsesTheSameRules() {
    ProviderPreset plain =
        new ProviderPreset() {
          @Override
          public String id() {
            return "plain";
          }

          @Override
          public String displayName() {
            return "Plain";
          }

          @Override
          public PresetNameServers nameServers() {
            return new PresetNameServers.Fixed(
                List.of(
                    Name.fromConstantString("ns1.plain.example."),
                    Name.fromConstantString("NS1.plain.example.")));
          }

          @Override
          public List<TransferSource> transferSources() {
            return List.of(new TransferSource(AddressPrefix.parse("::/0"), Optional.empty()));
          }
        };
    ValidationException e =
        assertThrows(ValidationException.class, () -> PresetDefinition.copyOf(plain));
    assertEquals(ProblemCode.DUPLICATE_NAME_SERVER, only(e, "nameServers[1]").code());
    assertEquals(ProblemCode.INVALID_PREFIX, only(e, "transferSources[0]").code());
  }

  @Test
  void abstractBaseAnswersFromItsDefinition() {
    PresetDefinition d = valid("based").build();
    AbstractProviderPreset preset = new AbstractProviderPreset(d) {};
    assertSame(d, PresetDefinition.copyOf(preset));
    assertEquals(d.transferSources(), preset.transferSources());
    assertEquals("based", preset.id());
  }
}
