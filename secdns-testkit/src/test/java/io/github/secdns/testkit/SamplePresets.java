package io.github.secdns.testkit;

import io.github.secdns.core.spi.AbstractProviderPreset;
import io.github.secdns.core.spi.PresetCapabilities;
import io.github.secdns.core.spi.PresetDefinition;
import io.github.secdns.core.spi.Support;

/** Presets that meet or break the contract, to show that the contract tells them apart. */
final class SamplePresets {

  private SamplePresets() {}

  /** Meets the contract; registered in this module's test META-INF/services. */
  public static final class Good extends AbstractProviderPreset {
    public Good() {
      super(
          PresetDefinition.builder("testkit-good")
              .displayName("Good")
              .nameServers("ns1.good.example", "ns2.good.example")
              .transferSource("192.0.2.1")
              .transferSource("2001:db8::1")
              .capabilities(PresetCapabilities.unknown().withIpv6Primary(Support.SUPPORTED))
              .build());
    }
  }

  /** Pulls from a private address. Not registered. */
  public static final class PrivateSource extends AbstractProviderPreset {
    public PrivateSource() {
      super(
          PresetDefinition.builder("testkit-private")
              .displayName("Private")
              .nameServers("ns1.private.example")
              .transferSource("10.1.2.3")
              .build());
    }
  }

  /** Pulls over IPv6 but claims not to accept an IPv6 primary. Not registered. */
  public static final class Contradictory extends AbstractProviderPreset {
    public Contradictory() {
      super(
          PresetDefinition.builder("testkit-contradictory")
              .displayName("Contradictory")
              .nameServers("ns1.contradictory.example")
              .transferSource("2001:db8::53")
              .capabilities(PresetCapabilities.unknown().withIpv6Primary(Support.NOT_SUPPORTED))
              .build());
    }
  }
}
