package io.github.secdns.examples.host;

import io.github.secdns.axfr.AxfrResponder;
import io.github.secdns.axfr.PublishedZones;
import io.github.secdns.axfr.ServedVersion;
import io.github.secdns.axfr.VersionListener;
import io.github.secdns.axfr.notify.NotifyOutcome;
import io.github.secdns.axfr.notify.NotifySender;
import io.github.secdns.axfr.store.StoredZoneSource;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.config.TsigKey;
import io.github.secdns.core.diagnostics.DiagnosticEngine;
import io.github.secdns.core.diagnostics.DiagnosticReport;
import io.github.secdns.core.diagnostics.HostFacts;
import io.github.secdns.core.diagnostics.Observations;
import io.github.secdns.core.diagnostics.SoaData;
import io.github.secdns.core.export.ExportRequest;
import io.github.secdns.core.export.ExportResult;
import io.github.secdns.core.export.HostZone;
import io.github.secdns.core.export.SerialPolicy;
import io.github.secdns.core.export.SoaSettings;
import io.github.secdns.core.export.ZoneExporter;
import io.github.secdns.core.lifecycle.DisableResult;
import io.github.secdns.core.lifecycle.DomainRegistration;
import io.github.secdns.core.lifecycle.EditResult;
import io.github.secdns.core.lifecycle.EnableResult;
import io.github.secdns.core.lifecycle.LifecycleResult;
import io.github.secdns.core.lifecycle.SecondaryDnsLifecycle;
import io.github.secdns.core.lifecycle.ZoneState;
import io.github.secdns.core.store.ZoneVersionStore;
import io.github.secdns.core.zone.PackedRecords;
import io.github.secdns.core.zone.ZoneDigest;
import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.examples.store.VersionsAtStart;
import java.io.IOException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import javax.annotation.Nullable;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * A DNS host's Secondary DNS back end, kept in an SQL database through JDBC: zones and records,
 * configurations, lifecycle events, NOTIFY outcomes and diagnostics reports.
 *
 * <p>Every committed change (a record, enabling, editing or disabling) is exported ({@link
 * ZoneExporter}: apex NS = the zone's own name servers plus the enabled configuration's, a serial
 * that always moves forward) and published to {@link #publishedZones()}, which replaces the served
 * version atomically. The host wires an {@link AxfrResponder} with three things:
 *
 * <pre>{@code
 * AxfrResponder.builder().listen(address)
 *     .zoneSource(host.publishedZones())   // the versions (and so their IXFR history)
 *     .configurations(host::configuration) // ACL, mode, TSIG keys, IXFR on/off, NOTIFY targets
 *     .notifySender(NotifySender.builder().listener(host::storeNotifyOutcome).build())
 *     .versionListener(host.appliedVersions()) // what the responder applies, for the diagnostics
 *     .build();
 * }</pre>
 *
 * <p>The responder then sends NOTIFY to the configuration's targets itself, for each new serial
 * once it can be transferred, and the outcomes are stored; a disabled configuration refuses
 * transfers at once.
 *
 * <p>Threading: the mutating and reading methods are {@code synchronized} (one JDBC connection);
 * {@link #snapshot} and {@link #configuration} read in-memory maps and never block the responder's
 * I/O threads. What the responder reports ({@link #appliedVersions()}) is stored on the host's own
 * thread ({@code secdns-host-reports}, started by the first report, ended by {@link #close()}).
 */
public final class SecondaryDnsHost implements AutoCloseable {

  /**
   * The result of a change that published a new version.
   *
   * @param snapshot the version now served
   */
  public record Change(ZoneSnapshot snapshot) {}

  private final HostTables tables;
  private final Clock clock;
  private final ZoneExporter exporter;
  private final Map<Name, ExportResult> exports = new HashMap<>();
  private final PublishedZones published = new PublishedZones();
  private final ConcurrentMap<Name, SecondaryDnsConfiguration> configurations =
      new ConcurrentHashMap<>();

  /** What the responder reports it applies, per zone (issue 16: "still propagating"). */
  private final ConcurrentMap<Name, ServedVersion> applied = new ConcurrentHashMap<>();

  private final Optional<SecretBox> secrets;
  private final Optional<ZoneVersionStore> versions;

  /**
   * This process among the nodes serving the database: its process ID and a random part (two hosts
   * in one process, as in the tests, are two nodes; a restarted process is a new node, the old
   * one's reports gone at its clean stop or after {@link #NODE_SILENCE}).
   */
  private final String node =
      "host-"
          + ProcessHandle.current().pid()
          + "-"
          + Long.toHexString(new SecureRandom().nextLong() >>> 1);

  /** The open's read of the versions store, until {@link #takeStartingRead} hands it over. */
  @Nullable private StoredZoneSource.StartingRead startingRead;

  /** Whether this node reported anything (its row is then removed at close). */
  private boolean serving;

  private SecondaryDnsHost(
      HostTables tables,
      Clock clock,
      Optional<SecretBox> secrets,
      Optional<ZoneVersionStore> versions) {
    this.tables = tables;
    this.clock = clock;
    this.secrets = secrets;
    this.versions = versions;
    this.exporter = ZoneExporter.create(clock);
  }

  /**
   * Opens the host on a database: applies the migrations, then loads and publishes every zone.
   *
   * @param db the connection; the host owns it from now on and closes it in {@link #close()}
   * @param clock the clock for serials, events and reports
   * @return the host
   * @throws SQLException when the database fails
   */
  public static SecondaryDnsHost open(Connection db, Clock clock) throws SQLException {
    return open(db, clock, Optional.empty());
  }

  /**
   * Opens the host on a database whose configurations may hold TSIG keys: their secrets are stored
   * sealed by {@code secrets} (AES-256-GCM, the key outside the database) and opened again here.
   *
   * @param db the connection; the host owns it from now on and closes it in {@link #close()}
   * @param clock the clock for serials, events and reports
   * @param secrets the box of the key-encryption key; empty: configurations with TSIG keys cannot
   *     be stored (and stored ones cannot be loaded)
   * @return the host
   * @throws SQLException when the database fails
   * @throws IllegalArgumentException when a stored secret does not open with this key (the message
   *     names the zone and key, never the secret)
   */
  public static SecondaryDnsHost open(Connection db, Clock clock, Optional<SecretBox> secrets)
      throws SQLException {
    return open(db, clock, secrets, Optional.empty());
  }

  /**
   * Opens the host with a version store as well: every version it publishes is also written to the
   * store (compare-and-set, with its IXFR journal entry), so that responders serving the store
   * ({@code StoredZoneSource}, {@code secdns host serve}, {@code secdns serve --db}) on any node
   * serve it and answer IXFR across restarts.
   *
   * @param db the connection of the host's own tables
   * @param clock the clock
   * @param secrets the box of the key-encryption key, if any
   * @param versions the store of versions and journals, if any
   * @return the host
   * @throws SQLException when the database fails
   */
  public static SecondaryDnsHost open(
      Connection db, Clock clock, Optional<SecretBox> secrets, Optional<ZoneVersionStore> versions)
      throws SQLException {
    SecondaryDnsHost host = new SecondaryDnsHost(HostTables.open(db), clock, secrets, versions);
    synchronized (host) {
      host.loadEveryZone();
    }
    return host;
  }

  /**
   * Loads, exports and publishes every zone in three statements whatever the number of zones: every
   * configuration with its keys, every SOA, every record (streamed zone by zone); and a fourth, one
   * batch, only if exported serials differ from the stored ones. Read one zone at a time, that was
   * five statements a zone, and a restart of a host of a hundred thousand zones took minutes.
   *
   * <p>In one transaction: PostgreSQL's driver streams the records through a cursor only with
   * auto-commit off ({@link HostTables#eachZone}), so that memory holds one zone's records at a
   * time; H2 streams either way. The versions are published after the commit, as {@link #export}
   * does: a secondary told about a serial finds it stored.
   */
  private void loadEveryZone() throws SQLException {
    List<ExportResult> results = new ArrayList<>();
    tables.snapshotTransaction(
        () -> {
          Map<Name, HostTables.StoredConfiguration> stored = tables.configurations();
          Map<Name, Long> serials = new LinkedHashMap<>();
          tables.eachZone(
              (soa, rows) -> {
                Name zone = soa.getName();
                HostTables.StoredConfiguration c = stored.remove(zone);
                if (c != null) {
                  configurations.put(zone, opened(zone, c));
                }
                ExportResult result = exported(zone, soa, records(zone, rows));
                if (serialMoved(soa, result)) {
                  serials.put(zone, result.serial().value());
                }
                results.add(result);
              });
          tables.setSerials(serials);
        });
    for (ExportResult result : results) {
      published.publish(result.snapshot());
    }
    versions.ifPresent(store -> publishWhatTheStoreLacks(store, results));
  }

  /**
   * Writes to the versions store the exports it lacks ({@link VersionsAtStart}: one read, the zones
   * it does not hold at all {@value VersionsAtStart#BATCH} a transaction). A zone the store holds
   * with another version (changed while the host ran without the store: its journal needs the
   * stored history) or cannot read (its load says what is wrong), and the zones of a batch that
   * lost a compare-and-set (another node published one of them meanwhile), are published one by one
   * on top of what the store holds then.
   */
  private void publishWhatTheStoreLacks(ZoneVersionStore store, List<ExportResult> results) {
    List<ZoneSnapshot> exported = results.stream().map(ExportResult::snapshot).toList();
    VersionsAtStart.Outcome outcome =
        VersionsAtStart.publish(store, exported, (version, stored) -> Optional.empty());
    // Kept before the one-by-one writes: the read's position is below theirs, so a source started
    // from it learns them through the feed like any version written after the read.
    startingRead = outcome.read();
    for (ZoneSnapshot version : outcome.left()) {
      store.publishNext(version, clock);
    }
  }

  /**
   * Hands over what opening read of the versions store, with what it wrote, for the {@code
   * StoredZoneSource} that serves the store ({@link StoredZoneSource.Builder#startingFrom}): the
   * source then does not read the whole store a second time (at 100,000 zones on PostgreSQL about 5
   * s). Versions published after the open reach that source through the feed, as on any node.
   *
   * <p>Handed over once (it holds every stored zone until then): empty afterwards, and when the
   * host was opened without a versions store. Thread-safe.
   *
   * @return the open's read of the versions store, the first time
   */
  public synchronized Optional<StoredZoneSource.StartingRead> takeStartingRead() {
    Optional<StoredZoneSource.StartingRead> read = Optional.ofNullable(startingRead);
    startingRead = null;
    return read;
  }

  /**
   * The versions being served, for {@link AxfrResponder.Builder#zoneSource}: a {@link
   * PublishedZones}, so that the responder learns about every new version at once (IXFR history,
   * NOTIFY).
   *
   * @return the published zones (the same object on every call)
   */
  public PublishedZones publishedZones() {
    return published;
  }

  /**
   * Hears what the responder applies to each zone (the serial it serves, the configuration revision
   * in force), for {@link AxfrResponder.Builder#versionListener}: the diagnostics compare that
   * revision with the saved one, so a saved change the responder has not taken up yet shows as
   * "still propagating" ({@code CONFIGURATION_PROPAGATING}).
   *
   * @return the listener (the same object on every call)
   */
  public VersionListener appliedVersions() {
    return appliedListener;
  }

  private final VersionListener appliedListener =
      new VersionListener() {
        @Override
        public void servable(ServedVersion version) {
          applied.put(version.zone(), version);
          unstored.put(version.zone(), Optional.of(version));
          queueReports();
        }

        @Override
        public void withdrawn(Name zone) {
          applied.remove(zone);
          unstored.put(zone, Optional.empty());
          queueReports();
        }
      };

  /**
   * What the responder reported and is not stored yet: the latest report per zone, empty for a zone
   * withdrawn (its row goes). The responder's zone threads only put here, never wait for the
   * database (a write per zone on them delayed each zone's NOTIFY, and at the start of a host of
   * 100,000 zones took minutes under the host's lock); {@link #reporter} stores what accumulated in
   * one transaction.
   */
  private final ConcurrentMap<Name, Optional<ServedVersion>> unstored = new ConcurrentHashMap<>();

  /** NOTIFY outcomes not stored yet, in the order they came ({@link #storeNotifyOutcome}). */
  private final java.util.concurrent.ConcurrentLinkedDeque<HostTables.TimedOutcome>
      unstoredOutcomes = new java.util.concurrent.ConcurrentLinkedDeque<>();

  /** Whether a run of {@link #storeReportsQuietly} is queued and has not begun. */
  private final AtomicBoolean reportsQueued = new AtomicBoolean();

  /** Stores the reports, one run at a time; its thread starts with the first report. */
  private final ExecutorService reporter =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "secdns-host-reports");
            t.setDaemon(true);
            return t;
          });

  private void queueReports() {
    if (reportsQueued.compareAndSet(false, true)) {
      try {
        reporter.execute(this::storeReportsQuietly);
      } catch (RejectedExecutionException e) {
        reportsQueued.set(false); // closing: the node's rows are removed anyway
      }
    }
  }

  private void storeReportsQuietly() {
    reportsQueued.set(false); // a report from now on queues another run
    try {
      storeReports();
    } catch (SQLException | RuntimeException e) {
      // Kept for the next run: the next report or heartbeat() stores them, and heartbeat() tells
      // its caller when the database fails.
    }
  }

  /**
   * Stores the reports and NOTIFY outcomes not stored yet in one transaction; nothing, no
   * statement. When it fails they are kept for the next time.
   */
  private synchronized void storeReports() throws SQLException {
    Map<Name, Optional<ServedVersion>> batch = new HashMap<>(unstored);
    List<HostTables.TimedOutcome> outcomes = new ArrayList<>();
    for (HostTables.TimedOutcome o; (o = unstoredOutcomes.pollFirst()) != null; ) {
      outcomes.add(o);
    }
    if (batch.isEmpty() && outcomes.isEmpty()) {
      return;
    }
    try {
      tables.transaction(
          () -> {
            if (!batch.isEmpty()) {
              tables.saveApplied(node, batch, clock.instant());
            }
            tables.saveOutcomes(outcomes);
          });
    } catch (SQLException | RuntimeException e) {
      for (int i = outcomes.size() - 1; i >= 0; i--) {
        unstoredOutcomes.addFirst(outcomes.get(i)); // back in front, in their order
      }
      throw e;
    }
    if (!batch.isEmpty()) {
      serving = true;
    }
    // A zone reported again meanwhile keeps its newer report for the next run.
    batch.forEach(unstored::remove);
  }

  /**
   * What the responder reported it applies to a zone, if it reported anything yet.
   *
   * @param zone the zone
   * @return the serial and configuration revision in force, and since when
   */
  public Optional<ServedVersion> appliedVersion(Name zone) {
    return Optional.ofNullable(applied.get(zone));
  }

  /**
   * Tells the other processes on the database that this node still serves, so that what its
   * responder applies keeps counting in their diagnostics: a node not heard from for {@link
   * #NODE_SILENCE} no longer holds a change back as "still propagating" (it stopped without saying
   * so). Call it every few seconds while serving ({@code host serve} does at each poll of the
   * configurations). It also stores, before it returns, what the responder reported since the last
   * store: the reports are stored on a thread of the host as they come (one transaction for all
   * that accumulated, one row per zone and node), never on the responder's threads.
   *
   * @throws SQLException when the database fails (the reports not stored are kept for the next
   *     time)
   */
  public synchronized void heartbeat() throws SQLException {
    storeReports();
    tables.transaction(() -> tables.touchNode(node, clock.instant()));
    serving = true;
  }

  /**
   * How long a serving node's reports count after it was last heard from: a few of its polls (one a
   * second), so that one missed write does not drop it, and short enough that a node that died does
   * not hold every later change back as "still propagating" for long.
   */
  public static final Duration NODE_SILENCE = Duration.ofSeconds(30);

  /**
   * The version of a zone being served now.
   *
   * @param zone the zone
   * @return the version, empty when the host has no such zone
   */
  public Optional<ZoneSnapshot> snapshot(Name zone) {
    return published.snapshot(zone);
  }

  /**
   * The zone's stored configuration, for {@link AxfrResponder.Builder#configurations}.
   *
   * @param zone the zone
   * @return the configuration, enabled or disabled; empty when the zone has none
   */
  public Optional<SecondaryDnsConfiguration> configuration(Name zone) {
    return Optional.ofNullable(configurations.get(zone));
  }

  /**
   * Creates a zone with its SOA and its own name servers, and serves it.
   *
   * @param origin the zone
   * @param mname the primary name server in the SOA
   * @param rname the responsible mailbox in the SOA
   * @param nameServers the host's own name servers (the apex NS records)
   * @return the first version
   * @throws SQLException when the database fails; nothing is stored then
   */
  public synchronized Change createZone(
      String origin, String mname, String rname, List<String> nameServers) throws SQLException {
    Name zone = name(origin);
    tables.transaction(
        () -> {
          tables.insertZone(zone, name(mname), name(rname));
          for (String ns : nameServers) {
            tables.insertRecord(zone, zone.toString(), "NS", 3600, name(ns).toString());
          }
        });
    return publish(zone);
  }

  /**
   * Adds a record and publishes the new version.
   *
   * @param origin the zone
   * @param owner the owner name, absolute or relative to the zone
   * @param type the type mnemonic, e.g. {@code A}
   * @param ttl the TTL
   * @param rdata the RDATA in presentation format
   * @return the new version
   * @throws SQLException when the database fails; nothing is stored then
   * @throws IllegalArgumentException when the record does not parse
   */
  public synchronized Change putRecord(
      String origin, String owner, String type, long ttl, String rdata) throws SQLException {
    Name zone = name(origin);
    Name ownerName = relative(owner, zone);
    toRecord(zone, ownerName.toString(), type, ttl, rdata); // refuses what does not parse
    tables.transaction(() -> tables.insertRecord(zone, ownerName.toString(), type, ttl, rdata));
    return publish(zone);
  }

  /**
   * Deletes every record of a type at a name and publishes the new version.
   *
   * @param origin the zone
   * @param owner the owner name
   * @param type the type mnemonic
   * @return the new version
   * @throws SQLException when the database fails; nothing is deleted then
   */
  public synchronized Change deleteRecords(String origin, String owner, String type)
      throws SQLException {
    Name zone = name(origin);
    Name ownerName = relative(owner, zone);
    tables.transaction(() -> tables.deleteRecords(zone, ownerName, type));
    return publish(zone);
  }

  /**
   * Enables Secondary DNS with the customer's (pre-populated and edited) values: plans with the
   * lifecycle planner, stores the configuration and its events, publishes the zone with the new
   * apex NS set, and NOTIFYs.
   *
   * @param draft the configuration to enable (for example {@code PresetApplier.apply(...)})
   * @return the plan (delegation change, notices, events)
   * @throws SQLException when the database fails; nothing is stored then
   */
  public synchronized EnableResult enable(SecondaryDnsConfiguration draft) throws SQLException {
    EnableResult result = SecondaryDnsLifecycle.enable(draft, state(draft.zone()));
    store(result);
    return result;
  }

  /**
   * Saves an edited configuration.
   *
   * @param edited the configuration as the customer changed it
   * @return the plan; nothing is stored when nothing changed
   * @throws SQLException when the database fails
   * @throws IllegalStateException when the zone has no configuration
   */
  public synchronized EditResult edit(SecondaryDnsConfiguration edited) throws SQLException {
    SecondaryDnsConfiguration current = stored(edited.zone());
    EditResult result = SecondaryDnsLifecycle.edit(current, edited, state(edited.zone()));
    if (result.changed()) {
      store(result);
    }
    return result;
  }

  /**
   * Disables Secondary DNS: stores the disabled configuration, removes the secondaries from the
   * apex NS set, and from now on transfers are refused.
   *
   * @param origin the zone
   * @return the plan (the delegation to revert)
   * @throws SQLException when the database fails
   * @throws IllegalStateException when the zone has no configuration
   */
  public synchronized DisableResult disable(String origin) throws SQLException {
    Name zone = name(origin);
    DisableResult result = SecondaryDnsLifecycle.disable(stored(zone), state(zone));
    store(result);
    return result;
  }

  /**
   * Runs the diagnostics engine on the zone with the host's facts (its published SOA, zone digest
   * and revision, its name servers, the stored NOTIFY outcomes) and what was observed, and stores
   * the report.
   *
   * @param origin the zone
   * @param observations what the prober (or the host's monitoring) observed
   * @return the report
   * @throws SQLException when the database fails
   */
  public synchronized DiagnosticReport diagnose(String origin, Observations observations)
      throws SQLException {
    Name zone = name(origin);
    SecondaryDnsConfiguration config = stored(zone);
    ZoneSnapshot current =
        published.snapshot(zone).orElseThrow(() -> new IllegalStateException("no zone " + zone));
    // This process's NOTIFY outcomes and reports so far, stored first: the diagnostics read them.
    storeReports();
    SOARecord soa = current.soa();
    HostFacts.Builder facts = HostFacts.builder(clock);
    // The revision the responder applies, as it reported it; unknown until it reported one (the
    // engine then says so). Never the saved revision: that would hide a change still on its way.
    Optional<ServedVersion> served = appliedVersion(zone);
    if (served.isEmpty()) {
      // Reported by the responders of other processes: the least advanced of the live nodes.
      served = tables.applied(zone, clock.instant().minus(NODE_SILENCE));
    }
    served
        .flatMap(
            v ->
                v.configurationRevision().isPresent()
                    ? Optional.of(v.configurationRevision().getAsLong())
                    : Optional.empty())
        .ifPresent(facts::appliedRevision);
    facts
        .dnssecEnabled(false)
        .primarySoa(
            new SoaData(
                current.serial(),
                soa.getRefresh(),
                soa.getRetry(),
                soa.getExpire(),
                soa.getMinimum()))
        .primaryNameServers(primaryNameServers(zone))
        .notifyOutcomes(tables.outcomesForDiagnostics(zone))
        // The digest of what is served, so that the engine compares each name server's data,
        // not only its serial (the prober's content probes).
        .primaryZoneDigest(ZoneDigest.compute(current), ZoneDigest.published(current).isPresent());
    DiagnosticReport report = DiagnosticEngine.diagnose(config, facts.build(), observations);
    tables.transaction(() -> tables.saveReport(zone, report, clock.instant()));
    return report;
  }

  /**
   * The stored events of a zone, oldest first, as {@code webhook-name revision N}.
   *
   * @param origin the zone
   * @return the events
   * @throws SQLException when the database fails
   */
  public synchronized List<String> events(String origin) throws SQLException {
    return tables.events(name(origin));
  }

  /**
   * The stored NOTIFY outcomes of a zone, oldest first, as {@code serial target outcome}: those
   * this process's sender reported so far included (stored first).
   *
   * @param origin the zone
   * @return the outcomes
   * @throws SQLException when the database fails
   */
  public synchronized List<String> notifyOutcomes(String origin) throws SQLException {
    storeReports();
    return tables.notifyOutcomes(name(origin));
  }

  /**
   * The stored diagnostics statuses of a zone, oldest first.
   *
   * @param origin the zone
   * @return the statuses
   * @throws SQLException when the database fails
   */
  public synchronized List<String> reportStatuses(String origin) throws SQLException {
    return tables.reportStatuses(name(origin));
  }

  /**
   * Stores one NOTIFY outcome, for {@link NotifySender.Builder#listener} of the sender given to
   * {@link AxfrResponder.Builder#notifySender}. It only queues the outcome (with the time it came)
   * and returns: the sender's threads, which also receive the answers and send the retries, never
   * wait for the database. The host's thread stores the queued outcomes with the responder's
   * reports, in one transaction; {@link #heartbeat()}, {@link #diagnose} and {@link #close()} store
   * what is left first.
   *
   * @param outcome the outcome
   */
  public void storeNotifyOutcome(NotifyOutcome outcome) {
    unstoredOutcomes.add(new HostTables.TimedOutcome(outcome, clock.instant()));
    queueReports();
  }

  /** Closes the database connection (the responder belongs to the caller: close it first). */
  @Override
  public void close() throws SQLException {
    // Before the lock: a run of the reporter may be waiting for it. Not interrupted (an interrupt
    // in the middle of a JDBC call can break the connection, H2's file with it); its runs are
    // short.
    reporter.shutdown();
    try {
      reporter.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      try {
        storeReports(); // the NOTIFY outcomes left (the node's rows go below anyway)
      } finally {
        closeTables();
      }
    }
  }

  private void closeTables() throws SQLException {
    try {
      if (serving) {
        // Stopping cleanly: this node's reports stop counting now, not after NODE_SILENCE.
        serving = false;
        tables.transaction(() -> tables.forgetNode(node));
      }
    } finally {
      tables.close();
    }
  }

  // ---------------------------------------------------------------------------------------

  private void store(LifecycleResult result) throws SQLException {
    SecondaryDnsConfiguration c = result.configuration();
    // Sealed before the transaction: without a key-encryption key nothing is written.
    List<HostTables.SealedKey> keys = seal(c);
    tables.transaction(() -> tables.saveConfiguration(c, keys, result.events(), clock.instant()));
    configurations.put(c.zone(), c);
    publish(c.zone());
  }

  private Optional<SecondaryDnsConfiguration> loadConfiguration(Name zone) throws SQLException {
    Optional<HostTables.StoredConfiguration> stored = tables.configuration(zone);
    return stored.isEmpty() ? Optional.empty() : Optional.of(opened(zone, stored.get()));
  }

  /** A stored configuration with its TSIG secrets opened. */
  private SecondaryDnsConfiguration opened(Name zone, HostTables.StoredConfiguration stored) {
    SecondaryDnsConfiguration.Builder b = stored.builder();
    for (HostTables.SealedKey k : stored.keys()) {
      b.addTsigKey(k.name(), k.algorithm(), Base64.getEncoder().encodeToString(open(zone, k)));
    }
    return b.build();
  }

  /** The associated data of a key's row: a ciphertext moved to another row does not open. */
  private static String context(Name zone, String keyName) {
    return "TSIG key " + keyName + " of " + zone;
  }

  private List<HostTables.SealedKey> seal(SecondaryDnsConfiguration c) {
    List<HostTables.SealedKey> sealed = new ArrayList<>();
    for (TsigKey k : c.tsigKeys()) {
      SecretBox box =
          secrets.orElseThrow(
              () ->
                  new IllegalStateException(
                      "storing the TSIG key "
                          + k.name()
                          + " of "
                          + c.zone()
                          + " needs a key-encryption key: set "
                          + SecretBox.KEY_VARIABLE
                          + " or "
                          + SecretBox.KEY_FILE_VARIABLE
                          + "; nothing was stored"));
      String name = k.name().toString();
      sealed.add(
          new HostTables.SealedKey(
              name, k.algorithm().mnemonic(), box.seal(k.secret(), context(c.zone(), name))));
    }
    return sealed;
  }

  private byte[] open(Name zone, HostTables.SealedKey k) {
    SecretBox box =
        secrets.orElseThrow(
            () ->
                new IllegalArgumentException(
                    context(zone, k.name())
                        + " is stored sealed: set "
                        + SecretBox.KEY_VARIABLE
                        + " or "
                        + SecretBox.KEY_FILE_VARIABLE
                        + " to open it"));
    return box.open(k.secret(), context(zone, k.name()));
  }

  private SecondaryDnsConfiguration stored(Name zone) {
    SecondaryDnsConfiguration c = configurations.get(zone);
    if (c == null) {
      throw new IllegalStateException("Secondary DNS was never enabled for " + zone);
    }
    return c;
  }

  /** The zone's state for the planner: its own name servers, the served apex NS set. */
  private ZoneState state(Name zone) throws SQLException {
    List<String> primaries = primaryNameServers(zone).stream().map(Name::toString).toList();
    ZoneSnapshot current =
        published.snapshot(zone).orElseThrow(() -> new IllegalStateException("no zone " + zone));
    // Only the apex NS records are decoded, not every record of the zone.
    PackedRecords records = current.packedRecords();
    byte[] apexWire = zone.toWire();
    List<String> apex =
        IntStream.range(0, records.size())
            .filter(i -> records.type(i) == Type.NS && records.ownerIs(i, apexWire))
            .mapToObj(i -> ((NSRecord) records.get(i)).getTarget().toString())
            .distinct()
            .toList();
    return ZoneState.builder()
        .zone(zone.toString())
        .primaryNameServers(primaries)
        .apexNameServers(apex)
        .registryDelegationUnknown()
        .registration(DomainRegistration.ELSEWHERE)
        .build();
  }

  /** The zone's own name servers (its apex NS records in the database). */
  private List<Name> primaryNameServers(Name zone) throws SQLException {
    return primaryNameServers(zone, records(zone, tables.records(zone)));
  }

  /** The apex NS targets among the zone's records. */
  private static List<Name> primaryNameServers(Name zone, List<Record> records) {
    List<Name> names = new ArrayList<>();
    for (Record r : records) {
      if (r instanceof NSRecord ns && r.getName().equals(zone)) {
        names.add(ns.getTarget());
      }
    }
    return names;
  }

  /**
   * Exports the zone from the database and publishes the result (a no-op for the responder when the
   * content did not change; otherwise it NOTIFYs the new serial).
   */
  private Change publish(Name zone) throws SQLException {
    return new Change(export(zone).snapshot());
  }

  private ExportResult export(Name zone) throws SQLException {
    SOARecord soa = tables.soa(zone);
    ExportResult result = exported(zone, soa, records(zone, tables.records(zone)));
    // Keep the host's serial with the exported one, so a restart continues from it.
    if (serialMoved(soa, result)) {
      tables.setSerials(Map.of(zone, result.serial().value()));
    }
    return serve(result);
  }

  /** Whether the exported serial differs from the stored one (which must then follow it). */
  private static boolean serialMoved(SOARecord stored, ExportResult result) {
    return result.serial().value() != stored.getSerial();
  }

  /**
   * Exports the zone from its stored SOA and records, the previous export and the configuration
   * (nothing read or written here), and keeps the result as the previous one of the next export.
   */
  private ExportResult exported(Name zone, SOARecord soa, List<Record> records) {
    HostZone hostZone = HostZone.builder(soa).records(records).build();
    ExportRequest.Builder request =
        ExportRequest.builder(hostZone, SoaSettings.fromHostSoa(soa.getHost(), soa))
            .primaryNameServers(primaryNameServers(zone, records))
            .serialPolicy(SerialPolicy.INCREMENT);
    SecondaryDnsConfiguration c = configurations.get(zone);
    if (c != null) {
      request.secondaryNameServers(c);
    }
    ExportResult previous = exports.get(zone);
    if (previous != null) {
      request.previous(previous);
    }
    ExportResult result = exporter.export(request.build());
    exports.put(zone, result);
    return result;
  }

  /** Publishes an export whose serial is stored (the commit done). */
  private ExportResult serve(ExportResult result) {
    // After the commit: a secondary told about this version finds it stored. The exporter's
    // INCREMENT policy makes every content change a greater serial, as publish requires.
    published.publish(result.snapshot());
    // Into the shared store too: what every node serves. The same content again writes nothing.
    versions.ifPresent(store -> store.publishNext(result.snapshot(), clock));
    return result;
  }

  private static List<Record> records(Name zone, List<HostTables.StoredRecord> stored) {
    List<Record> records = new ArrayList<>();
    for (HostTables.StoredRecord r : stored) {
      records.add(toRecord(zone, r.owner(), r.type(), r.ttl(), r.rdata()));
    }
    return records;
  }

  private static Record toRecord(Name zone, String owner, String type, long ttl, String rdata) {
    int t = Type.value(type);
    if (t < 0) {
      throw new IllegalArgumentException("unknown record type " + type);
    }
    try {
      return Record.fromString(name(owner), t, DClass.IN, ttl, rdata, zone);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "bad " + type + " record at " + owner + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads again the configurations that another process changed, for a process that serves while
   * another one edits (the command line's {@code host serve}, every second). One statement reads
   * every configuration's revision; only a zone whose stored revision differs from the one held
   * here is read in full, so that a poll of a hundred thousand unchanged zones is one query. A
   * configuration removed from the database is dropped here too: its zone is no longer transferred.
   *
   * @return the zones whose configuration changed or was removed (tell the responder: {@code
   *     configurationChanged}), in no particular order
   * @throws SQLException when the database fails
   */
  public synchronized List<Name> reloadConfigurations() throws SQLException {
    Map<Name, Long> stored = tables.configurationRevisions();
    List<Name> changed = new ArrayList<>();
    for (Map.Entry<Name, Long> e : stored.entrySet()) {
      SecondaryDnsConfiguration before = configurations.get(e.getKey());
      if (before == null || before.revision() != e.getValue()) {
        Optional<SecondaryDnsConfiguration> now = loadConfiguration(e.getKey());
        if (now.isPresent()) {
          configurations.put(e.getKey(), now.get());
        } else {
          configurations.remove(e.getKey()); // removed between the two statements
        }
        changed.add(e.getKey());
      }
    }
    for (Name zone : List.copyOf(configurations.keySet())) {
      if (!stored.containsKey(zone)) {
        configurations.remove(zone);
        changed.add(zone);
      }
    }
    return changed;
  }

  /**
   * The host's zones.
   *
   * @return their origins, in the database's order
   * @throws SQLException when the database fails
   */
  public synchronized List<Name> zones() throws SQLException {
    return tables.zones();
  }

  private static Name relative(String owner, Name zone) {
    try {
      return owner.equals("@") ? zone : Name.fromString(owner, zone);
    } catch (IOException e) {
      throw new IllegalArgumentException("bad name " + owner, e);
    }
  }

  private static Name name(String text) {
    return HostTables.name(text);
  }
}
