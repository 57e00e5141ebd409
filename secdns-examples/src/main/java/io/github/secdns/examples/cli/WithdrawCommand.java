package io.github.secdns.examples.cli;

import io.github.secdns.core.serial.SerialNumber;
import io.github.secdns.core.store.StoredZone;
import io.github.secdns.core.store.VersionConflictException;
import io.github.secdns.jdbc.ZoneStoreException;
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
 * {@code withdraw --db JDBC_URL --origin ZONE [--serial N]}: removes a zone from a database that
 * {@code serve --db} processes serve, so every one of them stops serving it. A zone the database
 * holds without a file of a {@code --zone-dir} (published with {@code publish --db}, or whose file
 * was removed while no {@code serve} ran) was otherwise served for good: the directory withdraws
 * only the zones whose file it sees removed. The removal is a compare-and-set on the serial read
 * (or the one given): a publisher writing the zone meanwhile makes it fail with one line and exit
 * 1, nothing removed.
 */
@Command(
    name = "withdraw",
    synopsisHeading = "usage: ",
    customSynopsis = "secdns withdraw --db JDBC_URL --origin ZONE [--serial N]",
    description = {
      "remove a zone from the database of serve --db: every serve on it stops serving it",
      "",
      "The zone's version and IXFR journal are removed; every 'secdns serve --db' on that"
          + " database stops serving it within its feed delay. A serve --zone-dir with the zone's"
          + " file would publish it again when the file changes: remove the file first. Another"
          + " publisher writing the zone at the same time, or a stored serial other than"
          + " --serial: refused (exit 1), nothing removed. A zone the database does not hold:"
          + " exit 1.",
      "The database password comes from SECDNS_DB_PASSWORD, the user from SECDNS_DB_USER.",
      ""
    })
final class WithdrawCommand implements Callable<Integer> {

  @Option(names = "--db", paramLabel = "JDBC_URL", required = true, description = "the database")
  @Nullable
  String database;

  @Option(names = "--origin", paramLabel = "ZONE", required = true, description = "the zone")
  @Nullable
  String origin;

  @Option(
      names = "--serial",
      paramLabel = "N",
      description = "withdraw only if the database holds this serial (default: the one it holds)")
  @Nullable
  Long serial;

  @Parameters(hidden = true)
  List<String> unexpected = List.of();

  private final Io io;

  WithdrawCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws UsageException {
    if (!unexpected.isEmpty()) {
      throw new UsageException("withdraw: takes only flags");
    }
    Name zone = Addresses.name(Objects.requireNonNull(origin, "picocli sets --origin"), "--origin");
    Optional<SerialNumber> expected = Optional.empty();
    if (serial != null) {
      if (serial < 0 || serial > 0xFFFF_FFFFL) {
        throw new UsageException(
            "withdraw --serial: " + serial + " is not a SOA serial (0 to 4294967295)");
      }
      expected = Optional.of(SerialNumber.of(serial));
    }
    Optional<Database> opened =
        Database.openFor(
            "withdraw", Objects.requireNonNull(database, "picocli sets --db"), io.err());
    if (opened.isEmpty()) {
      return ExitCode.FAILED;
    }
    try (Database db = opened.get()) {
      Optional<StoredZone> stored = db.store().load(zone);
      if (stored.isEmpty()) {
        io.err().println("withdraw " + zone + ": " + db.kind() + " holds no version of it");
        return ExitCode.FINDINGS;
      }
      SerialNumber held = stored.get().snapshot().serial();
      if (expected.isPresent() && !expected.get().equals(held)) {
        io.err()
            .println(
                "withdraw "
                    + zone
                    + ": "
                    + db.kind()
                    + " holds serial "
                    + held
                    + ", not "
                    + expected.get()
                    + "; refused, nothing removed");
        return ExitCode.FINDINGS;
      }
      db.store().withdraw(zone, held);
      io.out().println("withdrawn " + zone + " serial " + held + " from " + db.kind());
      return ExitCode.OK;
    } catch (VersionConflictException e) {
      io.err()
          .println(
              "withdraw "
                  + zone
                  + ": another publisher changed it meanwhile; refused, nothing removed ("
                  + Main.oneLine(e)
                  + ")");
      return ExitCode.FINDINGS;
    } catch (ZoneStoreException e) {
      io.err().println("withdraw " + zone + ": " + DatabaseServing.failure(e));
      return ExitCode.FAILED;
    }
  }
}
