package io.github.secdns.examples.cli;

import io.github.secdns.core.config.AclEntry;
import io.github.secdns.core.config.NameServer;
import io.github.secdns.core.config.NotifyTarget;
import io.github.secdns.core.config.Provenance;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.lifecycle.NameServerNames;
import io.github.secdns.core.preset.PresetApplication;
import io.github.secdns.core.preset.PresetWarning;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.xbill.DNS.Name;

/**
 * How the command line shows a configuration pre-filled from a preset ({@code plan}, {@code serve},
 * {@code check}): each value with the confidence of its source ({@code [medium: verify before
 * use]}), so that a customer knows what to check before relying on it, and the warnings of applying
 * the preset. Values the customer typed have no provenance and are shown as they are.
 */
final class PresetText {

  private PresetText() {}

  /** {@code " [official]"}, {@code " [medium: verify before use]"}, or nothing. */
  static String confidence(Optional<Provenance> provenance) {
    return provenance.map(p -> " [" + p.confidence().label() + "]").orElse("");
  }

  /** {@code 192.0.2.53 (label) [confidence]}. */
  static String value(AclEntry entry) {
    return entry + confidence(entry.provenance());
  }

  /** {@code 192.0.2.54:53 [confidence]}. */
  static String value(NotifyTarget target) {
    return target + confidence(target.provenance());
  }

  /** The ACL entries, comma-separated, each with its confidence. */
  static String acl(List<AclEntry> entries) {
    return entries.stream().map(PresetText::value).collect(Collectors.joining(", "));
  }

  /** The NOTIFY targets, comma-separated, each with its confidence. */
  static String notifyTargets(List<NotifyTarget> targets) {
    return targets.stream().map(PresetText::value).collect(Collectors.joining(", "));
  }

  /**
   * The secondary name servers in the planner's canonical order, host names without the dot, each
   * with its confidence.
   */
  static String nameServers(SecondaryDnsConfiguration c) {
    return NameServerNames.of(List.copyOf(c.secondaryNameServerNames())).names().stream()
        .map(n -> n.toString(true) + confidence(provenance(c, n)))
        .collect(Collectors.joining(", "));
  }

  /** The provenance of a secondary name server of the configuration. */
  static Optional<Provenance> provenance(SecondaryDnsConfiguration c, Name name) {
    return c.secondaryNameServers().stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .flatMap(NameServer::provenance);
  }

  /**
   * Prints which day's values the preset applied and each warning ({@code ! message [CODE]});
   * nothing for custom values.
   */
  static void printApplication(
      Optional<PresetApplication> application, String indent, PrintStream out) {
    if (application.isEmpty()) {
      return;
    }
    PresetApplication a = application.get();
    out.println(
        indent
            + "preset "
            + a.preset().id()
            + " ("
            + a.preset().displayName()
            + "): the values it uses on "
            + a.day()
            + " (UTC)"
            + (a.warnings().isEmpty() ? "" : ", with warnings:"));
    for (PresetWarning w : a.warnings()) {
      out.println(indent + "! " + w.message() + " [" + w.code() + "]");
    }
  }
}
