package io.github.secdns.examples.cli;

import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.config.ValidationException;
import io.github.secdns.core.lifecycle.ApexNsChange;
import io.github.secdns.core.lifecycle.ConfigurationDiff;
import io.github.secdns.core.lifecycle.DelegationPlan;
import io.github.secdns.core.lifecycle.DomainRegistration;
import io.github.secdns.core.lifecycle.EditResult;
import io.github.secdns.core.lifecycle.EnableResult;
import io.github.secdns.core.lifecycle.LifecycleException;
import io.github.secdns.core.lifecycle.LifecycleResult;
import io.github.secdns.core.lifecycle.NameServerNames;
import io.github.secdns.core.lifecycle.Notice;
import io.github.secdns.core.lifecycle.SecondaryDnsEvent;
import io.github.secdns.core.lifecycle.SecondaryDnsLifecycle;
import io.github.secdns.core.lifecycle.ZoneState;
import io.github.secdns.core.preset.PresetApplication;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.annotation.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code plan [enable|edit|disable]}: what the lifecycle planner says an operation changes: the
 * apex NS set, the registry delegation from → to, the notices for the customer and the events.
 * Without flags it plans the seed article's example (example.com on ns1-ns4.dnsimple.com, adding
 * ns1/ns2.secondary.com, registered elsewhere).
 */
@Command(
    name = "plan",
    synopsisHeading = "usage: ",
    customSynopsis = "secdns plan [enable|edit|disable] [flags]",
    description = {
      "what enabling, editing or disabling Secondary DNS changes",
      "",
      "The apex NS set, the registry delegation from -> to, the notices and the events. Without"
          + " flags: the seed article's example (example.com on ns1-ns4.dnsimple.com, adding"
          + " ns1/ns2.secondary.com).",
      ""
    },
    sortOptions = false,
    footerHeading = "%n",
    footer = {
      "A flag takes one value; for several name servers repeat it or give a comma list:",
      "  --delegation ns1.other.net --delegation ns2.other.net",
      "  --delegation ns1.other.net,ns2.other.net",
      "exit codes: 0 planned, 1 refused (e.g. DNSSEC), 2 bad input"
    })
final class PlanCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "OPERATION",
      arity = "0..*",
      description = "enable (default), edit or disable")
  List<String> operations = new ArrayList<>();

  @Option(names = "--zone", paramLabel = "ZONE", description = "the zone (default example.com)")
  @Nullable
  String zone;

  @Option(
      names = "--primary",
      paramLabel = "NS",
      split = ",",
      description = "the host's own name servers (default ns1-ns4.dnsimple.com)")
  List<String> primary = new ArrayList<>();

  @Option(
      names = "--apex",
      paramLabel = "NS",
      split = ",",
      description =
          "the apex NS set today (default: the primaries; for edit and disable: as after enabling)")
  List<String> apex = new ArrayList<>();

  @Option(
      names = "--delegation",
      paramLabel = "NS",
      split = ",",
      description = "the registry delegation today (default: like --apex)")
  List<String> delegation = new ArrayList<>();

  @Option(names = "--delegation-unknown", description = "the registry delegation is not known")
  boolean delegationUnknown;

  @Option(
      names = "--registered-with-host",
      description = "the host is the registrar (it changes the delegation)")
  boolean registeredWithHost;

  @Option(names = "--dnssec", description = "the zone is signed (enabling is refused)")
  boolean dnssec;

  @Mixin SecondaryFlags secondary = new SecondaryFlags();

  @Option(
      names = "--new-preset",
      paramLabel = "ID",
      description = "edit: the preset after the edit")
  @Nullable
  String newPreset;

  @Option(
      names = "--new-secondary-ns",
      paramLabel = "NS",
      split = ",",
      description = "edit: the secondary name servers after the edit")
  List<String> newSecondaryNs = new ArrayList<>();

  @Mixin JsonFlag json = new JsonFlag();

  static final List<String> SEED_PRIMARIES =
      List.of("ns1.dnsimple.com", "ns2.dnsimple.com", "ns3.dnsimple.com", "ns4.dnsimple.com");

  /** The secondary name servers of the seed article's example, used when none are given. */
  static final List<String> SEED_SECONDARIES = ServeOptions.EXAMPLE_SECONDARIES;

  private final Io io;

  PlanCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws UsageException {
    if (operations.size() > 1) {
      throw new UsageException(strayOperand());
    }
    String operation = operations.isEmpty() ? "enable" : operations.get(0);
    if (!List.of("enable", "edit", "disable").contains(operation)) {
      throw new UsageException(
          "plan: unknown operation '" + operation + "'; use enable, edit or disable");
    }
    boolean editFlags = newPreset != null || !newSecondaryNs.isEmpty();
    if (!operation.equals("edit") && editFlags) {
      throw new UsageException("plan: --new-preset and --new-secondary-ns belong to 'plan edit'");
    }
    if (operation.equals("edit") && !editFlags) {
      throw new UsageException(
          "plan edit: say what changes with --new-preset ID or" + " --new-secondary-ns NS");
    }
    if (delegationUnknown && !delegation.isEmpty()) {
      throw new UsageException("plan: --delegation and --delegation-unknown exclude each other");
    }
    String zoneName = zone == null ? "example.com" : zone;
    Configurations.Prefilled prefilled =
        secondary.prefill(zoneName, secondaries(), "plan", io.clock());
    SecondaryDnsConfiguration config = Configurations.build(prefilled.builder(), "plan");
    List<String> primaries = primary.isEmpty() ? SEED_PRIMARIES : primary;
    ZoneState before = state(zoneName, primaries);
    try {
      LifecycleResult result;
      // The preset application behind the configuration the operation leaves: its warnings are
      // the ones to show (for an edit, the edited configuration's).
      Optional<PresetApplication> applied = prefilled.application();
      switch (operation) {
        case "enable" -> result = SecondaryDnsLifecycle.enable(config, before);
        case "disable" -> {
          EnableResult enabled = SecondaryDnsLifecycle.enable(config, unsigned(before));
          result =
              SecondaryDnsLifecycle.disable(enabled.configuration(), stateAfter(before, enabled));
        }
        default -> {
          EnableResult enabled = SecondaryDnsLifecycle.enable(config, unsigned(before));
          Configurations.Prefilled edit =
              Configurations.start(
                  zoneName,
                  Optional.ofNullable(newPreset).or(secondary::preset),
                  newSecondaryNs,
                  "plan edit",
                  io.clock());
          applied = edit.application();
          SecondaryDnsConfiguration edited = Configurations.build(edit.builder(), "plan edit");
          result =
              SecondaryDnsLifecycle.edit(
                  enabled.configuration(), edited, stateAfter(before, enabled));
        }
      }
      if (json.on()) {
        io.out().println(Json.write(PlanJson.of(operation, result, applied)));
      } else {
        print(operation, result, applied, io.out());
      }
      return ExitCode.OK;
    } catch (LifecycleException e) {
      io.err().println("plan " + operation + ": refused: " + e.getMessage());
      return ExitCode.FINDINGS;
    }
  }

  /** The seed example's secondaries unless a preset or names are given. */
  private List<String> secondaries() {
    return secondary.given() ? secondary.secondaryNs : SEED_SECONDARIES;
  }

  /**
   * The message for a second operand. The usual cause is a flag given several values with spaces
   * ({@code --delegation a b}): picocli takes one value per flag, and the rest becomes an operand.
   */
  private String strayOperand() {
    String stray = operations.get(1);
    List<String> args = spec.commandLine().getParseResult().expandedArgs();
    int at = args.indexOf(stray);
    String before = at > 0 ? args.get(at - 1) : "";
    if (at > 1 && !before.startsWith("-") && args.get(at - 2).startsWith("--")) {
      String flag = args.get(at - 2).replaceAll("=.*", "");
      OptionSpec option = spec.findOption(flag);
      if (option != null && option.isMultiValue()) {
        return "plan: '"
            + stray
            + "' is not an operation; "
            + flag
            + " takes one value: repeat the flag ("
            + flag
            + " "
            + before
            + " "
            + flag
            + " "
            + stray
            + ") or give a comma list ("
            + flag
            + " "
            + before
            + ","
            + stray
            + ")";
      }
    }
    return "plan: one operation (enable, edit or disable), got " + operations;
  }

  private ZoneState state(String zoneName, List<String> primaries) throws UsageException {
    ZoneState.Builder b =
        ZoneState.builder()
            .zone(zoneName)
            .primaryNameServers(primaries)
            .apexNameServers(apex.isEmpty() ? primaries : apex)
            .dnssecEnabled(dnssec)
            .registration(
                registeredWithHost ? DomainRegistration.WITH_HOST : DomainRegistration.ELSEWHERE);
    if (delegationUnknown) {
      b.registryDelegationUnknown();
    } else {
      b.registryDelegation(!delegation.isEmpty() ? delegation : apex.isEmpty() ? primaries : apex);
    }
    try {
      return b.build();
    } catch (ValidationException e) {
      throw Problems.usage("plan", e);
    }
  }

  private static ZoneState unsigned(ZoneState s) {
    return new ZoneState(
        s.zone(),
        s.primaryNameServers(),
        s.apexNameServers(),
        s.registryDelegation(),
        false,
        s.registration());
  }

  /**
   * For edit and disable: the zone as it is after enabling, unless the flags describe it. The
   * DNSSEC flag applies to the operation itself.
   */
  private ZoneState stateAfter(ZoneState before, EnableResult enabled) {
    ZoneState s = before;
    if (apex.isEmpty()) {
      s = s.withApexNameServers(enabled.apexNs().after());
    }
    if (delegation.isEmpty() && !delegationUnknown) {
      s = s.withRegistryDelegation(Optional.of(enabled.delegation().to()));
    }
    return s;
  }

  /**
   * Prints the plan; the configuration's values with the confidence of their sources, and the
   * warnings of the preset application behind it.
   */
  static void print(
      String operation,
      LifecycleResult result,
      Optional<PresetApplication> applied,
      PrintStream out) {
    SecondaryDnsConfiguration c = result.configuration();
    out.println("Plan: " + operation + " Secondary DNS for " + c.zone());
    out.println(
        "  configuration: "
            + c.origin()
            + ", revision "
            + c.revision()
            + (c.enabled() ? ", enabled" : ", disabled"));
    PresetText.printApplication(applied, "  ", out);
    out.println("  secondary name servers: " + PresetText.nameServers(c));
    if (!c.transferAcl().isEmpty()) {
      out.println("  allowed to transfer: " + PresetText.acl(c.transferAcl()));
    }
    if (!c.notifyTargets().isEmpty()) {
      out.println("  NOTIFY to: " + PresetText.notifyTargets(c.notifyTargets()));
    }
    if (result instanceof EditResult edit) {
      printDiff(edit.diff(), out);
    }
    ApexNsChange apex = result.apexNs();
    out.println("Apex NS set" + (apex.changed() ? ":" : ": no change"));
    if (apex.changed()) {
      out.println("  before: " + join(apex.before()));
      out.println("  after:  " + join(apex.after()));
      if (!apex.added().isEmpty()) {
        out.println("  add:    " + join(apex.added()));
      }
      if (!apex.removed().isEmpty()) {
        out.println("  remove: " + join(apex.removed()));
      }
    }
    DelegationPlan d = result.delegation();
    out.println(
        "Delegation at the registry"
            + (d.changed()
                ? " (changed by: " + d.actor().name().toLowerCase(Locale.ROOT) + "):"
                : ": no change"));
    out.println("  from: " + d.from().map(PlanCommand::join).orElse("(unknown)"));
    out.println("  to:   " + join(d.to()));
    if (!d.add().isEmpty()) {
      out.println("  add:    " + join(d.add()));
    }
    if (!d.remove().isEmpty()) {
      out.println("  remove: " + join(d.remove()));
    }
    if (!d.reserve().isEmpty()) {
      out.println("  reserve at the host: " + join(d.reserve()));
    }
    if (!d.release().isEmpty()) {
      out.println("  release at the host: " + join(d.release()));
    }
    for (Notice n : d.notices()) {
      out.println("  ! " + n.message() + " [" + n.code() + "]");
    }
    for (SecondaryDnsEvent e : result.events()) {
      out.println(
          "Event: "
              + e.type().webhookName()
              + " zone "
              + e.zone()
              + " revision "
              + e.revision()
              + ", name servers "
              + join(e.nameServers()));
    }
  }

  private static void printDiff(ConfigurationDiff diff, PrintStream out) {
    if (diff.isEmpty()) {
      out.println("  changes: none (the configuration stays as it is)");
      return;
    }
    if (!diff.nameServersAdded().isEmpty()) {
      out.println("  name servers added:   " + join(diff.nameServersAdded()));
    }
    if (!diff.nameServersRemoved().isEmpty()) {
      out.println("  name servers removed: " + join(diff.nameServersRemoved()));
    }
    if (!diff.aclAdded().isEmpty()) {
      out.println("  transfer ACL added:   " + diff.aclAdded());
    }
    if (!diff.aclRemoved().isEmpty()) {
      out.println("  transfer ACL removed: " + diff.aclRemoved());
    }
    if (!diff.notifyTargetsAdded().isEmpty()) {
      out.println("  NOTIFY added:   " + diff.notifyTargetsAdded());
    }
    if (!diff.notifyTargetsRemoved().isEmpty()) {
      out.println("  NOTIFY removed: " + diff.notifyTargetsRemoved());
    }
  }

  static String join(NameServerNames names) {
    return names.isEmpty() ? "(none)" : String.join(", ", names.hostNames());
  }
}
