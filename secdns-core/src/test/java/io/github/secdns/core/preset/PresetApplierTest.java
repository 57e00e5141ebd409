package io.github.secdns.core.preset;

import static io.github.secdns.testsupport.Addresses.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.config.AclEntry;
import io.github.secdns.core.config.AddressPrefix;
import io.github.secdns.core.config.ConfigurationOrigin;
import io.github.secdns.core.config.NameServerSet;
import io.github.secdns.core.config.NotifyTarget;
import io.github.secdns.core.config.ProblemCode;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.config.TransferAuthentication;
import io.github.secdns.core.config.ValidationException;
import io.github.secdns.core.config.ValidationProblem;
import io.github.secdns.core.spi.PresetDefinition;
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
}
