package io.github.secdns.core.lifecycle;

import static io.github.secdns.core.lifecycle.Fixtures.applied;
import static io.github.secdns.core.lifecycle.Fixtures.concat;
import static io.github.secdns.core.lifecycle.Fixtures.names;
import static io.github.secdns.testsupport.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.config.TransferAuthentication;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class LifecyclePropertiesTest {

  private static final List<String> PRIMARY_POOL =
      List.of(
          "ns1.dnsimple.com",
          "ns2.dnsimple.com",
          "ns3.dnsimple.com",
          "ns4.dnsimple.com",
          "a.ns.host.example");

  /** Secondaries; NS4.DNSIMPLE.COM is a primary too when the primary list holds it. */
  private static final List<String> SECONDARY_POOL =
      List.of(
          "ns1.secondary.com",
          "ns2.secondary.com",
          "NS3.Secondary.COM.",
          "ns5.dnsmadeeasy.com",
          "NS4.DNSIMPLE.COM");

  /** Third-party name servers, never a primary or a secondary. */
  private static final List<String> OTHER_POOL =
      List.of("ns1.thirdparty.org", "ns2.thirdparty.org", "dns.elsewhere.net");

  private static final List<String> ACL_POOL =
      List.of("192.0.2.10", "198.51.100.0/24", "2001:db8::/64", "2001:db8:1::5", "203.0.113.7");

  /**
   * A zone with Secondary DNS off, delegated to its primary name servers (plus, when registered
   * elsewhere, third-party ones) or with an unknown delegation, and a configuration to enable.
   */
  // A generated input, never compared or hashed: the secret's octets need no value semantics.
  @SuppressWarnings("ArrayRecordComponent")
  record Scenario(
      List<String> primary,
      List<String> secondary,
      List<String> apexExtras,
      List<String> delegationExtras,
      DomainRegistration registration,
      boolean delegationKnown,
      List<String> acl,
      byte[] secret) {

    List<String> delegation() {
      return registration == DomainRegistration.WITH_HOST
          ? primary
          : concat(primary, delegationExtras);
    }

    ZoneState state() {
      return state(new Random(0), false);
    }

    /** The state, every list in an order drawn from {@code random} when asked to shuffle. */
    ZoneState state(Random random, boolean shuffle) {
      ZoneState.Builder b =
          ZoneState.builder()
              .zone("example.com")
              .primaryNameServers(order(primary, random, shuffle))
              .apexNameServers(order(concat(primary, apexExtras), random, shuffle))
              .registration(registration);
      if (delegationKnown) {
        b.registryDelegation(order(delegation(), random, shuffle));
      }
      return b.build();
    }

    SecondaryDnsConfiguration config() {
      return config(new Random(0), false);
    }

    SecondaryDnsConfiguration config(Random random, boolean shuffle) {
      String secretText = Base64.getEncoder().encodeToString(secret);
      SecondaryDnsConfiguration.Builder b =
          SecondaryDnsConfiguration.builder()
              .zone("example.com")
              .secondaryNameServers(order(secondary, random, shuffle))
              .transferAcl(order(acl, random, shuffle))
              .addTsigKey("transfer.key", null, secretText)
              .addTsigKey("notify.key", "hmac-sha512", secretText)
              .addNotifyTarget("192.0.2.53", 53, "notify.key")
              .addNotifyTarget("2001:db8::53", 5353, null)
              .transferAuthentication(TransferAuthentication.ADDRESS_AND_KEY);
      return b.build();
    }
  }

  private static List<String> order(List<String> items, Random random, boolean shuffle) {
    List<String> out = new ArrayList<>(items);
    if (shuffle) {
      Collections.shuffle(out, random);
    }
    return out;
  }

  private static Gen<List<String>> distinctFrom(List<String> pool, int min, int max) {
    return lists()
        .of(arbitrary().pick(pool))
        .ofSizeBetween(min, max)
        .map(
            list -> {
              Map<String, String> byKey = new LinkedHashMap<>();
              for (String s : list) {
                String key = s.toLowerCase(Locale.ROOT);
                byKey.putIfAbsent(key.endsWith(".") ? key.substring(0, key.length() - 1) : key, s);
              }
              return List.copyOf(byKey.values());
            });
  }

  private static Gen<Scenario> scenarios() {
    Gen<byte[]> secrets =
        longs()
            .all()
            .map(
                seed -> {
                  byte[] b = new byte[32];
                  new Random(seed).nextBytes(b);
                  return b;
                });
    return distinctFrom(PRIMARY_POOL, 1, 5)
        .zip(
            distinctFrom(SECONDARY_POOL, 1, 5),
            distinctFrom(OTHER_POOL, 0, 3),
            distinctFrom(OTHER_POOL, 0, 3),
            arbitrary().enumValues(DomainRegistration.class),
            (p, s, ae, de, r) -> new Scenario(p, s, ae, de, r, true, List.of(), new byte[1]))
        .zip(
            booleans().all(),
            distinctFrom(ACL_POOL, 0, 5),
            secrets,
            (sc, known, acl, secret) ->
                new Scenario(
                    sc.primary(),
                    sc.secondary(),
                    sc.apexExtras(),
                    sc.delegationExtras(),
                    sc.registration(),
                    known,
                    acl,
                    secret));
  }

  @Test
  void enableThenDisableRestoresTheApexNsSetAndTheDelegation() {
    qt().forAll(scenarios())
        .checkAssert(
            sc -> {
              ZoneState before = sc.state();
              EnableResult on = SecondaryDnsLifecycle.enable(sc.config(), before);

              DisableResult off =
                  SecondaryDnsLifecycle.disable(on.configuration(), applied(before, on));

              assertEquals(before.apexNameServers(), off.apexNs().after());
              assertEquals(
                  before.registryDelegation().orElse(before.primaryNameServers()),
                  off.delegation().to());
              assertEquals(on.delegation().add(), off.delegation().remove());
              assertEquals(on.delegation().reserve(), off.delegation().release());
            });
  }

  @Test
  void theOrderOfNameServersNeverChangesTheOutcome() {
    qt().forAll(scenarios(), longs().all())
        .checkAssert(
            (sc, seed) -> {
              Random random = new Random(seed);
              ZoneState state = sc.state();
              ZoneState shuffledState = sc.state(random, true);
              SecondaryDnsConfiguration shuffledConfig = sc.config(random, true);

              EnableResult on = SecondaryDnsLifecycle.enable(sc.config(), state);
              EnableResult shuffledOn = SecondaryDnsLifecycle.enable(shuffledConfig, shuffledState);
              assertSameOutcome(on, shuffledOn);

              SecondaryDnsConfiguration edited =
                  on.configuration().toBuilder()
                      .secondaryNameServers(concat(sc.secondary(), List.of("ns9.added.example")))
                      .build();
              SecondaryDnsConfiguration shuffledEdited =
                  shuffledOn.configuration().toBuilder()
                      .secondaryNameServers(
                          order(concat(sc.secondary(), List.of("ns9.added.example")), random, true))
                      .build();
              assertSameOutcome(
                  SecondaryDnsLifecycle.edit(on.configuration(), edited, applied(state, on)),
                  SecondaryDnsLifecycle.edit(
                      shuffledOn.configuration(),
                      shuffledEdited,
                      applied(shuffledState, shuffledOn)));

              assertSameOutcome(
                  SecondaryDnsLifecycle.disable(on.configuration(), applied(state, on)),
                  SecondaryDnsLifecycle.disable(
                      shuffledOn.configuration(), applied(shuffledState, shuffledOn)));
            });
  }

  private static void assertSameOutcome(LifecycleResult a, LifecycleResult b) {
    assertEquals(a, b);
    assertEquals(a.apexNs().toString(), b.apexNs().toString());
    assertEquals(a.delegation().toString(), b.delegation().toString());
    assertEquals(a.events().toString(), b.events().toString());
  }

  @Test
  void editWithNoChangeIsTheIdentity() {
    qt().forAll(scenarios(), longs().all(), booleans().all())
        .checkAssert(
            (sc, seed, signed) -> {
              ZoneState before = sc.state();
              EnableResult on = SecondaryDnsLifecycle.enable(sc.config(), before);
              ZoneState state = applied(before, on);
              if (signed) {
                state =
                    new ZoneState(
                        state.zone(),
                        state.primaryNameServers(),
                        state.apexNameServers(),
                        state.registryDelegation(),
                        true,
                        state.registration());
              }
              SecondaryDnsConfiguration same =
                  sc.config(new Random(seed), true).toBuilder().revision(seed & 0xFFFF).build();
              if (signed) {
                // Like enable, an edit of a signed zone is refused, even one that changes nothing.
                ZoneState signedState = state;
                LifecycleException e =
                    assertThrows(
                        LifecycleException.class,
                        () -> SecondaryDnsLifecycle.edit(on.configuration(), same, signedState));
                assertEquals(LifecycleRefusal.DNSSEC_ENABLED, e.reason());
                return;
              }

              EditResult result = SecondaryDnsLifecycle.edit(on.configuration(), same, state);

              assertSame(on.configuration(), result.configuration());
              assertTrue(result.diff().isEmpty());
              assertTrue(result.events().isEmpty());
              assertEquals(ApexNsChange.none(state.apexNameServers()), result.apexNs());
              assertFalse(result.delegation().changed());
              assertEquals(DelegationActor.NONE, result.delegation().actor());
              assertEquals(state.registryDelegation(), result.delegation().from());
            });
  }

  @Test
  void noSecretEverAppearsInAResultOrEvent() {
    qt().forAll(scenarios(), longs().all())
        .checkAssert(
            (sc, seed) -> {
              byte[] newSecret = new byte[32];
              new Random(seed).nextBytes(newSecret);
              if (java.util.Arrays.equals(newSecret, sc.secret())) {
                newSecret[0]++; // a rotation must change the secret
              }
              ZoneState before = sc.state();
              EnableResult on = SecondaryDnsLifecycle.enable(sc.config(), before);
              SecondaryDnsConfiguration rotated =
                  on.configuration().toBuilder()
                      .clearTsigKeys()
                      .addTsigKey(
                          "transfer.key", null, Base64.getEncoder().encodeToString(newSecret))
                      .addTsigKey(
                          "notify.key",
                          "hmac-sha512",
                          Base64.getEncoder().encodeToString(newSecret))
                      .build();
              EditResult edit =
                  SecondaryDnsLifecycle.edit(on.configuration(), rotated, applied(before, on));
              DisableResult off =
                  SecondaryDnsLifecycle.disable(
                      edit.configuration(), applied(applied(before, on), edit));

              List<Object> shown = new ArrayList<>(List.of(on, edit, edit.diff(), off));
              for (LifecycleResult r : List.<LifecycleResult>of(on, edit, off)) {
                shown.addAll(r.events());
                r.events().forEach(e -> shown.add(e.withConfigurationId("id-1")));
              }
              for (Object o : shown) {
                String text = o.toString();
                for (byte[] secret : List.of(sc.secret(), newSecret)) {
                  assertFalse(text.contains(Base64.getEncoder().encodeToString(secret)), text);
                  assertFalse(
                      text.contains(
                          Base64.getEncoder()
                              .withoutPadding()
                              .encodeToString(secret)
                              .substring(0, 20)),
                      text);
                  assertFalse(
                      text.toLowerCase(Locale.ROOT)
                          .contains(HexFormat.of().formatHex(secret).substring(0, 20)),
                      text);
                }
              }
              assertEquals(
                  List.of(
                      org.xbill.DNS.Name.fromConstantString("notify.key."),
                      org.xbill.DNS.Name.fromConstantString("transfer.key.")),
                  edit.diff().tsigKeysChanged());
            });
  }

  @Test
  void plansLeadFromTheirStartToTheirTargetWhateverTheDelegation() {
    Gen<List<String>> anyDelegation =
        distinctFrom(concat(concat(PRIMARY_POOL, SECONDARY_POOL), OTHER_POOL), 0, 6);
    qt().forAll(scenarios(), anyDelegation)
        .checkAssert(
            (sc, delegation) -> {
              ZoneState state = sc.state().withRegistryDelegation(Optional.of(names(delegation)));

              EnableResult on = SecondaryDnsLifecycle.enable(sc.config(), state);

              NameServerNames secondary = names(sc.secondary());
              DelegationPlan plan = on.delegation();
              assertEquals(plan.to(), names(delegation).minus(plan.remove()).union(plan.add()));
              assertTrue(plan.to().containsAll(secondary), plan.toString());
              assertTrue(on.apexNs().after().containsAll(secondary));
              assertEquals(secondary, on.events().get(0).nameServers());
              assertEquals(
                  plan.awaitsDelegationToPrimary(),
                  !plan.to().intersects(names(sc.primary()))
                      || (plan.status() == DelegationStatus.NOT_DELEGATED_TO_PRIMARY
                          && plan.actor() != DelegationActor.HOST));

              DisableResult off = SecondaryDnsLifecycle.disable(on.configuration(), state);
              NameServerNames secondaryOnly = secondary.minus(names(sc.primary()));
              DelegationPlan revert = off.delegation();
              assertEquals(
                  revert.to(), names(delegation).minus(revert.remove()).union(revert.add()));
              assertFalse(revert.to().intersects(secondaryOnly), revert.toString());
              assertFalse(off.apexNs().after().intersects(secondaryOnly));
              if (sc.registration() == DomainRegistration.ELSEWHERE) {
                assertTrue(revert.add().isEmpty(), revert.toString());
              }
            });
  }
}
