package io.github.secdns.testsupport.servers;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.stream.Collectors;
import org.xbill.DNS.Name;

/**
 * named.conf for BIND 9.18 running unprivileged from a directory: no rndc channel, one listener,
 * every file (pid, session key, managed keys, zone, journal, log) inside the directory. With a
 * verbose log the channel runs at debug level 3, where named 9.18 says "got incremental response"
 * (IXFR) or "got nonincremental response" (AXFR). A catalog consumer has a {@code catalog-zones}
 * statement (verified with BIND 9.18 on Debian 12).
 *
 * <p>A secondary of many zones ({@link ServerConfig#manyZoneSecondary()}) names its primary once,
 * in a {@code primaries} list that every zone clause refers to, keeps each zone in its own file
 * {@code <zone>.db}, and raises BIND's SOA query rate, which is set for a few zones (below).
 *
 * <p>Over TLS (XoT, BIND ARM 9.18 "tls" statement): a {@link TlsListener} becomes a {@code tls}
 * clause with the certificate, TLS 1.3 only, and a second {@code listen-on} with {@code tls}; a
 * {@link PrimaryTls} becomes a {@code tls} clause with {@code ca-file} and {@code remote-hostname}
 * (strict), {@code cert-file} and {@code key-file} (mutual) or nothing (opportunistic), named in
 * the {@code primaries} entry.
 */
final class NamedConfig {

  static final String LOG = "named.log";

  /** Where named keeps the member zones of a catalog it consumes (it does not create it). */
  static final String CATALOG_DIRECTORY = "catzones";

  /** The {@code primaries} list a secondary of many zones names its primary in, once. */
  static final String PRIMARIES = "zone-primary";

  private NamedConfig() {}

  static String write(ServerConfig c) {
    String d = c.directory().toString();
    boolean v6 = c.listenAddress() instanceof Inet6Address;
    String ip = c.listenAddress().getHostAddress();
    StringBuilder conf = new StringBuilder();
    c.tlsListener().ifPresent(t -> conf.append(tlsClause(t)));
    c.primaryTls().ifPresent(t -> conf.append(tlsClause(t)));
    conf.append("options {\n")
        .append("  directory \"")
        .append(d)
        .append("\";\n")
        .append("  pid-file \"")
        .append(d)
        .append("/named.pid\";\n")
        .append("  session-keyfile \"")
        .append(d)
        .append("/session.key\";\n")
        .append("  managed-keys-directory \"")
        .append(d)
        .append("\";\n")
        .append(
            v6
                ? "  listen-on { none; };\n  listen-on-v6 port " + c.port() + " { " + ip + "; };\n"
                : "  listen-on port "
                    + c.port()
                    + " { "
                    + ip
                    + "; };\n  listen-on-v6 { none; };\n");
    c.tlsListener()
        .ifPresent(
            t ->
                conf.append(v6 ? "  listen-on-v6 port " : "  listen-on port ")
                    .append(t.port())
                    .append(" tls \"")
                    .append(TlsListener.NAMED_TLS_NAME)
                    .append("\" { ")
                    .append(ip)
                    .append("; };\n"));
    conf.append("  recursion no;\n")
        .append("  allow-query { any; };\n")
        .append("  dnssec-validation no;\n")
        .append("  allow-transfer ")
        .append(transferAcl(c))
        .append(";\n");
    if (c.role() == ServerConfig.Role.PRIMARY) {
      conf.append("  notify ")
          .append(c.notifyTargets().isEmpty() ? "no" : "explicit")
          .append(";\n")
          .append("  notify-delay 0;\n");
      if (!c.notifyTargets().isEmpty()) {
        conf.append("  also-notify { ").append(notifyTargets(c)).append("};\n");
      }
      // IXFR from the differences between two versions of the zone file; and named's checks
      // relaxed: the generated zones are data to transfer, not zones to publish.
      conf.append("  ixfr-from-differences yes;\n")
          .append("  check-names primary ignore;\n")
          .append("  check-integrity no;\n")
          .append("  check-mx ignore;\n")
          .append("  check-mx-cname ignore;\n")
          .append("  check-srv-cname ignore;\n")
          .append("  check-wildcard no;\n")
          .append("  check-sibling no;\n");
    } else {
      String source = c.sourceAddress().getHostAddress();
      conf.append("  notify no;\n")
          .append("  allow-notify { ")
          .append(
              c.signedNotifyOnly()
                  ? "key \"" + c.key().orElseThrow().configName() + "\";"
                  : acl(c.notifyAcl()))
          .append(" };\n")
          // Source address of refresh queries and transfers: the ACL tests depend on it.
          .append(
              c.sourceAddress() instanceof Inet6Address
                  ? "  transfer-source-v6 "
                  : "  transfer-source ")
          .append(source)
          .append(";\n")
          .append("  check-names secondary ignore;\n");
      if (c.catalogConsumer()) {
        // Members come from the catalog's primary with its key; they inherit the options above
        // (allow-notify, transfer-source, allow-transfer). min-update-interval 1: the default of
        // 5 s would only slow the test down.
        conf.append("  catalog-zones {\n    zone \"")
            .append(ZoneNames.configName(c.zone()))
            .append("\" default-primaries { ")
            .append(primaryWithKey(c))
            .append("; } in-memory no zone-directory \"")
            .append(CATALOG_DIRECTORY)
            .append("\" min-update-interval 1;\n  };\n")
            // A catalog brings every member from one primary at once. BIND's defaults (2
            // transfers per primary, 10 in all, 20 SOA queries a second) provision a catalog of
            // 10,000 members in about 9 minutes and queue a new member behind that; an operator
            // consuming a large catalog raises them, and so does the harness.
            .append("  transfers-in 100;\n  transfers-per-ns 100;\n  serial-query-rate 1000;\n");
      }
      if (c.manyZoneSecondary()) {
        // What a secondary's operator raises to pull a DNS host's many zones from one primary:
        // BIND sends at most 20 SOA queries a second by default (serial-query-rate: the first
        // check of each zone, and the check each NOTIFY asks for), so it pulls 1,000 zones in
        // about 50 s (measured: 50.1 s; with 1000 a second, 4.3 s), and a change NOTIFYed
        // meanwhile waits behind those checks (47.8 s for 20 changed zones). Its 2 transfers at a
        // time from one primary (transfers-per-ns) made no difference for small zones.
        conf.append("  serial-query-rate 1000;\n");
      }
    }
    conf.append("};\n")
        .append("controls { };\n")
        .append("logging {\n")
        .append("  channel server_log { file \"")
        .append(d)
        .append('/')
        .append(LOG)
        .append("\"; severity ")
        .append(c.verboseLog() ? "debug 3" : "warning")
        .append("; print-time yes; print-category yes; print-severity yes; };\n")
        .append("  category default { server_log; };\n")
        .append("};\n");
    c.key()
        .ifPresent(
            k ->
                conf.append("key \"")
                    .append(k.configName())
                    .append("\" {\n  algorithm ")
                    .append(TsigSecret.ALGORITHM)
                    .append(";\n  secret \"")
                    .append(k.base64Secret())
                    .append("\";\n};\n"));
    if (c.role() == ServerConfig.Role.PRIMARY) {
      // The shared settings are options above; each zone only names its file.
      for (ServerConfig.PrimaryZone z : c.primaryZones()) {
        conf.append("zone \"")
            .append(ZoneNames.configName(z.name()))
            .append("\" {\n  type primary;\n  file \"")
            .append(z.file())
            .append("\";\n};\n");
      }
    } else if (c.manyZoneSecondary()) {
      // The primary is named once; each zone refers to it and names its own file.
      conf.append("primaries \"")
          .append(PRIMARIES)
          .append("\" { ")
          .append(primaryWithKey(c))
          .append("; };\n");
      for (Name zone : c.secondaryZones()) {
        String name = ZoneNames.configName(zone);
        conf.append("zone \"")
            .append(name)
            .append("\" {\n  type secondary;\n  primaries { ")
            .append(PRIMARIES)
            .append("; };\n");
        if (!c.zoneInMemory()) {
          conf.append("  file \"").append(name).append(".db\";\n  masterfile-format text;\n");
        }
        conf.append("};\n");
      }
    } else {
      conf.append("zone \"").append(ZoneNames.configName(c.zone())).append("\" {\n");
      conf.append("  type secondary;\n")
          .append("  primaries { ")
          .append(primaryWithKey(c))
          .append("; };\n");
      if (!c.zoneInMemory()) {
        conf.append("  file \"secondary.db\";\n  masterfile-format text;\n");
      }
      conf.append("};\n");
    }
    return conf.toString();
  }

  /**
   * The primary of a secondary, with its key and TLS when there are: a zone's {@code primaries}
   * entry, and the {@code default-primaries} of a catalog's members.
   */
  private static String primaryWithKey(ServerConfig c) {
    return c.primaryEndpoints().stream()
        .map(
            p ->
                p.getAddress().getHostAddress()
                    + " port "
                    + p.getPort()
                    + c.key().map(k -> " key \"" + k.configName() + "\"").orElse("")
                    + (c.primaryTls().isPresent() ? " tls \"" + PrimaryTls.TLS_NAME + "\"" : ""))
        .collect(java.util.stream.Collectors.joining("; "));
  }

  /** The certificate and key a TLS listener presents; TLS 1.3 only, as RFC 9103 requires. */
  private static String tlsClause(TlsListener t) {
    return "tls \""
        + TlsListener.NAMED_TLS_NAME
        + "\" {\n  cert-file \""
        + t.certificateChain()
        + "\";\n  key-file \""
        + t.privateKey()
        + "\";\n  protocols { TLSv1.3; };\n};\n";
  }

  /** How a secondary authenticates its primary; empty for opportunistic TLS. */
  private static String tlsClause(PrimaryTls t) {
    StringBuilder clause = new StringBuilder("tls \"").append(PrimaryTls.TLS_NAME).append("\" {\n");
    t.certificateAuthorities()
        .ifPresent(ca -> clause.append("  ca-file \"").append(ca).append("\";\n"));
    t.hostName().ifPresent(h -> clause.append("  remote-hostname \"").append(h).append("\";\n"));
    t.clientCertificate()
        .ifPresent(cert -> clause.append("  cert-file \"").append(cert).append("\";\n"));
    t.clientKey().ifPresent(key -> clause.append("  key-file \"").append(key).append("\";\n"));
    return clause.append("};\n").toString();
  }

  /**
   * The transfer ACL; with a key, address AND key (the usual named idiom: deny what is outside the
   * ACL, then allow what is signed with the key).
   */
  private static String transferAcl(ServerConfig c) {
    String acl = acl(c.transferAcl());
    return c.role() == ServerConfig.Role.PRIMARY && c.key().isPresent()
        ? "{ !{ !{ " + acl + " }; any; }; key \"" + c.key().get().configName() + "\"; }"
        : "{ " + acl + " }";
  }

  private static String acl(List<String> prefixes) {
    return prefixes.stream().map(p -> p + ";").collect(Collectors.joining(" "));
  }

  private static String notifyTargets(ServerConfig c) {
    StringBuilder out = new StringBuilder();
    for (InetSocketAddress t : c.notifyTargets()) {
      out.append(t.getAddress().getHostAddress()).append(" port ").append(t.getPort());
      c.key().ifPresent(k -> out.append(" key \"").append(k.configName()).append('"'));
      out.append("; ");
    }
    return out.toString();
  }

  static List<String> command(ServerConfig c, java.nio.file.Path conf) {
    // -f: foreground with the configured logging (-g would force logging to stderr).
    int threads = c.workers() > 0 ? c.workers() : c.cores();
    return threads > 0
        ? List.of(
            Binaries.named().toString(),
            "-f",
            "-n",
            Integer.toString(threads),
            "-c",
            conf.toString())
        : List.of(Binaries.named().toString(), "-f", "-c", conf.toString());
  }
}
