package io.github.secdns.examples.cli;

import static io.github.secdns.examples.cli.ZoneDirectoryServeTest.serial;
import static io.github.secdns.examples.cli.ZoneDirectoryServeTest.soa;
import static io.github.secdns.examples.cli.ZoneDirectoryServeTest.www;
import static io.github.secdns.examples.cli.ZoneDirectoryServeTest.zone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.store.VersionWrite;
import io.github.secdns.core.store.ZoneVersionStore;
import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.jdbc.ZoneStoreException;
import io.github.secdns.testsupport.zones.TestRecords;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ZoneTransferIn;

/**
 * {@code serve --zone-dir DIR --db URL} on H2 in a file: the directory's files are published into
 * the database (at start in one read and a batch, nothing when it holds them already), the
 * responder serves the database, and the directory's changes reach every node on it.
 */
class ZoneDirectoryDatabaseTest {

  @TempDir Path dir;
  @RegisterExtension final TemporaryH2 db = new TemporaryH2("secdns-zone-dir-db-");

  private void write(String file, String text) throws Exception {
    Path tmp = dir.resolve("." + file + ".tmp");
    Files.writeString(tmp, text);
    Files.move(tmp, dir.resolve(file), StandardCopyOption.ATOMIC_MOVE);
  }

  private RunningServe serveDirectory() {
    List<String> args = new ArrayList<>(List.of(directoryFlags()));
    args.addAll(List.of("--db", db.url));
    return RunningServe.start(args.toArray(String[]::new));
  }

  /** Every start's flags but the database's: the directory, a loopback port, fast polling. */
  private String[] directoryFlags() {
    return new String[] {
      "--zone-dir",
      dir.toString(),
      "--listen",
      "127.0.0.1:0",
      "--poll-interval",
      "20",
      "--startup-notify",
      "off"
    };
  }

  /** The feed's position: one more for every version written (or zone withdrawn). */
  private long feedPosition() throws Exception {
    return db.scalar("SELECT position FROM secdns_feed");
  }

  /**
   * A zone large enough that its IXFR history keeps two one-record deltas (a history is dropped
   * once its deltas outweigh the zone).
   */
  private static String largerZone(long serial, String address) {
    StringBuilder text = new StringBuilder(zone(serial, address));
    for (int i = 0; i < 20; i++) {
      text.append("host").append(i).append(" IN A 198.51.100.").append(i + 1).append('\n');
    }
    return text.toString();
  }

  /** z1 (the larger zone, serial 1), z2 and z3 (serial 1) into the directory. */
  private void writeThreeZones() throws Exception {
    write("z1.example.zone", largerZone(1, "192.0.2.1"));
    for (int i = 2; i <= 3; i++) {
      write("z" + i + ".example.zone", zone(1, "192.0.2." + i));
    }
  }

  @Test
  void aRestartWritesNothingAndIxfrAnswersFromSerialsServedBeforeIt() throws Exception {
    writeThreeZones();
    try (RunningServe serve = serveDirectory()) {
      InetSocketAddress server = serve.awaitListening();
      for (int i = 1; i <= 3; i++) {
        assertEquals(1, serial(server, "z" + i + ".example."));
      }
      assertEquals(3, db.scalar("SELECT COUNT(*) FROM secdns_zone WHERE serial IS NOT NULL"));
      write("z1.example.zone", largerZone(2, "192.0.2.11"));
      serve.out.await(
          l -> l.equals("published z1.example. serial 2"), RunningServe.DEADLINE, "the change");
      serve.out.await(
          l -> l.equals("serving z1.example. serial 2 from the database"),
          RunningServe.DEADLINE,
          "the change served from the database");
    }
    long before = feedPosition();
    assertEquals(4, before, "three first versions and one change");

    // The same directory on the same database: every file is what the database holds.
    try (RunningServe serve = serveDirectory()) {
      InetSocketAddress server = serve.awaitListening();
      assertEquals(2, serial(server, "z1.example."));
      assertEquals(1, serial(server, "z2.example."));
      assertEquals(before, feedPosition(), "a restart writes no version");
      assertTrue(serve.err.text().isEmpty(), serve.err.text());

      write("z1.example.zone", largerZone(3, "192.0.2.111"));
      serve.out.await(
          l -> l.equals("serving z1.example. serial 3 from the database"),
          RunningServe.DEADLINE,
          "the change after the restart");
      List<ZoneTransferIn.Delta> deltas =
          TemporaryH2.ixfr(server, Name.fromConstantString("z1.example."), 1);
      assertEquals(2, deltas.size(), "the delta from before the restart and the new one");
      assertEquals(2, deltas.get(0).end);
      assertEquals(3, deltas.get(1).end);
    }
  }

  @Test
  void filesAddedChangedAndRemovedReachEveryNodeAndTheDatabasesOtherZonesStay() throws Exception {
    write("z1.example.zone", zone(1, "192.0.2.1"));
    write("z2.example.zone", zone(7, "192.0.2.2"));
    // Another publisher's zone, with no file in the directory.
    Path other = db.dir.resolve("other.example.zone");
    Files.writeString(other, zone(42, "192.0.2.42"));
    Cli.run("publish", "--db", db.url, "--zone-file", other.toString(), "--origin", "other.example")
        .assertOk();
    try (RunningServe directory = serveDirectory();
        RunningServe node = RunningServe.start("--db", db.url, "--listen", "127.0.0.1:0")) {
      InetSocketAddress a = directory.awaitListening();
      InetSocketAddress b = node.awaitListening();
      assertEquals(42, serial(a, "other.example."), "served, not withdrawn");
      // The other node may have started before the directory's versions were in the database:
      // it serves them once its feed brings them.
      awaitServing(node, "z2.example. serial 7");
      assertEquals(7, serial(b, "z2.example."));

      write("z3.example.zone", zone(3, "192.0.2.33"));
      directory.out.await(
          l -> l.equals("added z3.example. serial 3 from " + dir.resolve("z3.example.zone")),
          RunningServe.DEADLINE,
          "the added zone");
      awaitServing(node, "z3.example. serial 3");
      assertEquals(Set.of("192.0.2.33"), www(b, "z3.example."));

      change(directory, node, b, 2, "192.0.2.11");

      Files.delete(dir.resolve("z2.example.zone"));
      directory.out.await(
          l -> l.startsWith("withdrawn z2.example. (its file in "),
          RunningServe.DEADLINE,
          "the withdrawal");
      for (RunningServe each : List.of(directory, node)) {
        // Each node's responder learns it from the database's feed.
        each.out.await(
            l -> l.equals("withdrawn z2.example. from the database"),
            RunningServe.DEADLINE,
            "the withdrawal served by every node");
      }
      assertEquals(Rcode.NOTAUTH, soa(b, "z2.example.").getRcode());
      assertEquals(Rcode.NOTAUTH, soa(a, "z2.example.").getRcode());
      assertEquals(42, serial(b, "other.example."));
    }
    assertEquals(3, db.scalar("SELECT COUNT(*) FROM secdns_zone WHERE serial IS NOT NULL"));
  }

  @Test
  void aFileRemovedWhileNoServeRanIsNamedAtStartAndWithdrawRemovesItsZone() throws Exception {
    write("z1.example.zone", zone(1, "192.0.2.1"));
    write("z2.example.zone", zone(7, "192.0.2.2"));
    try (RunningServe first = serveDirectory()) {
      first.awaitListening();
      assertEquals("", first.err.text(), "every zone of the database has its file");
    }
    Files.delete(dir.resolve("z2.example.zone"));
    try (RunningServe serve = serveDirectory()) {
      InetSocketAddress a = serve.awaitListening();
      // The directory withdraws a zone when it sees the file go; this one went while no serve
      // ran, and the database still holds it: said at start, not served silently for good.
      assertEquals(
          List.of(
              "serve: 1 zone(s) of the database have no file in the directory, and are served"
                  + " until withdrawn ('secdns withdraw --db JDBC_URL --origin ZONE'):"
                  + " z2.example."),
          serve.err.lines());
      assertEquals(7, serial(a, "z2.example."));

      Cli.Result wrong =
          Cli.run("withdraw", "--db", db.url, "--origin", "z2.example", "--serial", "6");
      assertEquals(ExitCode.FINDINGS, wrong.code(), wrong.toString());
      assertEquals(
          "withdraw z2.example.: jdbc:h2 holds serial 7, not 6; refused, nothing removed",
          wrong.err().strip());
      assertEquals(7, serial(a, "z2.example."), "nothing removed");

      assertEquals(
          "withdrawn z2.example. serial 7 from jdbc:h2",
          Cli.run("withdraw", "--db", db.url, "--origin", "z2.example").assertOk().out().strip());
      serve.out.await(
          l -> l.equals("withdrawn z2.example. from the database"),
          RunningServe.DEADLINE,
          "the withdrawal served");
      assertEquals(Rcode.NOTAUTH, soa(a, "z2.example.").getRcode());
      assertEquals(1, serial(a, "z1.example."), "the others stay");

      Cli.Result again = Cli.run("withdraw", "--db", db.url, "--origin", "z2.example");
      assertEquals(ExitCode.FINDINGS, again.code(), again.toString());
      assertEquals("withdraw z2.example.: jdbc:h2 holds no version of it", again.err().strip());
    }
    try (RunningServe restarted = serveDirectory()) {
      restarted.awaitListening();
      assertEquals("", restarted.err.text(), "withdrawn for good");
    }
    Cli.run("withdraw", "--db", db.url, "--origin", "z1.example", "--serial", "4294967296")
        .assertBadInput("--serial: 4294967296 is not a SOA serial");
  }

  /**
   * Changes z1.example.'s file, then waits for the directory's serve to publish it and for {@code
   * node} (on the same database) to serve it at {@code server}.
   */
  private void change(
      RunningServe directory, RunningServe node, InetSocketAddress server, long serial, String www)
      throws Exception {
    write("z1.example.zone", zone(serial, www));
    String published = "published z1.example. serial " + serial;
    directory.out.await(l -> l.equals(published), RunningServe.DEADLINE, published);
    awaitServing(node, "z1.example. serial " + serial);
    assertEquals(Set.of(www), www(server, "z1.example."));
  }

  private static void awaitServing(RunningServe serve, String zoneAndSerial) throws Exception {
    String line = "serving " + zoneAndSerial + " from the database";
    serve.out.await(l -> l.equals(line), RunningServe.DEADLINE, line);
  }

  @Test
  void aFileChangedWithoutAGreaterSerialIsRefusedAndTheStoredVersionStaysServed() throws Exception {
    write("z1.example.zone", zone(5, "192.0.2.1"));
    write("z2.example.zone", zone(5, "192.0.2.2"));
    try (RunningServe serve = serveDirectory()) {
      serve.awaitListening();
    }
    // Changed while serve was stopped: the same serial, and a serial that went back.
    write("z1.example.zone", zone(5, "192.0.2.9"));
    write("z2.example.zone", zone(4, "192.0.2.9"));
    long before = feedPosition();
    try (RunningServe serve = serveDirectory()) {
      InetSocketAddress server = serve.awaitListening();
      String err = serve.err.text();
      for (String[] refused : new String[][] {{"z1", "5"}, {"z2", "4"}}) {
        assertTrue(
            err.contains(
                "serve: "
                    + dir.resolve(refused[0] + ".example.zone")
                    + ": the zone changed but its SOA serial "
                    + refused[1]
                    + " is not greater than the serial served, 5 (RFC 1982); raise the serial in"
                    + " the file (still serving serial 5)"),
            err);
      }
      assertEquals(before, feedPosition(), "nothing written");
      // The zone's description says what is served: the database's version, not the file's.
      assertTrue(
          serve
              .out
              .text()
              .contains(
                  "Zone z2.example. from "
                      + dir.resolve("z2.example.zone")
                      + ": serial 5 from the database (the file's serial 4 was refused), "),
          serve.out.text());
      assertEquals(5, serial(server, "z1.example."));
      assertEquals(Set.of("192.0.2.1"), www(server, "z1.example."));
      assertEquals(Set.of("192.0.2.2"), www(server, "z2.example."));

      // Raised: published over the stored version.
      change(serve, serve, server, 6, "192.0.2.9");

      // Changed while running without a greater serial: refused the same way.
      write("z1.example.zone", zone(6, "192.0.2.10"));
      serve.err.await(
          l ->
              l.equals(
                  "serve: "
                      + dir.resolve("z1.example.zone")
                      + ": the zone changed but its SOA serial 6 is not greater than the serial"
                      + " served, 6 (RFC 1982); raise the serial in the file (still serving"
                      + " serial 6)"),
          RunningServe.DEADLINE,
          "the refusal while running");
      assertEquals(Set.of("192.0.2.9"), www(server, "z1.example."));
    }
  }

  /**
   * The start publishes the directory's versions in a fixed number of store calls whatever the
   * number of zones: one read, one batch (it was a load and a transaction per zone for {@code
   * publish --db}); a restart with every file as stored only reads.
   */
  @Test
  void theStartWritesEveryZoneInAFixedNumberOfStoreCallsAndARestartOnlyReads() throws Exception {
    Map<String, Integer> five = startTwice(5);
    Map<String, Integer> fifty = startTwice(50);
    assertEquals(five, fifty, five + " for 5 zones, " + fifty + " for 50");
    assertEquals(Map.of("first loadAll", 1, "first publishAll", 1, "restart loadAll", 1), fifty);
  }

  /** {@code serve --zone-dir DIR --db URL} whose database's versions go through {@code view}. */
  private RunningServe serveDirectoryThrough(UnaryOperator<ZoneVersionStore> view) {
    return RunningServe.withDatabaseView(db.url, view, directoryFlags());
  }

  /** A version of {@code origin} as another publisher writes it: apex NS and a www address. */
  private static ZoneSnapshot othersVersion(String origin, long serial, String www)
      throws Exception {
    Name name = Name.fromString(origin);
    return ZoneSnapshot.of(
        TestRecords.soa(origin, serial),
        List.of(
            new NSRecord(name, DClass.IN, 3600, Name.fromString("ns1.host.example.")),
            new ARecord(
                Name.fromString("www", name),
                DClass.IN,
                300,
                java.net.InetAddress.getByName(www))));
  }

  /**
   * A restart reads the database once: the read that compares every file with its stored version is
   * the one the responder serves from (it read the whole database a second time to serve it: about
   * 5 s of a 15.7 s restart at 100,000 zones on PostgreSQL). No zone is loaded one by one, the zone
   * the restart wrote included, and what is served is what the database holds: the serials, and the
   * IXFR history a node that reads the database itself answers with.
   */
  @Test
  void aRestartReadsTheDatabaseOnceAndServesWhatItHolds() throws Exception {
    writeThreeZones();
    try (RunningServe serve = serveDirectory()) {
      serve.awaitListening();
    }
    // Changed while serve was stopped, with a greater serial: the restart writes it.
    write("z1.example.zone", largerZone(2, "192.0.2.11"));
    Map<String, Integer> calls = new ConcurrentHashMap<>();
    try (RunningServe serve =
            serveDirectoryThrough(
                real -> beforeEachCall(real, m -> calls.merge(m.getName(), 1, Integer::sum)));
        RunningServe node =
            RunningServe.start(
                "--db", db.url, "--listen", "127.0.0.1:0", "--startup-notify", "off")) {
      InetSocketAddress server = serve.awaitListening();
      InetSocketAddress other = node.awaitListening();
      assertEquals(1, calls.get("loadAll"), "one read of the database: " + calls);
      assertEquals(1, calls.get("publishAll"), "the changed file: " + calls);
      assertEquals(2, serial(server, "z1.example."));
      assertEquals(Set.of("192.0.2.11"), www(server, "z1.example."));
      assertEquals(1, serial(server, "z2.example."));
      assertEquals(1, serial(server, "z3.example."));

      // Another publisher's zone after everything the start wrote: once it is served, the
      // source has applied every change of the feed before it (in order, on one thread).
      opened(
          store ->
              store.publish(VersionWrite.first(othersVersion("mark.example.", 1, "192.0.2.99"))));
      awaitServing(serve, "mark.example. serial 1");
      assertEquals(1, calls.get("load"), "only the zone written after the start: " + calls);

      awaitServing(node, "z1.example. serial 2");
      List<ZoneTransferIn.Delta> served =
          TemporaryH2.ixfr(server, Name.fromConstantString("z1.example."), 1);
      List<ZoneTransferIn.Delta> stored =
          TemporaryH2.ixfr(other, Name.fromConstantString("z1.example."), 1);
      assertEquals(1, served.size());
      assertEquals(describe(stored), describe(served), "the history the database holds");
    }
  }

  /**
   * Versions another publisher writes while serve starts, right after its one read of the database
   * and right before its responder follows the feed, are served: the feed is followed from the
   * position the read started at.
   */
  @Test
  void versionsAnotherPublisherWritesBetweenTheStartsReadAndItsServingAreServed() throws Exception {
    for (int i = 1; i <= 3; i++) {
      write("z" + i + ".example.zone", zone(1, "192.0.2." + i));
    }
    try (RunningServe serve = serveDirectory()) {
      serve.awaitListening();
    }
    ZoneSnapshot newZone = othersVersion("other.example.", 9, "192.0.2.9");
    ZoneSnapshot changed = othersVersion("z2.example.", 5, "192.0.2.55");
    Map<String, Integer> calls = new ConcurrentHashMap<>();
    try (RunningServe serve =
        serveDirectoryThrough(
            real ->
                aroundEachCall(
                    real,
                    method -> {
                      calls.merge(method.getName(), 1, Integer::sum);
                      if (method.getName().equals("watch")) {
                        // The source's start, its zones handed over: a new zone.
                        real.publish(VersionWrite.first(newZone));
                      }
                    },
                    method -> {
                      if (method.getName().equals("loadAll")) {
                        // The directory's read, the files compared: a zone changes.
                        real.publishNext(changed, Clock.systemUTC());
                      }
                    }))) {
      InetSocketAddress server = serve.awaitListening();
      awaitServing(serve, "z2.example. serial 5");
      awaitServing(serve, "other.example. serial 9");
      assertEquals(5, serial(server, "z2.example."));
      assertEquals(Set.of("192.0.2.55"), www(server, "z2.example."));
      assertEquals(9, serial(server, "other.example."));
      assertEquals(1, serial(server, "z1.example."));
      assertEquals(1, calls.get("loadAll"), "one read of the database: " + calls);
    }
  }

  /** An IXFR answer's deltas as text: serials, deletions, additions. */
  private static List<String> describe(List<ZoneTransferIn.Delta> deltas) {
    return deltas.stream()
        .map(d -> d.start + " -> " + d.end + " - " + d.deletes + " + " + d.adds)
        .toList();
  }

  /** Runs {@code work} on a store of its own on the test's database, as another publisher. */
  private void opened(StoreWork work) throws Exception {
    try (Database other = Database.open(db.url, name -> null)) {
      work.run(other.store());
    }
  }

  @FunctionalInterface
  private interface StoreWork {
    void run(ZoneVersionStore store) throws Exception;
  }

  /**
   * A file removed while the database cannot be reached: its zone is withdrawn at a later poll
   * (every node served it for good before), unless the file came back meanwhile.
   */
  @Test
  void aRemovalTheDatabaseCouldNotTakeIsWithdrawnAtALaterPoll() throws Exception {
    ZoneSnapshot z1 = ZoneSnapshot.of(TestRecords.soa("z1.example.", 1), List.of());
    ZoneSnapshot z2 = ZoneSnapshot.of(TestRecords.soa("z2.example.", 1), List.of());
    ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
    try (Database opened =
        Database.open("jdbc:h2:mem:zone-dir-withdraw;DB_CLOSE_DELAY=-1", name -> null)) {
      AtomicBoolean unreachable = new AtomicBoolean();
      ZoneVersionStore store =
          beforeEachCall(
              opened.store(),
              method -> {
                if (unreachable.get()) {
                  throw new ZoneStoreException("the database cannot be reached", null);
                }
              });
      DirectoryDatabase directory =
          new DirectoryDatabase(store, Clock.systemUTC(), err, read -> {});
      assertEquals(Map.of(), directory.publishAtStart(List.of(z1, z2)));

      unreachable.set(true);
      for (ZoneSnapshot removed : List.of(z1, z2)) {
        ZoneDirectory.Refused refused =
            assertThrows(ZoneDirectory.Refused.class, () -> directory.withdraw(removed.origin()));
        assertTrue(refused.getMessage().contains("retrying"), refused.getMessage());
      }
      assertEquals(List.of(), directory.retry(), "still unreachable");
      unreachable.set(false);
      assertTrue(directory.publish(z2), "z2's file is back before the database");

      directory.retry();
      assertTrue(opened.store().load(z1.origin()).isEmpty(), "z1 withdrawn at the later poll");
      assertEquals(z2, opened.store().load(z2.origin()).orElseThrow().snapshot());
      directory.retry();
      assertEquals(z2, opened.store().load(z2.origin()).orElseThrow().snapshot(), "still served");
      assertTrue(
          errBytes.toString(StandardCharsets.UTF_8).contains("z1.example. withdrawn from the"),
          errBytes.toString(StandardCharsets.UTF_8));
    }
  }

  /** Two starts of {@code zones} zones against an empty store: the calls each made to it. */
  private static Map<String, Integer> startTwice(int zones) throws Exception {
    List<ZoneSnapshot> versions = new ArrayList<>();
    for (int i = 0; i < zones; i++) {
      Name origin = Name.fromString("z" + i + ".example.");
      List<Record> records =
          List.of(
              new NSRecord(origin, DClass.IN, 3600, Name.fromString("ns1.host.example.")),
              new ARecord(
                  Name.fromString("www", origin),
                  DClass.IN,
                  300,
                  java.net.InetAddress.getByName("192.0.2." + (i % 250 + 1))));
      versions.add(ZoneSnapshot.of(TestRecords.soa(origin.toString(), 1), records));
    }
    Map<String, Integer> calls = new TreeMap<>();
    PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    try (Database opened =
        Database.open("jdbc:h2:mem:zone-dir-db-" + zones + ";DB_CLOSE_DELAY=-1", name -> null)) {
      for (String start : List.of("first", "restart")) {
        DirectoryDatabase directory =
            new DirectoryDatabase(
                counting(opened.store(), start, calls), Clock.systemUTC(), err, read -> {});
        assertEquals(Map.of(), directory.publishAtStart(versions));
        for (ZoneSnapshot v : versions) {
          assertEquals(
              v.serial(), directory.served(v.origin()).orElseThrow(), v.origin().toString());
        }
      }
      assertEquals(zones, opened.store().changesSince(0, Integer.MAX_VALUE).size());
    }
    return calls;
  }

  /** The store, counting each call by "label method". */
  private static ZoneVersionStore counting(
      ZoneVersionStore real, String label, Map<String, Integer> calls) {
    return beforeEachCall(
        real, method -> calls.merge(label + " " + method.getName(), 1, Integer::sum));
  }

  /**
   * The real store, with {@code before} run ahead of each call and {@code after} once it returned
   * (either may act as another node would between two calls).
   */
  private static ZoneVersionStore aroundEachCall(
      ZoneVersionStore real, Consumer<Method> before, Consumer<Method> after) {
    return (ZoneVersionStore)
        Proxy.newProxyInstance(
            ZoneVersionStore.class.getClassLoader(),
            new Class<?>[] {ZoneVersionStore.class},
            (proxy, method, args) -> {
              before.accept(method);
              Object result;
              try {
                result = method.invoke(real, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
              after.accept(method);
              return result;
            });
  }

  /**
   * The real store, with {@code before} run ahead of each call (it may throw, as the store would:
   * the call is then not made).
   */
  private static ZoneVersionStore beforeEachCall(ZoneVersionStore real, Consumer<Method> before) {
    return (ZoneVersionStore)
        Proxy.newProxyInstance(
            ZoneVersionStore.class.getClassLoader(),
            new Class<?>[] {ZoneVersionStore.class},
            (proxy, method, args) -> {
              before.accept(method);
              try {
                return method.invoke(real, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
