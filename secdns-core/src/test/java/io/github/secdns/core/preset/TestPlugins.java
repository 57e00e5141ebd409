package io.github.secdns.core.preset;

import io.github.secdns.core.config.AddressPrefix;
import io.github.secdns.core.spi.AbstractProviderPreset;
import io.github.secdns.core.spi.PresetCapabilities;
import io.github.secdns.core.spi.PresetDefinition;
import io.github.secdns.core.spi.PresetNameServers;
import io.github.secdns.core.spi.ProviderPreset;
import io.github.secdns.core.spi.TransferSource;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Plugin classes for discovery tests, and a class loader that registers them. */
final class TestPlugins {

  private TestPlugins() {}

  static PresetDefinition presetData(String id, String transferSource) {
    return PresetDefinition.builder(id)
        .displayName("Provider " + id)
        .nameServers("ns1." + id + ".example", "ns2." + id + ".example")
        .transferSource(transferSource)
        .notifyTarget(transferSource)
        .build();
  }

  /** A valid plugin. */
  public static final class Alpha extends AbstractProviderPreset {
    public Alpha() {
      super(presetData("alpha", "192.0.2.1"));
    }
  }

  /** Another valid plugin. */
  public static final class Beta extends AbstractProviderPreset {
    public Beta() {
      super(presetData("beta", "192.0.2.2"));
    }
  }

  /** A third plugin that claims Alpha's id. */
  public static final class AlphaImpostor extends AbstractProviderPreset {
    public AlphaImpostor() {
      super(presetData("alpha", "192.0.2.66"));
    }
  }

  /** A plugin whose constructor throws. */
  public static final class Exploding extends AbstractProviderPreset {
    public Exploding() {
      super(explode());
    }

    private static PresetDefinition explode() {
      throw new IllegalStateException("boom: plugin misconfigured");
    }
  }

  /**
   * A plugin that implements the SPI directly and builds its (bad) data when asked: the typed
   * constructor refuses it then.
   */
  public static final class BadData implements ProviderPreset {
    @Override
    public PresetDefinition definition() {
      return new PresetDefinition(
          "bad-data",
          "Bad Data",
          new PresetNameServers.Fixed(List.of()),
          List.of(new TransferSource(AddressPrefix.parse("0.0.0.0/0"), Optional.empty())),
          Optional.empty(),
          List.of(),
          Optional.empty(),
          PresetCapabilities.unknown(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          List.of());
    }
  }

  /** A plugin that returns no definition at all. */
  public static final class NoDefinition implements ProviderPreset {
    @Override
    @SuppressWarnings("NullAway") // deliberately breaks the contract
    public PresetDefinition definition() {
      return null;
    }
  }

  /**
   * Returns a class loader whose {@code META-INF/services} file lists the given class names, on top
   * of the test class path.
   */
  static URLClassLoader loaderListing(Path dir, String... classNames) throws IOException {
    Path services = dir.resolve("META-INF/services");
    Files.createDirectories(services);
    Files.writeString(
        services.resolve(ProviderPreset.class.getName()),
        "# test plugins\n" + String.join("\n", classNames) + "\n");
    return new URLClassLoader(new URL[] {dir.toUri().toURL()}, TestPlugins.class.getClassLoader());
  }
}
