package io.github.secdns.examples.cli;

import static io.github.secdns.examples.cli.CommandLine.Option.flag;
import static io.github.secdns.examples.cli.CommandLine.Option.repeatable;
import static io.github.secdns.examples.cli.CommandLine.Option.value;

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
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code plan [enable|edit|disable]}: what the lifecycle planner says an operation changes: the
 * apex NS set, the registry delegation from → to, the notices for the customer and the events.
 * Without flags it plans the seed article's example (example.com on ns1-ns4.dnsimple.com, adding
 * ns1/ns2.secondary.com, registered elsewhere).
 */
final class PlanCommand {

  static final String SYNOPSIS = "secdns plan [enable|edit|disable] [flags]";

  static final List<CommandLine.Option> OPTIONS =
      List.of(
          value("zone", "ZONE", "the zone (default example.com)"),
          repeatable("primary", "NS", "the host's own name servers (default ns1-ns4.dnsimple.com)"),
          repeatable(
              "apex",
              "NS",
              "the apex NS set today (default: the primaries; for edit and"
                  + " disable: as after enabling)"),
          repeatable("delegation", "NS", "the registry delegation today (default: like --apex)"),
          flag("delegation-unknown", "the registry delegation is not known"),
          flag("registered-with-host", "the host is the registrar (it changes the delegation)"),
          flag("dnssec", "the zone is signed (enabling is refused)"),
          value("preset", "ID", "take the secondary's values from a preset (see: secdns presets)"),
          repeatable(
              "secondary-ns",
              "NS",
              "secondary name servers (default ns1/ns2.secondary.com;"
                  + " with a preset: replaces or supplies its names)"),
          value("new-preset", "ID", "edit: the preset after the edit"),
          repeatable("new-secondary-ns", "NS", "edit: the secondary name servers after the edit"));

  static final List<String> SEED_PRIMARIES =
      List.of("ns1.dnsimple.com", "ns2.dnsimple.com", "ns3.dnsimple.com", "ns4.dnsimple.com");

  private PlanCommand() {}

  static int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
    CommandLine line = CommandLine.parse("plan", OPTIONS, args);
    if (line.positionals().size() > 1) {
      throw new UsageException(
          "plan: one operation (enable, edit or disable), got " + line.positionals());
    }
    String operation = line.positionals().isEmpty() ? "enable" : line.positionals().get(0);
    if (!List.of("enable", "edit", "disable").contains(operation)) {
      throw new UsageException(
          "plan: unknown operation '" + operation + "'; use enable, edit or disable");
    }
    if (!operation.equals("edit") && (line.has("new-preset") || line.has("new-secondary-ns"))) {
      throw new UsageException("plan: --new-preset and --new-secondary-ns belong to 'plan edit'");
    }
    if (operation.equals("edit") && !line.has("new-preset") && !line.has("new-secondary-ns")) {
      throw new UsageException(
          "plan edit: say what changes with --new-preset ID or" + " --new-secondary-ns NS");
    }
    if (line.has("delegation-unknown") && line.has("delegation")) {
      throw new UsageException("plan: --delegation and --delegation-unknown exclude each other");
    }
    String zone = line.one("zone").orElse("example.com");
    SecondaryDnsConfiguration config =
        Configurations.build(
            Configurations.start(zone, line.one("preset"), line.all("secondary-ns"), "plan"),
            "plan");
    List<String> primaries = line.all("primary").isEmpty() ? SEED_PRIMARIES : line.all("primary");
    ZoneState before = state(line, zone, primaries, line.all("apex"), line.all("delegation"));
    try {
      LifecycleResult result;
      switch (operation) {
        case "enable":
          result = SecondaryDnsLifecycle.enable(config, before);
          break;
        case "disable":
          {
            EnableResult enabled = SecondaryDnsLifecycle.enable(config, unsigned(before));
            result =
                SecondaryDnsLifecycle.disable(
                    enabled.configuration(), stateAfter(line, before, enabled));
            break;
          }
        default:
          {
            EnableResult enabled = SecondaryDnsLifecycle.enable(config, unsigned(before));
            SecondaryDnsConfiguration edited =
                Configurations.build(
                    Configurations.start(
                        zone,
                        line.one("new-preset").or(() -> line.one("preset")),
                        line.all("new-secondary-ns"),
                        "plan edit"),
                    "plan edit");
            result =
                SecondaryDnsLifecycle.edit(
                    enabled.configuration(), edited, stateAfter(line, before, enabled));
          }
      }
      print(operation, result, out);
      return ExitCode.OK;
    } catch (LifecycleException e) {
      err.println("plan " + operation + ": refused: " + e.getMessage());
      return ExitCode.FINDINGS;
    }
  }

  private static ZoneState state(
      CommandLine line,
      String zone,
      List<String> primaries,
      List<String> apex,
      List<String> delegation)
      throws UsageException {
    ZoneState.Builder b =
        ZoneState.builder()
            .zone(zone)
            .primaryNameServers(primaries)
            .apexNameServers(apex.isEmpty() ? primaries : apex)
            .dnssecEnabled(line.has("dnssec"))
            .registration(
                line.has("registered-with-host")
                    ? DomainRegistration.WITH_HOST
                    : DomainRegistration.ELSEWHERE);
    if (line.has("delegation-unknown")) {
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
  private static ZoneState stateAfter(CommandLine line, ZoneState before, EnableResult enabled) {
    ZoneState s = before;
    if (!line.has("apex")) {
      s = s.withApexNameServers(enabled.apexNs().after());
    }
    if (!line.has("delegation") && !line.has("delegation-unknown")) {
      s = s.withRegistryDelegation(Optional.of(enabled.delegation().to()));
    }
    return s;
  }

  static void print(String operation, LifecycleResult result, PrintStream out) {
    SecondaryDnsConfiguration c = result.configuration();
    out.println("Plan: " + operation + " Secondary DNS for " + c.zone());
    out.println(
        "  configuration: "
            + c.origin()
            + ", revision "
            + c.revision()
            + (c.enabled() ? ", enabled" : ", disabled"));
    out.println(
        "  secondary name servers: "
            + join(NameServerNames.of(List.copyOf(c.secondaryNameServerNames()))));
    if (!c.transferAcl().isEmpty()) {
      out.println(
          "  allowed to transfer: "
              + c.transferAcl().stream().map(Object::toString).collect(Collectors.joining(", ")));
    }
    if (!c.notifyTargets().isEmpty()) {
      out.println(
          "  NOTIFY to: "
              + c.notifyTargets().stream().map(Object::toString).collect(Collectors.joining(", ")));
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
