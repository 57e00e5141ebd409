package io.github.secdns.examples.cli;

import io.github.secdns.core.preset.PresetLoadProblem;
import io.github.secdns.core.spi.PresetCapabilities;
import io.github.secdns.core.spi.PresetNotifyTarget;
import io.github.secdns.core.spi.ProviderPreset;
import io.github.secdns.core.spi.TransferSource;
import java.util.List;
import javax.annotation.Nullable;

/**
 * The JSON document of {@code presets --json}: every preset found with every value it would copy
 * into a configuration, and the plugins that could not be loaded. Field names are stable.
 *
 * @param presets the presets shown (all, or the one asked for)
 * @param problems the load problems of plugins, one text each
 */
record PresetsJson(List<Preset> presets, List<String> problems) {

  /**
   * One preset.
   *
   * @param id the stable id
   * @param displayName the provider's name
   * @param deprecated whether the preset is deprecated
   * @param deprecationReason why, or {@code null}
   * @param nameServers the name servers
   * @param transferSources where the provider transfers from
   * @param notifyTargets where it receives NOTIFY
   * @param capabilities what it supports ({@code SUPPORTED}, {@code NOT_SUPPORTED}, {@code
   *     UNKNOWN})
   * @param documentation the provider's documentation, or {@code null}
   * @param lastVerified when the values were last checked (ISO date), or {@code null}
   * @param notes remarks for the customer
   */
  record Preset(
      String id,
      String displayName,
      boolean deprecated,
      @Nullable String deprecationReason,
      NameServers nameServers,
      List<Source> transferSources,
      List<Target> notifyTargets,
      Capabilities capabilities,
      @Nullable String documentation,
      @Nullable String lastVerified,
      List<String> notes) {}

  /**
   * The name servers.
   *
   * @param customerSupplied whether the customer supplies them
   * @param names the fixed names (absolute), empty when customer-supplied
   * @param customerHint what to ask the customer for, or {@code null}
   */
  record NameServers(boolean customerSupplied, List<String> names, @Nullable String customerHint) {}

  /**
   * A transfer source.
   *
   * @param prefix an address or CIDR prefix
   * @param label its label, or {@code null}
   */
  record Source(String prefix, @Nullable String label) {}

  /**
   * A NOTIFY target.
   *
   * @param address the address
   * @param port the UDP port
   * @param label its label, or {@code null}
   */
  record Target(String address, int port, @Nullable String label) {}

  /**
   * The capabilities.
   *
   * @param ipv6Primary whether an IPv6 primary is accepted
   * @param tsig whether TSIG is supported
   * @param ixfr whether IXFR is requested
   */
  record Capabilities(String ipv6Primary, String tsig, String ixfr) {}

  static PresetsJson of(List<ProviderPreset> presets, List<PresetLoadProblem> problems) {
    return new PresetsJson(
        presets.stream().map(PresetsJson::preset).toList(),
        problems.stream().map(Object::toString).toList());
  }

  private static Preset preset(ProviderPreset p) {
    PresetCapabilities c = p.capabilities();
    return new Preset(
        p.id(),
        p.displayName(),
        p.deprecated(),
        p.deprecationReason().orElse(null),
        new NameServers(
            p.nameServers().customerSupplied(),
            p.nameServers().fixed().stream().map(Object::toString).toList(),
            p.nameServers().customerHint().orElse(null)),
        p.transferSources().stream().map(PresetsJson::source).toList(),
        p.notifyTargets().stream().map(PresetsJson::target).toList(),
        new Capabilities(c.ipv6Primary().name(), c.tsig().name(), c.ixfr().name()),
        p.documentation().map(Object::toString).orElse(null),
        p.lastVerified().map(Object::toString).orElse(null),
        List.copyOf(p.notes()));
  }

  private static Source source(TransferSource s) {
    return new Source(s.prefix().toString(), s.label().orElse(null));
  }

  private static Target target(PresetNotifyTarget t) {
    return new Target(
        CheckJson.addresses(List.of(t.address())).get(0), t.port(), t.label().orElse(null));
  }
}
