package io.github.secdns.core.lifecycle;

import io.github.secdns.core.config.SecondaryDnsConfiguration;
import java.util.List;
import java.util.Objects;

/**
 * Secondary DNS was enabled: the configuration now enabled with its first (or next) revision, the
 * secondary name servers published beside the primary ones, and the delegation change "from → to".
 *
 * @param configuration the configuration to store
 * @param apexNs the change of the apex NS set
 * @param delegation the change of the registry delegation
 * @param events one {@link EventType#CREATED} event
 */
public record EnableResult(
    SecondaryDnsConfiguration configuration,
    ApexNsChange apexNs,
    DelegationPlan delegation,
    List<SecondaryDnsEvent> events)
    implements LifecycleResult {

  /** Checks for nulls and copies the events. */
  public EnableResult {
    Objects.requireNonNull(configuration, "configuration");
    Objects.requireNonNull(apexNs, "apexNs");
    Objects.requireNonNull(delegation, "delegation");
    events = List.copyOf(events);
  }
}
