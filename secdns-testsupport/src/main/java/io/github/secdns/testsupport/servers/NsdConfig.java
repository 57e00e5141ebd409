package io.github.secdns.testsupport.servers;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import org.xbill.DNS.Name;

/**
 * nsd.conf for NSD 4.6 running unprivileged from a directory: no chroot, no user switch, no
 * database, no remote control, every file inside the directory.
 *
 * <p>NSD does not log whether a transfer was IXFR or AXFR. A secondary has {@code store-ixfr: yes}:
 * it keeps the IXFR data it receives (never data computed from an AXFR, as {@code create-ixfr} is
 * off), so an IXFR query to it answered incrementally proves it received an IXFR.
 *
 * <p>What every zone of a primary shares sits in a pattern; so does what every zone of a secondary
 * of many zones ({@link ServerConfig#manyZoneSecondary()}) shares, each zone in its own file; NSD's
 * own defaults stay. Two of them shape what a primary of many zones sees (measured with NSD 4.6.1,
 * Debian 12): xfrd transfers over at most 128 TCP connections ({@code xfrd-tcp-max}) and pipelines
 * the other zones' requests on them ({@code xfrd-tcp-pipeline}, up to 128 per connection); and the
 * response rate limiting Debian's build has on ({@code rrl-ratelimit} 200 answers a second per /24)
 * also limits its NOTIFY answers, which carry no records and share one bucket per primary: above
 * 200 NOTIFYs a second from one primary, answers are dropped (the NOTIFY itself is acted on).
 *
 * <p>Over TLS (XoT): a secondary pulls in strict mode only, the one NSD 4.6 has ({@code
 * tls-cert-bundle} with the CAs, a {@code tls-auth} clause with {@code auth-domain-name}, named in
 * {@code request-xfr}); opportunistic and mutual TLS (client certificates in {@code tls-auth} came
 * with NSD 4.7) and a TLS listener are refused.
 */
final class NsdConfig {

  static final String LOG = "nsd.log";

  /** The pattern holding the settings every zone of a primary shares. */
  private static final String PRIMARY_PATTERN = "primary";

  /** The pattern holding the settings every zone of a secondary of many zones shares. */
  private static final String SECONDARY_PATTERN = "secondary";

  private NsdConfig() {}

  static String write(ServerConfig c) {
    if (c.catalogConsumer()) {
      throw new IllegalArgumentException(
          "NSD 4.6 (Debian 12) cannot consume a catalog zone; catalogs came with NSD 4.9");
    }
    if (c.tlsListener().isPresent()) {
      throw new IllegalArgumentException("nsd is not configured to serve over TLS here: " + c);
    }
    c.primaryTls()
        .filter(t -> !t.isStrict() || t.isMutual())
        .ifPresent(
            t -> {
              throw new IllegalArgumentException(
                  "NSD 4.6 pulls over TLS in strict mode only (CA file and host name, no client"
                      + " certificate): "
                      + t);
            });
    String d = c.directory().toString();
    String keyName = c.key().map(TsigSecret::configName).orElse("NOKEY");
    StringBuilder conf = new StringBuilder();
    conf.append("server:\n    ip-address: ")
        .append(c.listenAddress().getHostAddress())
        .append('@')
        .append(c.port())
        .append("\n    username: \"\"\n    chroot: \"\"\n    zonesdir: \"")
        .append(d)
        .append("\"\n    database: \"\"\n    zonelistfile: \"")
        .append(d)
        .append("/zone.list\"\n    xfrdfile: \"")
        .append(d)
        .append("/xfrd.state\"\n    xfrdir: \"")
        .append(d)
        .append("\"\n    pidfile: \"")
        .append(d)
        .append("/nsd.pid\"\n    logfile: \"")
        .append(d)
        .append('/')
        .append(LOG)
        .append("\"\n    verbosity: ")
        .append(c.verboseLog() ? 2 : 0)
        .append('\n');
    c.primaryTls()
        .flatMap(PrimaryTls::certificateAuthorities)
        .ifPresent(ca -> conf.append("    tls-cert-bundle: \"").append(ca).append("\"\n"));
    int servers = c.workers() > 0 ? c.workers() : c.cores();
    if (servers > 0) {
      conf.append("    server-count: ").append(servers).append('\n');
    }
    conf.append("remote-control:\n    control-enable: no\n");
    c.key()
        .ifPresent(
            k ->
                conf.append("key:\n    name: \"")
                    .append(k.configName())
                    .append("\"\n    algorithm: ")
                    .append(TsigSecret.ALGORITHM)
                    .append("\n    secret: \"")
                    .append(k.base64Secret())
                    .append("\"\n"));
    c.primaryTls()
        .ifPresent(
            t ->
                conf.append("tls-auth:\n    name: \"")
                    .append(PrimaryTls.TLS_NAME)
                    .append("\"\n    auth-domain-name: \"")
                    .append(t.hostName().orElseThrow())
                    .append("\"\n"));
    if (c.role() == ServerConfig.Role.PRIMARY) {
      // What every zone of a primary shares is said once, in a pattern: a host's primary has one
      // zone clause per zone that only names the zone and its file (see ServerConfig.primary).
      conf.append("pattern:\n    name: \"").append(PRIMARY_PATTERN).append("\"\n");
      for (String prefix : c.transferAcl()) {
        conf.append("    provide-xfr: ").append(prefix).append(' ').append(keyName).append('\n');
      }
      for (InetSocketAddress t : c.notifyTargets()) {
        conf.append("    notify: ")
            .append(t.getAddress().getHostAddress())
            .append('@')
            .append(t.getPort())
            .append(' ')
            .append(keyName)
            .append('\n');
      }
      for (ServerConfig.PrimaryZone z : c.primaryZones()) {
        conf.append("zone:\n    name: \"")
            .append(ZoneNames.configName(z.name()))
            .append("\"\n    zonefile: \"")
            .append(z.file())
            .append("\"\n    include-pattern: \"")
            .append(PRIMARY_PATTERN)
            .append("\"\n");
      }
    } else if (c.manyZoneSecondary()) {
      // A secondary of many zones: what they share is said once, in a pattern, each zone in its
      // own file (%s: the zone's name); a zone clause only names the zone and the pattern.
      conf.append("pattern:\n    name: \"").append(SECONDARY_PATTERN).append("\"\n");
      conf.append("    zonefile: \"%s.zone\"\n");
      secondarySettings(conf, c, keyName);
      for (Name zone : c.secondaryZones()) {
        conf.append("zone:\n    name: \"")
            .append(ZoneNames.configName(zone))
            .append("\"\n    include-pattern: \"")
            .append(SECONDARY_PATTERN)
            .append("\"\n");
      }
    } else {
      conf.append("zone:\n    name: \"").append(ZoneNames.configName(c.zone())).append("\"\n");
      conf.append("    zonefile: \"secondary.zone\"\n");
      secondarySettings(conf, c, keyName);
    }
    return conf.toString();
  }

  /** What a secondary zone is told, in its zone clause or in the pattern of many zones. */
  private static void secondarySettings(StringBuilder conf, ServerConfig c, String keyName) {
    InetSocketAddress p = c.primaryEndpoint();
    for (String prefix : c.notifyAcl()) {
      conf.append("    allow-notify: ")
          .append(prefix)
          .append(' ')
          .append(c.signedNotifyOnly() ? keyName : "NOKEY")
          .append('\n');
    }
    conf.append("    request-xfr: ")
        .append(p.getAddress().getHostAddress())
        .append('@')
        .append(p.getPort())
        .append(' ')
        .append(keyName)
        .append(c.primaryTls().isPresent() ? " " + PrimaryTls.TLS_NAME : "")
        .append('\n')
        // Source address of refresh queries and transfers: the ACL tests depend on it.
        .append("    outgoing-interface: ")
        .append(c.sourceAddress().getHostAddress())
        .append('\n');
    for (String prefix : c.transferAcl()) {
      conf.append("    provide-xfr: ").append(prefix).append(" NOKEY\n");
    }
    conf.append("    store-ixfr: yes\n");
  }

  static List<String> command(Path conf) {
    // -d: stay in the foreground so the process id is the caller's.
    return List.of(Binaries.nsd().toString(), "-d", "-c", conf.toString());
  }
}
