package io.github.secdns.testsupport.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;

/**
 * pdns.conf for the PowerDNS Authoritative Server 4.7 running unprivileged from a directory as a
 * secondary (the only role the harness gives it), with the gsqlite3 backend: its database in the
 * directory, created from the backend's schema, the zone added with pdnsutil before the server
 * starts (a catalog as kind {@code consumer}; with a key, the key imported and named in the zone's
 * {@code AXFR-MASTER-TSIG}). No guardian, no daemon, no web server; the log goes to the console
 * (verbose: level 6, where it says "AXFR-in ... zone committed with serial N" and "Catalog-Zone
 * create zone"). Verified with PowerDNS 4.7.3 on Debian 12.
 *
 * <p>What PowerDNS 4.7 cannot do, the writer refuses: a primary, requiring signed NOTIFY, TLS. It
 * applies no TSIG to member zones of a catalog (PowerDNS/pdns#13682): the primary must allow its
 * address to transfer them without a key. Members get no IXFR metadata, so their changes arrive by
 * AXFR; and the catalog itself must not have it either (see {@link #initialize}).
 */
final class PowerDnsConfig {

  /** pdns_server logs to its standard error, which the launcher keeps in console.log. */
  static final String LOG = "console.log";

  static final String CONFIG_FILE = "pdns.conf";
  static final String DATABASE = "pdns.sqlite3";

  /** Where Debian's pdns-backend-sqlite3 puts the schema (the second is in the docs). */
  private static final List<Path> SCHEMAS =
      List.of(
          Path.of("/usr/share/pdns-backend-sqlite3/schema/schema.sqlite3.sql"),
          Path.of("/usr/share/doc/pdns-backend-sqlite3/schema.sqlite3.sql"));

  private static final long TOOL_TIMEOUT_SECONDS = 60;

  private PowerDnsConfig() {}

  static String write(ServerConfig c) {
    if (c.role() != ServerConfig.Role.SECONDARY) {
      throw new IllegalArgumentException("the harness runs PowerDNS as a secondary only");
    }
    if (c.signedNotifyOnly()) {
      throw new IllegalArgumentException("PowerDNS 4.7 cannot require a signed NOTIFY");
    }
    if (c.manyZoneSecondary()) {
      // Its zones are added to its database one by one (initialize): the harness adds one.
      throw new IllegalArgumentException("the harness runs PowerDNS as a secondary of one zone");
    }
    if (c.tlsListener().isPresent() || c.primaryTls().isPresent()) {
      throw new IllegalArgumentException(
          "PowerDNS 4.7 has no zone transfer over TLS (PowerDNS/pdns#9776)");
    }
    String d = c.directory().toString();
    StringBuilder conf = new StringBuilder();
    conf.append("launch=gsqlite3\n")
        .append("gsqlite3-database=")
        .append(d)
        .append('/')
        .append(DATABASE)
        .append('\n')
        .append("local-address=")
        .append(c.listenAddress().getHostAddress())
        .append('\n')
        .append("local-port=")
        .append(c.port())
        .append('\n')
        .append("socket-dir=")
        .append(d)
        .append('\n')
        .append("guardian=no\ndaemon=no\ndisable-syslog=yes\nlog-timestamp=yes\n")
        .append("webserver=no\napi=no\n")
        .append("loglevel=")
        .append(c.verboseLog() ? 6 : 4)
        .append('\n')
        .append("secondary=yes\n")
        // Source address of SOA checks and transfers: the primary's ACL names it.
        .append("query-local-address=")
        .append(c.sourceAddress().getHostAddress())
        .append('\n')
        .append("allow-notify-from=")
        .append(String.join(",", c.notifyAcl()))
        .append('\n')
        .append("allow-axfr-ips=")
        .append(String.join(",", c.transferAcl()))
        .append('\n')
        // How often it looks for zones to refresh or retry: a member whose first transfer failed
        // is tried again within a second, not a minute.
        .append("xfr-cycle-interval=1\n");
    if (c.workers() > 0) {
      conf.append("receiver-threads=")
          .append(c.workers())
          .append("\ndistributor-threads=")
          .append(c.workers())
          .append('\n');
    }
    return conf.toString();
  }

  /**
   * Creates the database and adds the zone (the configuration file must be written already).
   *
   * @param c the configuration
   * @throws AssertionError when a tool fails, with its output
   */
  static void initialize(ServerConfig c) {
    Path dir = c.directory();
    Path schema =
        SCHEMAS.stream()
            .filter(Files::isRegularFile)
            .findFirst()
            .orElseThrow(
                () ->
                    new AssertionError(
                        "interop profile: the PowerDNS SQLite schema is missing ("
                            + SCHEMAS
                            + "); install the Debian package 'pdns-backend-sqlite3'"));
    run(dir, schema, Binaries.sqlite3().toString(), dir.resolve(DATABASE).toString());
    String zone = ZoneNames.configName(c.zone());
    String primary =
        c.primaryEndpoint().getAddress().getHostAddress() + ":" + c.primaryEndpoint().getPort();
    pdnsutil(dir, "create-secondary-zone", zone, primary);
    if (c.catalogConsumer()) {
      // No IXFR metadata: PowerDNS 4.7 fails an IXFR of a consumer zone ("can't determine
      // backend, not configured as slave", then "zone committed with serial 0"), so the catalog
      // is transferred by AXFR.
      pdnsutil(dir, "set-kind", zone, "consumer");
    } else {
      // PowerDNS asks for IXFR only where the zone's metadata says so.
      pdnsutil(dir, "set-meta", zone, "IXFR", "1");
    }
    if (c.key().isPresent()) {
      TsigSecret k = c.key().get();
      pdnsutil(dir, "import-tsig-key", k.configName(), TsigSecret.ALGORITHM, k.base64Secret());
      pdnsutil(dir, "set-meta", zone, "AXFR-MASTER-TSIG", k.configName());
    }
  }

  private static void pdnsutil(Path dir, String... arguments) {
    List<String> command = new ArrayList<>();
    command.add(Binaries.pdnsutil().toString());
    command.add("--config-dir=" + dir);
    command.addAll(List.of(arguments));
    run(dir, null, command.toArray(String[]::new));
  }

  private static void run(Path dir, @Nullable Path input, String... command) {
    Path output = dir.resolve("setup.log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
    if (input != null) {
      builder.redirectInput(input.toFile());
    }
    try {
      Process p = builder.start();
      if (!p.waitFor(TOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(command[0] + " did not finish in " + TOOL_TIMEOUT_SECONDS + " s");
      }
      if (p.exitValue() != 0) {
        throw new AssertionError(
            "failed ("
                + p.exitValue()
                + "): "
                + String.join(" ", redacted(command))
                + "\n"
                + Files.readString(output, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not run " + command[0], e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running " + command[0], e);
    }
  }

  /** The command for a message: a TSIG secret (the last argument of import-tsig-key) hidden. */
  private static List<String> redacted(String... command) {
    List<String> out = new ArrayList<>(List.of(command));
    if (out.contains("import-tsig-key")) {
      out.set(out.size() - 1, "(secret hidden)");
    }
    return out;
  }

  static List<String> command(Path dir) {
    return List.of(Binaries.pdnsServer().toString(), "--config-dir=" + dir);
  }
}
