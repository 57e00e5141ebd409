package io.github.secdns.examples.cli;

import io.github.secdns.core.config.AclEntry;
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
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.annotation.Nullable;

/**
 * The JSON document of {@code plan --json}: what the lifecycle planner says an operation changes.
 * Field names are stable; name servers are host names without the trailing dot, in the planner's
 * canonical order.
 *
 * @param operation {@code enable}, {@code edit} or {@code disable}
 * @param zone the zone, absolute
 * @param configuration the configuration after the operation
 * @param changes for {@code edit}: what the edit changes; {@code null} otherwise
 * @param apexNs the apex NS set before and after
 * @param delegation the registry delegation from and to, who changes it, the notices
 * @param events the events to emit (webhook names)
 */
record PlanJson(
    String operation,
    String zone,
    Configuration configuration,
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
   * @param secondaryNameServers the secondary name servers
   * @param transferAcl the ACL entries ({@code 192.0.2.0/24 (label)})
   * @param notifyTargets the NOTIFY targets ({@code 192.0.2.1:53})
   */
  record Configuration(
      String origin,
      long revision,
      boolean enabled,
      List<String> secondaryNameServers,
      List<String> transferAcl,
      List<String> notifyTargets) {}

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

  static PlanJson of(String operation, LifecycleResult result) {
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
            names(NameServerNames.of(List.copyOf(c.secondaryNameServerNames()))),
            acl(c.transferAcl()),
            strings(c.notifyTargets())),
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
