package io.github.secdns.axfr.probe;

/**
 * How the {@link Prober} learns which zone data each name server address serves, beyond its serial
 * (RFC 8976 zone digests).
 */
public enum ContentComparison {
  /** Serials only: no content probe. */
  OFF,
  /** A ZONEMD query to every address that answered the SOA query authoritatively. */
  ZONEMD,
  /**
   * A ZONEMD query, and where it gives no digest (the zone has no ZONEMD record, or the server
   * answers only transfer queries) a zone transfer (AXFR) whose digest the prober computes. Most
   * providers refuse transfers to unknown addresses; a refusal is an observation, not an error.
   */
  ZONEMD_OR_TRANSFER
}
