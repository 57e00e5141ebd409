package io.github.secdns.core.lifecycle;

import static io.github.secdns.core.lifecycle.Fixtures.DNSIMPLE;
import static io.github.secdns.core.lifecycle.Fixtures.SECONDARY;
import static io.github.secdns.core.lifecycle.Fixtures.SECRET;
import static io.github.secdns.core.lifecycle.Fixtures.applied;
import static io.github.secdns.core.lifecycle.Fixtures.concat;
import static io.github.secdns.core.lifecycle.Fixtures.config;
import static io.github.secdns.core.lifecycle.Fixtures.names;
import static io.github.secdns.core.lifecycle.Fixtures.seedConfig;
import static io.github.secdns.core.lifecycle.Fixtures.state;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.config.AddressPrefix;
import io.github.secdns.core.config.ConfigurationOrigin;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.config.TransferAuthentication;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

class SecondaryDnsLifecycleTest {

  private static List<NoticeCode> codes(DelegationPlan plan) {
    return plan.notices().stream().map(Notice::code).collect(Collectors.toList());
  }

  private static String message(DelegationPlan plan, NoticeCode code) {
    return plan.notices().stream()
        .filter(n -> n.code() == code)
        .findFirst()
        .map(Notice::message)
        .orElseThrow(() -> new AssertionError("no notice " + code));
  }

  // --- enable -------------------------------------------------------------------------------

  @Test
  void seedExampleRegisteredElsewhereTellsTheCustomerWhatToAddAndToRevertIt() {
    ZoneState state = state().registryDelegation(DNSIMPLE).build();

    EnableResult result = SecondaryDnsLifecycle.enable(seedConfig(), state);

    DelegationPlan plan = result.delegation();
    assertEquals(Optional.of(names(DNSIMPLE)), plan.from());
    assertEquals(names(concat(DNSIMPLE, SECONDARY)), plan.to());
    assertEquals(
        List.of(
            "ns1.dnsimple.com",
            "ns2.dnsimple.com",
            "ns3.dnsimple.com",
            "ns4.dnsimple.com",
            "ns1.secondary.com",
            "ns2.secondary.com"),
        plan.to().hostNames());
    assertEquals(names(SECONDARY), plan.add());
    assertTrue(plan.remove().isEmpty());
    assertEquals(DelegationActor.CUSTOMER, plan.actor());
    assertTrue(plan.reserve().isEmpty());
    assertEquals(DelegationStatus.DELEGATED_TO_PRIMARY, plan.status());
    assertFalse(plan.awaitsDelegationToPrimary());
    assertEquals(
        List.of(NoticeCode.UPDATE_DELEGATION_AT_REGISTRAR, NoticeCode.REVERT_ON_DISABLE),
        codes(plan));
    assertEquals(
        "Update the delegation of example.com at your registrar: add ns1.secondary.com,"
            + " ns2.secondary.com. The delegation will need to change from: ns1.dnsimple.com,"
            + " ns2.dnsimple.com, ns3.dnsimple.com, ns4.dnsimple.com to: ns1.dnsimple.com,"
            + " ns2.dnsimple.com, ns3.dnsimple.com, ns4.dnsimple.com, ns1.secondary.com,"
            + " ns2.secondary.com.",
        message(plan, NoticeCode.UPDATE_DELEGATION_AT_REGISTRAR));
    assertEquals(
        "Revert this step if you ever disable Secondary DNS for your domain.",
        message(plan, NoticeCode.REVERT_ON_DISABLE));

    assertEquals(names(DNSIMPLE), result.apexNs().before());
    assertEquals(names(concat(DNSIMPLE, SECONDARY)), result.apexNs().after());
    assertEquals(names(SECONDARY), result.apexNs().added());
    assertTrue(result.apexNs().removed().isEmpty());
  }

  @Test
  void seedExampleDisableRevertsTheDelegationAndTheApexNsSet() {
    ZoneState before = state().registryDelegation(DNSIMPLE).build();
    EnableResult enabled = SecondaryDnsLifecycle.enable(seedConfig(), before);

    DisableResult result =
        SecondaryDnsLifecycle.disable(enabled.configuration(), applied(before, enabled));

    DelegationPlan plan = result.delegation();
    assertEquals(Optional.of(names(concat(DNSIMPLE, SECONDARY))), plan.from());
    assertEquals(names(DNSIMPLE), plan.to());
    assertEquals(names(SECONDARY), plan.remove());
    assertTrue(plan.add().isEmpty());
    assertEquals(DelegationActor.CUSTOMER, plan.actor());
    assertEquals(List.of(NoticeCode.UPDATE_DELEGATION_AT_REGISTRAR), codes(plan));
    assertTrue(
        message(plan, NoticeCode.UPDATE_DELEGATION_AT_REGISTRAR)
            .startsWith(
                "Revert the delegation of example.com at your registrar: remove ns1.secondary.com,"
                    + " ns2.secondary.com."));
    assertEquals(names(DNSIMPLE), result.apexNs().after());
    assertEquals(names(SECONDARY), result.apexNs().removed());
    assertFalse(result.configuration().enabled());
    assertEquals(2, result.configuration().revision());
    assertEquals(EventType.DELETED, result.events().get(0).type());
  }

  @Test
  void enableBumpsTheRevisionAndPublishesACreatedEventWithServersAndAddresses() {
    EnableResult result =
        SecondaryDnsLifecycle.enable(seedConfig(), state().registryDelegation(DNSIMPLE).build());

    assertEquals(1, result.configuration().revision());
    assertTrue(result.configuration().enabled());
    assertEquals(1, result.events().size());
    SecondaryDnsEvent event = result.events().get(0);
    assertEquals(EventType.CREATED, event.type());
    assertEquals("secondary_dns.create", event.type().webhookName());
    assertEquals(Name.fromConstantString("example.com."), event.zone());
    assertEquals(1, event.revision());
    assertEquals(Optional.empty(), event.configurationId());
    assertEquals(names(SECONDARY), event.nameServers());
    assertEquals(
        List.of(AddressPrefix.parse("192.0.2.10"), AddressPrefix.parse("2001:db8::/64")),
        event.allowedAddresses());
    assertEquals(Optional.of("42"), event.withConfigurationId("42").configurationId());
  }

  @Test
  void reEnablingAStoredDisabledConfigurationContinuesItsRevisions() {
    SecondaryDnsConfiguration stored = seedConfig().toBuilder().revision(7).enabled(false).build();

    EnableResult result = SecondaryDnsLifecycle.enable(stored, state().build());

    assertEquals(8, result.configuration().revision());
    assertTrue(result.configuration().enabled());
  }

  @Test
  void enableIsRefusedWithTheSeedWordingWhenDnssecIsOn() {
    ZoneState state = state().dnssecEnabled(true).build();

    LifecycleException e =
        assertThrows(
            LifecycleException.class, () -> SecondaryDnsLifecycle.enable(seedConfig(), state));

    assertEquals(LifecycleRefusal.DNSSEC_ENABLED, e.reason());
    assertTrue(
        e.getMessage()
            .startsWith(
                "You cannot set up Secondary DNS for example.com"
                    + " because DNSSEC is enabled. They will not work in conjunction."),
        e.getMessage());
    assertTrue(e.getMessage().contains("disable DNSSEC before using Secondary DNS"));
  }

  @Test
  void dnssecRefusesAnEditLikeEnableButNotDisable() {
    ZoneState plain = state().registryDelegation(DNSIMPLE).build();
    SecondaryDnsConfiguration on =
        SecondaryDnsLifecycle.enable(seedConfig(), plain).configuration();
    ZoneState signed = state().registryDelegation(DNSIMPLE).dnssecEnabled(true).build();

    LifecycleException e =
        assertThrows(
            LifecycleException.class,
            () ->
                SecondaryDnsLifecycle.edit(
                    on, on.toBuilder().addAclEntry("198.51.100.1").build(), signed));
    assertEquals(LifecycleRefusal.DNSSEC_ENABLED, e.reason());
    assertTrue(
        e.getMessage()
            .startsWith(
                "You cannot change Secondary DNS for example.com because DNSSEC is enabled."),
        e.getMessage());

    // A customer can always remove the configuration of a signed zone.
    DisableResult off = SecondaryDnsLifecycle.disable(on, signed);
    assertFalse(off.configuration().enabled());
  }

  @Test
  void enablingAnEnabledConfigurationIsRefused() {
    ZoneState plain = state().registryDelegation(DNSIMPLE).build();
    SecondaryDnsConfiguration on =
        SecondaryDnsLifecycle.enable(seedConfig(), plain).configuration();

    LifecycleException e =
        assertThrows(LifecycleException.class, () -> SecondaryDnsLifecycle.enable(on, plain));
    assertEquals(LifecycleRefusal.ALREADY_ENABLED, e.reason());
    assertEquals(
        "Secondary DNS is already enabled for example.com (revision 1); edit the configuration"
            + " instead of enabling it again.",
        e.getMessage());

    // Disabled, it can be enabled again, and the revision count continues.
    SecondaryDnsConfiguration off = SecondaryDnsLifecycle.disable(on, plain).configuration();
    assertEquals(3, SecondaryDnsLifecycle.enable(off, plain).configuration().revision());
    // A fresh configuration (revision 0) is enabled whatever its flag says.
    assertEquals(1, SecondaryDnsLifecycle.enable(seedConfig(), plain).configuration().revision());
  }

  @Test
  void aSecondaryThatIsAlsoAPrimaryIsAWarningInThePlan() {
    ZoneState plain = state().registryDelegation(DNSIMPLE).build();
    SecondaryDnsConfiguration config =
        seedConfig().toBuilder().addSecondaryNameServer("NS2.dnsimple.com.").build();

    EnableResult on = SecondaryDnsLifecycle.enable(config, plain);
    assertTrue(codes(on.delegation()).contains(NoticeCode.SECONDARY_IS_PRIMARY_NAME_SERVER));
    String m = message(on.delegation(), NoticeCode.SECONDARY_IS_PRIMARY_NAME_SERVER);
    assertTrue(m.startsWith("ns2.dnsimple.com is already among the primary name servers"), m);

    // An edit of other values plans no NS change and no notice; one that names a primary warns.
    ZoneState after = plain.withApexNameServers(on.apexNs().after());
    EditResult kept =
        SecondaryDnsLifecycle.edit(
            on.configuration(),
            on.configuration().toBuilder().addAclEntry("198.51.100.1").build(),
            after);
    assertFalse(codes(kept.delegation()).contains(NoticeCode.SECONDARY_IS_PRIMARY_NAME_SERVER));
    EditResult renamed =
        SecondaryDnsLifecycle.edit(
            on.configuration(),
            on.configuration().toBuilder()
                .secondaryNameServers(
                    List.of("ns1.secondary.com", "ns2.secondary.com", "ns3.dnsimple.com"))
                .build(),
            after);
    assertTrue(codes(renamed.delegation()).contains(NoticeCode.SECONDARY_IS_PRIMARY_NAME_SERVER));
    assertTrue(
        message(renamed.delegation(), NoticeCode.SECONDARY_IS_PRIMARY_NAME_SERVER)
            .startsWith("ns3.dnsimple.com is already"));
    // Disabling never warns: the name stays, as the primary's.
    DisableResult off = SecondaryDnsLifecycle.disable(on.configuration(), after);
    assertFalse(codes(off.delegation()).contains(NoticeCode.SECONDARY_IS_PRIMARY_NAME_SERVER));
  }

  @Test
  void registeredWithTheHostTheHostReplacesTheDelegationAndReservesTheSecondaries() {
    ZoneState state =
        state()
            .registration(DomainRegistration.WITH_HOST)
            .registryDelegation(List.of("ns1.dnsimple.com", "ns2.dnsimple.com", "ns9.custom.org"))
            .build();

    EnableResult result = SecondaryDnsLifecycle.enable(seedConfig(), state);

    DelegationPlan plan = result.delegation();
    assertEquals(DelegationActor.HOST, plan.actor());
    assertEquals(names(concat(DNSIMPLE, SECONDARY)), plan.to());
    assertEquals(
        names("ns3.dnsimple.com", "ns4.dnsimple.com", "ns1.secondary.com", "ns2.secondary.com"),
        plan.add());
    assertEquals(names("ns9.custom.org"), plan.remove());
    assertEquals(names(SECONDARY), plan.reserve());
    assertTrue(plan.release().isEmpty());
    assertEquals(List.of(NoticeCode.HOST_UPDATES_DELEGATION), codes(plan));
    String m = message(plan, NoticeCode.HOST_UPDATES_DELEGATION);
    assertTrue(
        m.startsWith(
            "example.com is registered with us: we will replace its delegation"
                + " with ns1.dnsimple.com, ns2.dnsimple.com, ns3.dnsimple.com, ns4.dnsimple.com,"
                + " ns1.secondary.com, ns2.secondary.com"),
        m);
    assertTrue(m.contains("remove ns9.custom.org"), m);
    assertTrue(m.contains("ns1.secondary.com, ns2.secondary.com are reserved"), m);
  }

  @Test
  void registeredWithTheHostDisableReleasesTheReservedSecondaries() {
    ZoneState before =
        state().registration(DomainRegistration.WITH_HOST).registryDelegation(DNSIMPLE).build();
    EnableResult on = SecondaryDnsLifecycle.enable(seedConfig(), before);

    DisableResult off = SecondaryDnsLifecycle.disable(on.configuration(), applied(before, on));

    assertEquals(DelegationActor.HOST, off.delegation().actor());
    assertEquals(names(DNSIMPLE), off.delegation().to());
    assertEquals(names(SECONDARY), off.delegation().release());
    assertTrue(off.delegation().reserve().isEmpty());
    assertTrue(
        message(off.delegation(), NoticeCode.HOST_UPDATES_DELEGATION)
            .contains("ns1.secondary.com, ns2.secondary.com are no longer reserved"));
  }

  @Test
  void notDelegatedToThePrimarySaysTheConfigurationTakesEffectOnlyOnceItIs() {
    ZoneState state =
        state().registryDelegation(List.of("a.iana-servers.net", "b.iana-servers.net")).build();

    EnableResult result = SecondaryDnsLifecycle.enable(seedConfig(), state);

    DelegationPlan plan = result.delegation();
    assertEquals(DelegationStatus.NOT_DELEGATED_TO_PRIMARY, plan.status());
    assertTrue(plan.awaitsDelegationToPrimary());
    assertEquals(names(concat(DNSIMPLE, SECONDARY)), plan.to());
    assertEquals(names("a.iana-servers.net", "b.iana-servers.net"), plan.remove());
    assertEquals(
        "example.com is not delegated to ns1.dnsimple.com, ns2.dnsimple.com,"
            + " ns3.dnsimple.com, ns4.dnsimple.com: you'll need to point the domain to them before"
            + " the Secondary DNS configuration will take effect.",
        message(plan, NoticeCode.NOT_DELEGATED_TO_PRIMARY));
    // The configuration is still enabled and published: it can be saved on any domain.
    assertTrue(result.configuration().enabled());
    assertEquals(names(SECONDARY), result.apexNs().added());
  }

  @Test
  void disablingADomainDelegatedElsewhereOnlyRemovesTheSecondaries() {
    SecondaryDnsConfiguration on = enabledConfig();
    ZoneState untouched =
        state()
            .apexNameServers(concat(DNSIMPLE, SECONDARY))
            .registryDelegation(List.of("a.iana-servers.net", "b.iana-servers.net"))
            .build();
    ZoneState withSecondaries =
        state()
            .apexNameServers(concat(DNSIMPLE, SECONDARY))
            .registryDelegation(List.of("a.iana-servers.net", "ns1.secondary.com"))
            .build();

    DelegationPlan nothing = SecondaryDnsLifecycle.disable(on, untouched).delegation();
    DelegationPlan removeOnly = SecondaryDnsLifecycle.disable(on, withSecondaries).delegation();

    assertFalse(nothing.changed());
    assertEquals(DelegationActor.NONE, nothing.actor());
    assertTrue(nothing.notices().isEmpty());
    assertEquals(names("a.iana-servers.net"), removeOnly.to());
    assertEquals(names("ns1.secondary.com"), removeOnly.remove());
    assertTrue(removeOnly.add().isEmpty());
    assertFalse(removeOnly.awaitsDelegationToPrimary());
  }

  @Test
  void notDelegatedToAnythingAtAllAlsoAwaitsDelegation() {
    ZoneState state = state().registryDelegation(List.of()).build();

    DelegationPlan plan = SecondaryDnsLifecycle.enable(seedConfig(), state).delegation();

    assertEquals(DelegationStatus.NOT_DELEGATED_TO_PRIMARY, plan.status());
    assertTrue(plan.awaitsDelegationToPrimary());
    assertEquals(names(concat(DNSIMPLE, SECONDARY)), plan.add());
  }

  @Test
  void registeredWithTheHostButDelegatedElsewhereTheRegistryFollowsTheApexNsSet() {
    // The seed: "If you are delegating to another provider for your DNS, the values at the
    // registry will be updated to match the NS set on the apex zone".
    List<String> other = List.of("ns1.otherdns.net", "ns2.otherdns.net");
    ZoneState state =
        state()
            .registration(DomainRegistration.WITH_HOST)
            .apexNameServers(other)
            .registryDelegation(other)
            .build();

    DelegationPlan plan = SecondaryDnsLifecycle.enable(seedConfig(), state).delegation();

    assertEquals(names(concat(other, SECONDARY)), plan.to());
    assertEquals(names(SECONDARY), plan.add());
    assertEquals(DelegationActor.HOST, plan.actor());
    assertTrue(plan.awaitsDelegationToPrimary(), "the apex NS set names none of the primaries");

    ZoneState apexWithPrimaries =
        state().registration(DomainRegistration.WITH_HOST).registryDelegation(other).build();
    DelegationPlan toHost =
        SecondaryDnsLifecycle.enable(seedConfig(), apexWithPrimaries).delegation();
    assertEquals(names(concat(DNSIMPLE, SECONDARY)), toHost.to());
    assertFalse(toHost.awaitsDelegationToPrimary());
  }

  @Test
  void unknownDelegationPlansFromThePrimariesAndSaysSo() {
    EnableResult result = SecondaryDnsLifecycle.enable(seedConfig(), state().build());

    DelegationPlan plan = result.delegation();
    assertEquals(Optional.empty(), plan.from());
    assertEquals(DelegationStatus.UNKNOWN, plan.status());
    assertEquals(names(SECONDARY), plan.add());
    assertEquals(names(concat(DNSIMPLE, SECONDARY)), plan.to());
    assertEquals(
        List.of(
            NoticeCode.DELEGATION_UNKNOWN,
            NoticeCode.UPDATE_DELEGATION_AT_REGISTRAR,
            NoticeCode.REVERT_ON_DISABLE),
        codes(plan));
    assertFalse(plan.awaitsDelegationToPrimary());
  }

  @Test
  void namesCompareCaseInsensitivelyAndWithoutTrailingDots() {
    ZoneState state =
        ZoneState.builder()
            .zone("EXAMPLE.com.")
            .primaryNameServers(List.of("NS1.DNSimple.COM.", "ns2.dnsimple.com"))
            .apexNameServers(List.of("ns1.dnsimple.com", "NS2.DNSIMPLE.COM", "NS1.Secondary.Com."))
            .registryDelegation(
                List.of("ns1.dnsimple.com.", "ns2.DNSIMPLE.com", "ns1.secondary.COM"))
            .build();

    EnableResult result = SecondaryDnsLifecycle.enable(seedConfig(), state);

    assertEquals(names("ns2.secondary.com"), result.apexNs().added());
    assertEquals(names("ns2.secondary.com"), result.delegation().add());
    assertTrue(result.delegation().remove().isEmpty());
    // The spelling already published is kept.
    assertTrue(result.apexNs().after().hostNames().contains("NS1.Secondary.Com"));
  }

  @Test
  void aSecondaryThatIsAlsoAPrimaryStaysOnDisable() {
    ZoneState before = state().registryDelegation(DNSIMPLE).build();
    SecondaryDnsConfiguration c = config(List.of("ns4.dnsimple.com", "ns1.secondary.com")).build();
    EnableResult on = SecondaryDnsLifecycle.enable(c, before);
    assertEquals(names("ns1.secondary.com"), on.apexNs().added());

    DisableResult off = SecondaryDnsLifecycle.disable(on.configuration(), applied(before, on));

    assertEquals(names(DNSIMPLE), off.apexNs().after());
    assertEquals(names(DNSIMPLE), off.delegation().to());
    assertEquals(names("ns1.secondary.com"), off.delegation().remove());
  }

  @Test
  void aThirdProviderInTheDelegationIsKeptWhenRegisteredElsewhere() {
    List<String> delegation = concat(DNSIMPLE, List.of("ns1.thirdparty.org"));
    ZoneState before = state().registryDelegation(delegation).build();

    EnableResult on = SecondaryDnsLifecycle.enable(seedConfig(), before);
    DisableResult off = SecondaryDnsLifecycle.disable(on.configuration(), applied(before, on));

    assertEquals(names(concat(delegation, SECONDARY)), on.delegation().to());
    assertTrue(on.delegation().remove().isEmpty());
    assertEquals(names(delegation), off.delegation().to());
  }

  // --- edit ---------------------------------------------------------------------------------

  private static ZoneState enabledState(DomainRegistration registration) {
    ZoneState before = state().registration(registration).registryDelegation(DNSIMPLE).build();
    return applied(before, SecondaryDnsLifecycle.enable(seedConfig(), before));
  }

  private static SecondaryDnsConfiguration enabledConfig() {
    return SecondaryDnsLifecycle.enable(seedConfig(), state().build()).configuration();
  }

  /** The enabled configuration edited to replace ns2.secondary.com by ns3.secondary.com. */
  private static EditResult editReplacingNs2ByNs3(DomainRegistration registration) {
    SecondaryDnsConfiguration current = enabledConfig();
    SecondaryDnsConfiguration edited =
        current.toBuilder()
            .secondaryNameServers(List.of("ns1.secondary.com", "ns3.secondary.com"))
            .build();
    return SecondaryDnsLifecycle.edit(current, edited, enabledState(registration));
  }

  @Test
  void editReplacingANameServerMovesTheApexNsSetAndTheDelegation() {
    EditResult result = editReplacingNs2ByNs3(DomainRegistration.ELSEWHERE);

    assertTrue(result.changed());
    assertEquals(2, result.configuration().revision());
    assertEquals(names("ns3.secondary.com"), result.diff().nameServersAdded());
    assertEquals(names("ns2.secondary.com"), result.diff().nameServersRemoved());
    assertEquals(names("ns3.secondary.com"), result.apexNs().added());
    assertEquals(names("ns2.secondary.com"), result.apexNs().removed());
    DelegationPlan plan = result.delegation();
    assertEquals(
        names(concat(DNSIMPLE, List.of("ns1.secondary.com", "ns3.secondary.com"))), plan.to());
    assertEquals(names("ns3.secondary.com"), plan.add());
    assertEquals(names("ns2.secondary.com"), plan.remove());
    assertEquals(DelegationActor.CUSTOMER, plan.actor());
    assertTrue(
        message(plan, NoticeCode.UPDATE_DELEGATION_AT_REGISTRAR)
            .startsWith(
                "Update the delegation of example.com at your registrar: add ns3.secondary.com;"
                    + " remove ns2.secondary.com."));
    assertEquals(
        List.of(SecondaryDnsEvent.of(EventType.UPDATED, result.configuration())), result.events());
    assertEquals("secondary_dns.update", result.events().get(0).type().webhookName());
  }

  @Test
  void editRegisteredWithTheHostReservesTheNewAndReleasesTheOld() {
    DelegationPlan plan = editReplacingNs2ByNs3(DomainRegistration.WITH_HOST).delegation();

    assertEquals(DelegationActor.HOST, plan.actor());
    assertEquals(names("ns3.secondary.com"), plan.reserve());
    assertEquals(names("ns2.secondary.com"), plan.release());
  }

  @Test
  void editOfTheAclOnlyChangesNoNsSetButPublishesAnUpdate() {
    SecondaryDnsConfiguration current = enabledConfig();
    SecondaryDnsConfiguration edited =
        current.toBuilder().transferAcl(List.of("192.0.2.10", "198.51.100.0/24")).build();
    ZoneState state = enabledState(DomainRegistration.ELSEWHERE);

    EditResult result = SecondaryDnsLifecycle.edit(current, edited, state);

    assertEquals(
        List.of(AddressPrefix.parse("198.51.100.0/24")),
        result.diff().aclAdded().stream().map(e -> e.prefix()).collect(Collectors.toList()));
    assertEquals(
        List.of(AddressPrefix.parse("2001:db8::/64")),
        result.diff().aclRemoved().stream().map(e -> e.prefix()).collect(Collectors.toList()));
    assertFalse(result.diff().nameServersChanged());
    assertFalse(result.apexNs().changed());
    assertFalse(result.delegation().changed());
    assertEquals(DelegationActor.NONE, result.delegation().actor());
    assertEquals(2, result.configuration().revision());
    assertEquals(
        List.of(AddressPrefix.parse("192.0.2.10"), AddressPrefix.parse("198.51.100.0/24")),
        result.events().get(0).allowedAddresses());
  }

  @Test
  void editReportsNotifyTargetsKeysByNameAndSettings() {
    SecondaryDnsConfiguration current =
        enabledConfig().toBuilder()
            .addTsigKey("old-key", null, SECRET)
            .addTsigKey("kept-key", "hmac-sha256", SECRET)
            .addNotifyTarget("192.0.2.53")
            .build();
    SecondaryDnsConfiguration edited =
        current.toBuilder()
            .clearTsigKeys()
            .addTsigKey("kept-key", "hmac-sha512", SECRET)
            .addTsigKey("new-key", null, "bmV3LXNlY3JldC1uZXctc2VjcmV0LW5ldy1zZWNyZXQ=")
            .notifyTargets(List.of("2001:db8::53"))
            .transferAuthentication(TransferAuthentication.ADDRESS_AND_KEY)
            .ixfrEnabled(false)
            .origin(ConfigurationOrigin.preset("dnsmadeeasy"))
            .catalogMembership("catalog.example.net", "tmplA")
            .build();

    ConfigurationDiff diff =
        SecondaryDnsLifecycle.edit(current, edited, enabledState(DomainRegistration.ELSEWHERE))
            .diff();

    assertEquals(List.of(Name.fromConstantString("new-key.")), diff.tsigKeysAdded());
    assertEquals(List.of(Name.fromConstantString("old-key.")), diff.tsigKeysRemoved());
    assertEquals(List.of(Name.fromConstantString("kept-key.")), diff.tsigKeysChanged());
    assertEquals("[[2001:db8::53]:53]", diff.notifyTargetsAdded().toString());
    assertEquals("[192.0.2.53:53]", diff.notifyTargetsRemoved().toString());
    assertEquals(EnumSet.allOf(ConfigurationSetting.class), diff.settingsChanged());
    assertFalse(diff.toString().contains(SECRET));
  }

  @Test
  void editOfGlueOnlyIsAChangeWithoutNsPlanning() {
    SecondaryDnsConfiguration current = enabledConfig();
    SecondaryDnsConfiguration edited =
        current.toBuilder()
            .secondaryNameServers(List.of())
            .addSecondaryNameServer("ns1.secondary.com", "192.0.2.1")
            .addSecondaryNameServer("ns2.secondary.com")
            .build();

    EditResult result =
        SecondaryDnsLifecycle.edit(current, edited, enabledState(DomainRegistration.WITH_HOST));

    assertEquals(names("ns1.secondary.com"), result.diff().glueChanged());
    assertTrue(result.changed());
    assertFalse(result.apexNs().changed());
    assertEquals(DelegationActor.NONE, result.delegation().actor());
  }

  @Test
  void editWithNoChangeChangesNothing() {
    SecondaryDnsConfiguration current = enabledConfig();
    ZoneState state = enabledState(DomainRegistration.ELSEWHERE);
    SecondaryDnsConfiguration reordered =
        current.toBuilder()
            .secondaryNameServers(List.of("NS2.SECONDARY.COM.", "ns1.secondary.com"))
            .transferAcl(List.of())
            .addAclEntry("2001:db8::/64", "provider xfr")
            .addAclEntry("192.0.2.10")
            .revision(99)
            .build();

    EditResult result = SecondaryDnsLifecycle.edit(current, reordered, state);

    assertFalse(result.changed());
    assertTrue(result.diff().isEmpty());
    assertSame(current, result.configuration());
    assertEquals(1, result.configuration().revision());
    assertTrue(result.events().isEmpty());
    assertFalse(result.apexNs().changed());
    assertFalse(result.delegation().changed());
    assertTrue(result.delegation().notices().isEmpty());
  }

  // --- refusals -----------------------------------------------------------------------------

  @Test
  void editAndDisableNeedAnEnabledConfiguration() {
    SecondaryDnsConfiguration off = seedConfig().toBuilder().enabled(false).revision(3).build();
    ZoneState state = state().build();

    LifecycleException edit =
        assertThrows(LifecycleException.class, () -> SecondaryDnsLifecycle.edit(off, off, state));
    LifecycleException disable =
        assertThrows(LifecycleException.class, () -> SecondaryDnsLifecycle.disable(off, state));

    assertEquals(LifecycleRefusal.NOT_ENABLED, edit.reason());
    assertEquals(LifecycleRefusal.NOT_ENABLED, disable.reason());
    assertEquals(
        "Secondary DNS is not enabled for example.com; there is nothing to disable.",
        disable.getMessage());
  }

  @Test
  void aStateOfAnotherZoneIsRefused() {
    ZoneState other = state().zone("example.org").build();

    LifecycleException e =
        assertThrows(
            LifecycleException.class, () -> SecondaryDnsLifecycle.enable(seedConfig(), other));

    assertEquals(LifecycleRefusal.ZONE_MISMATCH, e.reason());
    assertEquals(
        "the configuration is for example.com but the zone state is of example.org",
        e.getMessage());
    SecondaryDnsConfiguration on = enabledConfig();
    SecondaryDnsConfiguration moved = on.toBuilder().zone("example.org").build();
    assertEquals(
        LifecycleRefusal.ZONE_MISMATCH,
        assertThrows(
                LifecycleException.class,
                () -> SecondaryDnsLifecycle.edit(on, moved, state().build()))
            .reason());
  }
}
