package io.github.secdns.core.lifecycle;

import io.github.secdns.core.config.SecondaryDnsConfiguration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plans the lifecycle of Secondary DNS for one zone: enable, edit, disable.
 *
 * <p>Each operation is a pure function of a configuration and the zone's {@link ZoneState}: it
 * reads nothing, writes nothing and remembers nothing. It returns what to store (the configuration
 * with its new revision), what to change (the apex NS set and the registry delegation), what to
 * tell the customer, and the events to publish. The host applies the result in one transaction of
 * its own; when it does not, nothing happened.
 *
 * <h2>Revisions</h2>
 *
 * Every operation that changes something stores the next revision: enabling stores the given
 * configuration's revision plus one (so a configuration fresh from the builder, revision 0, is
 * enabled as revision 1, and re-enabling a stored, disabled configuration continues its count); an
 * edit stores the current revision plus one, whatever revision the edited copy carries; disabling
 * stores the current revision plus one. Revisions therefore only grow over a configuration's life,
 * which lets a transfer server tell whether it applied the latest one. An edit that changes nothing
 * keeps the revision and publishes no event.
 *
 * <h2>Apex NS set</h2>
 *
 * Enabling adds the secondary name servers beside the names already there. Disabling removes them,
 * except a name that is also one of the primary name servers. An edit removes the name servers it
 * drops (again keeping primary ones) and adds the new ones. Only a change of the set of secondary
 * name server <em>names</em> moves the apex NS set and the delegation; an edit of the ACL, NOTIFY
 * targets, keys or glue plans no NS change. A drift between the configuration and the published NS
 * sets is reported by the diagnostics engine, not repaired here.
 *
 * <h2>Delegation</h2>
 *
 * The delegation the configuration requires is the primary name servers plus the secondary ones.
 *
 * <ul>
 *   <li>Registered with the host ({@link DomainRegistration#WITH_HOST}): the host replaces the
 *       registry delegation with exactly that set, and reserves the secondary name servers in its
 *       delegation editor (released again on disable). When the domain is delegated to other name
 *       servers than the host's, the seed article says the registry is set to match the apex NS set
 *       instead; the plan does so.
 *   <li>Registered elsewhere ({@link DomainRegistration#ELSEWHERE}): the customer makes the change
 *       at their registrar; the plan lists exactly what to add and remove, and, on enable, that the
 *       change must be reverted when Secondary DNS is disabled. Other name servers already in the
 *       delegation (a third provider) are kept. When the domain is not delegated to the primary at
 *       all, the plan points it to the primary and says the configuration takes effect only once
 *       that is done. Disabling only removes the secondary name servers from the delegation as it
 *       is; it never points the domain anywhere.
 *   <li>When the host does not know the delegation, the plan starts from the delegation the
 *       previous configuration required and says so.
 * </ul>
 *
 * <p>Thread-safe: there is no state.
 */
public final class SecondaryDnsLifecycle {

  private enum Operation {
    ENABLE,
    EDIT,
    DISABLE
  }

  private record Planned(ApexNsChange apex, DelegationPlan delegation) {}

  private SecondaryDnsLifecycle() {}

  /**
   * Plans enabling Secondary DNS for a zone.
   *
   * <p>A configuration is already enabled when it is enabled <em>and</em> has a revision above
   * zero: only a lifecycle operation stores such a configuration (enabling stores revision 1 or
   * more). A configuration fresh from the builder (revision 0, enabled by default) or a stored,
   * disabled one can be enabled; a stored, enabled one is refused, and must be edited instead.
   *
   * @param configuration the configuration to enable, as built from the customer's input, or a
   *     stored, disabled configuration
   * @param state the zone's current state
   * @return the enabled configuration (revision plus one), the apex NS change, the delegation plan
   *     and one {@link EventType#CREATED} event
   * @throws LifecycleException with {@link LifecycleRefusal#ALREADY_ENABLED} when the configuration
   *     is already enabled, {@link LifecycleRefusal#DNSSEC_ENABLED} when the zone is signed, or
   *     {@link LifecycleRefusal#ZONE_MISMATCH} when the state is of another zone
   */
  public static EnableResult enable(SecondaryDnsConfiguration configuration, ZoneState state) {
    requireSameZone(configuration, state);
    if (configuration.enabled() && configuration.revision() > 0) {
      throw new LifecycleException(
          LifecycleRefusal.ALREADY_ENABLED,
          "Secondary DNS is already enabled for "
              + show(state)
              + " (revision "
              + configuration.revision()
              + "); edit the configuration instead of enabling it again.");
    }
    refuseIfSigned(state, "set up");
    SecondaryDnsConfiguration enabled =
        configuration.toBuilder()
            .revision(Math.addExact(configuration.revision(), 1))
            .enabled(true)
            .build();
    Planned planned = plan(Operation.ENABLE, state, NameServerNames.empty(), names(enabled));
    return new EnableResult(
        enabled,
        planned.apex(),
        planned.delegation(),
        List.of(SecondaryDnsEvent.of(EventType.CREATED, enabled)));
  }

  /**
   * Plans an edit of an enabled configuration. Like enabling, an edit is refused on a zone signed
   * with DNSSEC: the edited configuration would not work either. Disabling stays possible, so a
   * customer can always remove the configuration.
   *
   * @param current the configuration as stored, enabled
   * @param edited the configuration as the customer edited it (its revision and enabled flag are
   *     ignored)
   * @param state the zone's current state
   * @return the stored configuration with the next revision, the difference, the apex NS and
   *     delegation changes that follow, and one {@link EventType#UPDATED} event; when nothing
   *     changed, {@code current} itself, no NS change and no event
   * @throws LifecycleException with {@link LifecycleRefusal#NOT_ENABLED} when {@code current} is
   *     disabled, {@link LifecycleRefusal#DNSSEC_ENABLED} when the zone is signed, or {@link
   *     LifecycleRefusal#ZONE_MISMATCH} when the zones differ
   */
  public static EditResult edit(
      SecondaryDnsConfiguration current, SecondaryDnsConfiguration edited, ZoneState state) {
    requireSameZone(current, state);
    requireSameZone(edited, state);
    requireEnabled(current, state, "edit");
    refuseIfSigned(state, "change");
    ConfigurationDiff diff = ConfigurationDiff.between(current, edited);
    if (diff.isEmpty()) {
      return new EditResult(
          current,
          diff,
          ApexNsChange.none(state.apexNameServers()),
          DelegationPlan.none(state, state.primaryNameServers().union(names(current))),
          List.of());
    }
    SecondaryDnsConfiguration next =
        edited.toBuilder().revision(Math.addExact(current.revision(), 1)).enabled(true).build();
    Planned planned =
        diff.nameServersChanged()
            ? plan(Operation.EDIT, state, names(current), names(next))
            : new Planned(
                ApexNsChange.none(state.apexNameServers()),
                DelegationPlan.none(state, state.primaryNameServers().union(names(next))));
    return new EditResult(
        next,
        diff,
        planned.apex(),
        planned.delegation(),
        List.of(SecondaryDnsEvent.of(EventType.UPDATED, next)));
  }

  /**
   * Plans disabling Secondary DNS for a zone. DNSSEC does not block it.
   *
   * @param current the configuration as stored, enabled
   * @param state the zone's current state
   * @return the configuration marked disabled (revision plus one), the apex NS change that
   *     withdraws the secondary name servers, the delegation revert plan and one {@link
   *     EventType#DELETED} event
   * @throws LifecycleException with {@link LifecycleRefusal#NOT_ENABLED} when {@code current} is
   *     already disabled, or {@link LifecycleRefusal#ZONE_MISMATCH} when the zones differ
   */
  public static DisableResult disable(SecondaryDnsConfiguration current, ZoneState state) {
    requireSameZone(current, state);
    requireEnabled(current, state, "disable");
    SecondaryDnsConfiguration disabled =
        current.toBuilder().revision(Math.addExact(current.revision(), 1)).enabled(false).build();
    Planned planned = plan(Operation.DISABLE, state, names(current), NameServerNames.empty());
    return new DisableResult(
        disabled,
        planned.apex(),
        planned.delegation(),
        List.of(SecondaryDnsEvent.of(EventType.DELETED, disabled)));
  }

  private static Planned plan(
      Operation op, ZoneState state, NameServerNames oldSecondary, NameServerNames newSecondary) {
    NameServerNames primary = state.primaryNameServers();
    // Names that leave: a secondary that is also a primary name server stays.
    NameServerNames dropped = oldSecondary.minus(newSecondary).minus(primary);
    NameServerNames apexAfter = state.apexNameServers().minus(dropped).union(newSecondary);
    ApexNsChange apex = new ApexNsChange(state.apexNameServers(), apexAfter);

    DelegationStatus status = state.delegationStatus();
    Optional<NameServerNames> observed = state.registryDelegation();
    NameServerNames base = observed.orElse(primary.union(oldSecondary));
    NameServerNames required = primary.union(newSecondary);
    NameServerNames to;
    if (state.registration() == DomainRegistration.WITH_HOST) {
      // The seed: a registered domain's delegation is replaced by the host's name servers plus
      // the secondaries; one delegated to another provider follows the apex NS set instead.
      to =
          status == DelegationStatus.NOT_DELEGATED_TO_PRIMARY && !apexAfter.isEmpty()
              ? apexAfter
              : required;
    } else if (op == Operation.DISABLE) {
      // Revert only what Secondary DNS added; never point a domain anywhere on the way out.
      to = base.minus(dropped);
    } else {
      // Customers may delegate to a third provider too; we tell them to add ours, not to drop
      // theirs. A domain not delegated to us at all is pointed to us.
      to =
          status == DelegationStatus.NOT_DELEGATED_TO_PRIMARY
              ? required
              : base.minus(dropped).union(required);
    }
    NameServerNames add = to.minus(base);
    NameServerNames remove = base.minus(to);

    NameServerNames newOnly = newSecondary.minus(primary);
    NameServerNames oldOnly = oldSecondary.minus(primary);
    boolean withHost = state.registration() == DomainRegistration.WITH_HOST;
    NameServerNames reserve = withHost ? newOnly.minus(oldOnly) : NameServerNames.empty();
    NameServerNames release = withHost ? oldOnly.minus(newOnly) : NameServerNames.empty();
    boolean changes = !add.isEmpty() || !remove.isEmpty();
    DelegationActor actor;
    if (withHost) {
      actor =
          changes || !reserve.isEmpty() || !release.isEmpty()
              ? DelegationActor.HOST
              : DelegationActor.NONE;
    } else {
      actor = changes ? DelegationActor.CUSTOMER : DelegationActor.NONE;
    }

    List<Notice> notices = new ArrayList<>();
    String zone = show(state);
    if (status == DelegationStatus.UNKNOWN && actor != DelegationActor.NONE) {
      notices.add(
          new Notice(
              NoticeCode.DELEGATION_UNKNOWN,
              "The current delegation of "
                  + zone
                  + " is not known; this plan assumes it lists "
                  + list(base)
                  + "."));
    }
    if (actor == DelegationActor.HOST) {
      StringBuilder m =
          new StringBuilder(zone)
              .append(" is registered with us: we will replace")
              .append(" its delegation with ")
              .append(list(to));
      appendChanges(m, " (", add, remove).append('.');
      if (!reserve.isEmpty()) {
        m.append(" The secondary name servers ")
            .append(list(reserve))
            .append(" are reserved: change them through the Secondary DNS configuration.");
      }
      if (!release.isEmpty()) {
        m.append(" The name servers ").append(list(release)).append(" are no longer reserved.");
      }
      notices.add(new Notice(NoticeCode.HOST_UPDATES_DELEGATION, m.toString()));
    }
    if (actor == DelegationActor.CUSTOMER) {
      StringBuilder m =
          new StringBuilder(op == Operation.DISABLE ? "Revert" : "Update")
              .append(" the delegation of ")
              .append(zone)
              .append(" at your registrar");
      appendChanges(m, ": ", add, remove);
      m.append(". The delegation will need to change from: ")
          .append(list(base))
          .append(" to: ")
          .append(list(to))
          .append('.');
      notices.add(new Notice(NoticeCode.UPDATE_DELEGATION_AT_REGISTRAR, m.toString()));
      if (op != Operation.DISABLE && !newOnly.isEmpty()) {
        notices.add(
            new Notice(
                NoticeCode.REVERT_ON_DISABLE,
                "Revert this step if you ever disable Secondary DNS for your domain."));
      }
    }
    NameServerNames alsoPrimary = primary.minus(primary.minus(newSecondary));
    if (op != Operation.DISABLE && !alsoPrimary.isEmpty()) {
      notices.add(
          new Notice(
              NoticeCode.SECONDARY_IS_PRIMARY_NAME_SERVER,
              list(alsoPrimary)
                  + (alsoPrimary.size() == 1 ? " is" : " are")
                  + " already among the primary name servers of "
                  + zone
                  + ": listing "
                  + (alsoPrimary.size() == 1 ? "it" : "them")
                  + " as secondary adds no redundancy. Use the name servers your Secondary DNS"
                  + " provider assigned."));
    }
    if (op != Operation.DISABLE
        && status == DelegationStatus.NOT_DELEGATED_TO_PRIMARY
        && !(actor == DelegationActor.HOST && to.intersects(primary))) {
      notices.add(
          new Notice(
              NoticeCode.NOT_DELEGATED_TO_PRIMARY,
              zone
                  + " is not delegated to "
                  + list(primary)
                  + ": you'll need to point the domain to"
                  + " them before the Secondary DNS configuration will take effect."));
    }
    DelegationPlan delegation =
        new DelegationPlan(observed, to, add, remove, actor, reserve, release, status, notices);
    return new Planned(apex, delegation);
  }

  private static StringBuilder appendChanges(
      StringBuilder m, String lead, NameServerNames add, NameServerNames remove) {
    if (add.isEmpty() && remove.isEmpty()) {
      return m;
    }
    m.append(lead);
    if (!add.isEmpty()) {
      m.append("add ").append(list(add));
    }
    if (!remove.isEmpty()) {
      m.append(add.isEmpty() ? "" : "; ").append("remove ").append(list(remove));
    }
    return lead.startsWith(" (") ? m.append(')') : m;
  }

  private static NameServerNames names(SecondaryDnsConfiguration configuration) {
    return NameServerNames.of(configuration.secondaryNameServerNames());
  }

  private static String list(NameServerNames names) {
    return names.isEmpty() ? "no name server" : String.join(", ", names.hostNames());
  }

  private static String show(ZoneState state) {
    return state.zone().toString(true);
  }

  private static void requireSameZone(SecondaryDnsConfiguration configuration, ZoneState state) {
    if (!configuration.zone().equals(state.zone())) {
      throw new LifecycleException(
          LifecycleRefusal.ZONE_MISMATCH,
          "the configuration is for "
              + configuration.zone().toString(true)
              + " but the zone state is of "
              + show(state));
    }
  }

  private static void refuseIfSigned(ZoneState state, String action) {
    if (state.dnssecEnabled()) {
      throw new LifecycleException(
          LifecycleRefusal.DNSSEC_ENABLED,
          "You cannot "
              + action
              + " Secondary DNS for "
              + show(state)
              + " because DNSSEC is enabled."
              + " They will not work in conjunction. Please ensure that you are not currently"
              + " using DNSSEC, or disable DNSSEC before using Secondary DNS.");
    }
  }

  private static void requireEnabled(
      SecondaryDnsConfiguration current, ZoneState state, String what) {
    if (!current.enabled()) {
      throw new LifecycleException(
          LifecycleRefusal.NOT_ENABLED,
          "Secondary DNS is not enabled for "
              + show(state)
              + "; there is nothing to "
              + what
              + ".");
    }
  }
}
