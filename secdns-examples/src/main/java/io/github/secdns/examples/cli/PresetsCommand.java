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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code presets [ID]}: the provider presets found on the class path (the built-ins and any
 * plugin), with every value a preset would copy into a configuration.
 */
@Command(
    name = "presets",
    synopsisHeading = "usage: ",
    customSynopsis = "secdns presets [ID] [--json]",
    description = {
      "the provider presets found (built-in and plugins on the class path)",
      "",
      "Every value a preset copies into a configuration. Plugins that could not be loaded are"
          + " reported on stderr.",
      ""
    })
final class PresetsCommand implements Callable<Integer> {

  @Parameters(paramLabel = "ID", arity = "0..*", description = "show only this preset")
  List<String> ids = new ArrayList<>();

  @Option(
      names = "--json",
      description = "print the presets as JSON (one line; shape in docs/architecture/examples.md)")
  boolean json;

  private final Io io;

  PresetsCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws UsageException {
    PrintStream out = io.out();
    if (ids.size() > 1) {
      throw new UsageException("presets: at most one preset id, got " + ids);
    }
    PresetDiscovery discovery = ProviderPresets.discover();
    ProviderPresets presets = discovery.presets();
    List<ProviderPreset> shown;
    if (ids.isEmpty()) {
      shown = presets.list();
    } else {
      try {
        shown = List.of(presets.get(ids.get(0)));
      } catch (UnknownPresetException e) {
        throw new UsageException("presets: " + e.getMessage());
      }
    }
    if (json) {
      out.println(Json.write(PresetsJson.of(shown, discovery.problems())));
    } else {
      if (ids.isEmpty()) {
        out.println(presets.size() + " presets found (built-in and plugins on the class path):");
      }
      for (ProviderPreset p : shown) {
        out.println();
        print(p, out);
      }
    }
    for (PresetLoadProblem problem : discovery.problems()) {
      io.err().println("presets: a plugin could not be loaded: " + problem);
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
