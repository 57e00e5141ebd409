package io.github.secdns.testkit;

import io.github.secdns.core.config.Confidence;
import io.github.secdns.core.config.Provenance;
import io.github.secdns.core.spi.AbstractProviderPreset;
import io.github.secdns.core.spi.PresetCapabilities;
import io.github.secdns.core.spi.PresetDefinition;
import io.github.secdns.core.spi.Support;
import java.time.LocalDate;

/** Presets that meet or break the contract, to show that the contract tells them apart. */
final class SamplePresets {

  private SamplePresets() {}

  static final Provenance DOCS =
      new Provenance("https://good.example/docs", LocalDate.of(2026, 11, 1), Confidence.OFFICIAL);

  /**
   * Meets the contract; registered in this module's test META-INF/services. It retires 192.0.2.9 on
   * 2026-12-01 for 192.0.2.10.
   */
  public static final class Good extends AbstractProviderPreset {
    public Good() {
      super(
          PresetDefinition.builder("testkit-good")
              .displayName("Good")
              .source(DOCS)
              .lastVerified(LocalDate.of(2026, 11, 1))
              .nameServers("ns1.good.example", "ns2.good.example")
              .transferSource("192.0.2.1")
              .transferSource("2001:db8::1")
              .transferSource("192.0.2.9", v -> v.validUntil(LocalDate.of(2026, 12, 1)))
              .transferSource("192.0.2.10", v -> v.validFrom(LocalDate.of(2026, 12, 1)))
              .notifyTarget("192.0.2.2")
              .capabilities(PresetCapabilities.unknown().withIpv6Primary(Support.SUPPORTED))
              .build());
    }
  }

  /** A service that cannot be a secondary; registered in this module's test META-INF/services. */
  public static final class NotASecondary extends AbstractProviderPreset {
    public NotASecondary() {
      super(
          PresetDefinition.builder("testkit-not-a-secondary")
              .displayName("Not A Secondary")
              .notASecondary("it cannot pull zones by AXFR")
              .deprecated("kept only to show a deprecated entry")
              .build());
    }
  }

  /** A value read after today. Not registered. */
  public static final class FutureSource extends AbstractProviderPreset {
    public FutureSource() {
      super(
          PresetDefinition.builder("testkit-future")
              .displayName("Future")
              .source(new Provenance("tomorrow's page", LocalDate.of(2999, 1, 1), Confidence.LOW))
              .nameServers("ns1.future.example")
              .transferSource("192.0.2.1")
              .build());
    }
  }

  /** Overrides a shortcut so that it disagrees with the definition. Not registered. */
  public static final class Lying extends AbstractProviderPreset {
    public Lying() {
      super(
          PresetDefinition.builder("testkit-lying")
              .displayName("Lying")
              .nameServers("ns1.lying.example")
              .transferSource("192.0.2.1")
              .build());
    }

    @Override
    public String displayName() {
      return "Something Else";
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
