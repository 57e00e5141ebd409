package io.github.secdns.core.lifecycle;

import io.github.secdns.core.config.SecondaryDnsConfiguration;
import java.util.List;
import java.util.Objects;

/**
 * An enabled configuration was edited: the configuration with the next revision, what changed, and
 * the apex NS and delegation changes that follow from a change of the secondary name servers. When
 * the edit changes nothing, the configuration keeps its revision, nothing is planned and there is
 * no event.
 *
 * @param configuration the configuration to store
 * @param diff what the edit changes
 * @param apexNs the change of the apex NS set
 * @param delegation the change of the registry delegation
 * @param events one {@link EventType#UPDATED} event, or none when nothing changed
 */
public record EditResult(
    SecondaryDnsConfiguration configuration,
    ConfigurationDiff diff,
    ApexNsChange apexNs,
    DelegationPlan delegation,
    List<SecondaryDnsEvent> events)
    implements LifecycleResult {

  /** Checks for nulls and copies the events. */
  public EditResult {
    Objects.requireNonNull(configuration, "configuration");
    Objects.requireNonNull(diff, "diff");
    Objects.requireNonNull(apexNs, "apexNs");
    Objects.requireNonNull(delegation, "delegation");
    events = List.copyOf(events);
  }

  /**
   * Tells whether the edit changed anything.
   *
   * @return false when the edited configuration equals the current one but for its revision
   */
  public boolean changed() {
    return !diff.isEmpty();
  }
}
