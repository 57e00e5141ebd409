package io.github.secdns.core.lifecycle;

/** How a zone's domain is delegated at the registry, seen from the primary (the host). */
public enum DelegationStatus {
  /** The registry delegation lists at least one of the host's own name servers. */
  DELEGATED_TO_PRIMARY,
  /**
   * The registry delegation lists none of the host's own name servers: a Secondary DNS
   * configuration can be saved but takes effect only once the domain is delegated to the host.
   */
  NOT_DELEGATED_TO_PRIMARY,
  /** The host does not know the registry delegation. */
  UNKNOWN
}
