package io.github.secdns.core.lifecycle;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The change of the registry delegation ("from → to") that follows a lifecycle operation, who makes
 * it, and what the customer must be told.
 *
 * <p>{@link #add()} and {@link #remove()} are the difference between the plan's starting point and
 * {@link #to()}. The starting point is {@link #from()}, the delegation the host observed; when the
 * host does not know it, the planner assumes the delegation the previous configuration required
 * (the primary name servers, plus the old secondary name servers after an enable) and says so with
 * a {@link NoticeCode#DELEGATION_UNKNOWN} notice.
 *
 * @param from the registry delegation as the host observed it, or empty when unknown
 * @param to the delegation the configuration requires once the plan is carried out
 * @param add the name servers to add to the delegation
 * @param remove the name servers to remove from the delegation
 * @param actor who changes the delegation: the host (it is the registrar), the customer (at their
 *     registrar), or nobody when nothing changes
 * @param reserve the secondary name servers the host, as registrar, now reserves in its delegation
 *     editor (they change only through the Secondary DNS configuration); empty when the domain is
 *     registered elsewhere
 * @param release the secondary name servers the host no longer reserves; empty when the domain is
 *     registered elsewhere
 * @param status how the domain is delegated now
 * @param notices what the customer or the host must know or do, in a fixed order
 */
public record DelegationPlan(
    Optional<NameServerNames> from,
    NameServerNames to,
    NameServerNames add,
    NameServerNames remove,
    DelegationActor actor,
    NameServerNames reserve,
    NameServerNames release,
    DelegationStatus status,
    List<Notice> notices) {

  /** Checks for nulls and copies the notices. */
  public DelegationPlan {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(add, "add");
    Objects.requireNonNull(remove, "remove");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(reserve, "reserve");
    Objects.requireNonNull(release, "release");
    Objects.requireNonNull(status, "status");
    notices = List.copyOf(notices);
  }

  /**
   * Returns a plan that changes nothing: the delegation stays as it is.
   *
   * @param state the zone's state
   * @param required the delegation the configuration requires, the target when the delegation is
   *     unknown
   * @return a plan without change, actor {@link DelegationActor#NONE}, and no notices
   */
  static DelegationPlan none(ZoneState state, NameServerNames required) {
    return new DelegationPlan(
        state.registryDelegation(),
        state.registryDelegation().orElse(required),
        NameServerNames.empty(),
        NameServerNames.empty(),
        DelegationActor.NONE,
        NameServerNames.empty(),
        NameServerNames.empty(),
        state.delegationStatus(),
        List.of());
  }

  /**
   * Tells whether anything changes at the registry.
   *
   * @return true when names are added or removed
   */
  public boolean changed() {
    return !add.isEmpty() || !remove.isEmpty();
  }

  /**
   * Tells whether the configuration waits for the domain to be delegated to the primary: the seed
   * article says the domain must be pointed to the host "before the configuration will take
   * effect". This is the case when the plan carries a {@link NoticeCode#NOT_DELEGATED_TO_PRIMARY}
   * notice.
   *
   * @return true when the configuration takes effect only once the domain is delegated to the
   *     primary name servers
   */
  public boolean awaitsDelegationToPrimary() {
    return notices.stream().anyMatch(n -> n.code() == NoticeCode.NOT_DELEGATED_TO_PRIMARY);
  }
}
