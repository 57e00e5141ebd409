package io.github.secdns.examples.cli;

import io.github.secdns.core.config.AclEntry;
import io.github.secdns.core.config.AddressPrefix;
import io.github.secdns.core.config.NotifyTarget;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.lifecycle.ApexNsChange;
import io.github.secdns.core.lifecycle.ConfigurationDiff;
import io.github.secdns.core.lifecycle.DelegationPlan;
import io.github.secdns.core.lifecycle.EditResult;
import io.github.secdns.core.lifecycle.LifecycleResult;
import io.github.secdns.core.lifecycle.NameServerNames;
import io.github.secdns.core.lifecycle.Notice;
import io.github.secdns.core.lifecycle.SecondaryDnsEvent;
import io.github.secdns.core.preset.PresetApplication;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.annotation.Nullable;
import org.xbill.DNS.Name;

/**
 * The JSON document of {@code plan --json}: what the lifecycle planner says an operation changes.
 * Field names are stable; name servers are host names without the trailing dot, in the planner's
 * canonical order.
 *
 * @param operation {@code enable}, {@code edit} or {@code disable}
 * @param zone the zone, absolute
 * @param configuration the configuration after the operation
 * @param preset what applying the preset behind that configuration said (for an edit: the edited
 *     configuration's); {@code null} for custom values
 * @param changes for {@code edit}: what the edit changes; {@code null} otherwise
 * @param apexNs the apex NS set before and after
 * @param delegation the registry delegation from and to, who changes it, the notices
 * @param events the events to emit (webhook names)
 */
record PlanJson(
    String operation,
    String zone,
    Configuration configuration,
    @Nullable AppliedPresetJson preset,
    @Nullable Changes changes,
    ApexNs apexNs,
    Delegation delegation,
    List<Event> events) {

  /**
   * The configuration after the operation.
   *
   * @param origin where its values came from ({@code custom}, {@code preset ID}, ...)
   * @param revision its revision
   * @param enabled whether Secondary DNS is on
   * @param secondaryNameServers the secondary name servers, in the planner's order
   * @param transferAcl the ACL entries, in the configuration's order
   * @param notifyTargets the NOTIFY targets, in the configuration's order
   */
  record Configuration(
      String origin,
      long revision,
      boolean enabled,
      List<NameServerEntry> secondaryNameServers,
      List<AclItem> transferAcl,
      List<NotifyItem> notifyTargets) {}

  /**
   * A secondary name server.
   *
   * @param name the host name without the trailing dot
   * @param provenance where a preset read it, or {@code null} when typed in
   */
  record NameServerEntry(String name, @Nullable ProvenanceJson provenance) {}

  /**
   * An ACL entry.
   *
   * @param prefix an address or CIDR prefix
   * @param label its label, or {@code null}
   * @param provenance where a preset read it, or {@code null} when typed in
   */
  record AclItem(String prefix, @Nullable String label, @Nullable ProvenanceJson provenance) {}

  /**
   * A NOTIFY target.
   *
   * @param address the address
   * @param port the UDP port
   * @param keyName the TSIG key that signs the NOTIFY, or {@code null}
   * @param provenance where a preset read it, or {@code null} when typed in
   */
  record NotifyItem(
      String address, int port, @Nullable String keyName, @Nullable ProvenanceJson provenance) {}

  /**
   * What an edit changes.
   *
   * @param nameServersAdded secondary name servers added
   * @param nameServersRemoved secondary name servers removed
   * @param aclAdded ACL entries added
   * @param aclRemoved ACL entries removed
   * @param notifyTargetsAdded NOTIFY targets added
   * @param notifyTargetsRemoved NOTIFY targets removed
   */
  record Changes(
      List<String> nameServersAdded,
      List<String> nameServersRemoved,
      List<String> aclAdded,
      List<String> aclRemoved,
      List<String> notifyTargetsAdded,
      List<String> notifyTargetsRemoved) {}

  /**
   * The apex NS set.
   *
   * @param changed whether it changes
   * @param before the set before
   * @param after the set after
   * @param added names added
   * @param removed names removed
   */
  record ApexNs(
      boolean changed,
      List<String> before,
      List<String> after,
      List<String> added,
      List<String> removed) {}

  /**
   * The registry delegation.
   *
   * @param changed whether it changes
   * @param changedBy who changes it: {@code customer}, {@code host}, ... (lower case)
   * @param from the delegation today; {@code null} when unknown
   * @param to the delegation after
   * @param add names to add
   * @param remove names to remove
   * @param reserve names the host reserves at the registrar
   * @param release names the host releases
   * @param notices what to tell the customer
   */
  record Delegation(
      boolean changed,
      String changedBy,
      @Nullable List<String> from,
      List<String> to,
      List<String> add,
      List<String> remove,
      List<String> reserve,
      List<String> release,
      List<NoticeEntry> notices) {}

  /**
   * A notice.
   *
   * @param code its stable code
   * @param message its text
   */
  record NoticeEntry(String code, String message) {}

  /**
   * An event.
   *
   * @param type the webhook name, e.g. {@code secondary_dns.create}
   * @param zone the zone, absolute
   * @param revision the configuration revision
   * @param nameServers the secondary name servers
   */
  record Event(String type, String zone, long revision, List<String> nameServers) {}

  static PlanJson of(
      String operation, LifecycleResult result, Optional<PresetApplication> applied) {
    SecondaryDnsConfiguration c = result.configuration();
    Changes changes = null;
    if (result instanceof EditResult edit) {
      ConfigurationDiff d = edit.diff();
      changes =
          new Changes(
              names(d.nameServersAdded()),
              names(d.nameServersRemoved()),
              acl(d.aclAdded()),
              acl(d.aclRemoved()),
              strings(d.notifyTargetsAdded()),
              strings(d.notifyTargetsRemoved()));
    }
    ApexNsChange apex = result.apexNs();
    DelegationPlan d = result.delegation();
    return new PlanJson(
        operation,
        c.zone().toString(),
        new Configuration(
            c.origin().toString(),
            c.revision(),
            c.enabled(),
            NameServerNames.of(List.copyOf(c.secondaryNameServerNames())).names().stream()
                .map(n -> new NameServerEntry(n.toString(true), provenance(c, n)))
                .toList(),
            c.transferAcl().stream().map(PlanJson::aclItem).toList(),
            c.notifyTargets().stream().map(PlanJson::notifyItem).toList()),
        AppliedPresetJson.of(applied),
        changes,
        new ApexNs(
            apex.changed(),
            names(apex.before()),
            names(apex.after()),
            names(apex.added()),
            names(apex.removed())),
        new Delegation(
            d.changed(),
            d.actor().name().toLowerCase(Locale.ROOT),
            d.from().map(PlanJson::names).orElse(null),
            names(d.to()),
            names(d.add()),
            names(d.remove()),
            names(d.reserve()),
            names(d.release()),
            d.notices().stream().map(PlanJson::notice).toList()),
        result.events().stream().map(PlanJson::event).toList());
  }

  @Nullable
  private static ProvenanceJson provenance(SecondaryDnsConfiguration c, Name name) {
    return ProvenanceJson.of(PresetText.provenance(c, name));
  }

  private static AclItem aclItem(AclEntry e) {
    return new AclItem(
        e.prefix().toString(), e.label().orElse(null), ProvenanceJson.of(e.provenance()));
  }

  private static NotifyItem notifyItem(NotifyTarget t) {
    return new NotifyItem(
        AddressPrefix.of(t.address()).toString(),
        t.port(),
        t.keyName().map(Name::toString).orElse(null),
        ProvenanceJson.of(t.provenance()));
  }

  private static NoticeEntry notice(Notice n) {
    return new NoticeEntry(n.code().name(), n.message());
  }

  private static Event event(SecondaryDnsEvent e) {
    return new Event(
        e.type().webhookName(), e.zone().toString(), e.revision(), names(e.nameServers()));
  }

  private static List<String> names(NameServerNames names) {
    return List.copyOf(names.hostNames());
  }

  private static List<String> acl(Collection<AclEntry> entries) {
    return entries.stream().map(AclEntry::toString).toList();
  }

  private static List<String> strings(Collection<NotifyTarget> targets) {
    return targets.stream().map(NotifyTarget::toString).toList();
  }
}
