package io.github.secdns.core.preset;

import static io.github.secdns.testsupport.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.spi.PresetDefinition;
import io.github.secdns.core.spi.ProviderPreset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class PresetPropertiesTest {

  /** Presets with 1-4 name servers, 1-4 IPv4 or IPv6 transfer sources and 0-3 NOTIFY targets. */
  static Gen<PresetDefinition> presets() {
    return integers()
        .between(0, 999)
        .zip(
            integers().all(),
            (n, seed) -> {
              Random r = new Random(seed);
              PresetDefinition.Builder b =
                  PresetDefinition.builder("p" + n).displayName("Provider " + n);
              int servers = 1 + r.nextInt(4);
              for (int i = 0; i < servers; i++) {
                b.nameServers("ns" + i + ".p" + n + ".example");
              }
              int sources = 1 + r.nextInt(4);
              for (int i = 0; i < sources; i++) {
                if (r.nextBoolean()) {
                  b.transferSource("192.0.2." + (i * 50 + r.nextInt(50)));
                } else {
                  b.transferSource(
                      "2001:db8:" + i + "::" + Integer.toHexString(r.nextInt(0xffff) + 1),
                      "v6 source " + i);
                }
              }
              int targets = r.nextInt(4);
              for (int i = 0; i < targets; i++) {
                b.notifyTarget("198.51.100." + (i * 60 + r.nextInt(60)), 53 + i, "notify " + i);
              }
              return b.build();
            });
  }

  static Gen<String> zones() {
    return integers()
        .between(0, 5000)
        .map(i -> (i % 2 == 0 ? "zone" : "ZONE") + i + ".example" + (i % 3 == 0 ? "." : ""));
  }

  @Test
  void applyingIsDeterministic() {
    qt().forAll(presets(), zones())
        .checkAssert(
            (preset, zone) ->
                assertEquals(
                    PresetApplier.apply(preset, zone).build(),
                    PresetApplier.apply(preset, zone).build()));
  }

  @Test
  void applyingTwiceIsApplyingOnce() {
    qt().forAll(presets(), zones())
        .checkAssert(
            (preset, zone) -> {
              SecondaryDnsConfiguration once = PresetApplier.apply(preset, zone).build();
              SecondaryDnsConfiguration twice =
                  PresetApplier.applyTo(PresetApplier.apply(preset, zone), preset, List.of())
                      .build();
              SecondaryDnsConfiguration again =
                  PresetApplier.applyTo(once.toBuilder(), preset, List.of()).build();
              assertEquals(once, twice);
              assertEquals(once, again);
            });
  }

  @Test
  void applyingAnotherPresetAndBackGivesTheSameConfiguration() {
    qt().forAll(presets(), presets(), zones())
        .checkAssert(
            (a, b, zone) -> {
              SecondaryDnsConfiguration direct = PresetApplier.apply(a, zone).build();
              SecondaryDnsConfiguration viaB =
                  PresetApplier.applyTo(PresetApplier.apply(b, zone), a, List.of()).build();
              assertEquals(direct, viaB);
            });
  }

  @Test
  void listingOrderDoesNotDependOnRegistrationOrder() {
    qt().forAll(lists().of(presets()).ofSizeBetween(0, 12), integers().all())
        .checkAssert(
            (generated, seed) -> {
              List<ProviderPreset> unique = new ArrayList<>();
              generated.stream()
                  .filter(p -> unique.stream().noneMatch(u -> u.id().equals(p.id())))
                  .forEach(unique::add);
              List<ProviderPreset> shuffled = new ArrayList<>(unique);
              java.util.Collections.shuffle(shuffled, new Random(seed));
              ProviderPresets a = ProviderPresets.of(unique);
              ProviderPresets b = ProviderPresets.of(shuffled);
              assertEquals(a.list(), b.list());
              assertEquals(a.ids().stream().sorted().toList(), b.ids());
            });
  }
}
