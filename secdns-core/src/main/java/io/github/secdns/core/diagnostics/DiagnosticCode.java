package io.github.secdns.core.diagnostics;

/**
 * The stable code of every finding the engine can produce. Codes never change meaning; hosts map
 * them to their own UI and translations. {@code docs/DIAGNOSTICS.md} describes each one: meaning,
 * severity, the observations it needs and the remedy.
 *
 * <p>Within one severity, reports list findings in the order of these constants.
 */
public enum DiagnosticCode {
  // ---- ERROR
  /** The zone is signed with DNSSEC while Secondary DNS is on; the two do not work together. */
  DNSSEC_ENABLED(Severity.ERROR),
  /** The parent delegation lists none of the primary's name servers: the configuration is inert. */
  NOT_DELEGATED_TO_PRIMARY(Severity.ERROR),
  /** The transfer ACL is empty while transfers are authorized by address: nobody can transfer. */
  TRANSFER_ACL_EMPTY(Severity.ERROR),
  /** A transfer source of the secondary provider is not allowed by the transfer ACL. */
  TRANSFER_SOURCE_NOT_ALLOWED(Severity.ERROR),
  /** A secondary's transfer attempt was refused (REFUSED or NOTAUTH). */
  TRANSFER_REFUSED(Severity.ERROR),
  /**
   * The primary is reachable only over IPv6 but the secondary provider accepts IPv4 primaries only.
   */
  PRIMARY_IPV6_ONLY(Severity.ERROR),
  /** A name server serves a serial newer than the primary's: it will not pull changes. */
  NAME_SERVER_AHEAD(Severity.ERROR),
  /** A name server's serial is exactly 2^31 away from the primary's: RFC 1982 cannot order them. */
  NAME_SERVER_SERIAL_INCOMPARABLE(Severity.ERROR),
  /**
   * A name server serves the primary's serial but other zone data: the zone digest it serves (its
   * ZONEMD record, or computed over a zone transfer from it) differs from the primary's. It will
   * keep the wrong data until the next serial, and apply later changes on top of it.
   */
  NAME_SERVER_DATA_DIFFERS(Severity.ERROR),
  /**
   * The zone requires zone transfer over TLS (XoT), but the secondary provider does not pull zones
   * over TLS: it cannot transfer the zone at all.
   */
  XOT_REQUIRED_NOT_SUPPORTED_BY_PROVIDER(Severity.ERROR),
  /** The primary's XoT listener could not be reached (connection refused, reset or timed out). */
  XOT_LISTENER_UNREACHABLE(Severity.ERROR),
  /** The primary's XoT listener did not complete a TLS 1.3 handshake. */
  XOT_HANDSHAKE_FAILED(Severity.ERROR),
  /**
   * The XoT listener completed the handshake without the ALPN protocol {@code dot}: secondaries get
   * no zone over it (RFC 9103 section 7.1).
   */
  XOT_ALPN_NOT_NEGOTIATED(Severity.ERROR),
  /** The XoT listener's certificate has expired, or is not valid yet. */
  XOT_CERTIFICATE_EXPIRED(Severity.ERROR),
  /**
   * The XoT listener's certificate is not valid for the host name secondaries verify (strict TLS).
   */
  XOT_CERTIFICATE_NAME_MISMATCH(Severity.ERROR),
  /** The XoT listener's certificate chain does not verify against the given authorities. */
  XOT_CERTIFICATE_UNTRUSTED(Severity.ERROR),

  // ---- WARNING
  /** A name server serves an older serial for longer than the SOA refresh plus retry. */
  NAME_SERVER_LAGGING(Severity.WARNING),
  /** A name server answers without authority for the zone (REFUSED, NOTAUTH, SERVFAIL, no AA). */
  NAME_SERVER_LAME(Severity.WARNING),
  /**
   * The catalog zone lists the zone, but a secondary that should provision it from the catalog does
   * not serve it (REFUSED, NOTAUTH, no AA or no SOA), longer than the catalog's SOA refresh plus
   * retry after the listing. Reported instead of {@link #NAME_SERVER_LAME} for that server.
   */
  CATALOG_MEMBER_NOT_SERVED(Severity.WARNING),
  /**
   * The configuration puts the zone in a catalog zone, but the catalog version the primary serves
   * does not list it: consumers of the catalog will not add it.
   */
  CATALOG_MEMBER_NOT_LISTED(Severity.WARNING),
  /** A name server address answered neither over UDP nor over TCP. */
  NAME_SERVER_UNREACHABLE(Severity.WARNING),
  /** A name server address answers over TCP but not over UDP. */
  NAME_SERVER_UDP_UNREACHABLE(Severity.WARNING),
  /**
   * A name server address answers over UDP but not over TCP (needed for transfers and large
   * answers).
   */
  NAME_SERVER_TCP_UNREACHABLE(Severity.WARNING),
  /** A name server's host name has no IPv4 or IPv6 address. */
  NAME_SERVER_WITHOUT_ADDRESS(Severity.WARNING),
  /** The parent delegation is missing one or more configured name servers. */
  DELEGATION_MISSING_NAME_SERVERS(Severity.WARNING),
  /** Secondary DNS is off but the delegation still lists its secondary name servers. */
  DELEGATION_STILL_LISTS_SECONDARIES(Severity.WARNING),
  /** The zone's apex NS set does not list every configured secondary name server. */
  APEX_NS_MISSING_SECONDARIES(Severity.WARNING),
  /** The transfer ACL allows everyone (0.0.0.0/0 or ::/0) and no TSIG key is required. */
  TRANSFER_ACL_OPEN(Severity.WARNING),
  /**
   * The configuration still allows transfers from, or sends NOTIFY to, an address the provider
   * retired (its preset says since when).
   */
  PROVIDER_ADDRESS_RETIRED(Severity.WARNING),
  /**
   * The provider receives NOTIFY at an address (its preset says since when) that is not notified.
   */
  PROVIDER_NOTIFY_TARGET_MISSING(Severity.WARNING),
  /**
   * A configured secondary name server is one of the host's own (primary) name servers: it adds no
   * redundancy.
   */
  SECONDARY_IS_PRIMARY_NAME_SERVER(Severity.WARNING),
  /** A secondary's last transfer attempt broke off. */
  TRANSFER_FAILED(Severity.WARNING),
  /**
   * The provider transfers from one address family only (its transfer sources, else the transfer
   * ACL) and the primary's transfer endpoint has addresses of the other family only.
   */
  TRANSFER_SOURCES_CANNOT_REACH_ENDPOINT(Severity.WARNING),
  /** A NOTIFY target never answered. */
  NOTIFY_UNANSWERED(Severity.WARNING),
  /** A NOTIFY target answered with an error (REFUSED, NOTAUTH, ...). */
  NOTIFY_REFUSED(Severity.WARNING),
  /** A TSIG key uses a weak algorithm (hmac-sha1). */
  TSIG_WEAK_ALGORITHM(Severity.WARNING),
  /** A TSIG secret is shorter than the output of its hash function. */
  TSIG_SHORT_SECRET(Severity.WARNING),
  /** SOA EXPIRE is below one week (Zonemaster ZONE05). */
  SOA_EXPIRE_TOO_LOW(Severity.WARNING),
  /** SOA EXPIRE is below REFRESH (Zonemaster ZONE05). */
  SOA_EXPIRE_BELOW_REFRESH(Severity.WARNING),
  /** The XoT listener's certificate expires within 14 days. */
  XOT_CERTIFICATE_EXPIRES_SOON(Severity.WARNING),
  /** The XoT listener does not answer the zone's SOA (REFUSED, NOTAUTH, ...) over TLS. */
  XOT_ZONE_NOT_ANSWERED(Severity.WARNING),

  // ---- PENDING
  /** The saved configuration has not been applied by the primary yet. */
  CONFIGURATION_PROPAGATING(Severity.PENDING),
  /** A name server serves an older serial, within the SOA refresh plus retry after the change. */
  NAME_SERVER_PROPAGATING(Severity.PENDING),
  /**
   * The catalog zone lists the zone, a secondary does not serve it yet, and the listing is at most
   * the catalog's SOA refresh plus retry old. Reported instead of {@link #NAME_SERVER_LAME}.
   */
  CATALOG_MEMBER_PROPAGATING(Severity.PENDING),

  // ---- NOTICE
  /** SOA REFRESH is below 4 hours (Zonemaster ZONE02). */
  SOA_REFRESH_TOO_LOW(Severity.NOTICE),
  /** SOA RETRY is not below REFRESH (Zonemaster ZONE03). */
  SOA_RETRY_NOT_BELOW_REFRESH(Severity.NOTICE),
  /** SOA RETRY is below 1 hour (Zonemaster ZONE04). */
  SOA_RETRY_TOO_LOW(Severity.NOTICE),
  /** SOA MINIMUM (negative-caching TTL) is below 5 minutes (Zonemaster ZONE06). */
  SOA_MINIMUM_TOO_LOW(Severity.NOTICE),
  /** SOA MINIMUM (negative-caching TTL) is above 1 day (Zonemaster ZONE06). */
  SOA_MINIMUM_TOO_HIGH(Severity.NOTICE),
  /** No NOTIFY target is configured: secondaries learn of changes only by polling. */
  NOTIFY_NOT_CONFIGURED(Severity.NOTICE),

  // ---- INFO
  /**
   * The delegation lists name servers that are neither the primary's nor configured secondaries.
   */
  DELEGATION_UNKNOWN_NAME_SERVERS(Severity.INFO),
  /** A NOTIFY target answered NOTIMP: it relies on polling. */
  NOTIFY_NOT_SUPPORTED(Severity.INFO),
  /** Secondary DNS is disabled for the zone; only the delegation is checked. */
  SECONDARY_DNS_DISABLED(Severity.INFO),
  /** Not judged: the host did not say whether the zone is signed. */
  DNSSEC_STATE_UNKNOWN(Severity.INFO),
  /** Not judged: the host did not say which configuration revision the primary applied. */
  APPLIED_REVISION_UNKNOWN(Severity.INFO),
  /** Not judged: the host did not give the primary's SOA (serial and timers). */
  PRIMARY_SOA_UNKNOWN(Severity.INFO),
  /** Not judged: the host did not give its own (primary) name servers. */
  PRIMARY_NAME_SERVERS_UNKNOWN(Severity.INFO),
  /** Not judged: the primary's transfer addresses are unknown, needed for the IPv4-only check. */
  PRIMARY_TRANSFER_ADDRESSES_UNKNOWN(Severity.INFO),
  /** Not judged: the parent's delegation was not observed. */
  DELEGATION_NOT_OBSERVED(Severity.INFO),
  /** Not judged: the zone's apex NS set was not observed. */
  APEX_NS_NOT_OBSERVED(Severity.INFO),
  /** Not judged: a name server, or one of its addresses or transports, was not probed. */
  NAME_SERVER_NOT_PROBED(Severity.INFO),
  /** Not judged: no NOTIFY outcome is known for a target. */
  NOTIFY_OUTCOME_UNKNOWN(Severity.INFO),
  /**
   * Not judged: the configuration puts the zone in a catalog zone, but the host did not say whether
   * that catalog lists the zone.
   */
  CATALOG_LISTING_UNKNOWN(Severity.INFO),
  /**
   * Not judged: only the serials were compared. A name server serves the primary's serial, but
   * whether it serves the same data is unknown: no zone digest (ZONEMD) to compare and no zone
   * transfer allowed, or the primary's own digest unknown.
   */
  CONTENT_NOT_COMPARED(Severity.INFO),
  /** Not judged: the zone requires XoT, but the primary's XoT listener was not probed. */
  XOT_LISTENER_NOT_PROBED(Severity.INFO),
  /**
   * Not judged: the zone requires XoT, but the host did not say whether the secondary provider
   * pulls zones over TLS.
   */
  XOT_PROVIDER_SUPPORT_UNKNOWN(Severity.INFO);

  private final Severity severity;

  DiagnosticCode(Severity severity) {
    this.severity = severity;
  }

  /**
   * Returns the severity of every finding with this code.
   *
   * @return the severity
   */
  public Severity severity() {
    return severity;
  }

  /**
   * Tells whether this code says that something could not be judged for lack of an observation or
   * fact, rather than that something was found.
   *
   * @return true for the codes ending in {@code _UNKNOWN}, {@code _NOT_OBSERVED}, {@code
   *     _NOT_PROBED} and {@code _NOT_COMPARED}
   */
  public boolean isNotJudged() {
    String n = name();
    return n.endsWith("_UNKNOWN")
        || n.endsWith("_NOT_OBSERVED")
        || n.endsWith("_NOT_PROBED")
        || n.endsWith("_NOT_COMPARED");
  }
}
