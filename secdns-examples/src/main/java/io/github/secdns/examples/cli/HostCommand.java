package io.github.secdns.examples.cli;

import io.github.secdns.axfr.AxfrResponder;
import io.github.secdns.axfr.ServedVersion;
import io.github.secdns.axfr.VersionListener;
import io.github.secdns.axfr.notify.NotifySender;
import io.github.secdns.axfr.store.StoredZoneSource;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.config.ValidationException;
import io.github.secdns.core.diagnostics.DiagnosticReport;
import io.github.secdns.core.diagnostics.Finding;
import io.github.secdns.core.diagnostics.Observations;
import io.github.secdns.examples.host.SecondaryDnsHost;
import io.github.secdns.examples.host.SecretBox;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;
import org.xbill.DNS.Name;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code host}: the host application example as a program. Zones, records and Secondary DNS
 * configurations (TSIG keys sealed, see {@link SecretBox}) live in the database's host tables,
 * versions and IXFR journals in the store's; {@code host serve} serves them with the responder and
 * stores what it does (NOTIFY outcomes, the revision it applies). Every subcommand is one short
 * process; {@code serve} runs until interrupted and picks up what the others change.
 */
@Command(
    name = "host",
    synopsisHeading = "usage: ",
    customSynopsis = "secdns host [--db JDBC_URL] COMMAND [ARGS]",
    description = {
      "a DNS host's Secondary DNS back end, kept in a database (default: H2 in ./secdns-host)",
      "",
      "TSIG secrets are stored sealed (AES-256-GCM) under the key in SECDNS_HOST_KEY (or the",
      "file named by SECDNS_HOST_KEY_FILE), which is never in the database: make one with",
      "'secdns host new-key'. The database password comes from SECDNS_DB_PASSWORD.",
      ""
    },
    commandListHeading = "%ncommands:%n")
final class HostCommand implements Callable<Integer> {

  static final String DEFAULT_DB = "jdbc:h2:file:./secdns-host;AUTO_SERVER=TRUE";

  @Spec CommandSpec spec;

  @Option(
      names = "--db",
      paramLabel = "JDBC_URL",
      description = "the database (default: " + DEFAULT_DB + ")")
  String database = DEFAULT_DB;

  private final Io io;

  HostCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    io.err().print(spec.commandLine().getUsageMessage());
    return ExitCode.BAD_INPUT;
  }

  /** The host on the database, with the store and the key-encryption key; closes both. */
  private final class Opened implements AutoCloseable {
    final Database db;
    final SecondaryDnsHost host;

    Opened() throws UsageException, Database.Unavailable, SQLException {
      Optional<SecretBox> secrets;
      try {
        secrets = SecretBox.fromEnvironment(System::getenv);
      } catch (IllegalArgumentException e) {
        throw new UsageException("host: " + e.getMessage());
      }
      db = Database.open(database, System::getenv);
      try {
        host = SecondaryDnsHost.open(db.connection(), io.clock(), secrets, Optional.of(db.store()));
      } catch (SQLException | RuntimeException | Database.Unavailable e) {
        db.close();
        throw e;
      }
    }

    @Override
    public void close() throws SQLException {
      try {
        host.close();
      } finally {
        db.close();
      }
    }
  }

  /** Runs a subcommand on the opened host: one line per problem, exit 3 when the database fails. */
  private int run(String what, HostWork work) throws UsageException {
    try (Opened o = new Opened()) {
      return work.run(o.host, o.db, io.out());
    } catch (Database.Unavailable e) {
      io.err().println("host " + what + ": " + e.getMessage());
      return ExitCode.FAILED;
    } catch (SQLException e) {
      io.err().println("host " + what + ": the database failed: " + Main.oneLine(e));
      return ExitCode.FAILED;
    } catch (ValidationException e) {
      throw Problems.usage("host " + what, e);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new UsageException("host " + what + ": " + e.getMessage());
    }
  }

  @FunctionalInterface
  private interface HostWork {
    int run(SecondaryDnsHost host, Database db, PrintStream out)
        throws SQLException, UsageException;
  }

  @Command(name = "new-key", description = "print a new key-encryption key for SECDNS_HOST_KEY")
  int newKey() {
    io.out().println(SecretBox.newKey());
    return ExitCode.OK;
  }

  @Command(name = "create", description = "create a zone with its own name servers")
  int create(
      @Parameters(paramLabel = "ZONE") String zone,
      @Option(names = "--ns", paramLabel = "NS", split = ",", required = true) List<String> ns)
      throws UsageException {
    Name origin = Addresses.name(zone, "ZONE");
    return run(
        "create",
        (host, db, out) -> {
          host.createZone(origin.toString(), ns.get(0), "hostmaster." + origin, ns);
          out.println(
              "created " + origin + " serial " + host.snapshot(origin).orElseThrow().serial());
          return ExitCode.OK;
        });
  }

  @Command(name = "record", description = "add a record and publish the new version")
  int record(
      @Parameters(paramLabel = "ZONE") String zone,
      @Parameters(paramLabel = "OWNER") String owner,
      @Parameters(paramLabel = "TYPE") String type,
      @Parameters(paramLabel = "TTL") long ttl,
      @Parameters(paramLabel = "RDATA", arity = "1..*") List<String> rdata)
      throws UsageException {
    Name origin = Addresses.name(zone, "ZONE");
    return run(
        "record",
        (host, db, out) -> {
          SecondaryDnsHost.Change c =
              host.putRecord(origin.toString(), owner, type, ttl, String.join(" ", rdata));
          out.println("published " + origin + " serial " + c.snapshot().serial());
          return ExitCode.OK;
        });
  }

  @Command(name = "enable", description = "enable Secondary DNS for a zone with a preset")
  int enable(
      @Parameters(paramLabel = "ZONE") String zone,
      @Option(names = "--preset", paramLabel = "ID", required = true) String preset,
      @Mixin TransferFlags transfer,
      @Mixin TsigFlag tsig)
      throws UsageException {
    Name origin = Addresses.name(zone, "ZONE");
    SecondaryDnsConfiguration.Builder b =
        Configurations.start(origin.toString(), Optional.of(preset), List.of(), "host", io.clock())
            .builder();
    // Only the targets given are notified: a preset's are its provider's real servers.
    b.notifyTargets(List.of());
    Configurations.addTransfers(
        b,
        transfer.allow,
        "--allow",
        transfer.notifyTargets(),
        tsig.key(),
        !transfer.allow.isEmpty());
    SecondaryDnsConfiguration draft;
    try {
      draft = b.build();
    } catch (ValidationException e) {
      throw Problems.usage("host enable", e);
    }
    return run(
        "enable",
        (host, db, out) -> {
          SecondaryDnsConfiguration c = host.enable(draft).configuration();
          out.println("enabled " + origin + " revision " + c.revision());
          return ExitCode.OK;
        });
  }

  @Command(name = "disable", description = "disable Secondary DNS for a zone")
  int disable(@Parameters(paramLabel = "ZONE") String zone) throws UsageException {
    Name origin = Addresses.name(zone, "ZONE");
    return run(
        "disable",
        (host, db, out) -> {
          out.println(
              "disabled "
                  + origin
                  + " revision "
                  + host.disable(origin.toString()).configuration().revision());
          return ExitCode.OK;
        });
  }

  @Command(
      name = "show",
      description = "a zone's serial, configuration, events, NOTIFYs and diagnostics")
  int show(@Parameters(paramLabel = "ZONE") String zone) throws UsageException {
    Name origin = Addresses.name(zone, "ZONE");
    return run(
        "show",
        (host, db, out) -> {
          out.println(
              "zone "
                  + origin
                  + " serial "
                  + host.snapshot(origin).map(s -> s.serial().toString()).orElse("-"));
          Optional<SecondaryDnsConfiguration> c = host.configuration(origin);
          out.println(
              "configuration: "
                  + c.map(
                          x ->
                              "revision "
                                  + x.revision()
                                  + (x.enabled() ? " enabled" : " disabled")
                                  + ", secondaries "
                                  + PresetText.nameServers(x)
                                  + ", ACL "
                                  + PresetText.acl(x.transferAcl())
                                  + ", TSIG keys "
                                  + x.tsigKeys().stream().map(k -> k.name().toString()).toList()
                                  + " (secrets not shown)")
                      .orElse("none"));
          host.events(origin.toString()).forEach(e -> out.println("event " + e));
          host.notifyOutcomes(origin.toString()).forEach(n -> out.println("notify " + n));
          if (c.isPresent()) {
            DiagnosticReport report = host.diagnose(origin.toString(), Observations.none());
            out.println("diagnostics: " + report.status());
            for (Finding f : report.findings()) {
              out.println("  [" + f.severity() + "] " + f.code() + ": " + f.message());
            }
          }
          return ExitCode.OK;
        });
  }

  @Command(
      name = "serve",
      description = "serve the host's zones from the database until interrupted")
  int serve(
      @Option(
              names = "--listen",
              paramLabel = "ADDR:PORT",
              description = "where to answer (default 127.0.0.1:5353)")
          @Nullable
          String listen)
      throws UsageException {
    InetSocketAddress address =
        listen == null ? ServeOptions.DEFAULT_LISTEN : Addresses.endpoint(listen, "--listen", true);
    return run(
        "serve",
        (host, db, standardOutput) -> {
          // No thread may block on the standard output (NonBlockingOutput says why): the lease's
          // thread prints when the NOTIFY duty moves, and a lease not renewed is a duty lost.
          try (PrintStream out = NonBlockingOutput.around(standardOutput, io.err())) {
            return serve(host, db, out, address);
          }
        });
  }

  private int serve(SecondaryDnsHost host, Database db, PrintStream out, InetSocketAddress address)
      throws SQLException {
    // Several host serves on one database are several primaries: one of them at a time
    // sends the NOTIFYs (as serve --db does), the others serve transfers only.
    try (NotifyDuty duty = new NotifyDuty(db, "host-serve");
        // The open read the store to write what it lacked: served from, not read again.
        StoredZoneSource source = storedZoneSource(host, db);
        // Closed after the sender (declared before it): the summaries printed at close
        // count the sender's last outcomes.
        NotifyLines notifyLines = NotifyLines.start(out, io.clock());
        NotifySender sender =
            NotifySender.builder()
                .listener(
                    o -> {
                      host.storeNotifyOutcome(o);
                      notifyLines.onOutcome(o);
                    })
                .build();
        AxfrResponder responder =
            AxfrResponder.builder()
                .listen(address)
                .zoneSource(source)
                .configurations(host::configuration)
                .notifySender(sender)
                .notifyLeadership(duty.leadership())
                .startupNotify(duty.startupNotify())
                .versionListener(
                    printing(host.appliedVersions(), new ServingLines(host.zones(), out)))
                .build()) {
      responder.start();
      duty.start(responder, out);
      // Said once every stored zone is servable, after its serving line (or the summary).
      try {
        ServeCommand.awaitServableAtStart(responder);
      } catch (InterruptedException e) {
        out.println("stopped"); // before it listened: nothing else to say
        return ExitCode.OK;
      }
      for (InetSocketAddress a : responder.boundAddresses()) {
        out.println("listening on " + Addresses.format(a));
      }
      out.flush();
      while (!Thread.currentThread().isInterrupted()) {
        try {
          TimeUnit.SECONDS.sleep(1); // the interval at which edits by other processes show
        } catch (InterruptedException e) {
          break;
        }
        for (Name changed : host.reloadConfigurations()) {
          responder.configurationChanged(changed);
        }
        host.heartbeat();
      }
    } catch (IOException e) {
      io.err()
          .println(
              "host serve: cannot listen on " + Addresses.format(address) + ": " + e.getMessage());
      return ExitCode.FAILED;
    }
    out.println("stopped");
    return ExitCode.OK;
  }

  /** The source of {@code host serve}: the host's zones, from the read its open made. */
  private StoredZoneSource storedZoneSource(SecondaryDnsHost host, Database db) {
    StoredZoneSource.Builder source = StoredZoneSource.builder(db.store()).clock(io.clock());
    host.takeStartingRead().ifPresent(source::startingFrom);
    return source.build();
  }

  private static VersionListener printing(VersionListener host, ServingLines lines) {
    return new VersionListener() {
      @Override
      public void servable(ServedVersion v) {
        host.servable(v);
        lines.servable(
            v.zone(),
            "serving "
                + v.zone()
                + " serial "
                + v.serial()
                + v.configurationRevision().stream()
                    .mapToObj(r -> " configuration revision " + r)
                    .findFirst()
                    .orElse(""));
      }

      @Override
      public void withdrawn(Name zone) {
        host.withdrawn(zone);
        lines.withdrawn(zone, "withdrawn " + zone);
      }
    };
  }
}
