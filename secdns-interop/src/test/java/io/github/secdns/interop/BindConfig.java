package io.github.secdns.interop;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * named.conf for BIND 9.18 running unprivileged from a temporary directory: no rndc channel, no
 * IPv6 listener, every file (pid, session key, managed keys, zone, journal, log) inside the
 * directory. The log channel runs at debug level 3 because that is where named 9.18 says "got
 * incremental response" (IXFR) or "got nonincremental response" (AXFR).
 */
final class BindConfig {

  static final String LOG = "named.log";

  private BindConfig() {}

  static String secondary(SecondarySettings s, Path dir) {
    String ip = s.listenAddress().getHostAddress();
    String source = s.sourceAddress().getHostAddress();
    StringBuilder conf = new StringBuilder();
    conf.append(
        options(
            dir,
            ip,
            s.port(),
            "  notify no;\n"
                + "  allow-transfer { 127.0.0.0/8; };\n"
                + "  allow-notify { 127.0.0.0/8; };\n"
                // Source address of refresh queries and transfers: the ACL tests depend on it.
                + "  transfer-source "
                + source
                + ";\n"
                + "  check-names secondary ignore;\n"));
    s.tsig().ifPresent(k -> conf.append(key(k)));
    String keyClause = s.tsig().map(k -> " key \"" + k.configName() + "\"").orElse("");
    conf.append("zone \"")
        .append(Names.configName(s.zone()))
        .append("\" {\n")
        .append("  type secondary;\n")
        .append("  primaries { ")
        .append(s.primary().getAddress().getHostAddress())
        .append(" port ")
        .append(s.primary().getPort())
        .append(keyClause)
        .append("; };\n")
        .append("  file \"secondary.db\";\n")
        .append("  masterfile-format text;\n")
        .append("};\n");
    return conf.toString();
  }

  /**
   * A primary serving {@code zoneFile}, with IXFR computed from the differences between two
   * versions of the file (ixfr-from-differences), NOTIFY sent at once to the given targets.
   */
  static String primary(
      String zone,
      String listenAddress,
      int port,
      List<String> transferAcl,
      Optional<TsigSecret> tsig,
      List<InetSocketAddress> notifyTargets,
      Path dir) {
    String acl = String.join("; ", transferAcl) + ";";
    StringBuilder notify = new StringBuilder();
    for (InetSocketAddress t : notifyTargets) {
      notify
          .append(t.getAddress().getHostAddress())
          .append(" port ")
          .append(t.getPort())
          .append("; ");
    }
    // With a key: address AND key (the usual named idiom: deny what is outside the ACL, then
    // allow what is signed with the key).
    String allowTransfer =
        tsig.map(k -> "{ !{ !{ " + acl + " }; any; }; key \"" + k.configName() + "\"; }")
            .orElse("{ " + acl + " }");
    StringBuilder conf = new StringBuilder();
    conf.append(
        options(
            dir,
            listenAddress,
            port,
            "  notify explicit;\n"
                + "  notify-delay 0;\n"
                + (notifyTargets.isEmpty() ? "" : "  also-notify { " + notify + "};\n")
                + "  allow-transfer "
                + allowTransfer
                + ";\n"
                + "  ixfr-from-differences yes;\n"
                + "  check-names primary ignore;\n"
                + "  check-integrity no;\n"
                + "  check-mx ignore;\n"
                + "  check-mx-cname ignore;\n"
                + "  check-srv-cname ignore;\n"
                + "  check-wildcard no;\n"
                + "  check-sibling no;\n"));
    tsig.ifPresent(k -> conf.append(key(k)));
    conf.append("zone \"")
        .append(zone)
        .append("\" {\n")
        .append("  type primary;\n")
        .append("  file \"primary.zone\";\n")
        .append("};\n");
    return conf.toString();
  }

  private static String options(Path dir, String ip, int port, String extra) {
    String d = dir.toString();
    return "options {\n"
        + "  directory \""
        + d
        + "\";\n"
        + "  pid-file \""
        + d
        + "/named.pid\";\n"
        + "  session-keyfile \""
        + d
        + "/session.key\";\n"
        + "  managed-keys-directory \""
        + d
        + "\";\n"
        + "  listen-on port "
        + port
        + " { "
        + ip
        + "; };\n"
        + "  listen-on-v6 { none; };\n"
        + "  recursion no;\n"
        + "  allow-query { any; };\n"
        + "  dnssec-validation no;\n"
        + extra
        + "};\n"
        + "controls { };\n"
        + "logging {\n"
        + "  channel server_log { file \""
        + d
        + "/"
        + LOG
        + "\"; severity debug 3;"
        + " print-time yes; print-category yes; print-severity yes; };\n"
        + "  category default { server_log; };\n"
        + "};\n";
  }

  private static String key(TsigSecret k) {
    return "key \""
        + k.configName()
        + "\" {\n  algorithm "
        + TsigSecret.ALGORITHM
        + ";\n"
        + "  secret \""
        + k.base64Secret()
        + "\";\n};\n";
  }

  static List<String> command(Path conf) {
    // -f: foreground with the configured logging (-g would force logging to stderr);
    // -n 1: one worker thread, the machine has 2 cores shared with the build.
    return List.of(Binaries.named().toString(), "-f", "-n", "1", "-c", conf.toString());
  }
}
