package io.github.secdns.core.lifecycle;

import io.github.secdns.core.config.SecondaryDnsConfiguration;
import java.util.List;

/**
 * What a lifecycle operation decided: the configuration to store, the apex NS change and the
 * delegation plan to carry out, and the events to store or publish. Immutable; no secret appears in
 * {@code toString()} (the configuration redacts its keys, the rest holds none).
 */
public sealed interface LifecycleResult permits EnableResult, EditResult, DisableResult {

  /**
   * Returns the configuration as the host stores it after the operation.
   *
   * @return the configuration with its new revision and enabled flag
   */
  SecondaryDnsConfiguration configuration();

  /**
   * Returns the change of the zone's apex NS set.
   *
   * @return the change; {@link ApexNsChange#changed()} is false when nothing changes
   */
  ApexNsChange apexNs();

  /**
   * Returns the change of the registry delegation.
   *
   * @return the plan; {@link DelegationPlan#changed()} is false when nothing changes
   */
  DelegationPlan delegation();

  /**
   * Returns the events of the operation.
   *
   * @return an unmodifiable list, empty when nothing changed
   */
  List<SecondaryDnsEvent> events();
}
