package io.github.secdns.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.testsupport.Addresses;
import io.github.secdns.testsupport.MutableClock;
import io.github.secdns.testsupport.NotifySink;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferIn;

/** {@code serve --zone-dir}: real sockets on loopback, files written while it serves. */
class ZoneDirectoryServeTest {

  @TempDir Path dir;

  /** A small zone as a host writes it: SOA, two apex NS, an A record at www. */
  static String zone(long serial, String address) {
    return "$TTL 3600\n"
        + "@ IN SOA ns1.host.example. hostmaster.host.example. "
        + serial
        + " 3600 600 604800 300\n"
        + "@ IN NS ns1.host.example.\n"
        + "@ IN NS ns2.host.example.\n"
        + "www IN A "
        + address
        + "\n";
  }

  /**
   * Writes a zone file the way the documentation tells operators to: a temporary name, a rename.
   */
  void write(String file, String text) throws Exception {
    Path tmp = dir.resolve("." + file + ".tmp");
    Files.writeString(tmp, text);
    Files.move(tmp, dir.resolve(file), StandardCopyOption.ATOMIC_MOVE);
  }

  static Message soa(InetSocketAddress server, String zone) throws Exception {
    SimpleResolver resolver = new SimpleResolver(server);
    resolver.setTimeout(Duration.ofSeconds(5));
    return resolver.send(
        Message.newQuery(Record.newRecord(Name.fromConstantString(zone), Type.SOA, 1)));
  }

  static long serial(InetSocketAddress server, String zone) throws Exception {
    Message answer = soa(server, zone);
    assertEquals(Rcode.NOERROR, answer.getRcode(), answer.toString());
    return ((SOARecord) answer.getSection(Section.ANSWER).get(0)).getSerial();
  }

  static Set<String> www(InetSocketAddress server, String zone) throws Exception {
    ZoneTransferIn xfr = ZoneTransferIn.newAXFR(Name.fromConstantString(zone), server, null);
    xfr.setTimeout(Duration.ofSeconds(10));
    xfr.run();
    Name www = Name.fromConstantString("www." + zone);
    return xfr.getAXFR().stream()
        .filter(r -> r.getName().equals(www) && r instanceof ARecord)
        .map(r -> ((ARecord) r).getAddress().getHostAddress())
        .collect(Collectors.toSet());
  }

  @Test
  void aFileWhoseNameIsNoZoneNameIsSkippedByItsPathAndWhy() throws Exception {
    write("z1.example.zone", zone(1, "192.0.2.1"));
    write("bad name.zone", zone(1, "192.0.2.2"));
    try (RunningServe serve =
        RunningServe.start("--zone-dir", dir.toString(), "--listen", "127.0.0.1:0")) {
      InetSocketAddress server = serve.awaitListening();
      // Was "serve: skipped serve bad\032name.: zone: ... contains the character '\'": neither
      // the file nor the character it holds.
      assertEquals(
          List.of(
              "serve: skipped "
                  + dir.resolve("bad name.zone")
                  + ": zone: the zone 'bad\\032name.' contains the character ' ' (written \\032);"
                  + " only letters, digits and hyphens (and underscores) are allowed"
                  + " [INVALID_NAME]"),
          serve.err.lines());
      assertEquals(1, serial(server, "z1.example."));
    }
  }

  @Test
  void servesEveryFileAndFollowsAddedChangedAndRemovedFiles() throws Exception {
    write("z1.example.zone", zone(1, "192.0.2.1"));
    write("z2.example.zone", zone(7, "192.0.2.2"));
    // Line 5 is broken: one customer's file never takes the others down.
    write("bad.example.zone", zone(1, "192.0.2.3").replace("www IN A", "www IN A 999.1.2.3 x"));
    Files.writeString(dir.resolve("notes.txt"), "not a zone file\n");
    try (RunningServe serve =
        RunningServe.start(
            "--zone-dir", dir.toString(), "--listen", "127.0.0.1:0", "--poll-interval", "20")) {
      InetSocketAddress server = serve.awaitListening();
      String err = serve.err.text();
      assertTrue(err.contains("serve: skipped " + dir.resolve("bad.example.zone") + ":5:"), err);
      String out = serve.out.text();
      assertTrue(
          out.contains(
              "Zone directory " + dir + ": 2 zones served, 1 file(s) skipped; files added,"),
          out);
      assertTrue(out.contains("Zone z1.example. from " + dir.resolve("z1.example.zone")), out);
      assertEquals(1, serial(server, "z1.example."));
      assertEquals(7, serial(server, "z2.example."));
      assertEquals(Set.of("192.0.2.1"), www(server, "z1.example."));
      assertEquals(Rcode.NOTAUTH, soa(server, "bad.example.").getRcode());

      // Added.
      write("z3.example.zone", zone(3, "192.0.2.33"));
      serve.out.await(
          l -> l.equals("added z3.example. serial 3 from " + dir.resolve("z3.example.zone")),
          RunningServe.DEADLINE,
          "the added zone");
      assertEquals(3, serial(server, "z3.example."));
      assertEquals(Set.of("192.0.2.33"), www(server, "z3.example."));

      // Changed, with a greater serial: a new version.
      write("z1.example.zone", zone(2, "192.0.2.11"));
      serve.out.await(
          l -> l.equals("published z1.example. serial 2"), RunningServe.DEADLINE, "the change");
      assertEquals(2, serial(server, "z1.example."));
      assertEquals(Set.of("192.0.2.11"), www(server, "z1.example."));

      // A version taken up is known by the size and time of its file: rewritten in place with
      // the same size and time (an unreadable address here), it is not read again. Two files
      // added after it, each taken up at a later poll, show that polls went by meanwhile.
      Path z1 = dir.resolve("z1.example.zone");
      FileTime takenUp = Files.getLastModifiedTime(z1);
      String same = zone(2, "192.0.2.11");
      Files.writeString(z1, same.replace("192.0.2.11", "999.0.2.11"));
      Files.setLastModifiedTime(z1, takenUp);
      for (String later : List.of("z4", "z5")) {
        write(later + ".example.zone", zone(1, "192.0.2.4"));
        serve.out.await(
            l -> l.startsWith("added " + later + ".example. serial 1"),
            RunningServe.DEADLINE,
            "a later file");
      }
      assertFalse(serve.err.text().contains("z1.example.zone"), serve.err.text());
      assertEquals(Set.of("192.0.2.11"), www(server, "z1.example."));
      write("z1.example.zone", same);

      // Changed without a greater serial: refused, naming the file; the version served stays.
      write("z2.example.zone", zone(7, "192.0.2.22"));
      serve.err.await(
          l ->
              l.contains(dir.resolve("z2.example.zone") + ": the zone changed but its SOA serial 7")
                  && l.endsWith("(still serving serial 7)"),
          RunningServe.DEADLINE,
          "the refused serial");
      assertEquals(Set.of("192.0.2.2"), www(server, "z2.example."));

      // No longer parses: the previous version stays, with a message naming file and line.
      write("z3.example.zone", zone(4, "192.0.2.33") + "broken line\n");
      serve.err.await(
          l ->
              l.startsWith("serve: " + dir.resolve("z3.example.zone") + ":6:")
                  && l.endsWith("(still serving serial 3)"),
          RunningServe.DEADLINE,
          "the broken change");
      assertEquals(3, serial(server, "z3.example."));

      // Fixed: the broken file comes in as a new zone.
      write("bad.example.zone", zone(5, "192.0.2.5"));
      serve.out.await(
          l -> l.startsWith("added bad.example. serial 5"), RunningServe.DEADLINE, "the fix");
      assertEquals(5, serial(server, "bad.example."));

      // Removed: withdrawn.
      Files.delete(dir.resolve("z2.example.zone"));
      serve.out.await(
          l -> l.startsWith("withdrawn z2.example. ("), RunningServe.DEADLINE, "the withdrawal");
      assertEquals(Rcode.NOTAUTH, soa(server, "z2.example.").getRcode());
      assertEquals(2, serial(server, "z1.example."));
    }
  }

  @Test
  void servesAFewThousandZonesWithBoundedOutput() throws Exception {
    int count = 3000;
    for (int i = 0; i < count; i++) {
      Files.writeString(dir.resolve("z" + i + ".example.zone"), zone(100 + i, "192.0.2.1"));
    }
    PipedOutputStream keyboard = new PipedOutputStream();
    try (PipedInputStream in = new PipedInputStream(keyboard);
        RunningServe serve =
            RunningServe.start(
                in,
                "--zone-dir",
                dir.toString(),
                "--listen",
                "127.0.0.1:0",
                "--startup-notify",
                "off")) {
      InetSocketAddress server = serve.awaitListening();
      String out = serve.out.text();
      assertTrue(out.contains(": " + count + " zones served, 0 file(s) skipped"), out);
      assertTrue(
          out.contains(
              "... and "
                  + (count - ServeCommand.DESCRIBED_ZONES)
                  + " more zones from "
                  + dir
                  + ", served with the same settings"),
          out);
      // The zones described are those of the first files in name order.
      List<String> described =
          out.lines()
              .filter(l -> l.startsWith("Zone z"))
              .map(l -> l.substring("Zone ".length(), l.indexOf(" from ")))
              .toList();
      List<String> first =
          IntStream.range(0, count)
              .mapToObj(i -> "z" + i + ".example.zone")
              .sorted()
              .limit(ServeCommand.DESCRIBED_ZONES)
              .map(f -> f.substring(0, f.length() - ".zone".length()) + ".")
              .toList();
      assertEquals(first, described, out);
      Random random = new Random(1);
      for (int k = 0; k < 20; k++) {
        int i = random.nextInt(count);
        assertEquals(100 + i, serial(server, "z" + i + ".example."));
      }
      assertEquals(Set.of("192.0.2.1"), www(server, "z" + random.nextInt(count) + ".example."));

      keyboard.write("status\n".getBytes(StandardCharsets.UTF_8));
      keyboard.flush();
      serve.out.await(
          l -> l.startsWith("status: " + (count - ServeStatus.MAX_ZONE_LINES) + " more zones"),
          RunningServe.DEADLINE,
          "the bounded status");
      List<String> lines = serve.out.lines();
      long statusLines = lines.stream().filter(l -> l.startsWith("status ")).count();
      assertEquals(ServeStatus.MAX_ZONE_LINES, statusLines);
      keyboard.close();
    }
  }

  /**
   * 50 zones NOTIFY a target that acknowledges each at start: ten notify lines and then one line
   * for the target at the end of the period (of serve's clock), not one line per zone; the close
   * that follows has nothing left to print.
   */
  @Test
  void fiftyZonesNotifiedAtStartAreTenLinesAndOneSummary() throws Exception {
    int count = 50;
    for (int i = 0; i < count; i++) {
      Files.writeString(dir.resolve("z" + i + ".example.zone"), zone(100 + i, "192.0.2.1"));
    }
    MutableClock clock = new MutableClock(Instant.parse("2026-01-02T03:04:05Z"));
    PipedOutputStream keyboard = new PipedOutputStream();
    String summary;
    RunningServe serve;
    try (NotifySink target = new NotifySink(Addresses.LOOPBACK_2, true);
        PipedInputStream in = new PipedInputStream(keyboard)) {
      serve =
          RunningServe.startOn(
              clock,
              in,
              "--zone-dir",
              dir.toString(),
              "--listen",
              "127.0.0.1:0",
              "--notify",
              "127.0.0.2:" + target.port(),
              "--startup-notify",
              "1000");
      try (serve) {
        serve.awaitListening();
        assertTrue(target.awaitReceived(count, RunningServe.DEADLINE), "every zone's NOTIFY");
        awaitOutcomes(serve, keyboard, count);
        clock.advanceSeconds(10);
        summary = "notify 127.0.0.2:" + target.port() + " in the last 10 s: 40 acknowledged";
        serve.out.await(l -> l.equals(summary), RunningServe.DEADLINE, "the summary line");
        keyboard.close();
      }
    }
    List<String> notifyLines =
        serve.out.lines().stream().filter(l -> l.startsWith("notify ")).toList();
    assertEquals(NotifyLines.LISTED + 1, notifyLines.size(), serve.out.text());
    assertEquals(
        NotifyLines.LISTED,
        notifyLines.stream().filter(l -> l.startsWith("notify Acknowledged[z")).count(),
        serve.out.text());
    assertEquals(summary, notifyLines.get(notifyLines.size() - 1));
  }

  /**
   * Types {@code status} until its summary counts {@code outcomes} NOTIFY outcomes: the sender may
   * still be handling the last acknowledgements when the target has sent them.
   */
  private static void awaitOutcomes(RunningServe serve, PipedOutputStream keyboard, int outcomes)
      throws Exception {
    for (int asked = 1; ; asked++) {
      keyboard.write("status\n".getBytes(StandardCharsets.UTF_8));
      keyboard.flush();
      int answers = asked;
      serve.out.await(
          l -> statusSummaries(serve).size() >= answers, RunningServe.DEADLINE, "a status");
      List<String> summaries = statusSummaries(serve);
      if (summaries.get(summaries.size() - 1).contains("; " + outcomes + " NOTIFY outcomes")) {
        return;
      }
    }
  }

  private static List<String> statusSummaries(RunningServe serve) {
    return serve.out.lines().stream().filter(l -> l.startsWith("status: ")).toList();
  }
}
