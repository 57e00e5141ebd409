package io.github.secdns.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.secdns.core.store.StoredZone;
import io.github.secdns.core.store.VersionWrite;
import io.github.secdns.core.zone.ZoneHistory;
import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.testsupport.zones.TestRecords;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measurements of the store, run only on request (the machine must be idle for real figures):
 *
 * <pre>
 * mvn -B -q verify -pl secdns-core,secdns-jdbc -Dtest=StoreMeasurementTest \
 *   -Dsurefire.failIfNoSpecifiedTests=false -Dsecdns.measure=true \
 *   -Dsecdns.measure.records=10000,1000000 -Dsecdns.measure.publishes=20 \
 *   -Dsecdns.measure.zones=100000 -Dsecdns.measure.databases=h2-mem,h2-file,postgresql
 * </pre>
 *
 * <p>Publish: the first version of a zone of N records (a new zone: the whole version written),
 * then P one-record changes, each timed from the new snapshot to the committed write (the delta
 * computed by {@link ZoneHistory#withVersion}, the stored form encoded, the compare-and-set,
 * journal and feed written and committed). Load: Z zones of 10-50 records with 2 journal entries
 * each, read back with {@link JdbcZoneStore#loadAll} and their histories rebuilt; the first load
 * after opening the store and three repeated ones. PostgreSQL runs in its own cluster with the
 * default durability (fsync on, synchronous commit); H2 in a file is durable too. Figures go to
 * standard output and {@code secdns-jdbc/target/measurements.txt}.
 */
@EnabledIfSystemProperty(named = "secdns.measure", matches = "true")
class StoreMeasurementTest {

  private static final Clock CLOCK = Clock.systemUTC();

  private static List<Integer> ints(String property, String defaults) {
    return Arrays.stream(System.getProperty(property, defaults).split(","))
        .map(String::strip)
        .map(Integer::parseInt)
        .toList();
  }

  @Test
  void measure() throws Exception {
    List<Integer> records = ints("secdns.measure.records", "10000,100000");
    int publishes = ints("secdns.measure.publishes", "5").get(0);
    int zones = ints("secdns.measure.zones", "10000").get(0);
    List<String> databases =
        Arrays.asList(
            System.getProperty("secdns.measure.databases", "h2-mem,h2-file,postgresql").split(","));
    report(
        String.format(
            "# %s, %d cores, Java %s, max heap %d MB",
            java.time.LocalDate.now(ZoneId.systemDefault()),
            Runtime.getRuntime().availableProcessors(),
            System.getProperty("java.version"),
            Runtime.getRuntime().maxMemory() >> 20));
    for (String database : databases) {
      try (Target target = Target.open(database.strip())) {
        for (int n : records) {
          target.reset();
          measurePublish(target, n, publishes);
        }
        target.reset();
        measureLoad(target, zones);
        measureRestartedNode(target, zones);
        for (int n : records) {
          target.reset();
          measurePublishToSecondary(target, n, publishes);
        }
        target.reset();
        measureSecondNodeDelay(target, publishes);
      }
    }
  }

  private void measurePublish(Target target, int records, int publishes) throws IOException {
    String origin = "big.example.";
    ZoneSnapshot version = Zones.version(origin, 1, records);
    long firstNanos;
    try (JdbcZoneStore store = JdbcZoneStore.builder(target.dataSource).build()) {
      long start = System.nanoTime();
      store.publish(VersionWrite.first(version));
      firstNanos = System.nanoTime() - start;
      ZoneHistory history = ZoneHistory.start(version, CLOCK);
      List<Long> repeated = new ArrayList<>();
      for (int i = 0; i < publishes; i++) {
        ZoneSnapshot next =
            Zones.next(history.current(), i + 2, Zones.txt("c" + i + "." + origin, "change " + i));
        long t0 = System.nanoTime();
        ZoneHistory after = history.withVersion(next);
        store.publish(VersionWrite.between(history, after));
        repeated.add(System.nanoTime() - t0);
        history = after;
      }
      report(
          String.format(
              Locale.ROOT,
              "publish %-12s %,9d records: first (new zone) %8.1f ms | one-record change n=%d"
                  + " p50 %8.1f ms p99 %8.1f ms",
              target.name,
              records,
              firstNanos / 1e6,
              repeated.size(),
              percentile(repeated, 50) / 1e6,
              percentile(repeated, 99) / 1e6));
    }
  }

  private void measureLoad(Target target, int zones) throws Exception {
    try (JdbcZoneStore writer = JdbcZoneStore.builder(target.bulkDataSource()).build()) {
      for (int z = 0; z < zones; z++) {
        String origin = "z" + z + ".example.";
        ZoneSnapshot v1 = Zones.version(origin, 1, 10 + z % 41);
        ZoneHistory h = ZoneHistory.start(v1, CLOCK);
        writer.publish(VersionWrite.first(v1));
        for (int serial = 2; serial <= 3; serial++) {
          ZoneHistory after =
              h.withVersion(
                  Zones.next(h.current(), serial, Zones.txt("s" + serial + "." + origin, "x")));
          writer.publish(VersionWrite.between(h, after));
          h = after;
        }
      }
    }
    List<Long> times = new ArrayList<>();
    for (int round = 0; round < 4; round++) {
      if (round == 0) {
        target.restart();
      }
      try (JdbcZoneStore store = JdbcZoneStore.builder(target.dataSource).build()) {
        AtomicLong loaded = new AtomicLong();
        long start = System.nanoTime();
        store.loadAll(
            (StoredZone z) -> {
              if (z.history(CLOCK).entries().size() == 2) {
                loaded.incrementAndGet();
              }
            },
            w -> {});
        times.add(System.nanoTime() - start);
        assertEquals(zones, loaded.get());
      }
    }
    report(
        String.format(
            Locale.ROOT,
            "load    %-12s %,9d zones (10-50 records, 2 journal entries each) with histories:"
                + " first %8.1f ms | repeated n=3 p50 %8.1f ms max %8.1f ms",
            target.name,
            zones,
            times.get(0) / 1e6,
            percentile(times.subList(1, times.size()), 50) / 1e6,
            Collections.max(times.subList(1, times.size())) / 1e6));
  }

  /** A responder node on the target, as serve --db runs one, with a NOTIFY target. */
  private static final class Node implements AutoCloseable {
    final JdbcZoneStore store;
    final io.github.secdns.axfr.store.StoredZoneSource source;
    final io.github.secdns.axfr.notify.NotifySender sender;
    final io.github.secdns.axfr.AxfrResponder responder;
    final java.util.concurrent.BlockingQueue<io.github.secdns.axfr.ServedVersion> servable =
        new java.util.concurrent.LinkedBlockingQueue<>();

    Node(DataSource ds, java.util.Optional<java.net.InetSocketAddress> notifyTarget)
        throws IOException {
      store = JdbcZoneStore.builder(ds).build();
      source = io.github.secdns.axfr.store.StoredZoneSource.builder(store).build();
      sender = io.github.secdns.axfr.notify.NotifySender.builder().build();
      responder =
          io.github.secdns.axfr.AxfrResponder.builder()
              .listen(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0))
              .zoneSource(source)
              .configurations(
                  zone ->
                      java.util.Optional.of(
                              io.github.secdns.core.config.SecondaryDnsConfiguration.builder()
                                  .zone(zone.toString())
                                  .addSecondaryNameServer("ns1.secondary.example")
                                  .transferAcl(List.of("127.0.0.0/8"))
                                  .notifyTargets(List.of())
                                  .build())
                          .map(
                              c ->
                                  notifyTarget.isEmpty()
                                      ? c
                                      : c.toBuilder()
                                          .addNotifyTarget(
                                              notifyTarget.get().getAddress().getHostAddress(),
                                              notifyTarget.get().getPort(),
                                              null)
                                          .build()))
              .notifySender(sender)
              .startupNotify(io.github.secdns.axfr.StartupNotify.off())
              .versionListener(
                  new io.github.secdns.axfr.VersionListener() {
                    @Override
                    public void servable(io.github.secdns.axfr.ServedVersion v) {
                      servable.add(v);
                    }
                  })
              .build();
      responder.start();
    }

    java.net.InetSocketAddress address() {
      return responder.boundAddresses().get(0);
    }

    @Override
    public void close() {
      responder.close();
      sender.close();
      source.close();
      store.close();
    }
  }

  /**
   * Publish to secondary: from the publisher's write (delta, stored form, compare-and-set, commit)
   * through the feed, the node's load of version and journal, its NOTIFY, to a secondary's
   * completed IXFR (a dnsjava client on loopback that answers the NOTIFY and transfers at once).
   */
  private void measurePublishToSecondary(Target target, int records, int publishes)
      throws Exception {
    String origin = "big.example.";
    org.xbill.DNS.Name zone = TestRecords.name(origin);
    ZoneSnapshot version = Zones.version(origin, 1, records);
    List<Long> times = new ArrayList<>();
    try (java.net.DatagramSocket secondary =
            new java.net.DatagramSocket(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0));
        JdbcZoneStore publisher = JdbcZoneStore.builder(target.dataSource).build()) {
      publisher.publish(VersionWrite.first(version));
      secondary.setSoTimeout(120_000);
      try (Node node =
          new Node(
              target.dataSource,
              java.util.Optional.of(
                  (java.net.InetSocketAddress) secondary.getLocalSocketAddress()))) {
        ZoneHistory history = ZoneHistory.start(version, CLOCK);
        for (int i = 0; i < publishes; i++) {
          ZoneSnapshot next =
              Zones.next(
                  history.current(), i + 2, Zones.txt("c" + i + "." + origin, "change " + i));
          long t0 = System.nanoTime();
          ZoneHistory after = history.withVersion(next);
          publisher.publish(VersionWrite.between(history, after));
          awaitNotify(secondary, next.serial().value());
          org.xbill.DNS.ZoneTransferIn ixfr =
              org.xbill.DNS.ZoneTransferIn.newIXFR(
                  zone, history.current().serial().value(), false, node.address(), null);
          ixfr.setTimeout(java.time.Duration.ofMinutes(2));
          ixfr.run();
          times.add(System.nanoTime() - t0);
          if (!ixfr.isIXFR()) {
            throw new AssertionError("not incremental");
          }
          history = after;
        }
      }
    }
    report(
        String.format(
            Locale.ROOT,
            "to-secondary %-7s %,9d records: publish -> NOTIFY -> IXFR done n=%d p50 %8.1f ms p99"
                + " %8.1f ms",
            target.name,
            records,
            times.size(),
            percentile(times, 50) / 1e6,
            percentile(times, 99) / 1e6));
  }

  /** Receives NOTIFYs until the one of {@code serial}, answering each. */
  private static void awaitNotify(java.net.DatagramSocket socket, long serial) throws IOException {
    while (true) {
      java.net.DatagramPacket packet = new java.net.DatagramPacket(new byte[4096], 4096);
      socket.receive(packet);
      org.xbill.DNS.Message m =
          new org.xbill.DNS.Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
      m.getHeader().setFlag(org.xbill.DNS.Flags.QR);
      byte[] answer = m.toWire();
      socket.send(new java.net.DatagramPacket(answer, answer.length, packet.getSocketAddress()));
      var answers = m.getSection(org.xbill.DNS.Section.ANSWER);
      if (!answers.isEmpty()
          && answers.get(0) instanceof org.xbill.DNS.SOARecord soa
          && soa.getSerial() == serial) {
        return;
      }
    }
  }

  /**
   * A restarted node with Z zones (those of {@link #measureLoad}): from a new store, source and
   * responder to every zone servable (version and IXFR history in memory).
   */
  private void measureRestartedNode(Target target, int zones) throws Exception {
    target.restart();
    long start = System.nanoTime();
    try (Node node = new Node(target.dataSource, java.util.Optional.empty())) {
      for (int i = 0; i < zones; i++) {
        if (node.servable.poll(10, java.util.concurrent.TimeUnit.MINUTES) == null) {
          throw new AssertionError("not every zone became servable");
        }
      }
      long took = System.nanoTime() - start;
      report(
          String.format(
              Locale.ROOT,
              "restart %-12s %,9d zones: new node serving every zone with its history %8.1f ms",
              target.name,
              zones,
              took / 1e6));
    }
  }

  /** The delay from a publisher's commit to a second node serving the version (feed + load). */
  private void measureSecondNodeDelay(Target target, int publishes) throws Exception {
    String origin = "delay.example.";
    ZoneSnapshot v = Zones.version(origin, 1, 50);
    List<Long> delays = new ArrayList<>();
    try (JdbcZoneStore publisher = JdbcZoneStore.builder(target.dataSource).build()) {
      publisher.publish(VersionWrite.first(v));
      try (Node second = new Node(target.dataSource, java.util.Optional.empty())) {
        second.servable.poll(1, java.util.concurrent.TimeUnit.MINUTES);
        ZoneHistory history = ZoneHistory.start(v, CLOCK);
        for (int i = 0; i < publishes; i++) {
          ZoneHistory after =
              history.withVersion(
                  Zones.next(history.current(), i + 2, Zones.txt("d" + i + "." + origin, "x")));
          publisher.publish(VersionWrite.between(history, after));
          long committed = System.nanoTime();
          while (true) {
            var event = second.servable.poll(1, java.util.concurrent.TimeUnit.MINUTES);
            if (event == null) {
              throw new AssertionError("the second node did not serve serial " + (i + 2));
            }
            if (event.serial().equals(after.current().serial())) {
              break;
            }
          }
          delays.add(System.nanoTime() - committed);
          history = after;
        }
      }
    }
    report(
        String.format(
            Locale.ROOT,
            "second-node %-8s commit -> second node serves (feed, load, history) n=%d p50 %8.1f ms"
                + " p99 %8.1f ms",
            target.name,
            delays.size(),
            percentile(delays, 50) / 1e6,
            percentile(delays, 99) / 1e6));
  }

  private static long percentile(List<Long> values, int p) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int index = (int) Math.ceil(sorted.size() * p / 100.0) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  private static void report(String line) throws IOException {
    System.out.println(line);
    Path out = Path.of("target", "measurements.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(
        out, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /** One database to measure on, with a durable configuration. */
  private static final class Target implements AutoCloseable {
    final String name;
    final DataSource dataSource;
    private final List<HikariDataSource> resources = new ArrayList<>();
    private PostgresCluster cluster;
    private String jdbcUrl;
    private Path dir;

    private Target(String name, DataSource dataSource) {
      this.name = name;
      this.dataSource = dataSource;
    }

    static Target open(String name) throws Exception {
      Target t;
      switch (name) {
        case "h2-mem" -> t = new Target(name, h2("jdbc:h2:mem:measure;DB_CLOSE_DELAY=-1"));
        case "h2-file" -> {
          Path dir = Files.createTempDirectory("secdns-measure-h2-");
          t = new Target(name, h2("jdbc:h2:file:" + dir.resolve("store") + ";DB_CLOSE_DELAY=-1"));
          t.dir = dir;
        }
        case "postgresql" -> {
          PostgresCluster cluster = PostgresCluster.start(true);
          cluster.createDatabase("measure");
          HikariDataSource pool = cluster.pool("measure", 4, "measure");
          t = new Target(name, pool);
          t.cluster = cluster;
          t.resources.add(pool);
          t.jdbcUrl = cluster.url("measure");
        }
        default -> throw new IllegalArgumentException("unknown database " + name);
      }
      FlywayMigrations.migrate(t.dataSource);
      return t;
    }

    private static DataSource h2(String url) {
      JdbcDataSource ds = new JdbcDataSource();
      ds.setURL(url);
      ds.setUser("sa");
      return ds;
    }

    /** For filling the database: on PostgreSQL without waiting for each commit's flush. */
    DataSource bulkDataSource() {
      if (cluster == null) {
        return dataSource;
      }
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(jdbcUrl);
      config.setUsername(PostgresCluster.USER);
      config.setPassword(cluster.password());
      config.setMaximumPoolSize(2);
      config.setConnectionInitSql("SET synchronous_commit = off");
      HikariDataSource pool = new HikariDataSource(config);
      resources.add(pool);
      return pool;
    }

    void reset() throws SQLException {
      try (Connection c = dataSource.getConnection();
          Statement s = c.createStatement()) {
        s.execute("DELETE FROM secdns_journal");
        s.execute("DELETE FROM secdns_zone");
        s.execute("UPDATE secdns_feed SET position = 0");
        if (cluster != null) {
          s.execute("VACUUM ANALYZE");
        }
      }
    }

    /** The first load reads what is on disk, not what the previous writes left in memory. */
    void restart() throws SQLException {
      if (dir != null) {
        try (Connection c = dataSource.getConnection();
            Statement s = c.createStatement()) {
          s.execute("SHUTDOWN");
        }
      }
    }

    @Override
    public void close() throws SQLException, IOException {
      for (HikariDataSource r : resources) {
        r.close();
      }
      if (cluster != null) {
        cluster.close();
      } else {
        try (Connection c = dataSource.getConnection();
            Statement s = c.createStatement()) {
          s.execute("SHUTDOWN");
        }
      }
      if (dir != null) {
        try (var paths = Files.walk(dir)) {
          paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }
}
