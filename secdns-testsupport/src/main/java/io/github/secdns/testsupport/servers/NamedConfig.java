package io.github.secdns.testsupport.servers;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.stream.Collectors;

/**
 * named.conf for BIND 9.18 running unprivileged from a directory: no rndc channel, one listener,
 * every file (pid, session key, managed keys, zone, journal, log) inside the directory. With a
 * verbose log the channel runs at debug level 3, where named 9.18 says "got incremental response"
 * (IXFR) or "got nonincremental response" (AXFR).
 */
final class NamedConfig {

  static final String LOG = "named.log";

  private NamedConfig() {}

  static String write(ServerConfig c) {
    String d = c.directory().toString();
    boolean v6 = c.listenAddress() instanceof Inet6Address;
    String ip = c.listenAddress().getHostAddress();
    StringBuilder conf = new StringBuilder();
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
                : "  listen-on port " + c.port() + " { " + ip + "; };\n  listen-on-v6 { none; };\n")
        .append("  recursion no;\n")
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
    conf.append("zone \"").append(ZoneNames.configName(c.zone())).append("\" {\n");
    if (c.role() == ServerConfig.Role.PRIMARY) {
      conf.append("  type primary;\n  file \"").append(c.zoneFile()).append("\";\n");
    } else {
      InetSocketAddress p = c.primaryEndpoint();
      conf.append("  type secondary;\n")
          .append("  primaries { ")
          .append(p.getAddress().getHostAddress())
          .append(" port ")
          .append(p.getPort())
          .append(c.key().map(k -> " key \"" + k.configName() + "\"").orElse(""))
          .append("; };\n");
      if (!c.zoneInMemory()) {
        conf.append("  file \"secondary.db\";\n  masterfile-format text;\n");
      }
    }
    conf.append("};\n");
    return conf.toString();
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
    return c.workers() > 0
        ? List.of(
            Binaries.named().toString(),
            "-f",
            "-n",
            Integer.toString(c.workers()),
            "-c",
            conf.toString())
        : List.of(Binaries.named().toString(), "-f", "-c", conf.toString());
  }
}
