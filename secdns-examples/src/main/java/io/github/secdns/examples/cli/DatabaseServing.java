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
import java.util.function.UnaryOperator;
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
 *
 * <p>With {@code --zone-dir} the start reads the database once: the directory's read, which
 * compares every file with the stored version and writes what differs ({@link DirectoryDatabase}),
 * is the one the source serves from ({@link StoredZoneSource.Builder#startingFrom}); the source is
 * therefore built only when the responder asks for it, after the directory's start.
 *
 * <p>Threading: built, given its source and closed on serve's main thread; the source and {@link
 * #configurationOfStoredZone} are then read on the responder's threads.
 */
final class DatabaseServing implements AutoCloseable {

  private final Database database;

  /** The versions in the database: its store (in tests, a view of it that counts or intervenes). */
  private final ZoneVersionStore store;

  private final StoredZoneSource.Builder sourceBuilder;

  /** Built at the first {@link #source()}; guarded by {@code this}. */
  @Nullable private StoredZoneSource source;

  private final Clock clock;
  private final ConcurrentHashMap<Name, SecondaryDnsConfiguration> dbOnly =
      new ConcurrentHashMap<>();
  private final NotifyDuty notifyDuty;

  private DatabaseServing(
      Database database,
      UnaryOperator<ZoneVersionStore> view,
      PrintStream out,
      PrintStream err,
      Clock clock) {
    this.database = database;
    this.store = view.apply(database.store());
    this.clock = clock;
    this.notifyDuty = new NotifyDuty(database, "serve");
    String kind = database.kind();
    this.sourceBuilder =
        StoredZoneSource.builder(store)
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
                });
  }

  /**
   * Connects to the database and migrates it.
   *
   * @throws UsageException when the URL is not one this jar can use
   * @throws Database.Unavailable when the database cannot be reached
   */
  static DatabaseServing open(String url, PrintStream out, PrintStream err, Clock clock)
      throws UsageException, Database.Unavailable {
    return open(url, out, err, clock, UnaryOperator.identity());
  }

  /**
   * Connects to the database and migrates it; its versions are read and written through {@code
   * view} of its store (tests count the calls, or act between two of them, as another node would).
   */
  static DatabaseServing open(
      String url,
      PrintStream out,
      PrintStream err,
      Clock clock,
      UnaryOperator<ZoneVersionStore> view)
      throws UsageException, Database.Unavailable {
    return new DatabaseServing(Database.open(url, System::getenv), view, out, err, clock);
  }

  Database database() {
    return database;
  }

  /**
   * The responder's zone source: every zone of the database, from the directory's read of it when
   * the directory was started already ({@link #directoryVersions}), else from a read of its own.
   */
  ZoneSource source() {
    return builtSource();
  }

  private synchronized StoredZoneSource builtSource() {
    StoredZoneSource s = source;
    if (s == null) {
      s = sourceBuilder.build();
      source = s;
    }
    return s;
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
      return store.changesSince(0, Integer.MAX_VALUE).stream()
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
    return store.load(zone);
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
    return publish(store, next, stored(next.origin()), clock);
  }

  /**
   * Where the versions of {@code --zone-dir} go: into the database, whose every node serves them.
   * Used on the zone directory's thread only.
   */
  ZoneDirectory.Versions directoryVersions(PrintStream err) {
    return new DirectoryDatabase(store, clock, err, this::startFrom);
  }

  /** The directory's read of the database at start, for the source to serve from. */
  private synchronized void startFrom(StoredZoneSource.StartingRead read) {
    if (source == null) {
      sourceBuilder.startingFrom(read);
    }
    // else the source reads the database itself: it was asked for before (not by serve)
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
    Optional<ZoneSnapshot> snapshot = builtSource().snapshot(zone);
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
    StoredZoneSource s;
    synchronized (this) {
      s = source;
    }
    if (s != null) {
      s.close();
    }
    database.close();
  }

  /** A store failure while publishing, as one line. */
  static String failure(ZoneStoreException e) {
    return Main.oneLine(String.valueOf(e.getMessage()));
  }
}
