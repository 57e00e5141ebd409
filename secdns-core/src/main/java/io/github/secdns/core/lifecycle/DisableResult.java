package io.github.secdns.core.lifecycle;

import io.github.secdns.core.config.SecondaryDnsConfiguration;
import java.util.List;
import java.util.Objects;

/**
 * Secondary DNS was disabled: the configuration marked disabled with the next revision, the
 * secondary name servers withdrawn from the apex NS set, and the delegation revert plan.
 *
 * @param configuration the configuration to store
 * @param apexNs the change of the apex NS set
 * @param delegation the change of the registry delegation
 * @param events one {@link EventType#DELETED} event
 */
public record DisableResult(
    SecondaryDnsConfiguration configuration,
    ApexNsChange apexNs,
    DelegationPlan delegation,
    List<SecondaryDnsEvent> events)
    implements LifecycleResult {

  /** Checks for nulls and copies the events. */
  public DisableResult {
    Objects.requireNonNull(configuration, "configuration");
    Objects.requireNonNull(apexNs, "apexNs");
    Objects.requireNonNull(delegation, "delegation");
    events = List.copyOf(events);
  }
}
