package io.github.secdns.core.lifecycle;

/** Stable codes for why a lifecycle operation was refused. */
public enum LifecycleRefusal {
  /**
   * Secondary DNS cannot be enabled, nor its configuration edited, on a zone signed with DNSSEC.
   */
  DNSSEC_ENABLED,
  /**
   * The configuration to enable is already enabled (a stored configuration: enabled, revision above
   * zero); it is edited, not enabled again.
   */
  ALREADY_ENABLED,
  /** The operation needs an enabled configuration (edit, disable) and it is disabled. */
  NOT_ENABLED,
  /** The configuration and the zone state (or the two configurations) are for different zones. */
  ZONE_MISMATCH
}
