package io.github.secdns.core.lifecycle;

/**
 * Stable codes of {@link Notice}s. A host maps them to its own texts and translations; the names
 * never change once released.
 */
public enum NoticeCode {
  /**
   * The host, as registrar, replaces the registry delegation with the plan's target and reserves
   * (or releases) the secondary name servers in its delegation editor.
   */
  HOST_UPDATES_DELEGATION,
  /** The customer must add and remove the listed name servers at their registrar. */
  UPDATE_DELEGATION_AT_REGISTRAR,
  /** The customer must revert the registrar change if they ever disable Secondary DNS. */
  REVERT_ON_DISABLE,
  /**
   * The domain is not delegated to the primary (the host) at all: the configuration takes effect
   * only once it is.
   */
  NOT_DELEGATED_TO_PRIMARY,
  /**
   * The host does not know the registry delegation; the plan assumes the delegation the previous
   * configuration required.
   */
  DELEGATION_UNKNOWN,
  /**
   * A warning: a configured secondary name server is also one of the zone's primary name servers
   * (the host's own), so it adds no redundancy; most likely the customer typed the host's name
   * server instead of the provider's.
   */
  SECONDARY_IS_PRIMARY_NAME_SERVER
}
