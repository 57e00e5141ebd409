package io.github.secdns.examples.cli;

import io.github.secdns.axfr.ServedVersion;
import io.github.secdns.axfr.VersionListener;
import io.github.secdns.axfr.ZoneSource;
import io.github.secdns.axfr.store.StoredZoneSource;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.store.PublishReceipt;
import io.github.secdns.core.store.StoreWarning;
import io.github.secdns.core.store.StoredZone;
import io.github.secdns.core.store.VersionChange;
import io.github.secdns.core.store.VersionConflictException;
import io.github.secdns.core.store.VersionWrite;
import io.github.secdns.core.store.ZoneVersionStore;
import io.github.secdns.core.zone.PackedRecords;
import io.github.secdns.core.zone.ZoneHistory;
import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.jdbc.ZoneStoreException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.annotation.Nullable;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * What {@code serve --db} adds to {@code serve}: zone files are published into the database (a
 * compare-and-set on the version it holds), and the responder serves every zone of the database
 * through a {@link StoredZoneSource}, versions and IXFR histories as the database holds them, so a
 * restarted {@code serve}, or a second one on the same database, answers IXFR from every serial
 * published before. A zone that only the database holds ({@code secdns publish}) gets the
 * configuration the flags describe (ACL, key, NOTIFY targets), with its own apex NS as the
 * secondaries.
 */
final class DatabaseServing implements AutoCloseable {

  private final Database database;
  private final StoredZoneSource source;
  private final Clock clock;
  private final ConcurrentHashMap<Name, SecondaryDnsConfiguration> dbOnly =
      new ConcurrentHashMap<>();
  private final NotifyDuty notifyDuty;

  private DatabaseServing(Database database, PrintStream out, PrintStream err, Clock clock) {
    this.database = database;
    this.clock = clock;
    this.notifyDuty = new NotifyDuty(database, "serve");
    String kind = database.kind();
    this.source =
        StoredZoneSource.builder(database.store())
            .events(
                new StoredZoneSource.Events() {
                  @Override
                  public void warning(StoreWarning warning) {
                    err.println("serve: warning: " + Main.oneLine(warning.message()));
                  }

                  @Override
                  public void storeFailed(RuntimeException failure) {
                    err.println(
                        "serve: the database ("
                            + kind
                            + ") cannot be read; still serving the versions loaded before: "
                            + Main.oneLine(String.valueOf(failure.getMessage())));
                  }

                  @Override
                  public void storeRestored() {
                    out.println("database (" + kind + ") reachable again");
                  }
                })
            .build();
  }

  /**
   * Connects to the database and migrates it.
   *
   * @throws UsageException when the URL is not one this jar can use
   * @throws Database.Unavailable when the database cannot be reached
   */
  static DatabaseServing open(String url, PrintStream out, PrintStream err, Clock clock)
      throws UsageException, Database.Unavailable {
    return new DatabaseServing(Database.open(url, System::getenv), out, err, clock);
  }

  Database database() {
    return database;
  }

  /** The responder's zone source: every zone of the database. */
  ZoneSource source() {
    return source;
  }

  /**
   * Prints a line each time a version is served (its history with it), of the zones the database
   * serves now only the first few and a summary ({@link ServingLines}).
   */
  VersionListener printing(PrintStream out) {
    ServingLines lines = new ServingLines(zonesNow(), out);
    return new VersionListener() {
      @Override
      public void servable(ServedVersion v) {
        lines.servable(
            v.zone(), "serving " + v.zone() + " serial " + v.serial() + " from the database");
      }

      @Override
      public void withdrawn(Name zone) {
        lines.withdrawn(zone, "withdrawn " + zone + " from the database");
      }
    };
  }

  /**
   * The zones the database serves now: the newest change of each zone in the feed, one statement.
   * None when it cannot be read (every version then gets its line).
   */
  private List<Name> zonesNow() {
    try {
      return database.store().changesSince(0, Integer.MAX_VALUE).stream()
          .filter(c -> c.serial().isPresent())
          .map(VersionChange::zone)
          .toList();
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  /** Which node of the database sends the NOTIFYs, and what it sends at start. */
  NotifyDuty notifyDuty() {
    return notifyDuty;
  }

  /** The version the database holds for a zone now. */
  Optional<StoredZone> stored(Name zone) {
    return database.store().load(zone);
  }

  /**
   * Publishes a version after the one the database holds now (compare-and-set on it): an unchanged
   * content changes nothing.
   *
   * @return the receipt
   * @throws UsageException one line: the serial is not above the stored one, or another publisher
   *     changed the zone meanwhile (nothing written)
   */
  PublishReceipt publish(ZoneSnapshot next) throws UsageException {
    return publish(database.store(), next, stored(next.origin()), clock);
  }

  /**
   * Where the versions of {@code --zone-dir} go: into the database, whose every node serves them.
   * Used on the zone directory's thread only.
   */
  ZoneDirectory.Versions directoryVersions(PrintStream err) {
    return new DirectoryDatabase(database.store(), clock, err);
  }

  /**
   * Publishes {@code next} on top of {@code base} (what the publisher read): the compare-and-set.
   */
  static PublishReceipt publish(
      ZoneVersionStore store, ZoneSnapshot next, Optional<StoredZone> base, Clock clock)
      throws UsageException {
    Name zone = next.origin();
    try {
      if (base.isEmpty()) {
        return store.publish(VersionWrite.first(next));
      }
      ZoneHistory before = base.get().history(clock);
      if (before.current().sameVersionAs(next)) {
        return store.publish(VersionWrite.between(before, before));
      }
      return store.publish(VersionWrite.between(before, before.withVersion(next)));
    } catch (VersionConflictException e) {
      throw new UsageException(
          "publish " + zone + ": refused, nothing written: " + Main.oneLine(e));
    } catch (IllegalArgumentException e) {
      throw new UsageException(
          "publish "
              + zone
              + ": refused, nothing written: serial "
              + next.serial()
              + " is not above the stored serial "
              + base.get().snapshot().serial()
              + " (RFC 1982); raise it");
    }
  }

  /**
   * The configuration of a zone only the database holds: the flags' ACL, key and NOTIFY targets,
   * the zone's own apex NS as its name servers. Empty (transfers refused) while the zone is not
   * served or has no apex NS. Built once per zone; nothing is remembered for a zone asked for
   * before the database served it (a secondary's early SOA query), so it gets one once served.
   */
  Optional<SecondaryDnsConfiguration> configurationOfStoredZone(Name zone, ServeOptions options) {
    return Optional.ofNullable(dbOnly.computeIfAbsent(zone, z -> newConfiguration(z, options)));
  }

  @Nullable
  private SecondaryDnsConfiguration newConfiguration(Name zone, ServeOptions options) {
    Optional<ZoneSnapshot> snapshot = source.snapshot(zone);
    if (snapshot.isEmpty()) {
      return null;
    }
    List<String> names = apexNameServers(snapshot.get());
    if (names.isEmpty()) {
      return null;
    }
    try {
      return ServeCommand.notifyingOnly(
          ServeCommand.configuration(
                  new ServeOptions.ZoneInput(Optional.empty(), snapshot.get().origin()),
                  options,
                  names,
                  clock)
              .configuration(),
          options);
    } catch (UsageException | RuntimeException e) {
      return null;
    }
  }

  private static List<String> apexNameServers(ZoneSnapshot snapshot) {
    PackedRecords records = snapshot.packedRecords();
    byte[] apex = snapshot.origin().toWire();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      if (records.type(i) == Type.NS && records.ownerIs(i, apex)) {
        names.add(((NSRecord) records.get(i)).getTarget().toString());
      }
    }
    return names;
  }

  @Override
  public void close() {
    notifyDuty.close(); // hands the duty over at once
    source.close();
    database.close();
  }

  /** A store failure while publishing, as one line. */
  static String failure(ZoneStoreException e) {
    return Main.oneLine(String.valueOf(e.getMessage()));
  }
}
