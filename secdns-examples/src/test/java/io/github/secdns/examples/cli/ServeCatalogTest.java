package io.github.secdns.examples.cli;

import static io.github.secdns.examples.cli.ZoneDirectoryServeTest.soa;
import static io.github.secdns.examples.cli.ZoneDirectoryServeTest.zone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.ZoneTransferIn;

/**
 * {@code serve --zone-dir DIR --catalog NAME}: the catalog lists the directory's zones, follows a
 * file added (member first, then the catalog, with NOTIFY) and removed (held back by the brake,
 * confirmed on stdin, then the catalog first and the member withdrawn after it). Loopback only.
 */
class ServeCatalogTest {

  static final Name CATALOG = Name.fromConstantString("cat.example.");

  @TempDir Path dir;

  void write(String file, String text) throws Exception {
    Path tmp = dir.resolve("." + file + ".tmp");
    Files.writeString(tmp, text);
    Files.move(tmp, dir.resolve(file), StandardCopyOption.ATOMIC_MOVE);
  }

  static List<Record> catalog(InetSocketAddress server) throws Exception {
    ZoneTransferIn xfr = ZoneTransferIn.newAXFR(CATALOG, server, null);
    xfr.setTimeout(Duration.ofSeconds(10));
    xfr.run();
    return xfr.getAXFR();
  }

  static Set<String> members(List<Record> catalog) {
    return catalog.stream()
        .filter(r -> r instanceof PTRRecord)
        .map(r -> ((PTRRecord) r).getTarget().toString())
        .collect(Collectors.toSet());
  }

  static long serial(List<Record> catalog) {
    return ((SOARecord) catalog.get(0)).getSerial();
  }

  /** Receives until a NOTIFY for the catalog with that serial arrives (others are skipped). */
  static void awaitCatalogNotify(DatagramSocket secondary, long serial) throws Exception {
    byte[] buffer = new byte[4096];
    while (true) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      secondary.receive(packet);
      Message m = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
      if (m.getHeader().getOpcode() != Opcode.NOTIFY
          || !m.getQuestion().getName().equals(CATALOG)) {
        continue;
      }
      List<Record> answer = m.getSection(Section.ANSWER);
      if (!answer.isEmpty() && ((SOARecord) answer.get(0)).getSerial() == serial) {
        return;
      }
    }
  }

  @Test
  void theCatalogListsTheDirectoryAndFollowsItInTheCatalogOrder() throws Exception {
    for (int i = 1; i <= 3; i++) {
      write("z" + i + ".example.zone", zone(i, "192.0.2." + i));
    }
    PipedOutputStream keyboard = new PipedOutputStream();
    try (DatagramSocket secondary =
            new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        PipedInputStream in = new PipedInputStream(keyboard);
        RunningServe serve =
            RunningServe.start(
                in,
                "--zone-dir",
                dir.toString(),
                "--catalog",
                "cat.example",
                "--catalog-group",
                "premium",
                "--listen",
                "127.0.0.1:0",
                "--poll-interval",
                "20",
                "--startup-notify",
                "off",
                "--notify",
                "127.0.0.1:" + secondary.getLocalPort())) {
      secondary.setSoTimeout((int) RunningServe.DEADLINE.toMillis());
      InetSocketAddress server = serve.awaitListening();
      String out = serve.out.text();
      assertTrue(out.contains("Catalog zone cat.example. (RFC 9432 schema 2) lists them (3"), out);
      List<Record> first = catalog(server);
      assertEquals(Set.of("z1.example.", "z2.example.", "z3.example."), members(first));
      assertTrue(
          first.stream()
              .anyMatch(
                  r ->
                      r instanceof TXTRecord t
                          && r.getName().toString().startsWith("version.")
                          && t.getStrings().equals(List.of("2"))),
          first::toString);
      assertEquals(
          3,
          first.stream()
              .filter(
                  r ->
                      r instanceof TXTRecord t
                          && r.getName().toString().startsWith("group.")
                          && t.getStrings().equals(List.of("premium")))
              .count(),
          first::toString);
      Message catalogSoa = soa(server, "cat.example.");
      assertEquals(Rcode.NOERROR, catalogSoa.getRcode());
      assertTrue(catalogSoa.getHeader().getFlag(org.xbill.DNS.Flags.AA), catalogSoa::toString);

      // Added: the member is served first, then the catalog version listing it, with NOTIFY.
      write("z4.example.zone", zone(4, "192.0.2.4"));
      serve.out.await(
          l -> l.startsWith("published catalog cat.example. serial ") && l.contains("(1 added"),
          RunningServe.DEADLINE,
          "the catalog with the added member");
      List<String> lines = serve.out.lines();
      int added =
          lines.indexOf("added z4.example. serial 4 from " + dir.resolve("z4.example.zone"));
      int listed = indexOf(lines, "published catalog cat.example. serial ", "(1 added");
      assertTrue(added >= 0 && added < listed, serve.out.text());
      List<Record> second = catalog(server);
      assertEquals(
          Set.of("z1.example.", "z2.example.", "z3.example.", "z4.example."), members(second));
      assertTrue(serial(second) != serial(first));
      awaitCatalogNotify(secondary, serial(second));

      // Removed: 1 of 4 is above the brake's 10 %: held back, the member stays served.
      Files.delete(dir.resolve("z2.example.zone"));
      String held =
          serve.err.await(
              l ->
                  l.startsWith(
                      "serve: the catalog zone cat.example. was not published: the new version"
                          + " removes 1 of its 4 member zones"),
              RunningServe.DEADLINE,
              "the brake");
      String token = held.replaceAll(".*type 'confirm-removal ([^']+)'.*", "$1");
      assertEquals(Rcode.NOERROR, soa(server, "z2.example.").getRcode());
      assertEquals(4, members(catalog(server)).size());

      // Confirmed: the catalog version without it first, then the member withdrawn.
      keyboard.write(("confirm-removal " + token + "\n").getBytes(StandardCharsets.UTF_8));
      keyboard.flush();
      serve.out.await(
          l -> l.startsWith("withdrawn z2.example. ("), RunningServe.DEADLINE, "the withdrawal");
      lines = serve.out.lines();
      int unlisted =
          indexOf(lines, "published catalog cat.example. serial ", "(0 added, 1 removed)");
      int withdrawn = indexOf(lines, "withdrawn z2.example. (", "");
      assertTrue(unlisted >= 0 && unlisted < withdrawn, serve.out.text());
      assertEquals(Set.of("z1.example.", "z3.example.", "z4.example."), members(catalog(server)));
      assertEquals(Rcode.NOTAUTH, soa(server, "z2.example.").getRcode());
      keyboard.close();
    }
  }

  private static int indexOf(List<String> lines, String prefix, String part) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(prefix) && lines.get(i).contains(part)) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void catalogFlagsNeedTheirPartners() {
    Cli.run("serve", "--catalog", "cat.example").assertBadInput("--catalog needs --zone-dir");
    Cli.run("serve", "--zone-dir", ".", "--catalog-group", "x")
        .assertBadInput("--catalog-group needs --catalog");
  }
}
