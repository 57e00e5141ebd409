package io.github.secdns.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.store.StoredZone;
import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.testsupport.NotifySink;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Name;
import org.xbill.DNS.ZoneTransferIn;

/**
 * {@code serve --db} and {@code publish --db} on H2 in a file (issue 14, phase 2): versions and
 * journals live in the database, so a restarted serve answers IXFR from serials it published
 * before; publish writes a version every serve on the database serves; a stale publisher is refused
 * with one line; a database that is down at start is one line and exit 3.
 */
class ServeDatabaseTest {

  private static final Name ZONE = Name.fromConstantString("example.com.");
  @RegisterExtension final TemporaryH2 db = new TemporaryH2("secdns-serve-db-");

  private static String serving(long serial) {
    return "serving example.com. serial " + serial + " from the database";
  }

  private static void awaitServing(RunningServe serve, long serial) throws Exception {
    serve.out.await(l -> l.equals(serving(serial)), RunningServe.DEADLINE, serving(serial));
  }

  @Test
  void aRestartedServeOnTheSameDatabaseAnswersIxfrFromSerialsPublishedBefore() throws Exception {
    Path zoneFile = db.dir.resolve("example.com.zone");
    Files.writeString(zoneFile, ServedZone.sampleText());
    String[] args = RunningServe.exampleZone(zoneFile, "--db", db.url, "--poll-interval", "20");
    try (RunningServe serve = RunningServe.start(args)) {
      serve.awaitListening();
      awaitServing(serve, 2026112401L);
      Files.writeString(zoneFile, ServedZone.sampleText() + "new IN A 192.0.2.77\n");
      awaitServing(serve, 2026112402L);
    }
    // The same file again: the database holds this content, the serial stays, nothing is written.
    try (RunningServe serve = RunningServe.start(args)) {
      InetSocketAddress server = serve.awaitListening();
      awaitServing(serve, 2026112402L);
      assertEquals(2026112402L, ServeCommandTest.soaSerial(server));
      List<ZoneTransferIn.Delta> deltas = ixfr(server, 2026112401L);
      assertEquals(1, deltas.size(), "one delta published by the serve before: " + deltas);

      Files.writeString(zoneFile, ServedZone.sampleText() + "new IN A 192.0.2.78\n");
      awaitServing(serve, 2026112403L);
      deltas = ixfr(server, 2026112401L);
      assertEquals(2, deltas.size(), "the delta from before the restart and the new one");
      assertEquals(2026112403L, deltas.get(1).end);
    }
  }

  @Test
  void publishWritesAVersionThatEveryServeOnTheDatabaseServes() throws Exception {
    Path zoneFile = db.dir.resolve("example.com.zone");
    Files.writeString(zoneFile, ServedZone.sampleText());
    String[] serveArgs = {"--db", db.url, "--listen", "127.0.0.1:0"};
    try (RunningServe first = RunningServe.start(serveArgs);
        RunningServe second = RunningServe.start(serveArgs)) {
      InetSocketAddress a = first.awaitListening();
      InetSocketAddress b = second.awaitListening();

      Cli.Result published = publish(zoneFile);
      published.assertOk();
      assertEquals(
          "published example.com. serial 2026112401 into jdbc:h2", published.out().strip());
      awaitServing(first, 2026112401L);
      awaitServing(second, 2026112401L);
      assertEquals(2026112401L, ServeCommandTest.soaSerial(a));
      assertEquals(2026112401L, ServeCommandTest.soaSerial(b));

      Cli.Result again = publish(zoneFile);
      again.assertOk();
      assertTrue(again.out().startsWith("unchanged example.com. serial 2026112401"), again.out());

      Files.writeString(zoneFile, ServedZone.sampleText() + "new IN A 192.0.2.77\n");
      publish(zoneFile).assertOk();
      awaitServing(first, 2026112402L);
      awaitServing(second, 2026112402L);
      assertEquals(
          Optional.of(1), Optional.of(ixfr(b, 2026112401L).size()), "IXFR from the second node");
    }
  }

  /**
   * A database of many zones: {@code serve --db} lists the first ten zones it serves at start and
   * then says every zone is served, in one line (it printed a line per zone: 20,000 lines for a
   * host of 20,000 zones at every start); a later version still gets its line.
   */
  @Test
  void theZonesOfTheDatabaseAtStartAreTenLinesAndOneSummary() throws Exception {
    int zones = ServingLines.LISTED_AT_START + 2;
    for (int i = 0; i < zones; i++) {
      publishSmall(i, 1);
    }
    try (RunningServe serve = RunningServe.start("--db", db.url, "--listen", "127.0.0.1:0")) {
      serve.awaitListening();
      serve.out.await(
          l ->
              l.equals(
                  "serving every zone present at start: " + zones + " (the first 10 listed above)"),
          RunningServe.DEADLINE,
          "the summary line");
      assertEquals(
          ServingLines.LISTED_AT_START,
          serve.out.lines().stream().filter(l -> l.startsWith("serving z")).count(),
          serve.out.text());
      publishSmall(3, 2);
      serve.out.await(
          l -> l.equals("serving z3.example. serial 2 from the database"),
          RunningServe.DEADLINE,
          "the new version's line");
    }
  }

  @Test
  void listeningOnComesOnceEveryZoneOfTheDatabaseIsServed() throws Exception {
    // Stored by a first serve over a directory; the second serves the database alone, whose
    // zones no flag names: it said "listening on" before taking them up (issue 13).
    int zones = 300;
    Path dir = Files.createDirectories(db.dir.resolve("zones"));
    for (int i = 0; i < zones; i++) {
      writeSmall(dir, i, 1);
    }
    try (RunningServe first =
        RunningServe.start(
            "--zone-dir", dir.toString(), "--db", db.url, "--listen", "127.0.0.1:0")) {
      first.awaitListening();
    }
    try (RunningServe serve = RunningServe.start("--db", db.url, "--listen", "127.0.0.1:0")) {
      serve.awaitListening();
      serve.assertPrintedBeforeListening(
          "serving every zone present at start: " + zones + " (the first 10 listed above)");
    }
  }

  /**
   * Publishes zone {@code z<i>.example.} at a serial: an SOA, an NS and its address (which changes
   * with the serial: the same content under a new serial is no new version).
   */
  private void publishSmall(int i, long serial) throws Exception {
    Path file = writeSmall(db.dir, i, serial);
    Cli.run(
            "publish",
            "--db",
            db.url,
            "--zone-file",
            file.toString(),
            "--origin",
            "z" + i + ".example")
        .assertOk();
  }

  /** Writes zone {@code z<i>.example.} at a serial into {@code dir/z<i>.example.zone}. */
  private static Path writeSmall(Path dir, int i, long serial) throws Exception {
    String origin = "z" + i + ".example";
    Path file = dir.resolve(origin + ".zone");
    Files.writeString(
        file,
        "$ORIGIN "
            + origin
            + ".\n@ 3600 IN SOA ns1 hostmaster "
            + serial
            + " 7200 900 1209600 300\n@ 3600 IN NS ns1\nns1 3600 IN A 192.0.2."
            + serial
            + "\n");
    return file;
  }

  @Test
  void aPublisherThatReadAnOlderVersionIsRefusedWithOneLineAndNothingWritten() throws Exception {
    Path zoneFile = db.dir.resolve("example.com.zone");
    Files.writeString(zoneFile, ServedZone.sampleText());
    publish(zoneFile).assertOk();
    try (Database opened = Database.open(db.url, name -> null)) {
      Optional<StoredZone> stale = opened.store().load(ZONE);
      Files.writeString(zoneFile, ServedZone.sampleText() + "other IN A 192.0.2.9\n");
      publish(zoneFile).assertOk(); // another publisher wins
      ZoneSnapshot won = opened.store().load(ZONE).orElseThrow().snapshot();

      // This publisher built on the version it read before the other one won.
      ZoneSnapshot base = stale.orElseThrow().snapshot();
      ZoneSnapshot mine =
          ZoneSnapshot.of(
              new org.xbill.DNS.SOARecord(
                  ZONE,
                  org.xbill.DNS.DClass.IN,
                  base.soa().getTTL(),
                  base.soa().getHost(),
                  base.soa().getAdmin(),
                  base.serial().value() + 1,
                  base.soa().getRefresh(),
                  base.soa().getRetry(),
                  base.soa().getExpire(),
                  base.soa().getMinimum()),
              Stream.concat(
                      base.records().stream(),
                      Stream.of(
                          new org.xbill.DNS.TXTRecord(
                              Name.fromConstantString("mine.example.com."),
                              org.xbill.DNS.DClass.IN,
                              300,
                              "mine")))
                  .toList());
      UsageException refused =
          assertThrows(
              UsageException.class,
              () -> DatabaseServing.publish(opened.store(), mine, stale, Clock.systemUTC()));
      assertTrue(refused.getMessage().contains("refused, nothing written"), refused.getMessage());
      assertFalse(refused.getMessage().contains("\n"));
      assertEquals(won.serial(), opened.store().load(ZONE).orElseThrow().snapshot().serial());
    }
  }

  @Test
  void aDatabaseThatIsDownAtStartIsOneLineAndExit3() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    String down = "jdbc:postgresql://127.0.0.1:" + port + "/secdns?password=hunter2";
    for (String[] args :
        List.of(
            new String[] {"serve", "--db", down, "--listen", "127.0.0.1:0"},
            new String[] {
              "publish", "--db", down, "--zone-file", "x.zone", "--origin", "example.com"
            })) {
      Cli.Result r = Cli.run(args);
      assertEquals(ExitCode.FAILED, r.code(), r.toString());
      assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
      assertTrue(r.err().contains("jdbc:postgresql"), r.err());
      assertFalse(r.err().contains("hunter2"), "no password: " + r.err());
      assertFalse(r.err().contains(String.valueOf(port) + "/secdns"), "no URL: " + r.err());
    }
  }

  @Test
  void exactlyOneServeNotifiesEachChangeAndTheNodeTakingOverRepeatsNone() throws Exception {
    Path zoneFile = db.dir.resolve("example.com.zone");
    try (NotifySink sink = new NotifySink(InetAddress.getLoopbackAddress(), true).watch(ZONE)) {
      String[] args = {
        "--db", db.url, "--listen", "127.0.0.1:0", "--notify", "127.0.0.1:" + sink.port()
      };
      List<NotifySink.Seen> seen = new ArrayList<>();
      RunningServe first = RunningServe.start(args);
      try (RunningServe second = RunningServe.start(args)) {
        first.awaitListening();
        second.awaitListening();
        // One of the two holds the lease; the other waits for it.
        String elected = "this node sends the NOTIFYs now";
        RunningServe leader =
            awaitEither(first, second, l -> l.startsWith(elected)) == 0 ? first : second;
        RunningServe follower = leader == first ? second : first;

        for (int change = 0; change < 2; change++) {
          Files.writeString(
              zoneFile, ServedZone.sampleText() + (change == 0 ? "" : "new IN A 192.0.2.77\n"));
          publish(zoneFile).assertOk();
          long serial = 2026112401L + change;
          awaitServing(first, serial);
          awaitServing(second, serial);
          awaitNotify(sink, serial, seen);
          awaitAcknowledged(leader, serial);
        }

        assertTrue(
            follower.out.lines().stream().noneMatch(l -> l.startsWith("notify ")),
            "the follower sent no NOTIFY while the other led: " + follower.out.text());

        // The leader stops; the other takes the duty over and notifies only what no target
        // acknowledged (nothing here), then the next change once.
        leader.close();
        follower.out.await(l -> l.startsWith(elected), RunningServe.DEADLINE, "the takeover");
        Files.writeString(zoneFile, ServedZone.sampleText() + "new IN A 192.0.2.78\n");
        publish(zoneFile).assertOk();
        awaitServing(follower, 2026112403L);
        awaitNotify(sink, 2026112403L, seen);
        awaitAcknowledged(follower, 2026112403L);
        seen.addAll(sink.drain());
      } finally {
        first.close();
      }
      Map<Long, Long> perSerial = perSerial(seen);
      assertEquals(
          Map.of(2026112401L, 1L, 2026112402L, 1L, 2026112403L, 1L),
          perSerial,
          "one NOTIFY per change, from one node");
    }
  }

  /** How many NOTIFYs arrived for each serial. */
  static Map<Long, Long> perSerial(List<NotifySink.Seen> seen) {
    return seen.stream()
        .collect(Collectors.groupingBy(NotifySink.Seen::serial, Collectors.counting()));
  }

  static int awaitEither(RunningServe a, RunningServe b, java.util.function.Predicate<String> line)
      throws Exception {
    long deadline = System.nanoTime() + RunningServe.DEADLINE.toNanos();
    while (System.nanoTime() < deadline) {
      if (a.out.lines().stream().anyMatch(line)) {
        return 0;
      }
      if (b.out.lines().stream().anyMatch(line)) {
        return 1;
      }
      TimeUnit.MILLISECONDS.sleep(20); // polling two outputs for a condition, bounded
    }
    throw new AssertionError("neither serve took the NOTIFY lease");
  }

  /** Collects every NOTIFY that arrives until the one of {@code serial} (bounded). */
  static void awaitNotify(NotifySink sink, long serial, List<NotifySink.Seen> seen)
      throws Exception {
    long deadline = System.nanoTime() + RunningServe.DEADLINE.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      NotifySink.Seen next =
          sink.next(Duration.ofNanos(Math.max(1, left)))
              .orElseThrow(() -> new AssertionError("no NOTIFY for serial " + serial));
      seen.add(next);
      if (next.serial() == serial) {
        return;
      }
    }
  }

  static void awaitAcknowledged(RunningServe serve, long serial) throws Exception {
    serve.out.await(
        l -> l.startsWith("notify Acknowledged[example.com. ") && l.contains(" " + serial + " "),
        RunningServe.DEADLINE,
        "the acknowledgement of " + serial);
  }

  private Cli.Result publish(Path zoneFile) {
    return Cli.run(
        "publish", "--db", db.url, "--zone-file", zoneFile.toString(), "--origin", "example.com");
  }

  private static List<ZoneTransferIn.Delta> ixfr(InetSocketAddress server, long from)
      throws Exception {
    return TemporaryH2.ixfr(server, ZONE, from);
  }
}
