package io.github.secdns.examples.cli;

import io.github.secdns.axfr.store.StoredZoneSource;
import io.github.secdns.core.serial.SerialNumber;
import io.github.secdns.core.store.StoredZone;
import io.github.secdns.core.store.VersionConflictException;
import io.github.secdns.core.store.VersionWrite;
import io.github.secdns.core.store.ZoneVersionStore;
import io.github.secdns.core.zone.ZoneHistory;
import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.examples.store.VersionsAtStart;
import io.github.secdns.jdbc.ZoneStoreException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.annotation.Nullable;
import org.xbill.DNS.Name;

/**
 * The versions of {@code serve --zone-dir DIR --db URL}: every file's version goes into the
 * database, and the responder serves the database ({@link DatabaseServing}), so every node on it
 * serves the directory's zones, with the IXFR journal kept across restarts.
 *
 * <p>At start the database is read once and only what differs is written, {@value
 * VersionsAtStart#BATCH} zones a transaction ({@link VersionsAtStart}): a restart that finds every
 * file as the database holds it writes nothing. That read is handed on ({@code startingRead}) to
 * the source that serves the database, which then does not read it again. A file whose content
 * differs from the stored version needs a greater SOA serial (RFC 1982), as a changed file does
 * while {@code serve --zone-dir} runs: the store refuses a serial that goes back, and under the
 * same serial other content; the directory refuses it first, with its own message, and the stored
 * version stays served. While {@code serve} runs, a changed or added file is one publish by
 * compare-and-set on the version read just before, and a removed file's zone is withdrawn by
 * compare-and-set on the serial this directory last wrote or found: a version another publisher
 * wrote since is not withdrawn. What the database could not take while unreachable (a version, a
 * withdrawal) is written at a later poll, unless the file changed again meanwhile.
 *
 * <p>Not thread-safe: used on the zone directory's thread only (serve's main thread while it loads,
 * then its watcher thread), as {@link ZoneDirectory.Versions} says.
 */
final class DirectoryDatabase implements ZoneDirectory.Versions {

  private final ZoneVersionStore store;
  private final Clock clock;
  private final PrintStream err;
  private final Consumer<StoredZoneSource.StartingRead> startingRead;

  /** The serial the database holds for each zone of the directory, as last written or read. */
  private final Map<Name, SerialNumber> inDatabase = new HashMap<>();

  /** Versions the database could not take (it was unreachable): the newest per zone. */
  private final Map<Name, ZoneSnapshot> unwritten = new LinkedHashMap<>();

  /**
   * Zones whose file was removed while the database was unreachable, with the serial to withdraw:
   * withdrawn at a later poll ({@link #retry}), else every node would serve them for good.
   */
  private final Map<Name, SerialNumber> unwithdrawn = new LinkedHashMap<>();

  /**
   * @param startingRead receives the start's read of the database, with what the start wrote, for
   *     the source that serves it ({@link StoredZoneSource.Builder#startingFrom})
   */
  DirectoryDatabase(
      ZoneVersionStore store,
      Clock clock,
      PrintStream err,
      Consumer<StoredZoneSource.StartingRead> startingRead) {
    this.store = store;
    this.clock = clock;
    this.err = err;
    this.startingRead = startingRead;
  }

  /** How many zones of the database without a file the start's line names. */
  static final int LISTED_WITHOUT_FILE = 10;

  /**
   * Says which zones the database holds without a file in the directory: served like every zone of
   * the database, and never withdrawn by the directory, which withdraws a zone only when it sees
   * its file removed. A file removed while no serve ran leaves its zone served for good otherwise,
   * with nothing to tell the operator (zones published with {@code publish --db} are listed too).
   */
  private void reportZonesWithoutFile(
      StoredZoneSource.StartingRead read, List<ZoneSnapshot> versions) {
    Set<Name> files = new HashSet<>();
    for (ZoneSnapshot version : versions) {
      files.add(version.origin());
    }
    List<Name> without = new ArrayList<>();
    for (StoredZone stored : read.zones()) {
      if (!files.contains(stored.snapshot().origin())) {
        without.add(stored.snapshot().origin());
      }
    }
    if (without.isEmpty()) {
      return;
    }
    List<Name> listed = without.subList(0, Math.min(LISTED_WITHOUT_FILE, without.size()));
    err.println(
        "serve: "
            + without.size()
            + " zone(s) of the database have no file in the directory, and are served until"
            + " withdrawn ('secdns withdraw --db JDBC_URL --origin ZONE'): "
            + listed.stream().map(Name::toString).collect(Collectors.joining(", "))
            + (without.size() > listed.size()
                ? " and " + (without.size() - listed.size()) + " more"
                : ""));
    err.flush();
  }

  @Override
  public Map<Name, ZoneDirectory.Refused> publishAtStart(List<ZoneSnapshot> versions) {
    Map<Name, ZoneDirectory.Refused> refused = new HashMap<>();
    VersionsAtStart.Outcome outcome =
        VersionsAtStart.publish(
            store,
            versions,
            (version, stored) -> {
              SerialNumber held = stored.snapshot().serial();
              inDatabase.put(version.origin(), held);
              Optional<ZoneDirectory.Refused> no = refusal(version, stored.snapshot());
              if (no.isPresent()) {
                refused.put(version.origin(), no.get());
                return Optional.empty();
              }
              ZoneHistory before = stored.history(clock);
              return Optional.of(VersionWrite.between(before, before.withVersion(version)));
            });
    // Handed on before the one-by-one writes below: the read's position is below theirs, so the
    // source learns them through the feed like any version written after the read.
    startingRead.accept(outcome.read());
    reportZonesWithoutFile(outcome.read(), versions);
    List<ZoneSnapshot> oneByOne = new ArrayList<>();
    for (ZoneSnapshot version : outcome.left()) {
      if (!refused.containsKey(version.origin())) {
        oneByOne.add(version);
      }
    }
    // Written by a batch, or held already: what the database holds now.
    for (ZoneSnapshot version : versions) {
      if (!refused.containsKey(version.origin())) {
        inDatabase.put(version.origin(), version.serial());
      }
    }
    // Another node wrote into a batch meanwhile, or a stored version could not be read.
    for (ZoneSnapshot version : oneByOne) {
      inDatabase.remove(version.origin());
      try {
        publish(version);
      } catch (ZoneDirectory.Refused e) {
        refused.put(version.origin(), e);
      }
    }
    return refused;
  }

  @Override
  public boolean publish(ZoneSnapshot version) throws ZoneDirectory.Refused {
    Name zone = version.origin();
    unwritten.remove(zone);
    unwithdrawn.remove(zone); // its file is back: served again, not withdrawn
    try {
      write(version);
      return true;
    } catch (ZoneStoreException e) {
      unwritten.put(zone, version);
      err.println(
          "serve: cannot publish "
              + zone
              + " into the database, retrying: "
              + DatabaseServing.failure(e));
      return false;
    }
  }

  /** One publish, by compare-and-set on what the database holds now. */
  private void write(ZoneSnapshot version) throws ZoneDirectory.Refused {
    Name zone = version.origin();
    Optional<StoredZone> stored = store.load(zone);
    if (stored.isPresent()) {
      SerialNumber held = stored.get().snapshot().serial();
      inDatabase.put(zone, held);
      Optional<ZoneDirectory.Refused> no =
          stored.get().snapshot().sameVersionAs(version)
              ? Optional.empty()
              : refusal(version, stored.get().snapshot());
      if (no.isPresent()) {
        throw no.get();
      }
    }
    try {
      DatabaseServing.publish(store, version, stored, clock);
    } catch (UsageException e) {
      // Another publisher changed the zone between the load and the write: nothing written.
      throw new ZoneDirectory.Refused(Main.oneLine(String.valueOf(e.getMessage())));
    }
    inDatabase.put(zone, version.serial());
  }

  /**
   * Why a file's version, other content than the stored one, cannot follow it: its serial is not
   * greater (RFC 1982; 2^31 apart is not greater either, as for the store).
   */
  private static Optional<ZoneDirectory.Refused> refusal(ZoneSnapshot version, ZoneSnapshot held) {
    return version.serial().isNewerThan(held.serial())
        ? Optional.empty()
        : Optional.of(
            new ZoneDirectory.Refused(
                ServedZone.serialNotGreater(version.serial().value(), held.serial()), held));
  }

  @Override
  public void withdraw(Name zone) throws ZoneDirectory.Refused {
    unwritten.remove(zone);
    SerialNumber expected = inDatabase.remove(zone);
    if (expected == null) {
      return; // never reached the database
    }
    try {
      store.withdraw(zone, expected);
    } catch (VersionConflictException e) {
      throw new ZoneDirectory.Refused(
          "not withdrawn from the database, which holds another version: " + Main.oneLine(e));
    } catch (ZoneStoreException e) {
      unwithdrawn.put(zone, expected);
      throw new ZoneDirectory.Refused(
          "not withdrawn from the database yet, retrying: " + DatabaseServing.failure(e));
    }
  }

  @Override
  public Optional<SerialNumber> served(Name zone) {
    return Optional.ofNullable(inDatabase.get(zone));
  }

  @Override
  public List<ZoneSnapshot> retry() {
    for (Map.Entry<Name, SerialNumber> w : List.copyOf(unwithdrawn.entrySet())) {
      try {
        store.withdraw(w.getKey(), w.getValue());
        unwithdrawn.remove(w.getKey());
        err.println("serve: " + w.getKey() + " withdrawn from the database now");
      } catch (VersionConflictException e) {
        unwithdrawn.remove(w.getKey());
        err.println(
            "serve: "
                + w.getKey()
                + ": not withdrawn from the database, which holds another version: "
                + Main.oneLine(e));
      } catch (ZoneStoreException e) {
        return List.of(); // still unreachable (said once): nothing else either
      }
    }
    List<ZoneSnapshot> written = new ArrayList<>();
    for (ZoneSnapshot version : List.copyOf(unwritten.values())) {
      @Nullable ZoneSnapshot still = unwritten.remove(version.origin());
      if (still == null) {
        continue;
      }
      try {
        write(version);
        written.add(version);
      } catch (ZoneStoreException e) {
        unwritten.put(version.origin(), version); // still unreachable (said once)
        break;
      } catch (ZoneDirectory.Refused e) {
        err.println("serve: " + version.origin() + ": " + e.getMessage());
      }
    }
    return written;
  }
}
