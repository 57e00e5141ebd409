package io.github.secdns.core.lifecycle;

/** Who carries out a {@link DelegationPlan}. */
public enum DelegationActor {
  /** Nothing needs to change at the registry. */
  NONE,
  /** The host, as the domain's registrar, replaces the registry delegation itself. */
  HOST,
  /** The customer changes the delegation at the registrar that holds the domain. */
  CUSTOMER
}
