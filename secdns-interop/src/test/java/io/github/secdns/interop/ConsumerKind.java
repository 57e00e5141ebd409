package io.github.secdns.interop;

import io.github.secdns.testsupport.servers.ServerKind;
import java.util.regex.Pattern;
import org.xbill.DNS.Name;

/**
 * The catalog consumers of Debian 12 (RFC 9432, schema version 2): BIND 9.18, Knot 3.2 and PowerDNS
 * 4.7 (NSD 4.6 cannot consume catalogs), with what the catalog tests read in their logs about one
 * member zone, and whether they keep the letter case of names (BIND does; Knot and PowerDNS store
 * names in lower case, so their read-back is compared with names folded).
 */
enum ConsumerKind {
  /** named: members in {@code catalog-zones}, IXFR for members as for any secondary zone. */
  BIND(
      ServerKind.BIND,
      true,
      // "transfer of 'm4.catalog.test/IN' from 127.0.0.1#20000: got incremental response".
      "transfer of '%s/IN' from [^\\n]*: got incremental response",
      // "zone m4.catalog.test/IN: transferred serial 2".
      "zone %s/IN: transferred serial %d\\b"),
  /** knotd: catalog-role interpret with templates; IXFR for members as for any zone. */
  KNOT(
      ServerKind.KNOT,
      false,
      // "[m4.catalog.test.] IXFR, incoming, remote 127.0.0.1@20000, finished, ...".
      "\\[%s\\.\\] IXFR, incoming, remote [^\\n]*, finished",
      // "[m4.catalog.test.] refresh, remote ..., zone updated, 0.01 seconds, serial 1 -> 2".
      "\\[%s\\.\\] refresh, [^\\n]*serial (?:none|\\d+) -> %d\\b"),
  /**
   * pdns_server with gsqlite3: kind consumer. It asks for IXFR only for zones whose metadata says
   * so, and a catalog's members have none: they change by AXFR (so does the catalog, see {@link
   * #asksForIxfr}).
   */
  POWERDNS(
      ServerKind.POWERDNS,
      false,
      "IXFR-in zone: '%s', primary: [^\\n]*, zone committed with serial",
      // "AXFR-in zone: 'm4.catalog.test', primary: '127.0.0.1', zone committed with serial 2".
      "XFR-in zone: '%s', primary: [^\\n]*, zone committed with serial %d\\b");

  private final ServerKind server;
  private final boolean keepsNameCase;
  private final String incremental;
  private final String updatedTo;

  ConsumerKind(ServerKind server, boolean keepsNameCase, String incremental, String updatedTo) {
    this.server = server;
    this.keepsNameCase = keepsNameCase;
    this.incremental = incremental;
    this.updatedTo = updatedTo;
  }

  ServerKind server() {
    return server;
  }

  boolean keepsNameCase() {
    return keepsNameCase;
  }

  /**
   * Whether it transfers changes of the catalog and its members by IXFR: BIND and Knot do; PowerDNS
   * 4.7 does not (members get no IXFR metadata, and an IXFR of a consumer zone fails there).
   */
  boolean asksForIxfr() {
    return this != POWERDNS;
  }

  /** A log line saying a transfer of {@code zone} was incremental. */
  Pattern incrementalTransferOf(Name zone) {
    return Pattern.compile(String.format(incremental, Pattern.quote(configName(zone))));
  }

  /** A log line saying {@code zone} now holds {@code serial}. */
  Pattern updated(Name zone, long serial) {
    return Pattern.compile(String.format(updatedTo, Pattern.quote(configName(zone)), serial));
  }

  private static String configName(Name zone) {
    String text = zone.toString();
    return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
  }
}
