package io.github.secdns.core.lifecycle;

/** The single-valued settings of a configuration that an edit can change. */
public enum ConfigurationSetting {
  /** Where the values came from: a preset, a name server set, or custom. */
  ORIGIN,
  /** How transfers are authorized: by address, by key, or both. */
  TRANSFER_AUTHENTICATION,
  /** Whether IXFR is offered. */
  IXFR,
  /** The catalog zone the zone is listed in, and its group there. */
  CATALOG_MEMBERSHIP
}
