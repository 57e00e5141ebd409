package io.github.secdns.core.lifecycle;

/** Stable codes for why a lifecycle operation was refused. */
public enum LifecycleRefusal {
  /** Secondary DNS cannot be enabled on a zone signed with DNSSEC. */
  DNSSEC_ENABLED,
  /** The operation needs an enabled configuration (edit, disable) and it is disabled. */
  NOT_ENABLED,
  /** The configuration and the zone state (or the two configurations) are for different zones. */
  ZONE_MISMATCH
}
