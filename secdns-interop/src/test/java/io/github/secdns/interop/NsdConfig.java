package io.github.secdns.interop;

import java.nio.file.Path;
import java.util.List;

/**
 * nsd.conf for NSD 4.6 running unprivileged from a temporary directory: no chroot, no user switch,
 * no database, no remote control, every file inside the directory.
 *
 * <p>NSD does not log whether a transfer was IXFR or AXFR. {@code store-ixfr: yes} makes it keep
 * the IXFR data it receives (never data computed from an AXFR, as {@code create-ixfr} is off), so
 * an IXFR query to the secondary answered incrementally proves it received an IXFR.
 */
final class NsdConfig {

  static final String LOG = "nsd.log";

  private NsdConfig() {}

  static String secondary(SecondarySettings s, Path dir) {
    String d = dir.toString();
    String ip = s.listenAddress().getHostAddress();
    String source = s.sourceAddress().getHostAddress();
    StringBuilder conf = new StringBuilder();
    conf.append("server:\n")
        .append("    ip-address: ")
        .append(ip)
        .append('@')
        .append(s.port())
        .append('\n')
        .append("    username: \"\"\n")
        .append("    chroot: \"\"\n")
        .append("    zonesdir: \"")
        .append(d)
        .append("\"\n")
        .append("    database: \"\"\n")
        .append("    zonelistfile: \"")
        .append(d)
        .append("/zone.list\"\n")
        .append("    xfrdfile: \"")
        .append(d)
        .append("/xfrd.state\"\n")
        .append("    xfrdir: \"")
        .append(d)
        .append("\"\n")
        .append("    pidfile: \"")
        .append(d)
        .append("/nsd.pid\"\n")
        .append("    logfile: \"")
        .append(d)
        .append('/')
        .append(LOG)
        .append("\"\n")
        .append("    verbosity: 2\n")
        .append("    server-count: 1\n")
        .append("remote-control:\n")
        .append("    control-enable: no\n");
    String keyName = s.tsig().map(TsigSecret::configName).orElse("NOKEY");
    s.tsig()
        .ifPresent(
            k ->
                conf.append("key:\n")
                    .append("    name: \"")
                    .append(k.configName())
                    .append("\"\n")
                    .append("    algorithm: ")
                    .append(TsigSecret.ALGORITHM)
                    .append('\n')
                    .append("    secret: \"")
                    .append(k.base64Secret())
                    .append("\"\n"));
    conf.append("zone:\n")
        .append("    name: \"")
        .append(Names.configName(s.zone()))
        .append("\"\n")
        .append("    zonefile: \"secondary.zone\"\n")
        .append("    allow-notify: 127.0.0.0/8 NOKEY\n")
        .append("    request-xfr: ")
        .append(s.primary().getAddress().getHostAddress())
        .append('@')
        .append(s.primary().getPort())
        .append(' ')
        .append(keyName)
        .append('\n')
        // Source address of refresh queries and transfers: the ACL tests depend on it.
        .append("    outgoing-interface: ")
        .append(source)
        .append('\n')
        .append("    provide-xfr: 127.0.0.0/8 NOKEY\n")
        .append("    store-ixfr: yes\n");
    return conf.toString();
  }

  static List<String> command(Path conf) {
    // -d: stay in the foreground so the process id is the test's.
    return List.of(Binaries.nsd().toString(), "-d", "-c", conf.toString());
  }
}
