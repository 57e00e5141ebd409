package io.github.secdns.examples.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.axfr.ServedVersion;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.config.TransferAuthentication;
import io.github.secdns.core.diagnostics.DiagnosticCode;
import io.github.secdns.core.diagnostics.Observations;
import io.github.secdns.core.lifecycle.EnableResult;
import io.github.secdns.core.preset.PresetApplier;
import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.examples.plugin.ExampleSecondaryPreset;
import io.github.secdns.testsupport.MutableClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/** The host application on a real H2 database (a file, so that a restart can be shown). */
class SecondaryDnsHostTest {

  static final Name ZONE = Name.fromConstantString("example.com.");

  @TempDir Path dir;

  Connection connect() throws Exception {
    return DriverManager.getConnection("jdbc:h2:" + dir.resolve("host").toAbsolutePath());
  }

  static Set<String> apexNs(ZoneSnapshot s) {
    return s.records().stream()
        .filter(r -> r.getType() == Type.NS && r.getName().equals(ZONE))
        .map(r -> ((NSRecord) r).getTarget().toString())
        .collect(Collectors.toSet());
  }

  static SecondaryDnsConfiguration.Builder exampleSecondary() {
    return PresetApplier.apply(new ExampleSecondaryPreset(), "example.com")
        .addAclEntry("127.0.0.1", "this machine");
  }

  @Test
  void migrationsRunOnce() throws Exception {
    try (Connection c = connect()) {
      assertEquals(5, Migrations.migrate(c));
      assertEquals(0, Migrations.migrate(c));
    }
  }

  @Test
  void enableEditDisableAreStoredAndServed() throws Exception {
    try (SecondaryDnsHost host = SecondaryDnsHost.open(connect(), Clock.systemUTC())) {
      ZoneSnapshot first =
          host.createZone(
                  "example.com",
                  "ns1.example.com",
                  "hostmaster.example.com",
                  List.of("ns1.example.com", "ns2.example.com"))
              .snapshot();
      assertEquals(Set.of("ns1.example.com.", "ns2.example.com."), apexNs(first));
      assertEquals(first, host.snapshot(ZONE).orElseThrow());
      assertTrue(host.configuration(ZONE).isEmpty());

      EnableResult enabled = host.enable(exampleSecondary().build());
      assertEquals(1, enabled.configuration().revision());
      ZoneSnapshot withSecondaries = host.snapshot(ZONE).orElseThrow();
      assertEquals(
          Set.of(
              "ns1.example.com.",
              "ns2.example.com.",
              "ns1.secondary.example.",
              "ns2.secondary.example."),
          apexNs(withSecondaries));
      assertTrue(withSecondaries.serial().isNewerThan(first.serial()));

      ZoneSnapshot edited = host.putRecord("example.com", "www", "A", 300, "192.0.2.80").snapshot();
      assertTrue(edited.serial().isNewerThan(withSecondaries.serial()));

      host.edit(
          host.configuration(ZONE).orElseThrow().toBuilder()
              .secondaryNameServers(List.of("ns1.secondary.example"))
              .build());
      assertFalse(apexNs(host.snapshot(ZONE).orElseThrow()).contains("ns2.secondary.example."));

      host.disable("example.com");
      assertFalse(host.configuration(ZONE).orElseThrow().enabled());
      assertEquals(
          Set.of("ns1.example.com.", "ns2.example.com."),
          apexNs(host.snapshot(ZONE).orElseThrow()));
      assertEquals(
          List.of(
              "secondary_dns.create revision 1",
              "secondary_dns.update revision 2",
              "secondary_dns.delete revision 3"),
          host.events("example.com"));

      host.diagnose("example.com", Observations.none());
      assertEquals(1, host.reportStatuses("example.com").size());
    }
    // After a restart the same zone and configuration are served from the database.
    try (SecondaryDnsHost again = SecondaryDnsHost.open(connect(), Clock.systemUTC())) {
      SecondaryDnsConfiguration stored = again.configuration(ZONE).orElseThrow();
      assertEquals(3, stored.revision());
      assertFalse(stored.enabled());
      assertTrue(
          again.snapshot(ZONE).orElseThrow().records().stream()
              .anyMatch(r -> r.getName().toString().equals("www.example.com.")));
    }
  }

  @Test
  void badInputIsRefusedAndNothingIsStored() throws Exception {
    try (SecondaryDnsHost host = SecondaryDnsHost.open(connect(), Clock.systemUTC())) {
      host.createZone(
          "example.com", "ns1.example.com", "hostmaster.example.com", List.of("ns1.example.com"));
      ZoneSnapshot before = host.snapshot(ZONE).orElseThrow();
      assertThrows(
          IllegalArgumentException.class,
          () -> host.putRecord("example.com", "www", "A", 300, "not-an-address"));
      assertThrows(IllegalStateException.class, () -> host.disable("example.com"));
      assertEquals(before, host.snapshot(ZONE).orElseThrow());
      assertEquals(List.of(), host.events("example.com"));
    }
  }

  /**
   * A connection that counts the statements prepared on it: what a poll costs the database, read
   * without a mock (the statements still run on the real H2 database).
   */
  static Connection counting(Connection real, AtomicInteger statements) {
    return AfterEachCall.wrap(
        Connection.class,
        real,
        (method, args, result) -> {
          if (method.getName().equals("prepareStatement")
              || method.getName().equals("createStatement")) {
            statements.incrementAndGet();
          }
          return result;
        });
  }

  @Test
  void aPollReadsAgainOnlyTheConfigurationsAnotherProcessChanged() throws Exception {
    int zones = 40;
    AtomicInteger statements = new AtomicInteger();
    try (SecondaryDnsHost editor = SecondaryDnsHost.open(connect(), Clock.systemUTC())) {
      for (int i = 0; i < zones; i++) {
        String zone = "z" + i + ".example";
        editor.createZone(zone, "ns1." + zone, "hostmaster." + zone, List.of("ns1." + zone));
        editor.enable(
            PresetApplier.apply(new ExampleSecondaryPreset(), zone)
                .addAclEntry("127.0.0.1", "this machine")
                .build());
      }
      try (SecondaryDnsHost server =
          SecondaryDnsHost.open(counting(connect(), statements), Clock.systemUTC())) {
        Name z3 = Name.fromConstantString("z3.example.");
        Name z7 = Name.fromConstantString("z7.example.");
        statements.set(0);
        assertEquals(List.of(), server.reloadConfigurations());
        // One statement for every zone's revision, whatever the number of zones.
        assertEquals(1, statements.get());

        editor.edit(editor.configuration(z3).orElseThrow().toBuilder().ixfrEnabled(false).build());
        statements.set(0);
        assertEquals(List.of(z3), server.reloadConfigurations());
        SecondaryDnsConfiguration reloaded = server.configuration(z3).orElseThrow();
        assertEquals(2, reloaded.revision());
        assertFalse(reloaded.ixfrEnabled());
        // The revisions, then the changed configuration and its keys: not one read per zone.
        assertTrue(statements.get() <= 3, statements.get() + " statements");
        assertEquals(List.of(), server.reloadConfigurations());

        // A configuration removed by another process is no longer served here.
        try (Connection other = connect();
            PreparedStatement delete =
                other.prepareStatement(
                    "DELETE FROM secondary_dns_configurations WHERE origin = ?")) {
          delete.setString(1, z7.toString());
          assertEquals(1, delete.executeUpdate());
        }
        assertTrue(server.configuration(z7).isPresent());
        assertEquals(List.of(z7), server.reloadConfigurations());
        assertTrue(server.configuration(z7).isEmpty());
        assertEquals(List.of(), server.reloadConfigurations());
      }
    }
  }

  static ServedVersion applies(SecondaryDnsHost editor, long revision, Instant since) {
    return new ServedVersion(
        ZONE, editor.snapshot(ZONE).orElseThrow().serial(), OptionalLong.of(revision), since);
  }

  /** Saves an edit of the configuration that allows one more address. */
  static SecondaryDnsConfiguration allowing(
      SecondaryDnsHost editor, SecondaryDnsConfiguration c, String address) throws Exception {
    return editor.edit(c.toBuilder().addAclEntry(address, "another").build()).configuration();
  }

  /**
   * A node's responder reports a version, and the node stores it as {@code host serve} does at its
   * next poll (the reports are stored on the host's own thread; the heartbeat stores what is left).
   */
  static void reports(SecondaryDnsHost node, ServedVersion version) throws Exception {
    node.appliedVersions().servable(version);
    node.heartbeat();
  }

  static boolean propagating(SecondaryDnsHost host) throws Exception {
    return !host.diagnose("example.com", Observations.none())
        .findings(DiagnosticCode.CONFIGURATION_PROPAGATING)
        .isEmpty();
  }

  /**
   * Several serving nodes on one database (each its own SecondaryDnsHost, as each `host serve`
   * process is), and an editing one that diagnoses: a saved change is applied once every node heard
   * from lately reports it, not once the fastest does.
   */
  @Test
  void aChangeIsAppliedOnceEveryLiveNodeTookItUp() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-12-03T08:00:00Z"));
    SecondaryDnsHost b = SecondaryDnsHost.open(connect(), clock);
    try (SecondaryDnsHost editor = SecondaryDnsHost.open(connect(), clock);
        SecondaryDnsHost a = SecondaryDnsHost.open(connect(), clock)) {
      editor.createZone(
          "example.com", "ns1.example.com", "hostmaster.example.com", List.of("ns1.example.com"));
      SecondaryDnsConfiguration one = editor.enable(exampleSecondary().build()).configuration();
      reports(a, applies(editor, one.revision(), clock.instant()));
      reports(b, applies(editor, one.revision(), clock.instant()));
      assertFalse(propagating(editor));

      SecondaryDnsConfiguration two = allowing(editor, one, "198.51.100.7");
      reports(a, applies(editor, two.revision(), clock.instant()));
      assertTrue(propagating(editor), "node b still applies revision " + one.revision());
      reports(b, applies(editor, two.revision(), clock.instant()));
      assertFalse(propagating(editor));

      // b falls silent (it stopped without saying so): after NODE_SILENCE it holds nothing back.
      SecondaryDnsConfiguration three = allowing(editor, two, "198.51.100.8");
      reports(a, applies(editor, three.revision(), clock.instant()));
      assertTrue(propagating(editor));
      clock.advance(SecondaryDnsHost.NODE_SILENCE.plusSeconds(1));
      a.heartbeat();
      assertFalse(propagating(editor));
      // Heard from again, it counts again; stopped cleanly, at once no longer.
      b.heartbeat();
      assertTrue(propagating(editor));
      b.close();
      assertFalse(propagating(editor));
    } finally {
      b.close();
    }
  }

  /**
   * The statements a reopened host prepared.
   *
   * @param open those of {@code open}, the migrations' check of the schema history left out (as
   *     many whatever the zones)
   * @param change those of one record added afterwards
   */
  record Statements(int open, int change) {}

  /**
   * Opens a database of {@code zones} zones again through a counting connection, checks that the
   * reopened host serves what it served before the restart, and adds a record.
   */
  Statements statementsToReopen(int zones) throws Exception {
    Path db = dir.resolve("zones-" + zones).toAbsolutePath();
    Optional<SecretBox> box =
        Optional.of(SecretBox.of(Base64.getDecoder().decode(SecretBox.newKey())));
    Map<Name, ZoneSnapshot> snapshots = new HashMap<>();
    Map<Name, SecondaryDnsConfiguration> configurations = new HashMap<>();
    List<Name> origins;
    try (SecondaryDnsHost host =
        SecondaryDnsHost.open(
            DriverManager.getConnection("jdbc:h2:" + db), Clock.systemUTC(), box)) {
      for (int i = 0; i < zones; i++) {
        String zone = "z" + i + ".example";
        host.createZone(
            zone, "ns1." + zone, "hostmaster." + zone, List.of("ns1." + zone, "ns2." + zone));
        for (int r = 0; r <= i % 4; r++) {
          host.putRecord(zone, "www" + r, "A", 300, "192.0.2." + (r + 1));
        }
        host.putRecord(zone, "@", "MX", 3600, "10 mail." + zone + ".");
        SecondaryDnsConfiguration.Builder c =
            PresetApplier.apply(new ExampleSecondaryPreset(), zone)
                .addAclEntry("127.0.0.1", "this machine");
        if (i % 3 == 0) {
          // Two keys, added in the reverse of their names' order.
          c.notifyTargets(List.of())
              .addTsigKey("xfr2." + zone, "hmac-sha256", SecretBox.newKey())
              .addTsigKey("xfr1." + zone, "hmac-sha512", SecretBox.newKey())
              .transferAuthentication(TransferAuthentication.ADDRESS_AND_KEY);
        }
        host.enable(c.build());
        if (i % 5 == 1) {
          host.disable(zone);
        }
      }
      origins = host.zones();
      for (Name zone : origins) {
        snapshots.put(zone, host.snapshot(zone).orElseThrow());
        host.configuration(zone).ifPresent(c -> configurations.put(zone, c));
      }
    }
    AtomicInteger statements = new AtomicInteger();
    try (Connection c = counting(DriverManager.getConnection("jdbc:h2:" + db), statements)) {
      Migrations.migrate(c);
    }
    int migrations = statements.getAndSet(0);
    try (SecondaryDnsHost again =
        SecondaryDnsHost.open(
            counting(DriverManager.getConnection("jdbc:h2:" + db), statements),
            Clock.systemUTC(),
            box)) {
      int opened = statements.get() - migrations;
      assertEquals(origins, again.zones());
      assertEquals(zones, origins.size());
      for (Name zone : origins) {
        ZoneSnapshot before = snapshots.get(zone);
        ZoneSnapshot after = again.snapshot(zone).orElseThrow();
        assertEquals(before.serial(), after.serial(), zone.toString());
        assertEquals(before.records(), after.records(), zone.toString());
        assertEquals(before, after, zone.toString());
        assertEquals(Optional.ofNullable(configurations.get(zone)), again.configuration(zone));
      }
      Name first = origins.get(0);
      statements.set(0);
      ZoneSnapshot changed =
          again.putRecord(first.toString(), "new", "A", 300, "192.0.2.99").snapshot();
      assertTrue(changed.serial().isNewerThan(snapshots.get(first).serial()));
      return new Statements(opened, statements.get());
    }
  }

  @Test
  void openReadsTheDatabaseInAFixedNumberOfStatementsWhateverTheZones() throws Exception {
    Statements five = statementsToReopen(5);
    Statements fifty = statementsToReopen(50);
    // Every configuration with its keys, every SOA, every record: one statement each (the zones'
    // serials did not move, so none is written). It was five statements a zone.
    assertEquals(five.open(), fifty.open(), five + " for 5 zones, " + fifty + " for 50");
    assertTrue(fifty.open() <= 6, fifty + " for 50 zones");
    // A change reads the zone once: the insert, then the SOA, the records and the new serial (it
    // read the records twice).
    assertEquals(4, fifty.change(), fifty + " for 50 zones");
  }

  /**
   * A restart with a versions store: a zone whose exported version the store holds already is not
   * written again, and the store is read once for all of them (it was one load and one
   * compare-and-set per zone); a zone the store missed (changed while the host ran without the
   * store) is published to it.
   */
  @Test
  void aRestartWritesToTheVersionsStoreOnlyWhatItLacks() throws Exception {
    org.h2.jdbcx.JdbcDataSource storeDb = new org.h2.jdbcx.JdbcDataSource();
    storeDb.setURL("jdbc:h2:" + dir.resolve("versions").toAbsolutePath());
    io.github.secdns.jdbc.FlywayMigrations.migrate(storeDb);
    List<Name> origins;
    try (io.github.secdns.jdbc.JdbcZoneStore store =
            io.github.secdns.jdbc.JdbcZoneStore.builder(storeDb).build();
        SecondaryDnsHost host =
            SecondaryDnsHost.open(
                connect(), Clock.systemUTC(), Optional.empty(), Optional.of(store))) {
      for (int i = 0; i < 6; i++) {
        String zone = "z" + i + ".example";
        host.createZone(zone, "ns1." + zone, "hostmaster." + zone, List.of("ns1." + zone));
        host.putRecord(zone, "www", "A", 300, "192.0.2." + (i + 1));
      }
      origins = host.zones();
    }
    // Without the store: the store misses this change.
    Name changed = origins.get(2);
    try (SecondaryDnsHost host = SecondaryDnsHost.open(connect(), Clock.systemUTC())) {
      host.putRecord(changed.toString(), "mail", "A", 300, "192.0.2.25");
    }
    for (int restart = 0; restart < 2; restart++) {
      Map<String, Integer> calls = new HashMap<>();
      try (io.github.secdns.jdbc.JdbcZoneStore store =
              io.github.secdns.jdbc.JdbcZoneStore.builder(storeDb).build();
          SecondaryDnsHost host = openWithVersions(countingCalls(store, calls, () -> {}))) {
        // The first restart writes the missed change; the second has nothing to write.
        Map<String, Integer> expected =
            restart == 0 ? Map.of("loadAll", 1, "publishNext", 1) : Map.of("loadAll", 1);
        assertEquals(expected, calls, "calls to the versions store at restart " + restart);
        assertTheStoreHoldsWhatIsServed(store, host, origins);
      }
    }
  }

  /**
   * {@code host serve} after a restart reads the versions store once: the source that serves it
   * starts from the open's read ({@link SecondaryDnsHost#takeStartingRead}; it read the whole store
   * a second time), loads no zone the read holds, and serves the stored versions over loopback; a
   * version another node writes right after that read is served too (the feed is followed from the
   * read's position).
   */
  @Test
  void aServeAfterARestartReadsTheVersionsStoreOnceAndMissesNothingWrittenSince() throws Exception {
    org.h2.jdbcx.JdbcDataSource storeDb = emptyVersionsStore("served-versions");
    Map<Name, ZoneSnapshot> created = new HashMap<>();
    try (io.github.secdns.jdbc.JdbcZoneStore store =
            io.github.secdns.jdbc.JdbcZoneStore.builder(storeDb).build();
        SecondaryDnsHost host =
            SecondaryDnsHost.open(
                connect(), Clock.systemUTC(), Optional.empty(), Optional.of(store))) {
      for (int i = 0; i < 3; i++) {
        String zone = "z" + i + ".example";
        ZoneSnapshot v =
            host.createZone(zone, "ns1." + zone, "hostmaster." + zone, List.of("ns1." + zone))
                .snapshot();
        created.put(v.origin(), v);
      }
    }
    Name changed = Name.fromString("z1.example.");
    ZoneSnapshot othersVersion =
        ZoneSnapshot.of(
            io.github.secdns.testsupport.zones.TestRecords.soa(
                changed.toString(), created.get(changed).serial().value() + 10),
            created.get(changed).records());
    Map<String, Integer> calls = new java.util.concurrent.ConcurrentHashMap<>();
    Map<Name, Long> servable = new java.util.concurrent.ConcurrentHashMap<>();
    java.util.concurrent.CountDownLatch othersServed = new java.util.concurrent.CountDownLatch(1);
    try (io.github.secdns.jdbc.JdbcZoneStore store =
            io.github.secdns.jdbc.JdbcZoneStore.builder(storeDb).build();
        SecondaryDnsHost host =
            openWithVersions(
                countingCalls(
                    store,
                    calls,
                    // Another node, right after the open's read of the store.
                    () -> store.publishNext(othersVersion, Clock.systemUTC())))) {
      io.github.secdns.axfr.store.StoredZoneSource.Builder builder =
          io.github.secdns.axfr.store.StoredZoneSource.builder(
              countingCalls(store, calls, () -> {}));
      host.takeStartingRead().ifPresent(builder::startingFrom);
      assertEquals(Optional.empty(), host.takeStartingRead(), "handed over once");
      try (io.github.secdns.axfr.store.StoredZoneSource source = builder.build();
          io.github.secdns.axfr.AxfrResponder responder =
              io.github.secdns.axfr.AxfrResponder.builder()
                  .listen(
                      new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0))
                  .zoneSource(source)
                  .versionListener(
                      new io.github.secdns.axfr.VersionListener() {
                        @Override
                        public void servable(ServedVersion v) {
                          servable.put(v.zone(), v.serial().value());
                          if (v.serial().equals(othersVersion.serial())) {
                            othersServed.countDown();
                          }
                        }
                      })
                  .build()) {
        responder.start();
        assertTrue(
            othersServed.await(30, java.util.concurrent.TimeUnit.SECONDS),
            "the other node's version is served: " + servable);
        java.net.InetSocketAddress address = responder.boundAddresses().get(0);
        for (Name zone : created.keySet()) {
          long expected =
              zone.equals(changed)
                  ? othersVersion.serial().value()
                  : created.get(zone).serial().value();
          assertEquals(expected, soaSerial(address, zone), zone + " over UDP");
        }
        assertEquals(1, calls.get("loadAll"), "one read of the store: " + calls);
        assertEquals(1, calls.get("load"), "only the zone written after the read: " + calls);
      }
    }
  }

  private static long soaSerial(java.net.InetSocketAddress server, Name zone) throws Exception {
    org.xbill.DNS.SimpleResolver resolver = new org.xbill.DNS.SimpleResolver(server);
    resolver.setTimeout(java.time.Duration.ofSeconds(5));
    org.xbill.DNS.Message answer =
        resolver.send(
            org.xbill.DNS.Message.newQuery(org.xbill.DNS.Record.newRecord(zone, Type.SOA, 1)));
    assertEquals(org.xbill.DNS.Rcode.NOERROR, answer.getRcode(), answer.toString());
    return ((org.xbill.DNS.SOARecord) answer.getSection(org.xbill.DNS.Section.ANSWER).get(0))
        .getSerial();
  }

  private static void assertTheStoreHoldsWhatIsServed(
      io.github.secdns.core.store.ZoneVersionStore store, SecondaryDnsHost host, List<Name> zones) {
    for (Name zone : zones) {
      assertTrue(
          store
              .load(zone)
              .orElseThrow()
              .snapshot()
              .sameVersionAs(host.snapshot(zone).orElseThrow()),
          zone + " as served is in the store");
    }
  }

  /** The host on its tables with {@code versions} as its versions store (no secrets). */
  private SecondaryDnsHost openWithVersions(io.github.secdns.core.store.ZoneVersionStore versions)
      throws Exception {
    return SecondaryDnsHost.open(
        connect(), Clock.systemUTC(), Optional.empty(), Optional.of(versions));
  }

  /**
   * The versions store counting every call by name, the failed ones too; {@code afterLoadAll} runs
   * after each {@code loadAll}, as another node could act between two calls.
   */
  private static io.github.secdns.core.store.ZoneVersionStore countingCalls(
      io.github.secdns.core.store.ZoneVersionStore real,
      Map<String, Integer> calls,
      Runnable afterLoadAll) {
    return (io.github.secdns.core.store.ZoneVersionStore)
        java.lang.reflect.Proxy.newProxyInstance(
            io.github.secdns.core.store.ZoneVersionStore.class.getClassLoader(),
            new Class<?>[] {io.github.secdns.core.store.ZoneVersionStore.class},
            (proxy, method, args) -> {
              calls.merge(method.getName(), 1, Integer::sum);
              Object result;
              try {
                result = method.invoke(real, args);
              } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
              }
              if (method.getName().equals("loadAll")) {
                afterLoadAll.run();
              }
              return result;
            });
  }

  /** An empty versions store in H2, in a file of its own. */
  private org.h2.jdbcx.JdbcDataSource emptyVersionsStore(String file) {
    org.h2.jdbcx.JdbcDataSource storeDb = new org.h2.jdbcx.JdbcDataSource();
    storeDb.setURL("jdbc:h2:" + dir.resolve(file).toAbsolutePath() + ";DB_CLOSE_DELAY=-1");
    io.github.secdns.jdbc.FlywayMigrations.migrate(storeDb);
    return storeDb;
  }

  /**
   * Opens a host of {@code zones} zones, created without a versions store, against an empty one,
   * and returns the calls to the store and the connections it took (one per transaction or read).
   */
  private Map<String, Integer> firstOpenAgainstAnEmptyStore(int zones) throws Exception {
    String hostUrl = "jdbc:h2:" + dir.resolve("first-host-" + zones).toAbsolutePath();
    try (SecondaryDnsHost host =
        SecondaryDnsHost.open(DriverManager.getConnection(hostUrl), Clock.systemUTC())) {
      for (int i = 0; i < zones; i++) {
        String zone = "z" + i + ".example";
        host.createZone(zone, "ns1." + zone, "hostmaster." + zone, List.of("ns1." + zone));
        host.putRecord(zone, "www", "A", 300, "192.0.2." + (i % 250 + 1));
      }
    }
    Map<String, Integer> calls = new java.util.TreeMap<>();
    javax.sql.DataSource storeDb =
        AfterEachCall.wrap(
            javax.sql.DataSource.class,
            emptyVersionsStore("first-versions-" + zones),
            (method, args, result) -> {
              if (method.getName().equals("getConnection")) {
                calls.merge("connections", 1, Integer::sum);
              }
              return result;
            });
    try (io.github.secdns.jdbc.JdbcZoneStore store =
        io.github.secdns.jdbc.JdbcZoneStore.builder(storeDb).build()) {
      calls.clear();
      try (SecondaryDnsHost host =
          SecondaryDnsHost.open(
              DriverManager.getConnection(hostUrl),
              Clock.systemUTC(),
              Optional.empty(),
              Optional.of(countingCalls(store, calls, () -> {})))) {
        Map<String, Integer> opened = new java.util.TreeMap<>(calls);
        assertEquals(zones, host.zones().size());
        assertTheStoreHoldsWhatIsServed(store, host, host.zones());
        return opened;
      }
    }
  }

  /**
   * A host's first start against an empty versions store writes every zone in a fixed number of
   * store calls and transactions whatever the number of zones: one read of the store, one batch of
   * first versions (up to {@link io.github.secdns.examples.store.VersionsAtStart#BATCH} zones a
   * transaction). It was a load and a transaction per zone, about 3 ms a zone on PostgreSQL.
   */
  @Test
  void aFirstOpenWritesEveryZoneToAnEmptyVersionsStoreInAFixedNumberOfTransactions()
      throws Exception {
    Map<String, Integer> five = firstOpenAgainstAnEmptyStore(5);
    Map<String, Integer> fifty = firstOpenAgainstAnEmptyStore(50);
    assertEquals(five, fifty, five + " for 5 zones, " + fifty + " for 50");
    assertEquals(Map.of("connections", 2, "loadAll", 1, "publishAll", 1), fifty);
  }

  /**
   * When another node publishes one of a batch's zones between the host's read of the store and its
   * batch, the batch writes nothing and its zones are published one by one, each on top of what the
   * store holds then.
   */
  @Test
  void aBatchAnotherNodeWroteIntoMeanwhileIsPublishedZoneByZone() throws Exception {
    Map<Name, ZoneSnapshot> served = new HashMap<>();
    try (SecondaryDnsHost host = SecondaryDnsHost.open(connect(), Clock.systemUTC())) {
      for (int i = 0; i < 4; i++) {
        String zone = "z" + i + ".example";
        served.put(
            Name.fromString(zone + "."),
            host.createZone(zone, "ns1." + zone, "hostmaster." + zone, List.of("ns1." + zone))
                .snapshot());
      }
    }
    Name taken = Name.fromString("z1.example.");
    ZoneSnapshot othersVersion =
        ZoneSnapshot.of(
            io.github.secdns.testsupport.zones.TestRecords.soa(
                taken.toString(), served.get(taken).serial().value() - 1),
            served.get(taken).records());
    Map<String, Integer> calls = new java.util.TreeMap<>();
    try (io.github.secdns.jdbc.JdbcZoneStore store =
            io.github.secdns.jdbc.JdbcZoneStore.builder(emptyVersionsStore("versions")).build();
        SecondaryDnsHost host =
            openWithVersions(
                countingCalls(
                    store,
                    calls,
                    () ->
                        store.publish(
                            io.github.secdns.core.store.VersionWrite.first(othersVersion))))) {
      assertEquals(Map.of("loadAll", 1, "publishAll", 1, "publishNext", 4), calls);
      assertTheStoreHoldsWhatIsServed(store, host, host.zones());
      assertEquals(
          othersVersion.serial(),
          store.load(taken).orElseThrow().journal().get(0).delta().fromSerial(),
          "published on top of the other node's version");
    }
  }

  /**
   * The responder's reports of what it applies never wait for the database (they came on its zone
   * threads, one write per zone under the host's lock: at the start of a host of many zones each
   * zone's NOTIFY waited behind the others' writes); what accumulated is stored in one transaction,
   * and a withdrawn zone's row goes.
   */
  @Test
  void theResponderAndTheNotifySenderNeverWaitForTheDatabase() throws Exception {
    AtomicInteger statements = new AtomicInteger();
    List<ServedVersion> reports = new java.util.ArrayList<>();
    try (SecondaryDnsHost editor = SecondaryDnsHost.open(connect(), Clock.systemUTC());
        SecondaryDnsHost node =
            SecondaryDnsHost.open(counting(connect(), statements), Clock.systemUTC())) {
      for (int i = 0; i < 50; i++) {
        String zone = "z" + i + ".example";
        ZoneSnapshot s =
            editor
                .createZone(zone, "ns1." + zone, "hostmaster." + zone, List.of("ns1." + zone))
                .snapshot();
        reports.add(new ServedVersion(s.origin(), s.serial(), OptionalLong.empty(), Instant.now()));
      }
      java.util.concurrent.CompletableFuture<Void> reported;
      synchronized (node) {
        // The host's lock held (a long edit, a slow database): the responder's threads go on.
        reported =
            java.util.concurrent.CompletableFuture.runAsync(
                () -> {
                  reports.forEach(node.appliedVersions()::servable);
                  // The NOTIFY sender's threads as well: an outcome per zone.
                  for (ServedVersion v : reports) {
                    node.storeNotifyOutcome(
                        new io.github.secdns.axfr.notify.NotifyOutcome.Unanswered(
                            v.zone(),
                            v.serial(),
                            new io.github.secdns.core.config.NotifyTarget(
                                java.net.InetAddress.getLoopbackAddress(), 5300, Optional.empty()),
                            2));
                  }
                });
        reported.get(60, java.util.concurrent.TimeUnit.SECONDS);
        statements.set(0);
      }
      node.heartbeat();
      // Whoever stores them first (the host's thread or the heartbeat) stores all 100 at once:
      // the node touched, one batch of deletes, one of inserts, one of outcomes, one of the
      // outcomes past those kept per zone and target; and the heartbeat's touch.
      assertTrue(statements.get() <= 7, statements + " statements for 50 reports and 50 outcomes");
      assertEquals(50, appliedRows());
      assertEquals(50, rows("notify_outcomes"));

      for (ServedVersion v : reports.subList(0, 10)) {
        node.appliedVersions().withdrawn(v.zone());
      }
      node.heartbeat();
      assertEquals(40, appliedRows(), "the withdrawn zones' rows are gone");
    }
  }

  /**
   * A zone's NOTIFY outcomes (per target) and diagnostics reports keep the newest {@link
   * HostTables#KEPT_PER_ZONE}: a startup NOTIFY fan-out at every restart, and every diagnose, added
   * rows for ever.
   */
  @Test
  void aZoneKeepsItsNewestNotifyOutcomesPerTargetAndItsNewestReports() throws Exception {
    int kept = HostTables.KEPT_PER_ZONE;
    try (SecondaryDnsHost host = SecondaryDnsHost.open(connect(), Clock.systemUTC())) {
      for (String zone : List.of("example.com", "example.net")) {
        host.createZone(zone, "ns1." + zone, "hostmaster." + zone, List.of("ns1." + zone));
        host.enable(PresetApplier.apply(new ExampleSecondaryPreset(), zone).build());
      }
      for (int serial = 1; serial <= kept + 25; serial++) {
        host.storeNotifyOutcome(unanswered("example.com.", serial, 5300));
        if (serial <= 3) {
          host.storeNotifyOutcome(unanswered("example.com.", serial, 5301));
          host.storeNotifyOutcome(unanswered("example.net.", serial, 5300));
        }
        if (serial % 7 == 0) {
          host.heartbeat(); // stored in several batches, as a running node does
        }
      }
      List<String> com = host.notifyOutcomes("example.com");
      List<String> toFirst = com.stream().filter(o -> o.contains(":5300 ")).toList();
      assertEquals(kept, toFirst.size(), com.toString());
      assertTrue(toFirst.get(0).startsWith((25 + 1) + " "), "the newest kept: " + toFirst);
      assertTrue(toFirst.get(kept - 1).startsWith((kept + 25) + " "), toFirst.toString());
      assertEquals(3, com.stream().filter(o -> o.contains(":5301 ")).count(), com.toString());
      assertEquals(3, host.notifyOutcomes("example.net").size());
      assertEquals(kept + 3 + 3, rows("notify_outcomes"));

      for (int i = 0; i < kept + 5; i++) {
        host.diagnose("example.com", Observations.none());
      }
      host.diagnose("example.net", Observations.none());
      assertEquals(kept, host.reportStatuses("example.com").size());
      assertEquals(1, host.reportStatuses("example.net").size());
    }
  }

  private static io.github.secdns.axfr.notify.NotifyOutcome unanswered(
      String zone, long serial, int port) {
    return new io.github.secdns.axfr.notify.NotifyOutcome.Unanswered(
        Name.fromConstantString(zone),
        io.github.secdns.core.serial.SerialNumber.of(serial),
        new io.github.secdns.core.config.NotifyTarget(
            java.net.InetAddress.getLoopbackAddress(), port, Optional.empty()),
        2);
  }

  /** The rows of what every node applies, read by another connection. */
  int appliedRows() throws Exception {
    return rows("secondary_dns_applied_by_node");
  }

  /** The rows of a table, read by another connection. */
  int rows(String table) throws Exception {
    try (Connection c = connect();
        PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM " + table);
        java.sql.ResultSet r = p.executeQuery()) {
      r.next();
      return r.getInt(1);
    }
  }
}
