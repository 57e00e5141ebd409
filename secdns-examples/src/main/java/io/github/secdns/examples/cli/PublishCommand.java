package io.github.secdns.examples.cli;

import io.github.secdns.core.export.ExportResult;
import io.github.secdns.core.export.ZoneExporter;
import io.github.secdns.core.store.PublishReceipt;
import io.github.secdns.core.store.StoredZone;
import io.github.secdns.jdbc.ZoneStoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.annotation.Nullable;
import org.xbill.DNS.Name;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code publish --db JDBC_URL --zone-file F --origin Z}: writes a zone file as the zone's new
 * version into a database that {@code serve --db} processes serve. The version is exported as
 * {@code serve} exports it, its serial kept when the content is what the database holds (nothing
 * written) and raised above the stored serial otherwise; the write is a compare-and-set on the
 * version read, so a concurrent publisher makes it fail with one line and exit 1, nothing written.
 */
@Command(
    name = "publish",
    synopsisHeading = "usage: ",
    customSynopsis = "secdns publish --db JDBC_URL --zone-file FILE --origin ZONE",
    description = {
      "write a zone file as the zone's new version into the database of serve --db",
      "",
      "Every 'secdns serve --db' on that database serves it within its feed delay (PostgreSQL:"
          + " milliseconds; H2: its poll interval). Unchanged content writes nothing; changed"
          + " content gets a serial above the stored one. Another publisher writing the same"
          + " zone at the same time: one of the two is refused (exit 1), nothing half-written.",
      "The database password comes from SECDNS_DB_PASSWORD, the user from SECDNS_DB_USER.",
      ""
    })
final class PublishCommand implements Callable<Integer> {

  @Option(names = "--db", paramLabel = "JDBC_URL", required = true, description = "the database")
  @Nullable
  String database;

  @Option(
      names = "--zone-file",
      paramLabel = "FILE",
      required = true,
      description = "the zone file")
  @Nullable
  String zoneFile;

  @Option(names = "--origin", paramLabel = "ZONE", required = true, description = "its zone")
  @Nullable
  String origin;

  @Option(
      names = "--resolve",
      paramLabel = "NAME=ADDR[,ADDR]",
      description = "addresses of an ALIAS target, as for serve")
  List<String> resolve = new ArrayList<>();

  @Parameters(hidden = true)
  List<String> unexpected = List.of();

  private final Io io;

  PublishCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws UsageException {
    if (!unexpected.isEmpty()) {
      throw new UsageException("publish: takes only flags");
    }
    List<String> args = new ArrayList<>(List.of("--zone-file", zoneFile, "--origin", origin));
    args.add("--quiet");
    for (String r : resolve) {
      args.add("--resolve");
      args.add(r);
    }
    ServeOptions options = ServeOptions.parse(args);
    ServeOptions.ZoneInput input = options.zones().get(0);
    Name zone = input.origin();
    Optional<Database> opened =
        Database.openFor(
            "publish", Objects.requireNonNull(database, "picocli sets --db (required)"), io.err());
    if (opened.isEmpty()) {
      return ExitCode.FAILED;
    }
    try (Database db = opened.get()) {
      Optional<StoredZone> stored = db.store().load(zone);
      ServedZone served = new ServedZone(input, options, ZoneExporter.create(io.clock()));
      stored.ifPresent(s -> served.storedVersion(s.snapshot()));
      ExportResult export = served.export(served.read(io.out()));
      PublishReceipt receipt =
          DatabaseServing.publish(db.store(), export.snapshot(), stored, io.clock());
      io.out()
          .println(
              receipt.changed()
                  ? "published " + zone + " serial " + receipt.serial() + " into " + db.kind()
                  : "unchanged "
                      + zone
                      + " serial "
                      + receipt.serial()
                      + ": "
                      + db.kind()
                      + " holds this content already");
      return ExitCode.OK;
    } catch (ZoneStoreException e) {
      io.err().println("publish " + zone + ": " + DatabaseServing.failure(e));
      return ExitCode.FAILED;
    } catch (UsageException e) {
      if (e.getMessage().contains("refused, nothing written")) {
        io.err().println("secdns " + Main.oneLine(e.getMessage()));
        return ExitCode.FINDINGS;
      }
      throw e;
    }
  }
}
