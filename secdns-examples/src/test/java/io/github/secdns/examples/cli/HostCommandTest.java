package io.github.secdns.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.examples.host.SecondaryDnsHost;
import io.github.secdns.testsupport.NotifySink;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Name;
import org.xbill.DNS.ZoneTransferIn;

/**
 * {@code secdns host}: the host application as a program on H2 in a file. Zones and configurations
 * are created by short commands, {@code host serve} serves them from the store, picks up the
 * versions the other commands publish, and a restarted serve answers IXFR from serials published
 * before.
 */
class HostCommandTest {

  private static final Name ZONE = Name.fromConstantString("example.com.");
  @RegisterExtension final TemporaryH2 db = new TemporaryH2("secdns-host-");

  private Cli.Result host(String... args) {
    List<String> all = new java.util.ArrayList<>(List.of("host", "--db", db.url));
    all.addAll(List.of(args));
    return Cli.run(all.toArray(String[]::new));
  }

  @Test
  void listeningOnComesOnceEveryStoredZoneIsServed() throws Exception {
    int zones = 5_000;
    try (SecondaryDnsHost host =
        SecondaryDnsHost.open(java.sql.DriverManager.getConnection(db.url), Clock.systemUTC())) {
      for (int i = 0; i < zones; i++) {
        host.createZone(
            "z" + i + ".example",
            "ns1.example.com",
            "hostmaster.example.com",
            List.of("ns1.example.com"));
      }
    }
    try (RunningServe serve =
        RunningServe.command("host", "--db", db.url, "serve", "--listen", "127.0.0.1:0")) {
      serve.awaitListening();
      serve.assertPrintedBeforeListening(
          "serving every zone present at start: " + zones + " (the first 10 listed above)");
    }
  }

  @Test
  void createEnableServeRecordShowAndRestart() throws Exception {
    assertEquals(
        "created example.com. serial 1",
        host("create", "example.com", "--ns", "ns1.example.com").assertOk().out().strip());
    assertEquals(
        "enabled example.com. revision 1",
        host("enable", "example.com", "--preset", "example-secondary", "--allow", "127.0.0.1")
            .assertOk()
            .out()
            .strip());
    long first;
    try (RunningServe serve =
        RunningServe.command("host", "--db", db.url, "serve", "--listen", "127.0.0.1:0")) {
      InetSocketAddress server = serve.awaitListening();
      // Printed before "listening on": said once every stored zone is served.
      String serving =
          serve.out.lines().stream()
              .filter(l -> l.startsWith("serving example.com. serial ") && l.endsWith("revision 1"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no serving line yet:\n" + serve.out.text()));
      first = ServeCommandTest.soaSerial(server);
      assertTrue(serving.contains("serial " + first), serving);

      String published =
          host("record", "example.com", "www", "A", "300", "192.0.2.80").assertOk().out().strip();
      long second = first + 1;
      assertEquals("published example.com. serial " + second, published);
      serve.out.await(
          l -> l.startsWith("serving example.com. serial " + second),
          RunningServe.DEADLINE,
          "serving the new version");
      assertEquals(1, ixfr(server, first).size());

      String shown = host("show", "example.com").assertOk().out();
      assertTrue(shown.contains("configuration: revision 1 enabled"), shown);
      // show runs apart from serve: it reads the revision serve applies from the database.
      assertTrue(!shown.contains("APPLIED_REVISION_UNKNOWN"), shown);
      assertTrue(shown.contains("event secondary_dns.create revision 1"), shown);
      assertTrue(shown.contains("diagnostics: "), shown);
    }
    // A new serve on the same database: IXFR from the first serial is still incremental.
    try (RunningServe serve =
        RunningServe.command("host", "--db", db.url, "serve", "--listen", "127.0.0.1:0")) {
      InetSocketAddress server = serve.awaitListening();
      serve.out.await(
          l -> l.startsWith("serving example.com. serial " + (first + 1)),
          RunningServe.DEADLINE,
          "serving after the restart");
      assertEquals(1, ixfr(server, first).size());
    }
  }

  @Test
  void twoHostServesOnOneDatabaseNotifyEachChangeOnceAndTheOtherTakesOver() throws Exception {
    try (NotifySink sink = new NotifySink(InetAddress.getLoopbackAddress(), true).watch(ZONE)) {
      host("create", "example.com", "--ns", "ns1.example.com").assertOk();
      host(
              "enable",
              "example.com",
              "--preset",
              "example-secondary",
              "--allow",
              "127.0.0.1",
              "--notify",
              "127.0.0.1:" + sink.port())
          .assertOk();
      String[] serve = {"host", "--db", db.url, "serve", "--listen", "127.0.0.1:0"};
      List<NotifySink.Seen> seen = new ArrayList<>();
      long start;
      RunningServe first = RunningServe.command(serve);
      try (RunningServe second = RunningServe.command(serve)) {
        first.awaitListening();
        second.awaitListening();
        String elected = "this node sends the NOTIFYs now";
        RunningServe leader =
            ServeDatabaseTest.awaitEither(first, second, l -> l.startsWith(elected)) == 0
                ? first
                : second;
        RunningServe follower = leader == first ? second : first;
        // The serial served at start (enabling published one after create's): notified by the
        // leader once elected.
        String serving =
            leader.out.await(
                l -> l.startsWith("serving example.com. serial "),
                RunningServe.DEADLINE,
                "serving");
        start = Long.parseLong(serving.split(" ", -1)[3]);
        ServeDatabaseTest.awaitNotify(sink, start, seen);
        for (int change = 0; change < 2; change++) {
          long serial = start + 1 + change;
          host("record", "example.com", "www" + change, "A", "300", "192.0.2." + (80 + change))
              .assertOk();
          awaitServing(first, serial);
          awaitServing(second, serial);
          ServeDatabaseTest.awaitNotify(sink, serial, seen);
          ServeDatabaseTest.awaitAcknowledged(leader, serial);
        }
        assertTrue(
            follower.out.lines().stream().noneMatch(l -> l.startsWith("notify ")),
            "the follower sent no NOTIFY while the other led: " + follower.out.text());

        // The leader stops: the other takes the duty over, repeats nothing the target
        // acknowledged, and notifies the next change once.
        leader.close();
        follower.out.await(l -> l.startsWith(elected), RunningServe.DEADLINE, "the takeover");
        host("record", "example.com", "www9", "A", "300", "192.0.2.99").assertOk();
        awaitServing(follower, start + 3);
        ServeDatabaseTest.awaitNotify(sink, start + 3, seen);
        ServeDatabaseTest.awaitAcknowledged(follower, start + 3);
        seen.addAll(sink.drain());
      } finally {
        first.close();
      }
      assertEquals(
          Map.of(start, 1L, start + 1, 1L, start + 2, 1L, start + 3, 1L),
          ServeDatabaseTest.perSerial(seen),
          "once each, from one node");
    }
  }

  private static void awaitServing(RunningServe serve, long serial) throws Exception {
    serve.out.await(
        l -> l.matches("serving example\\.com\\. serial " + serial + "( .*)?"),
        RunningServe.DEADLINE,
        "serving serial " + serial);
  }

  @Test
  void newKeyPrintsAKeyEncryptionKeyAndADownDatabaseIsExit3() throws Exception {
    String key = Cli.run("host", "new-key").assertOk().out().strip();
    assertEquals(32, Base64.getDecoder().decode(key).length);
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Cli.Result down =
        Cli.run(
            "host", "--db", "jdbc:postgresql://127.0.0.1:" + port + "/x", "show", "example.com");
    assertEquals(ExitCode.FAILED, down.code(), down.toString());
    assertEquals(1, down.err().strip().lines().count(), down.err());
  }

  private static List<ZoneTransferIn.Delta> ixfr(InetSocketAddress server, long from)
      throws Exception {
    return TemporaryH2.ixfr(server, ZONE, from);
  }
}
