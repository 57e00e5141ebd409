package io.github.secdns.examples.host;

import io.github.secdns.axfr.ServedVersion;
import io.github.secdns.axfr.notify.NotifyOutcome;
import io.github.secdns.core.config.AddressPrefix;
import io.github.secdns.core.config.ConfigurationOrigin;
import io.github.secdns.core.config.NotifyTarget;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.config.TransferAuthentication;
import io.github.secdns.core.config.XotPolicy;
import io.github.secdns.core.diagnostics.DiagnosticReport;
import io.github.secdns.core.lifecycle.SecondaryDnsEvent;
import java.io.IOException;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.SOARecord;

/**
 * The host example's persistence: its own tables (zones, records, configurations with their sealed
 * TSIG keys, lifecycle events, NOTIFY outcomes, diagnostics reports) through one JDBC connection.
 * Only SQL and rows here; what the rows mean for Secondary DNS is {@link SecondaryDnsHost}'s.
 *
 * <p>Not thread-safe: the host calls it under its own lock.
 */
final class HostTables implements AutoCloseable {

  /** A record as the host stores it: presentation format, owner relative or absolute. */
  record StoredRecord(String owner, String type, long ttl, String rdata) {}

  /** A TSIG key as the database holds it: the secret sealed, never in clear. */
  record SealedKey(String name, String algorithm, SecretBox.Sealed secret) {}

  /**
   * A configuration as stored: everything but the TSIG secrets, which the host opens.
   *
   * @param builder the configuration without its keys
   * @param keys its keys, sealed
   */
  record StoredConfiguration(SecondaryDnsConfiguration.Builder builder, List<SealedKey> keys) {}

  /** A unit of database work. */
  interface Work {
    void run() throws SQLException;
  }

  /** What {@link #eachZone} hands over, zone by zone. */
  interface ZoneRows {
    /**
     * One zone.
     *
     * @param soa its SOA as stored (its owner is the zone)
     * @param records its records, in the order they were stored
     */
    void zone(SOARecord soa, List<StoredRecord> records) throws SQLException;
  }

  /** The columns of a zone's SOA, for {@link #soa(Name, ResultSet)}. */
  private static final String SOA_COLUMNS =
      "mname, rname, serial, refresh, retry, expire, minimum, ttl";

  /** The columns of a record, for {@link #record(ResultSet)}. */
  private static final String RECORD_COLUMNS = "owner, rtype, ttl, rdata";

  /**
   * How many records a read of every zone's records fetches at a time: with PostgreSQL's driver a
   * cursor (auto-commit off, see {@link #eachZone}) of this many rows, so that memory holds a few
   * zones' rows, not the whole table.
   */
  private static final int RECORD_FETCH_SIZE = 1000;

  /**
   * A configuration and its sealed TSIG keys in one statement (a join), so that both come from one
   * snapshot of the database: read in two, an edit committed between them gave the keys of the new
   * revision under the old one. Decoded by {@link #configurations(ResultSet)}, with {@code WHERE}
   * and {@code ORDER BY} added.
   */
  private static final String CONFIGURATION_WITH_KEYS =
      "SELECT c.source_kind, c.source_id, c.revision, c.enabled, c.ixfr, c.name_servers,"
          + " c.transfer_acl, c.notify_targets, c.transfer_authentication, c.xot_policy,"
          + " c.catalog, c.catalog_group,"
          + " k.key_name, k.algorithm, k.kek_id, k.nonce, k.ciphertext, c.origin"
          + " FROM secondary_dns_configurations c"
          + " LEFT JOIN secondary_dns_tsig_keys k ON k.origin = c.origin";

  /**
   * How many NOTIFY outcomes per zone and target, and diagnostics reports per zone, are kept (the
   * newest; older ones are deleted as new ones come). Diagnostics read only the newest outcome per
   * target; {@code host show} lists what is kept. Unbounded, a startup NOTIFY fan-out of 100,000
   * zones added a row per zone and target at every start, for ever.
   */
  static final int KEPT_PER_ZONE = 16;

  private final Connection db;

  private HostTables(Connection db) {
    this.db = db;
  }

  /** Applies the migrations and returns the tables on the connection (which it owns from now). */
  static HostTables open(Connection db) throws SQLException {
    Migrations.migrate(db);
    return new HostTables(db);
  }

  /** Runs work in one transaction: all of it is stored, or nothing. */
  void transaction(Work work) throws SQLException {
    boolean autoCommit = db.getAutoCommit();
    db.setAutoCommit(false);
    try {
      work.run();
      db.commit();
    } catch (SQLException | RuntimeException e) {
      db.rollback();
      throw e;
    } finally {
      db.setAutoCommit(autoCommit);
    }
  }

  /**
   * Runs reads in one transaction that sees one snapshot of the database (repeatable read): the
   * statements of a read in several parts ({@link #configurations()}, {@link #eachZone}) agree with
   * each other, as one statement would. PostgreSQL's default (read committed) gives each statement
   * its own snapshot: a zone created between two of them came without its SOA row, one deleted
   * without its records.
   */
  void snapshotTransaction(Work work) throws SQLException {
    int isolation = db.getTransactionIsolation();
    db.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    try {
      transaction(work);
    } finally {
      db.setTransactionIsolation(isolation);
    }
  }

  void insertZone(Name zone, Name mname, Name rname) throws SQLException {
    try (PreparedStatement p =
        db.prepareStatement(
            "INSERT INTO zones (origin, mname, rname,"
                + " serial, refresh, retry, expire, minimum, ttl) VALUES (?, ?, ?, 1, 86400, 7200,"
                + " 604800, 300, 3600)")) {
      p.setString(1, zone.toString());
      p.setString(2, mname.toString());
      p.setString(3, rname.toString());
      p.executeUpdate();
    }
  }

  void insertRecord(Name zone, String owner, String type, long ttl, String rdata)
      throws SQLException {
    try (PreparedStatement p =
        db.prepareStatement(
            "INSERT INTO zone_records (origin, owner,"
                + " rtype, ttl, rdata) VALUES (?, ?, ?, ?, ?)")) {
      p.setString(1, zone.toString());
      p.setString(2, owner);
      p.setString(3, type.toUpperCase(Locale.ROOT));
      p.setLong(4, ttl);
      p.setString(5, rdata);
      p.executeUpdate();
    }
  }

  void deleteRecords(Name zone, Name owner, String type) throws SQLException {
    try (PreparedStatement p =
        db.prepareStatement(
            "DELETE FROM zone_records WHERE origin = ? AND LOWER(owner) = ? AND rtype = ?")) {
      p.setString(1, zone.toString());
      p.setString(2, owner.toString().toLowerCase(Locale.ROOT));
      p.setString(3, type.toUpperCase(Locale.ROOT));
      p.executeUpdate();
    }
  }

  /** The zone's SOA as the host keeps it. */
  SOARecord soa(Name zone) throws SQLException {
    try (PreparedStatement p =
        db.prepareStatement("SELECT " + SOA_COLUMNS + " FROM zones WHERE origin = ?")) {
      p.setString(1, zone.toString());
      try (ResultSet r = p.executeQuery()) {
        if (!r.next()) {
          throw new IllegalStateException("no zone " + zone);
        }
        return soa(zone, r);
      }
    }
  }

  /** The SOA of a row whose first columns are {@link #SOA_COLUMNS}. */
  private static SOARecord soa(Name zone, ResultSet r) throws SQLException {
    return new SOARecord(
        zone,
        DClass.IN,
        r.getLong(8),
        name(r.getString(1)),
        name(r.getString(2)),
        r.getLong(3),
        r.getLong(4),
        r.getLong(5),
        r.getLong(6),
        r.getLong(7));
  }

  /**
   * Stores the zones' serials in one statement (a JDBC batch) whatever their number; none, no
   * statement.
   */
  void setSerials(Map<Name, Long> serials) throws SQLException {
    if (serials.isEmpty()) {
      return;
    }
    try (PreparedStatement p =
        db.prepareStatement("UPDATE zones SET serial = ? WHERE origin = ?")) {
      for (Map.Entry<Name, Long> e : serials.entrySet()) {
        p.setLong(1, e.getValue());
        p.setString(2, e.getKey().toString());
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  List<StoredRecord> records(Name zone) throws SQLException {
    List<StoredRecord> records = new ArrayList<>();
    try (PreparedStatement p =
        db.prepareStatement(
            "SELECT " + RECORD_COLUMNS + " FROM zone_records WHERE origin = ? ORDER BY id")) {
      p.setString(1, zone.toString());
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          records.add(record(r));
        }
      }
    }
    return records;
  }

  /** The record of a row whose first columns are {@link #RECORD_COLUMNS}. */
  private static StoredRecord record(ResultSet r) throws SQLException {
    return new StoredRecord(r.getString(1), r.getString(2), r.getLong(3), r.getString(4));
  }

  /**
   * Every zone with its SOA and records, in two statements whatever the number of zones (every SOA,
   * then every record), handed over zone by zone in the order of {@link #zones()}: only one zone's
   * records are held at a time (and a few more rows in the fetch buffer).
   *
   * <p>Call it with auto-commit off ({@link #transaction}): PostgreSQL's driver reads a result set
   * through a cursor, {@link #RECORD_FETCH_SIZE} rows at a time, only inside a transaction, and
   * with auto-commit on it reads the whole table into memory first. H2 does not need it (it keeps a
   * large result on disk, not in memory) and does the same either way.
   *
   * <p>The records arrive ordered by zone as the SOAs do (the same {@code ORDER BY origin} on the
   * same column), so they are matched by walking both. Rows of a zone without a SOA row (created
   * after the first statement) are passed over, as the zone itself; a zone whose rows are gone
   * (deleted after the first statement) comes with none.
   */
  void eachZone(ZoneRows rows) throws SQLException {
    Map<String, SOARecord> soas = new LinkedHashMap<>();
    try (PreparedStatement p =
            db.prepareStatement("SELECT " + SOA_COLUMNS + ", origin FROM zones ORDER BY origin");
        ResultSet r = p.executeQuery()) {
      while (r.next()) {
        String origin = r.getString(9);
        soas.put(origin, soa(name(origin), r));
      }
    }
    try (PreparedStatement p =
        db.prepareStatement(
            "SELECT " + RECORD_COLUMNS + ", origin FROM zone_records ORDER BY origin, id")) {
      p.setFetchSize(RECORD_FETCH_SIZE);
      try (ResultSet r = p.executeQuery()) {
        boolean more = r.next();
        for (Map.Entry<String, SOARecord> zone : soas.entrySet()) {
          List<StoredRecord> records = new ArrayList<>();
          while (more) {
            String origin = r.getString(5);
            if (origin.equals(zone.getKey())) {
              records.add(record(r));
            } else if (soas.containsKey(origin)) {
              break; // the next zone's first row
            }
            more = r.next();
          }
          rows.zone(zone.getValue(), records);
        }
      }
    }
  }

  List<Name> zones() throws SQLException {
    List<Name> zones = new ArrayList<>();
    try (PreparedStatement p = db.prepareStatement("SELECT origin FROM zones ORDER BY origin");
        ResultSet r = p.executeQuery()) {
      while (r.next()) {
        zones.add(name(r.getString(1)));
      }
    }
    return zones;
  }

  /** Replaces the zone's configuration and keys, and appends its events (inside a transaction). */
  void saveConfiguration(
      SecondaryDnsConfiguration c, List<SealedKey> keys, List<SecondaryDnsEvent> events, Instant at)
      throws SQLException {
    try (PreparedStatement d =
        db.prepareStatement("DELETE FROM secondary_dns_configurations WHERE origin = ?")) {
      d.setString(1, c.zone().toString());
      d.executeUpdate();
    }
    try (PreparedStatement p =
        db.prepareStatement(
            "INSERT INTO secondary_dns_configurations"
                + " (origin, source_kind, source_id, revision, enabled, ixfr, name_servers,"
                + " transfer_acl, notify_targets, transfer_authentication, xot_policy, catalog,"
                + " catalog_group)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      p.setString(1, c.zone().toString());
      ConfigurationOrigin o = c.origin();
      if (o instanceof ConfigurationOrigin.Preset preset) {
        p.setString(2, "preset");
        p.setString(3, preset.presetId());
      } else if (o instanceof ConfigurationOrigin.NameServerSetRef set) {
        p.setString(2, "set");
        p.setString(3, set.setId());
      } else {
        p.setString(2, "custom");
        p.setString(3, null);
      }
      p.setLong(4, c.revision());
      p.setBoolean(5, c.enabled());
      p.setBoolean(6, c.ixfrEnabled());
      p.setString(7, ConfigurationColumns.nameServers(c.secondaryNameServers()));
      p.setString(8, ConfigurationColumns.transferAcl(c.transferAcl()));
      p.setString(9, ConfigurationColumns.notifyTargets(c.notifyTargets()));
      p.setString(10, c.transferAuthentication().name());
      p.setString(11, c.xotPolicy().name());
      p.setString(12, ConfigurationColumns.catalog(c));
      p.setString(13, ConfigurationColumns.catalogGroup(c));
      p.executeUpdate();
    }
    saveKeys(c.zone(), keys);
    for (SecondaryDnsEvent e : events) {
      try (PreparedStatement p =
          db.prepareStatement(
              "INSERT INTO secondary_dns_events"
                  + " (origin, event_type, revision, name_servers, allowed, created_at)"
                  + " VALUES (?, ?, ?, ?, ?, ?)")) {
        p.setString(1, e.zone().toString());
        p.setString(2, e.type().webhookName());
        p.setLong(3, e.revision());
        p.setString(4, String.join("\n", e.nameServers().hostNames()));
        p.setString(
            5,
            e.allowedAddresses().stream().map(Object::toString).collect(Collectors.joining("\n")));
        p.setTimestamp(6, Timestamp.from(at));
        p.executeUpdate();
      }
    }
  }

  private void saveKeys(Name zone, List<SealedKey> keys) throws SQLException {
    try (PreparedStatement d =
        db.prepareStatement("DELETE FROM secondary_dns_tsig_keys WHERE origin = ?")) {
      d.setString(1, zone.toString());
      d.executeUpdate();
    }
    Base64.Encoder b64 = Base64.getEncoder();
    for (SealedKey k : keys) {
      try (PreparedStatement p =
          db.prepareStatement(
              "INSERT INTO secondary_dns_tsig_keys"
                  + " (origin, key_name, algorithm, kek_id, nonce, ciphertext)"
                  + " VALUES (?, ?, ?, ?, ?, ?)")) {
        p.setString(1, zone.toString());
        p.setString(2, k.name());
        p.setString(3, k.algorithm());
        p.setString(4, k.secret().keyId());
        p.setString(5, b64.encodeToString(k.secret().nonce()));
        p.setString(6, b64.encodeToString(k.secret().ciphertext()));
        p.executeUpdate();
      }
    }
  }

  /**
   * Every stored configuration's revision, in one statement: what a process that serves while
   * another one edits compares with what it holds, so that it reads again only what changed.
   */
  Map<Name, Long> configurationRevisions() throws SQLException {
    Map<Name, Long> revisions = new HashMap<>();
    try (PreparedStatement p =
            db.prepareStatement("SELECT origin, revision FROM secondary_dns_configurations");
        ResultSet r = p.executeQuery()) {
      while (r.next()) {
        revisions.put(name(r.getString(1)), r.getLong(2));
      }
    }
    return revisions;
  }

  /**
   * A zone's configuration and its sealed TSIG keys, in one statement ({@link
   * #CONFIGURATION_WITH_KEYS}).
   */
  Optional<StoredConfiguration> configuration(Name zone) throws SQLException {
    try (PreparedStatement p =
        db.prepareStatement(CONFIGURATION_WITH_KEYS + " WHERE c.origin = ? ORDER BY k.key_name")) {
      p.setString(1, zone.toString());
      try (ResultSet r = p.executeQuery()) {
        return Optional.ofNullable(configurations(r).get(zone));
      }
    }
  }

  /**
   * Every zone's configuration with its sealed TSIG keys, in one statement whatever the number of
   * zones ({@link #CONFIGURATION_WITH_KEYS}: each configuration with its own keys).
   *
   * @return the configurations by zone, in the order of origin
   */
  Map<Name, StoredConfiguration> configurations() throws SQLException {
    try (PreparedStatement p =
            db.prepareStatement(CONFIGURATION_WITH_KEYS + " ORDER BY c.origin, k.key_name");
        ResultSet r = p.executeQuery()) {
      return configurations(r);
    }
  }

  /**
   * The configurations of the rows of {@link #CONFIGURATION_WITH_KEYS} (one row per key, or one
   * without a key), each with its keys in the rows' order.
   */
  private static Map<Name, StoredConfiguration> configurations(ResultSet r) throws SQLException {
    Map<Name, StoredConfiguration> stored = new LinkedHashMap<>();
    Base64.Decoder b64 = Base64.getDecoder();
    while (r.next()) {
      Name zone = name(r.getString(18));
      StoredConfiguration c = stored.get(zone);
      if (c == null) {
        c = new StoredConfiguration(builder(zone, r), new ArrayList<>());
        stored.put(zone, c);
      }
      String keyName = r.getString(13);
      if (keyName != null) {
        c.keys()
            .add(
                new SealedKey(
                    keyName,
                    r.getString(14),
                    new SecretBox.Sealed(
                        r.getString(15),
                        b64.decode(r.getString(16)),
                        b64.decode(r.getString(17)))));
      }
    }
    return stored;
  }

  /** The configuration of a row of {@link #CONFIGURATION_WITH_KEYS}, keys aside. */
  private static SecondaryDnsConfiguration.Builder builder(Name zone, ResultSet r)
      throws SQLException {
    SecondaryDnsConfiguration.Builder b =
        SecondaryDnsConfiguration.builder()
            .zone(zone.toString())
            .origin(
                switch (r.getString(1)) {
                  case "preset" -> ConfigurationOrigin.preset(r.getString(2));
                  case "set" -> ConfigurationOrigin.nameServerSet(r.getString(2));
                  default -> ConfigurationOrigin.custom();
                })
            .revision(r.getLong(3))
            .enabled(r.getBoolean(4))
            .ixfrEnabled(r.getBoolean(5))
            .transferAuthentication(TransferAuthentication.valueOf(r.getString(9)))
            .xotPolicy(XotPolicy.valueOf(r.getString(10)));
    ConfigurationColumns.addNameServers(r.getString(6), b);
    ConfigurationColumns.addTransferAcl(r.getString(7), b);
    ConfigurationColumns.addNotifyTargets(r.getString(8), b);
    ConfigurationColumns.addCatalog(r.getString(11), r.getString(12), b);
    return b;
  }

  void saveReport(Name zone, DiagnosticReport report, Instant at) throws SQLException {
    try (PreparedStatement p =
        db.prepareStatement(
            "INSERT INTO diagnostics_reports (origin,"
                + " status, findings, created_at) VALUES (?, ?, ?, ?)")) {
      p.setString(1, zone.toString());
      p.setString(2, report.status().name());
      p.setString(
          3,
          report.findings().stream()
              .map(f -> f.severity() + " " + f.code() + ": " + f.message())
              .collect(Collectors.joining("\n")));
      p.setTimestamp(4, Timestamp.from(at));
      p.executeUpdate();
    }
    try (PreparedStatement p =
        db.prepareStatement(
            "DELETE FROM diagnostics_reports WHERE origin = ? AND id <= ("
                + newestBeyondKept("diagnostics_reports", "origin = ?")
                + ")")) {
      p.setString(1, zone.toString());
      p.setString(2, zone.toString());
      p.executeUpdate();
    }
  }

  /**
   * A NOTIFY outcome and when it came.
   *
   * @param outcome the outcome
   * @param at when the sender reported it
   */
  record TimedOutcome(NotifyOutcome outcome, Instant at) {}

  /** Appends NOTIFY outcomes, in one statement (a JDBC batch); none, no statement. */
  void saveOutcomes(List<TimedOutcome> outcomes) throws SQLException {
    if (outcomes.isEmpty()) {
      return;
    }
    try (PreparedStatement p =
        db.prepareStatement(
            "INSERT INTO notify_outcomes (origin,"
                + " serial, address, port, target, outcome, rcode, detail, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (TimedOutcome timed : outcomes) {
        NotifyOutcome o = timed.outcome();
        NotifyTarget t = o.target();
        Optional<Integer> rcode = o.toDiagnostics(timed.at()).flatMap(d -> d.rcode());
        p.setString(1, o.zone().toString());
        p.setLong(2, o.serial().value());
        p.setString(3, t.address().getHostAddress());
        p.setInt(4, t.port());
        p.setString(5, t.address().getHostAddress() + ":" + t.port());
        p.setString(6, o.getClass().getSimpleName().toLowerCase(Locale.ROOT));
        if (rcode.isPresent()) {
          p.setInt(7, rcode.get());
        } else {
          p.setNull(7, Types.INTEGER);
        }
        p.setString(8, o.toString());
        p.setTimestamp(9, Timestamp.from(timed.at()));
        p.addBatch();
      }
      p.executeBatch();
    }
    // Each zone and target written to keeps its newest KEPT_PER_ZONE (one statement, a batch).
    Set<List<String>> written = new LinkedHashSet<>();
    for (TimedOutcome timed : outcomes) {
      NotifyTarget t = timed.outcome().target();
      written.add(
          List.of(
              timed.outcome().zone().toString(), t.address().getHostAddress() + ":" + t.port()));
    }
    try (PreparedStatement p =
        db.prepareStatement(
            "DELETE FROM notify_outcomes WHERE origin = ? AND target = ? AND id <= ("
                + newestBeyondKept("notify_outcomes", "origin = ? AND target = ?")
                + ")")) {
      for (List<String> zoneAndTarget : written) {
        p.setString(1, zoneAndTarget.get(0));
        p.setString(2, zoneAndTarget.get(1));
        p.setString(3, zoneAndTarget.get(0));
        p.setString(4, zoneAndTarget.get(1));
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  /**
   * The id of the newest row past the {@link #KEPT_PER_ZONE} newest that match {@code where}: it
   * and every older one go (none is when there are no more than that; the subquery is then NULL).
   * Read backwards along the table's (origin, ..., id) index.
   */
  private static String newestBeyondKept(String table, String where) {
    return "SELECT id FROM "
        + table
        + " WHERE "
        + where
        + " ORDER BY id DESC OFFSET "
        + KEPT_PER_ZONE
        + " ROWS FETCH NEXT 1 ROWS ONLY";
  }

  /**
   * The stored NOTIFY outcomes as the diagnostics engine reads them (a superseded NOTIFY says
   * nothing about the target and is left out).
   */
  List<io.github.secdns.core.diagnostics.NotifyOutcome> outcomesForDiagnostics(Name zone)
      throws SQLException {
    List<io.github.secdns.core.diagnostics.NotifyOutcome> out = new ArrayList<>();
    try (PreparedStatement p =
        db.prepareStatement(
            "SELECT address, port, rcode, created_at"
                + " FROM notify_outcomes WHERE origin = ? AND outcome <> 'superseded' ORDER BY id")) {
      p.setString(1, zone.toString());
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          InetAddress address = AddressPrefix.parse(r.getString(1)).network();
          int port = r.getInt(2);
          int rcode = r.getInt(3);
          boolean answered = !r.wasNull();
          Instant at = r.getTimestamp(4).toInstant();
          out.add(
              answered
                  ? io.github.secdns.core.diagnostics.NotifyOutcome.answered(
                      address, port, rcode, at)
                  : io.github.secdns.core.diagnostics.NotifyOutcome.unanswered(address, port, at));
        }
      }
    }
    return out;
  }

  /** Records that a serving node is alive now (inserted at its first report). */
  void touchNode(String node, Instant now) throws SQLException {
    try (PreparedStatement u =
        db.prepareStatement("UPDATE secondary_dns_nodes SET seen_at = ? WHERE node = ?")) {
      u.setTimestamp(1, Timestamp.from(now));
      u.setString(2, node);
      if (u.executeUpdate() > 0) {
        return;
      }
    }
    try (PreparedStatement i =
        db.prepareStatement("INSERT INTO secondary_dns_nodes (node, seen_at) VALUES (?, ?)")) {
      i.setString(1, node);
      i.setTimestamp(2, Timestamp.from(now));
      i.executeUpdate();
    }
  }

  /** Removes a node and every report of it (a node that stops cleanly). */
  void forgetNode(String node) throws SQLException {
    try (PreparedStatement d =
        db.prepareStatement("DELETE FROM secondary_dns_nodes WHERE node = ?")) {
      d.setString(1, node);
      d.executeUpdate();
    }
  }

  /**
   * Replaces what one node's responder reported it applies to each zone of {@code reports} (an
   * empty report removes the zone's row: withdrawn), and touches the node: a few statements
   * whatever the number of zones (JDBC batches).
   */
  void saveApplied(String node, Map<Name, Optional<ServedVersion>> reports, Instant now)
      throws SQLException {
    touchNode(node, now);
    try (PreparedStatement d =
        db.prepareStatement(
            "DELETE FROM secondary_dns_applied_by_node WHERE origin = ? AND node = ?")) {
      for (Name zone : reports.keySet()) {
        d.setString(1, zone.toString());
        d.setString(2, node);
        d.addBatch();
      }
      d.executeBatch();
    }
    try (PreparedStatement p =
        db.prepareStatement(
            "INSERT INTO secondary_dns_applied_by_node (origin, node, serial, revision, since)"
                + " VALUES (?, ?, ?, ?, ?)")) {
      boolean any = false;
      for (Optional<ServedVersion> report : reports.values()) {
        if (report.isEmpty()) {
          continue;
        }
        ServedVersion v = report.get();
        p.setString(1, v.zone().toString());
        p.setString(2, node);
        p.setLong(3, v.serial().value());
        if (v.configurationRevision().isPresent()) {
          p.setLong(4, v.configurationRevision().getAsLong());
        } else {
          p.setNull(4, Types.BIGINT);
        }
        p.setTimestamp(5, Timestamp.from(v.since()));
        p.addBatch();
        any = true;
      }
      if (any) {
        p.executeBatch();
      }
    }
  }

  /**
   * What the responders of the nodes heard from since {@code aliveSince} report they apply to a
   * zone: the least advanced of them (the lowest configuration revision, none lowest of all; of
   * equal revisions the one applied longest ago), so that a change shows as applied only once every
   * such node took it up.
   */
  Optional<ServedVersion> applied(Name zone, Instant aliveSince) throws SQLException {
    Optional<ServedVersion> least = Optional.empty();
    try (PreparedStatement p =
        db.prepareStatement(
            "SELECT a.serial, a.revision, a.since FROM secondary_dns_applied_by_node a"
                + " JOIN secondary_dns_nodes n ON n.node = a.node"
                + " WHERE a.origin = ? AND n.seen_at >= ?")) {
      p.setString(1, zone.toString());
      p.setTimestamp(2, Timestamp.from(aliveSince));
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          long serial = r.getLong(1);
          long revision = r.getLong(2);
          java.util.OptionalLong rev =
              r.wasNull() ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(revision);
          ServedVersion v =
              new ServedVersion(
                  zone,
                  io.github.secdns.core.serial.SerialNumber.of(serial),
                  rev,
                  r.getTimestamp(3).toInstant());
          if (least.isEmpty() || lessAdvanced(v, least.get())) {
            least = Optional.of(v);
          }
        }
      }
    }
    return least;
  }

  private static boolean lessAdvanced(ServedVersion a, ServedVersion b) {
    if (a.configurationRevision().isEmpty() != b.configurationRevision().isEmpty()) {
      return a.configurationRevision().isEmpty();
    }
    if (a.configurationRevision().isPresent()
        && a.configurationRevision().getAsLong() != b.configurationRevision().getAsLong()) {
      return a.configurationRevision().getAsLong() < b.configurationRevision().getAsLong();
    }
    return a.since().isBefore(b.since());
  }

  List<String> events(Name zone) throws SQLException {
    return strings(
        "SELECT event_type || ' revision ' || revision FROM secondary_dns_events"
            + " WHERE origin = ? ORDER BY id",
        zone);
  }

  List<String> notifyOutcomes(Name zone) throws SQLException {
    return strings(
        "SELECT serial || ' ' || target || ' ' || outcome FROM notify_outcomes"
            + " WHERE origin = ? ORDER BY id",
        zone);
  }

  List<String> reportStatuses(Name zone) throws SQLException {
    return strings("SELECT status FROM diagnostics_reports WHERE origin = ? ORDER BY id", zone);
  }

  private List<String> strings(String sql, Name zone) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement p = db.prepareStatement(sql)) {
      p.setString(1, zone.toString());
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(r.getString(1));
        }
      }
    }
    return out;
  }

  static Name name(String text) {
    try {
      return Name.fromString(text.endsWith(".") ? text : text + ".");
    } catch (IOException e) {
      throw new IllegalArgumentException("bad name " + text, e);
    }
  }

  @Override
  public void close() throws SQLException {
    db.close();
  }
}
