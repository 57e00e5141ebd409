package io.github.secdns.interop;

import static io.github.secdns.interop.InteropZones.ZONE;

import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.config.TransferAuthentication;
import io.github.secdns.core.store.VersionWrite;
import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.jdbc.FlywayMigrations;
import io.github.secdns.jdbc.JdbcZoneStore;
import io.github.secdns.testsupport.Addresses;
import io.github.secdns.testsupport.servers.LoopbackPorts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 14, phase 2, against real secondaries: responders that serve from the shared store (H2 in a
 * file; the same code runs on PostgreSQL, see secdns-jdbc's tests). A restarted node keeps IXFR:
 * the version published while it was down reaches a BIND and a Knot secondary by IXFR, with the
 * delta the publisher wrote to the journal, which the new node never computed. A BIND secondary
 * with two primaries (two nodes on one database) converges on every change while each node in turn
 * is stopped and started again.
 */
@InteropTest
class StoredResponderInteropTest {

  private static final Duration CONVERGE = SecondaryInteropContract.CONVERGE;

  private final StartedServers started = new StartedServers();
  private final List<StoredResponderNode> nodes = new ArrayList<>();
  private Path dir;
  private JdbcDataSource dataSource;
  private JdbcZoneStore publisher;

  @BeforeEach
  void database() throws IOException {
    dir = Files.createTempDirectory("secdns-interop-store-");
    dataSource = new JdbcDataSource();
    dataSource.setURL(
        "jdbc:h2:file:" + dir.resolve("store") + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000");
    FlywayMigrations.migrate(dataSource);
    // The publisher: a host's control plane, or 'secdns publish', beside the responder nodes.
    publisher = JdbcZoneStore.builder(dataSource).build();
  }

  @AfterEach
  void stop() throws Exception {
    try {
      for (StoredResponderNode n : nodes) {
        n.close();
      }
      started.close();
    } finally {
      publisher.close();
      shutdown();
      try (Stream<Path> paths = Files.walk(dir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** Ends the database "process" (H2 in a file: the next connection opens the file again). */
  private void shutdown() throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("SHUTDOWN");
    }
  }

  private StoredResponderNode node(InetSocketAddress listen, SecondaryDnsConfiguration config) {
    StoredResponderNode n = StoredResponderNode.start(dataSource, listen, config);
    nodes.add(n);
    return n;
  }

  private void publish(ZoneSnapshot version) {
    publisher.publishNext(version, Clock.systemUTC());
  }

  private static SecondaryDnsConfiguration configuration(InetSocketAddress notifyTarget) {
    return SecondaryDnsConfiguration.builder()
        .zone(ZONE.toString())
        .addSecondaryNameServer("ns1.secondary-provider.example")
        .transferAcl(List.of("127.0.0.0/8"))
        .transferAuthentication(TransferAuthentication.ADDRESS)
        .addNotifyTarget(notifyTarget.getAddress().getHostAddress(), notifyTarget.getPort(), null)
        .build();
  }

  private static InetSocketAddress freeEndpoint() {
    return new InetSocketAddress(Addresses.LOOPBACK_1, LoopbackPorts.free(Addresses.LOOPBACK_1));
  }

  @ParameterizedTest
  @EnumSource(
      value = SecondaryKind.class,
      names = {"BIND", "KNOT"})
  void aVersionPublishedWhileTheNodeWasDownArrivesByIxfrAfterItsRestart(SecondaryKind kind)
      throws Exception {
    ZoneSnapshot v1 = InteropZones.firstVersion();
    publisher.publish(VersionWrite.first(v1));
    InetSocketAddress endpoint = freeEndpoint();
    SecondarySettings planned =
        SecondarySettings.planned(kind, Addresses.LOOPBACK_1, ZONE).withPrimary(endpoint);
    SecondaryDnsConfiguration config = configuration(planned.endpoint());
    StoredResponderNode first = node(endpoint, config);
    Secondary secondary = started.closing(Secondary.start(kind, planned));
    secondary.awaitSerial(v1.soa().getSerial(), CONVERGE);

    ZoneSnapshot v2 = InteropZones.nextVersion(v1, 1);
    publish(v2);
    secondary.awaitSerial(v2.soa().getSerial(), CONVERGE);
    secondary.assertIncremental(v1.soa().getSerial(), v2.soa().getSerial(), CONVERGE);

    // The node's process ends, and the database's too; meanwhile the publisher writes v3.
    first.close();
    shutdown();
    ZoneSnapshot v3 = InteropZones.nextVersion(v2, 2);
    publish(v3);

    // A new node on the same database and address: it serves v3 with the journal's delta and
    // NOTIFYs the secondary (which acknowledged only v2), which takes an IXFR.
    node(endpoint, config);
    secondary.awaitSerial(v3.soa().getSerial(), CONVERGE);
    secondary.assertIncremental(v2.soa().getSerial(), v3.soa().getSerial(), CONVERGE);

    ZoneSnapshot v4 = InteropZones.nextVersion(v3, 3);
    publish(v4);
    secondary.awaitSerial(v4.soa().getSerial(), CONVERGE);
    secondary.assertIncremental(v3.soa().getSerial(), v4.soa().getSerial(), CONVERGE);
    secondary.assertHolds(v4, true, "after a restart of the node on the same database");
  }

  @Test
  void aBindSecondaryWithTwoPrimariesConvergesWhileEachNodeIsStoppedAndStartedAgain()
      throws Exception {
    ZoneSnapshot v1 = InteropZones.firstVersion();
    publisher.publish(VersionWrite.first(v1));
    InetSocketAddress a = freeEndpoint();
    InetSocketAddress b = freeEndpoint();
    SecondarySettings planned =
        SecondarySettings.planned(SecondaryKind.BIND, Addresses.LOOPBACK_1, ZONE).withPrimary(a);
    SecondaryDnsConfiguration config = configuration(planned.endpoint());
    StoredResponderNode nodeA = node(a, config);
    StoredResponderNode nodeB = node(b, config);
    Secondary secondary =
        started.closing(
            Secondary.start(SecondaryKind.BIND, planned, c -> c.withMorePrimaries(List.of(b))));
    secondary.awaitSerial(v1.soa().getSerial(), CONVERGE);

    ZoneSnapshot last = v1;
    for (int step = 1; step <= 5; step++) {
      switch (step) {
        case 2 -> nodeA.close(); // the first primary is down: B serves and takes the NOTIFY duty
        case 3 -> nodeA = node(a, config); // A is back
        case 4 -> nodeB.close();
        case 5 -> nodeB = node(b, config);
        default -> {}
      }
      ZoneSnapshot next = InteropZones.nextVersion(last, step);
      publish(next);
      secondary.awaitSerial(next.soa().getSerial(), CONVERGE);
      last = next;
    }
    secondary.assertHolds(last, true, "after five changes across stopped and restarted nodes");
  }
}
