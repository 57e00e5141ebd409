package io.github.secdns.testsupport.servers;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Name;

/**
 * knot.conf for Knot DNS 3.2 running unprivileged from a directory: rundir, storage, journal and
 * log inside it (knotd does not create the storage directory: {@link ServerKind} does). Knot logs
 * every incoming transfer as "IXFR, incoming" or "AXFR, incoming" at level info. A primary's
 * settings (ACL, NOTIFY, journal) sit in the default template, so many zones cost one clause each;
 * so do a secondary's of many zones ({@link ServerConfig#manyZoneSecondary()}: primary, ACLs, file,
 * journal), each zone one line. Knot 3.2 has no XoT: a TLS listener or a pull over TLS is refused.
 * A catalog consumer interprets its zone ({@code catalog-role: interpret}) with member templates,
 * as verified with Knot 3.2 on Debian 12.
 */
final class KnotConfig {

  static final String LOG = "knotd.log";

  /** The template of catalog members without a group this configuration knows. */
  static final String CATALOG_MEMBERS = "catalog-members";

  private KnotConfig() {}

  static String write(ServerConfig c) {
    if (c.tlsListener().isPresent() || c.primaryTls().isPresent()) {
      throw new IllegalArgumentException("Knot 3.2 has no zone transfer over TLS: " + c);
    }
    String d = c.directory().toString();
    StringBuilder conf = new StringBuilder();
    conf.append("server:\n")
        .append("    rundir: \"")
        .append(d)
        .append("\"\n")
        .append("    pidfile: \"")
        .append(d)
        .append("/knotd.pid\"\n")
        .append("    listen: ")
        .append(c.listenAddress().getHostAddress())
        .append('@')
        .append(c.port())
        .append('\n');
    if (c.role() == ServerConfig.Role.SECONDARY) {
      // Knot gives up an incoming transfer after 5 s without a message (tcp-remote-io-timeout);
      // a TransferGate holds transfers until every secondary is mid-transfer. Wait as NSD does
      // (tcp-timeout 120 s; BIND's max-transfer-idle-in is 60 min).
      conf.append("    tcp-remote-io-timeout: 120000\n");
    }
    if (c.workers() > 0) {
      workers(conf, c.workers(), c.workers(), c.workers());
    } else if (c.cores() > 0) {
      // Knot's own defaults for that many CPUs: at least 10 TCP workers, at most 10 background.
      workers(conf, c.cores(), Math.max(10, c.cores()), Math.min(10, c.cores()));
    }
    conf.append("log:\n  - target: \"")
        .append(d)
        .append('/')
        .append(LOG)
        .append("\"\n    any: ")
        .append(c.verboseLog() ? "info" : "warning")
        .append('\n')
        .append("database:\n    storage: \"")
        .append(d)
        .append("/db\"\n");
    String keyLine = c.key().map(k -> "    key: " + k.configName() + "\n").orElse("");
    c.key()
        .ifPresent(
            k ->
                conf.append("key:\n  - id: ")
                    .append(k.configName())
                    .append("\n    algorithm: ")
                    .append(TsigSecret.ALGORITHM)
                    .append("\n    secret: ")
                    .append(k.base64Secret())
                    .append('\n'));
    List<String> remotes = new ArrayList<>();
    StringBuilder remote = new StringBuilder();
    if (c.role() == ServerConfig.Role.SECONDARY) {
      InetSocketAddress p = c.primaryEndpoint();
      remote
          .append("  - id: primary\n    address: ")
          .append(p.getAddress().getHostAddress())
          .append('@')
          .append(p.getPort())
          // Source address of refresh queries and transfers: the ACL tests depend on it.
          .append("\n    via: ")
          .append(c.sourceAddress().getHostAddress())
          .append('\n')
          .append(keyLine);
      remotes.add("primary");
    } else {
      int i = 0;
      for (InetSocketAddress t : c.notifyTargets()) {
        String id = "notify" + i++;
        remote
            .append("  - id: ")
            .append(id)
            .append("\n    address: ")
            .append(t.getAddress().getHostAddress())
            .append('@')
            .append(t.getPort())
            .append('\n')
            .append(keyLine);
        remotes.add(id);
      }
    }
    if (remote.length() > 0) {
      conf.append("remote:\n").append(remote);
    }
    conf.append("acl:\n")
        .append("  - id: transfer_out\n    address: ")
        .append(list(c.transferAcl()))
        .append("\n    action: transfer\n");
    if (c.role() == ServerConfig.Role.PRIMARY) {
      conf.append(keyLine);
    } else {
      conf.append("  - id: notify_in\n    address: ")
          .append(list(c.notifyAcl()))
          .append("\n    action: notify\n")
          .append(c.signedNotifyOnly() ? keyLine : "");
    }
    conf.append("template:\n  - id: default\n    storage: \"")
        .append(d)
        .append("\"\n")
        // No zone file written behind the test's back; a secondary keeps the changes in its
        // journal (IXFR), a primary nothing.
        .append("    zonefile-sync: -1\n");
    if (c.role() == ServerConfig.Role.PRIMARY) {
      // What every zone of a primary shares is said once, in the default template: a host's
      // primary has one zone clause per zone and nothing else (see ServerConfig.primary).
      conf.append("    journal-content: none\n    semantic-checks: off\n");
      if (!remotes.isEmpty()) {
        conf.append("    notify: ").append(remotes).append('\n');
      }
      conf.append("    acl: [transfer_out]\nzone:\n");
      for (ServerConfig.PrimaryZone z : c.primaryZones()) {
        conf.append("  - domain: ")
            .append(z.name())
            .append("\n    file: \"")
            .append(z.file())
            .append("\"\n");
      }
    } else if (c.manyZoneSecondary()) {
      // A secondary of many zones: what they share (primary, ACLs, file, journal) is said once,
      // in the default template, and each zone is one line.
      conf.append("    file: \"%s.zone\"\n    journal-content: changes\n")
          .append("    master: primary\n    acl: [notify_in, transfer_out]\nzone:\n");
      for (Name zone : c.secondaryZones()) {
        conf.append("  - domain: ").append(zone).append('\n');
      }
    } else {
      conf.append("    file: \"%s.zone\"\n    journal-content: changes\n")
          .append(catalogTemplates(c))
          .append("zone:\n  - domain: ")
          .append(c.zone())
          .append("\n    master: primary\n    acl: [notify_in, transfer_out]\n");
      if (c.catalogConsumer()) {
        List<String> ids = new ArrayList<>();
        ids.add(CATALOG_MEMBERS);
        ids.addAll(c.catalogGroups());
        conf.append("    catalog-role: interpret\n    catalog-template: ").append(ids).append('\n');
      }
    }
    return conf.toString();
  }

  /**
   * The templates of a catalog's members: the first for members without a known group, then one per
   * group (its id is the group value), whose members are written to {@code <member>.<group>.zone}
   * at once, so that a test sees which template a member got.
   */
  private static String catalogTemplates(ServerConfig c) {
    if (!c.catalogConsumer()) {
      return "";
    }
    StringBuilder t = new StringBuilder();
    t.append(memberTemplate(c, CATALOG_MEMBERS, "-1", "%s.zone"));
    for (String group : c.catalogGroups()) {
      t.append(memberTemplate(c, group, "0", "%s." + group + ".zone"));
    }
    return t.toString();
  }

  private static String memberTemplate(ServerConfig c, String id, String sync, String file) {
    return "  - id: "
        + id
        + "\n    storage: \""
        + c.directory()
        + "\"\n    zonefile-sync: "
        + sync
        + "\n    file: \""
        + file
        + "\"\n    journal-content: changes\n    master: primary\n"
        + "    acl: [notify_in, transfer_out]\n";
  }

  private static void workers(StringBuilder conf, int udp, int tcp, int background) {
    conf.append("    udp-workers: ")
        .append(udp)
        .append("\n    tcp-workers: ")
        .append(tcp)
        .append("\n    background-workers: ")
        .append(background)
        .append('\n');
  }

  private static String list(List<String> prefixes) {
    return prefixes.size() == 1 ? prefixes.get(0) : prefixes.toString();
  }

  static List<String> command(Path conf) {
    return List.of(Binaries.knotd().toString(), "-c", conf.toString());
  }
}
