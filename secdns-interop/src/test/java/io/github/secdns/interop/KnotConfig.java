package io.github.secdns.interop;

import java.nio.file.Path;
import java.util.List;

/**
 * knot.conf for Knot DNS 3.2 running unprivileged from a temporary directory: rundir, storage,
 * journal and log inside it (knotd does not create the storage directory: the harness does). Knot
 * logs every incoming transfer as "IXFR, incoming" or "AXFR, incoming" at level info.
 */
final class KnotConfig {

  static final String LOG = "knotd.log";

  private KnotConfig() {}

  static String secondary(SecondarySettings s, Path dir) {
    String d = dir.toString();
    String ip = s.listenAddress().getHostAddress();
    String source = s.sourceAddress().getHostAddress();
    StringBuilder conf = new StringBuilder();
    conf.append("server:\n")
        .append("    rundir: \"")
        .append(d)
        .append("\"\n")
        .append("    pidfile: \"")
        .append(d)
        .append("/knotd.pid\"\n")
        .append("    listen: ")
        .append(ip)
        .append('@')
        .append(s.port())
        .append('\n')
        .append("    udp-workers: 1\n")
        .append("    tcp-workers: 1\n")
        .append("    background-workers: 1\n")
        .append("log:\n")
        .append("  - target: \"")
        .append(d)
        .append('/')
        .append(LOG)
        .append("\"\n")
        .append("    any: info\n")
        .append("database:\n")
        .append("    storage: \"")
        .append(d)
        .append("/db\"\n");
    s.tsig()
        .ifPresent(
            k ->
                conf.append("key:\n")
                    .append("  - id: ")
                    .append(k.configName())
                    .append('\n')
                    .append("    algorithm: ")
                    .append(TsigSecret.ALGORITHM)
                    .append('\n')
                    .append("    secret: ")
                    .append(k.base64Secret())
                    .append('\n'));
    conf.append("remote:\n")
        .append("  - id: primary\n")
        .append("    address: ")
        .append(s.primary().getAddress().getHostAddress())
        .append('@')
        .append(s.primary().getPort())
        .append('\n')
        // Source address of refresh queries and transfers: the ACL tests depend on it.
        .append("    via: ")
        .append(source)
        .append('\n');
    s.tsig().ifPresent(k -> conf.append("    key: ").append(k.configName()).append('\n'));
    conf.append("acl:\n")
        .append("  - id: notify_from_loopback\n")
        .append("    address: 127.0.0.0/8\n")
        .append("    action: notify\n")
        .append("  - id: transfer_to_loopback\n")
        .append("    address: 127.0.0.0/8\n")
        .append("    action: transfer\n")
        .append("template:\n")
        .append("  - id: default\n")
        .append("    storage: \"")
        .append(d)
        .append("\"\n")
        .append("    file: \"%s.zone\"\n")
        .append("zone:\n")
        .append("  - domain: ")
        .append(s.zone())
        .append('\n')
        .append("    master: primary\n")
        .append("    acl: [notify_from_loopback, transfer_to_loopback]\n")
        // Keep the zone in the journal only: no zone file written behind the test's back.
        .append("    zonefile-sync: -1\n")
        .append("    journal-content: changes\n");
    return conf.toString();
  }

  static List<String> command(Path conf) {
    return List.of(Binaries.knotd().toString(), "-c", conf.toString());
  }
}
