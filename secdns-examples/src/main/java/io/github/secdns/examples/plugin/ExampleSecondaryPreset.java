package io.github.secdns.examples.plugin;

import io.github.secdns.core.spi.AbstractProviderPreset;
import io.github.secdns.core.spi.PresetCapabilities;
import io.github.secdns.core.spi.PresetDefinition;
import io.github.secdns.core.spi.Support;

/**
 * A fictitious secondary provider, "Example Secondary", as a plugin. Every value is from the
 * documentation address ranges (RFC 5737, RFC 3849) and the reserved {@code .example} domain (RFC
 * 2606), so the example can never point anybody's zone at a real server.
 */
public final class ExampleSecondaryPreset extends AbstractProviderPreset {

  /** The preset id. */
  public static final String ID = "example-secondary";

  /** Creates the preset; {@code ServiceLoader} calls this constructor. */
  public ExampleSecondaryPreset() {
    super(
        PresetDefinition.builder(ID)
            .displayName("Example Secondary")
            .nameServers("ns1.secondary.example", "ns2.secondary.example")
            .transferSource("192.0.2.53", "xfr1.secondary.example")
            .transferSource("2001:db8:53::53", "xfr2.secondary.example")
            .notifyTarget("192.0.2.54", "notify.secondary.example")
            .capabilities(
                PresetCapabilities.unknown()
                    .withIpv6Primary(Support.SUPPORTED)
                    .withTsig(Support.SUPPORTED)
                    .withIxfr(Support.SUPPORTED))
            .documentation("https://secondary.example/docs/secondary-dns")
            .note("A fictitious provider that shows how a preset plugin is written.")
            .build());
  }
}
