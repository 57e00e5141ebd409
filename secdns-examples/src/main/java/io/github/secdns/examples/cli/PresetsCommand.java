package io.github.secdns.examples.cli;

import io.github.secdns.core.config.AddressPrefix;
import io.github.secdns.core.preset.PresetDiscovery;
import io.github.secdns.core.preset.PresetLoadProblem;
import io.github.secdns.core.preset.ProviderPresets;
import io.github.secdns.core.preset.UnknownPresetException;
import io.github.secdns.core.spi.PresetCapabilities;
import io.github.secdns.core.spi.PresetNotifyTarget;
import io.github.secdns.core.spi.ProviderPreset;
import io.github.secdns.core.spi.TransferSource;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code presets [ID]}: the provider presets found on the class path (the built-ins and any
 * plugin), with every value a preset would copy into a configuration.
 */
final class PresetsCommand {

  static final String SYNOPSIS = "secdns presets [ID]";
  static final List<CommandLine.Option> OPTIONS = List.of();

  private PresetsCommand() {}

  static int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
    CommandLine line = CommandLine.parse("presets", OPTIONS, args);
    if (line.positionals().size() > 1) {
      throw new UsageException("presets: at most one preset id, got " + line.positionals());
    }
    PresetDiscovery discovery = ProviderPresets.discover();
    ProviderPresets presets = discovery.presets();
    List<ProviderPreset> shown;
    if (line.positionals().isEmpty()) {
      shown = presets.list();
      out.println(presets.size() + " presets found (built-in and plugins on the class path):");
    } else {
      try {
        shown = List.of(presets.get(line.positionals().get(0)));
      } catch (UnknownPresetException e) {
        throw new UsageException("presets: " + e.getMessage());
      }
    }
    for (ProviderPreset p : shown) {
      out.println();
      print(p, out);
    }
    for (PresetLoadProblem problem : discovery.problems()) {
      err.println("presets: a plugin could not be loaded: " + problem);
    }
    return ExitCode.OK;
  }

  static void print(ProviderPreset p, PrintStream out) {
    out.println(p.id() + "  " + p.displayName() + (p.deprecated() ? "  (deprecated)" : ""));
    String nameServers =
        p.nameServers().customerSupplied()
            ? "supplied by the customer: " + p.nameServers().customerHint().orElse("")
            : p.nameServers().fixed().stream()
                .map(Object::toString)
                .collect(Collectors.joining(", "));
    row(out, "name servers", nameServers);
    row(
        out,
        "transfer from",
        p.transferSources().isEmpty()
            ? "(none listed)"
            : p.transferSources().stream()
                .map(PresetsCommand::source)
                .collect(Collectors.joining(", ")));
    row(
        out,
        "NOTIFY to",
        p.notifyTargets().isEmpty()
            ? "(none documented)"
            : p.notifyTargets().stream()
                .map(PresetsCommand::notifyTarget)
                .collect(Collectors.joining(", ")));
    PresetCapabilities c = p.capabilities();
    row(
        out,
        "capabilities",
        "IPv6 primary " + c.ipv6Primary() + ", TSIG " + c.tsig() + ", IXFR " + c.ixfr());
    p.documentation().ifPresent(d -> row(out, "documentation", d.toString()));
    p.lastVerified().ifPresent(d -> row(out, "last verified", d.toString()));
    p.deprecationReason().ifPresent(r -> row(out, "deprecated", r));
    for (String note : p.notes()) {
      row(out, "note", note);
    }
  }

  private static String source(TransferSource s) {
    AddressPrefix prefix = s.prefix();
    return s.label().map(l -> prefix + " (" + l + ")").orElse(prefix.toString());
  }

  private static String notifyTarget(PresetNotifyTarget t) {
    String endpoint = Addresses.format(new InetSocketAddress(t.address(), t.port()));
    return t.label().map(l -> endpoint + " (" + l + ")").orElse(endpoint);
  }

  private static void row(PrintStream out, String key, String value) {
    out.println("  " + key + ":" + " ".repeat(Math.max(1, 15 - key.length())) + value);
  }
}
