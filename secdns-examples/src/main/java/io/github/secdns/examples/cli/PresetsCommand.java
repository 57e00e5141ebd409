package io.github.secdns.examples.cli;

import io.github.secdns.core.config.NotifyTarget;
import io.github.secdns.core.config.Provenance;
import io.github.secdns.core.preset.PresetLoadProblem;
import io.github.secdns.core.preset.ProviderPresets;
import io.github.secdns.core.preset.UnknownPresetException;
import io.github.secdns.core.spi.PresetCapabilities;
import io.github.secdns.core.spi.PresetDefinition;
import io.github.secdns.core.spi.PresetKind;
import io.github.secdns.core.spi.PresetNameServers;
import io.github.secdns.core.spi.PresetNotifyTarget;
import io.github.secdns.core.spi.ProviderPreset;
import io.github.secdns.core.spi.Support;
import io.github.secdns.core.spi.TransferSource;
import io.github.secdns.core.spi.Validity;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code presets [ID]}: the provider presets found on the class path (the built-ins and any
 * plugin), with every value each declares: its kind, what the customer must paste, each address
 * with the days it is valid and its status today (retired and announced ones marked, not shown as
 * current), where each value was read and how far to trust it, and the capabilities. Plugins that
 * could not be registered are printed on stderr, one line each, and make the exit code 1.
 */
@Command(
    name = "presets",
    synopsisHeading = "usage: ",
    customSynopsis = "secdns presets [ID] [--json]",
    description = {
      "the provider presets found (built-in and plugins on the class path)",
      "",
      "Every value a preset declares, with its validity and source; the addresses applied are the"
          + " ones valid today (UTC). Plugins that could not be registered (for example one whose"
          + " id is a built-in's) are reported on stderr, one line each.",
      ""
    },
    footerHeading = "%n",
    footer = "exit codes: 0 ok, 1 a plugin could not be registered, 2 bad input")
final class PresetsCommand implements Callable<Integer> {

  @Parameters(paramLabel = "ID", arity = "0..*", description = "show only this preset")
  List<String> ids = new ArrayList<>();

  @Mixin JsonFlag json = new JsonFlag();

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
    ProviderPresets presets = ProviderPresets.discover().presets();
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
    LocalDate day = Validity.today(io.clock());
    if (json.on()) {
      out.println(Json.write(PresetsJson.of(shown, presets.loadProblems(), day)));
    } else {
      if (ids.isEmpty()) {
        out.println(
            presets.size()
                + " presets found (built-in and plugins on the class path); addresses as of "
                + day
                + " (UTC):");
      }
      for (ProviderPreset p : shown) {
        out.println();
        print(p.definition(), day, out);
      }
    }
    for (PresetLoadProblem problem : presets.loadProblems()) {
      io.err().println(Main.oneLine("secdns presets: plugin not registered: " + problem));
    }
    return presets.hasLoadProblems() ? ExitCode.FINDINGS : ExitCode.OK;
  }

  /** One preset: a header line, then {@code key: value} rows. */
  static void print(PresetDefinition p, LocalDate day, PrintStream out) {
    boolean secondary = p.kind() == PresetKind.SECONDARY;
    out.println(
        p.id()
            + "  "
            + p.displayName()
            + (p.deprecated() ? "  (deprecated)" : "")
            + (secondary ? "" : "  (cannot be a secondary)"));
    row(out, "kind", kind(p));
    p.deprecationReason().ifPresent(r -> row(out, "deprecated", r));
    if (secondary) {
      Sources sources = new Sources();
      List<String> names = new ArrayList<>();
      if (p.nameServers() instanceof PresetNameServers.Fixed fixed) {
        names.add(
            fixed.names().stream().map(Object::toString).collect(Collectors.joining(", "))
                + sources.reference(fixed.provenance()));
      }
      p.nameServers().customerHint().ifPresent(h -> names.add(customer(h)));
      rows(out, "name servers", names);
      List<String> from = new ArrayList<>();
      byStatus(p.transferSources(), TransferSource::validity, day)
          .forEach(s -> from.add(source(s, day, sources)));
      p.transferSourcesHint().ifPresent(h -> from.add(customer(h)));
      rows(out, "transfer from", from.isEmpty() ? List.of("(none listed)") : from);
      List<String> notify = new ArrayList<>();
      byStatus(p.notifyTargets(), PresetNotifyTarget::validity, day)
          .forEach(t -> notify.add(notifyTarget(t, day, sources)));
      p.notifyTargetsHint().ifPresent(h -> notify.add(customer(h)));
      rows(out, "NOTIFY to", notify.isEmpty() ? List.of("(none documented)") : notify);
      row(out, "capabilities", capabilities(p.capabilities()));
      rows(out, "sources", sources.lines());
    }
    p.documentation().ifPresent(d -> row(out, "documentation", d.toString()));
    p.lastVerified().ifPresent(d -> row(out, "last verified", d.toString()));
    for (String note : p.notes()) {
      row(out, "note", note);
    }
  }

  private static String kind(PresetDefinition p) {
    if (p.kind() == PresetKind.NOT_A_SECONDARY) {
      return "cannot be a secondary: " + p.notASecondaryReason().orElseThrow();
    }
    return PresetsJson.customerSupplies(p)
        ? "secondary; the customer supplies values (marked 'the customer's' below)"
        : "secondary";
  }

  private static String customer(String hint) {
    return "the customer's: " + hint;
  }

  /** Current values first, then announced, then retired ones; the preset's order within each. */
  private static <T> List<T> byStatus(
      List<T> values, java.util.function.Function<T, Validity> validity, LocalDate day) {
    return values.stream()
        .sorted(Comparator.comparing(v -> ValidityStatus.of(validity.apply(v), day)))
        .toList();
  }

  private static String source(TransferSource s, LocalDate day, Sources sources) {
    String text = s.label().map(l -> s.prefix() + " (" + l + ")").orElse(s.prefix().toString());
    return dated(text, s.validity(), day) + sources.reference(s.provenance());
  }

  private static String notifyTarget(PresetNotifyTarget t, LocalDate day, Sources sources) {
    // Formatted as a configuration's NOTIFY target is, compact IPv6 included.
    String endpoint = new NotifyTarget(t.address(), t.port(), Optional.empty()).toString();
    String text = t.label().map(l -> endpoint + " (" + l + ")").orElse(endpoint);
    return dated(text, t.validity(), day) + sources.reference(t.provenance());
  }

  private static String dated(String text, Validity validity, LocalDate day) {
    String when = ValidityStatus.describe(validity, day);
    return when.isEmpty() ? text : text + " " + when;
  }

  private static String capabilities(PresetCapabilities c) {
    return "IPv6 primary "
        + word(c.ipv6Primary())
        + ", primary host name "
        + word(c.primaryHostName())
        + ", TSIG "
        + word(c.tsig())
        + ", IXFR "
        + word(c.ixfr())
        + ", catalog zones "
        + word(c.catalogZones())
        + ", XoT "
        + word(c.xot());
  }

  /** {@code supported}, {@code not supported}, {@code unknown}. */
  private static String word(Support s) {
    return s.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  /**
   * The distinct provenances of one preset's values, numbered in order of first use: each value
   * refers to its source as {@code [n]}, and the {@code sources} rows give confidence, source and
   * day read once.
   */
  private static final class Sources {
    private final List<Provenance> seen = new ArrayList<>();

    String reference(Optional<Provenance> provenance) {
      if (provenance.isEmpty()) {
        return "";
      }
      int at = seen.indexOf(provenance.get());
      if (at < 0) {
        seen.add(provenance.get());
        at = seen.size() - 1;
      }
      return " [" + (at + 1) + "]";
    }

    List<String> lines() {
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < seen.size(); i++) {
        lines.add("[" + (i + 1) + "] " + seen.get(i));
      }
      return lines;
    }
  }

  private static final int KEY_WIDTH = 16;

  private static void row(PrintStream out, String key, String value) {
    out.println("  " + key + ":" + " ".repeat(Math.max(1, KEY_WIDTH - key.length())) + value);
  }

  /** The first value on the key's row, the others below it in the same column. */
  private static void rows(PrintStream out, String key, List<String> values) {
    for (int i = 0; i < values.size(); i++) {
      if (i == 0) {
        row(out, key, values.get(i));
      } else {
        out.println(" ".repeat(2 + 1 + KEY_WIDTH) + values.get(i));
      }
    }
  }
}
