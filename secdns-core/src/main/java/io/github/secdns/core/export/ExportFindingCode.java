package io.github.secdns.core.export;

import java.util.Optional;
import javax.annotation.Nullable;

/**
 * Stable codes of export findings. A host maps them to its own messages and translations; the names
 * never change once released. Each code has one fixed {@link ExportSeverity} and, where the finding
 * is about what secondaries accept, the secondaries it affects.
 */
public enum ExportFindingCode {

  // ---- errors: the export fails and lists them all ----

  /** An ALIAS shares its name with a CNAME: a name with a CNAME can have no other data. */
  ALIAS_BESIDE_CNAME(ExportSeverity.ERROR, null),
  /** A URL record shares its name with a CNAME: its A/AAAA could not be served there. */
  URL_BESIDE_CNAME(ExportSeverity.ERROR, null),
  /** Two ALIAS records at the same name: which target to serve is ambiguous. */
  MULTIPLE_ALIASES(ExportSeverity.ERROR, null),
  /** A virtual record of a kind the exporter was not taught (no expander registered for it). */
  UNKNOWN_VIRTUAL_KIND(ExportSeverity.ERROR, null),
  /** A host-supplied expander failed or produced a record it must not (an SOA). */
  EXPANSION_FAILED(ExportSeverity.ERROR, null),
  /** A URL record exists but the request gives no redirector address to serve for it. */
  URL_WITHOUT_REDIRECTOR(ExportSeverity.ERROR, null),
  /** A record lies outside the zone, or has another class than the zone. */
  RECORD_OUTSIDE_ZONE(ExportSeverity.ERROR, null),
  /**
   * A standard record of a private-use type (65280-65534), which is how some platforms store
   * virtual records such as ALIAS (PowerDNS uses 65401): no secondary could interpret it.
   */
  PRIVATE_TYPE_RECORD(ExportSeverity.ERROR, "every secondary"),
  /** A record of a meta type or query type (OPT, TSIG, TKEY, ...), which is never zone data. */
  META_TYPE_RECORD(ExportSeverity.ERROR, null),

  // ---- warnings: the export succeeds; the customer should know ----

  /** An ALIAS target did not resolve; the last good values from the previous export are served. */
  ALIAS_TARGET_UNRESOLVED_LAST_GOOD(ExportSeverity.WARNING, null),
  /** An ALIAS target did not resolve and no earlier value is known; the ALIAS is left out. */
  ALIAS_TARGET_UNRESOLVED_OMITTED(ExportSeverity.WARNING, null),
  /**
   * A CNAME shares its name with other data (RFC 1034 section 3.6.2, RFC 2181 section 10.1);
   * secondaries refuse the whole zone.
   */
  CNAME_BESIDE_OTHER_DATA(
      ExportSeverity.WARNING, "every secondary (BIND, Knot, NSD and PowerDNS refuse such a zone)"),
  /**
   * A TXT string longer than 255 octets, which the wire format cannot carry (RFC 1035 section 3.3);
   * it was split into strings of at most 255 octets.
   */
  TXT_STRING_TOO_LONG(ExportSeverity.WARNING, "every secondary"),
  /**
   * An RRset with more than 100 records: BIND 9.18.28 and later (and 9.20) refuse the zone by
   * default ({@code max-records-per-type}, CVE-2024-1737).
   */
  RRSET_TOO_LARGE(ExportSeverity.WARNING, "BIND 9.18+ (max-records-per-type, default 100)"),
  /**
   * A name with more than 100 record types: BIND 9.18.28 and later refuse the zone by default
   * ({@code max-types-per-name}, CVE-2024-1737).
   */
  TOO_MANY_TYPES_AT_NAME(ExportSeverity.WARNING, "BIND 9.18+ (max-types-per-name, default 100)"),
  /**
   * The records of one RRset have different TTLs (RFC 2181 section 5.2 forbids it), for example
   * flattened ALIAS values merged with the host's own A records at the same name; secondaries may
   * serve them all with one TTL (RFC 2181 says: the lowest).
   */
  RRSET_TTL_MISMATCH(ExportSeverity.WARNING, "every secondary (RFC 2181 section 5.2)"),
  /**
   * DNSSEC signatures and denial records (RRSIG, NSEC, NSEC3, NSEC3PARAM) were left out: the
   * exporter rewrites the SOA and apex NS, which would invalidate them, and secondaries of an
   * unsigned transfer sign on their own or not at all.
   */
  DNSSEC_RECORDS_DROPPED(ExportSeverity.WARNING, null),
  /**
   * With {@link SerialPolicy#KEEP_HOST}, the host's serial is not greater than the previous
   * export's although the content changed, so the previous serial plus one was used.
   */
  HOST_SERIAL_NOT_KEPT(ExportSeverity.WARNING, null),

  /**
   * A name server of the apex NS set lies inside the zone, but the zone has no address for it and
   * no glue is known: nobody can reach it through this zone.
   */
  IN_ZONE_NAME_SERVER_WITHOUT_ADDRESS(ExportSeverity.WARNING, null),

  /**
   * The host's zone has ZONEMD records at its apex (RFC 8976), but the export did not ask for a
   * digest: they were left out, because the exported zone differs from the host's (SOA, apex NS,
   * flattened records) and secondaries that verify the digest would reject the zone. With {@link
   * ExportRequest.Builder#publishZoneDigest(boolean)} the exporter publishes a digest of the zone
   * it exports instead.
   */
  HOST_ZONE_DIGEST_DROPPED(ExportSeverity.WARNING, "secondaries that verify ZONEMD (RFC 8976)"),

  // ---- information ----

  /**
   * A virtual record (ALIAS, URL or a host kind) is served to secondaries as the standard records
   * it was flattened to; they change only when the exporter runs again (diagnostics D-4).
   */
  VIRTUAL_RECORD_FLATTENED(ExportSeverity.INFO, null);

  private final ExportSeverity severity;
  private final Optional<String> affects;

  ExportFindingCode(ExportSeverity severity, @Nullable String affects) {
    this.severity = severity;
    this.affects = Optional.ofNullable(affects);
  }

  /**
   * Returns the severity of findings with this code.
   *
   * @return the severity
   */
  public ExportSeverity severity() {
    return severity;
  }

  /**
   * Returns which secondaries this kind of finding affects, when it is about what secondaries
   * accept.
   *
   * @return for example {@code "BIND 9.18+ (max-records-per-type, default 100)"}
   */
  public Optional<String> affects() {
    return affects;
  }
}
