package io.github.secdns.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.annotation.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Master;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferException;
import org.xbill.DNS.ZoneTransferIn;

class ServeCommandTest {

  static final Name ZONE = Name.fromConstantString("example.com.");

  @TempDir Path dir;

  static List<Record> axfr(InetSocketAddress server) throws Exception {
    ZoneTransferIn xfr = ZoneTransferIn.newAXFR(ZONE, server, null);
    xfr.setTimeout(Duration.ofSeconds(10));
    xfr.run();
    return xfr.getAXFR();
  }

  static Set<String> addresses(List<Record> records, String owner) {
    Name name = Name.fromConstantString(owner);
    return records.stream()
        .filter(r -> r.getName().equals(name))
        .filter(r -> r instanceof ARecord || r instanceof AAAARecord)
        .map(
            r ->
                r instanceof ARecord a
                    ? a.getAddress().getHostAddress()
                    : ((AAAARecord) r).getAddress().getHostAddress())
        .collect(Collectors.toSet());
  }

  /** Asserts the sample zone arrived with ALIAS and URL flattened and the secondaries in NS. */
  static void assertFlattenedSample(List<Record> records) {
    assertEquals(Type.SOA, records.get(0).getType());
    assertEquals(Type.SOA, records.get(records.size() - 1).getType());
    assertEquals(Set.of("192.0.2.10", "2001:db8:0:0:0:0:0:10"), addresses(records, "example.com."));
    assertEquals(
        Set.of("192.0.2.80", "2001:db8:0:0:0:0:0:80"), addresses(records, "go.example.com."));
    Set<String> apexNs =
        records.stream()
            .filter(r -> r instanceof NSRecord)
            .filter(r -> r.getName().equals(ZONE))
            .map(r -> ((NSRecord) r).getTarget().toString())
            .collect(Collectors.toSet());
    assertEquals(
        Set.of("ns1.example.com.", "ns2.example.com.", "ns1.secondary.com.", "ns2.secondary.com."),
        apexNs);
    assertTrue(records.stream().allMatch(r -> r.getType() < 65280), records.toString());
  }

  static long soaSerial(InetSocketAddress server) throws Exception {
    SimpleResolver resolver = new SimpleResolver(server);
    resolver.setTimeout(Duration.ofSeconds(5));
    Message answer = resolver.send(Message.newQuery(Record.newRecord(ZONE, Type.SOA, 1)));
    assertEquals(Rcode.NOERROR, answer.getRcode(), answer.toString());
    return ((SOARecord) answer.getSection(Section.ANSWER).get(0)).getSerial();
  }

  @Test
  void servesTheSampleZoneWithAliasAndUrlFlattened() throws Exception {
    try (RunningServe serve = RunningServe.start("--listen", "127.0.0.1:0")) {
      InetSocketAddress server = serve.awaitListening();
      assertTrue(server.getPort() > 0);
      String out = serve.out.text();
      assertTrue(
          out.contains("Zone example.com. from the bundled sample zone: serial 2026112401"), out);
      assertTrue(
          out.contains(
              "Tell your secondary provider:\n  primary (transfer) server:    "
                  + Addresses.format(server)),
          out);
      assertTrue(
          out.contains(
                  "allowed to transfer (ACL):    127.0.0.0/8 (demo default: this"
                      + " machine), ::1/128 (demo default: this machine)")
              || out.contains("allowed to transfer (ACL):    127.0.0.0/8"),
          out);
      assertTrue(
          out.contains(
              "apex NS set:  ns1.example.com, ns2.example.com, ns1.secondary.com,"
                  + " ns2.secondary.com"),
          out);
      assertTrue(
          out.contains(
              "delegation:   from ns1.example.com, ns2.example.com -> to"
                  + " ns1.example.com, ns2.example.com, ns1.secondary.com, ns2.secondary.com"),
          out);

      assertTrue(
          out.contains(
              "Diagnostics (configuration only; 'secdns check' asks the name"
                  + " servers):\n  [NOTICE] NOTIFY_NOT_CONFIGURED: "),
          out);
      assertTrue(
          out.contains(
              "  (demo: ns1.secondary.com and ns2.secondary.com are the seed article's example"
                  + " secondaries;"),
          out);

      List<Record> records = axfr(server);
      assertFlattenedSample(records);
      assertEquals(2026112401L, soaSerial(server));
      serve.out.await(
          l -> l.startsWith("transfer AXFR example.com. serial 2026112401 to" + " 127.0.0.1:"),
          RunningServe.DEADLINE,
          "logging the transfer");
    }
  }

  @Test
  void aBlockedStandardOutputHoldsUpNoTransfer() throws Exception {
    // As a pipe nobody reads, or a paused terminal: the transfer lines cannot go out. They were
    // printed on the responder's I/O thread, which then stopped serving every client.
    Path zoneFile = dir.resolve("example.com.zone");
    Files.writeString(zoneFile, ServedZone.sampleText());
    RunningServe serve = RunningServe.start(RunningServe.exampleZone(zoneFile));
    try {
      InetSocketAddress server = serve.awaitListening();
      serve.out.hold();
      List<Record> first = axfr(server);
      assertFalse(first.isEmpty());
      for (int i = 0; i < 2; i++) {
        assertEquals(first, axfr(server));
      }
      serve.out.awaitBlockedWriter(RunningServe.DEADLINE); // the lines wait for the output
    } finally {
      serve.out.release();
      serve.close(); // prints what is queued before "stopped"
    }
    List<String> lines = serve.out.lines();
    assertEquals(
        3,
        lines.stream()
            .filter(l -> l.startsWith("transfer AXFR example.com. serial 2026112401 to"))
            .count(),
        serve.out.text());
    assertEquals("stopped", lines.get(lines.size() - 1));
  }

  @Test
  void aBlockedStandardOutputHoldsUpNoNewVersion() throws Exception {
    // The zone watcher printed each "published" line itself: once the output blocked, it published
    // nothing more.
    Path zoneFile = dir.resolve("example.com.zone");
    String text = ServedZone.sampleText();
    Files.writeString(zoneFile, text);
    RunningServe serve =
        RunningServe.start(RunningServe.exampleZone(zoneFile, "--poll-interval", "20"));
    try {
      InetSocketAddress server = serve.awaitListening();
      serve.out.hold();
      for (int edit = 1; edit <= 3; edit++) {
        text += "new" + edit + " IN A 192.0.2." + edit + "\n"; // each edit a larger file
        Files.writeString(zoneFile, text);
        awaitSerial(server, 2026112401L + edit);
      }
      serve.out.awaitBlockedWriter(RunningServe.DEADLINE); // the lines wait for the output
    } finally {
      serve.out.release();
      serve.close();
    }
    assertTrue(
        serve.out.lines().contains("published example.com. serial 2026112404"), serve.out.text());
  }

  /** Asks for the zone's SOA until it has {@code serial}, at most {@link RunningServe#DEADLINE}. */
  static void awaitSerial(InetSocketAddress server, long serial) throws Exception {
    long deadline = System.nanoTime() + RunningServe.DEADLINE.toNanos();
    long served;
    while ((served = soaSerial(server)) != serial) {
      assertTrue(
          System.nanoTime() - deadline < 0,
          "serial " + serial + " not served within " + RunningServe.DEADLINE + " (" + served + ")");
      Thread.sleep(10);
    }
  }

  @Test
  void editingTheZoneFilePublishesANewSerialAndSendsNotify() throws Exception {
    Path zoneFile = dir.resolve("example.com.zone");
    Files.writeString(zoneFile, ServedZone.sampleText());
    try (DatagramSocket secondary =
            new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        RunningServe serve =
            RunningServe.start(
                RunningServe.exampleZone(
                    zoneFile,
                    "--poll-interval",
                    "20",
                    "--notify",
                    "127.0.0.1:" + secondary.getLocalPort()))) {
      InetSocketAddress server = serve.awaitListening();
      long first = soaSerial(server);
      assertEquals(2026112401L, first);

      Files.writeString(zoneFile, ServedZone.sampleText() + "new IN A 192.0.2.77\n");
      serve.out.await(
          l -> l.equals("published example.com. serial 2026112402"),
          RunningServe.DEADLINE,
          "publishing the edit");
      assertEquals(2026112402L, soaSerial(server));
      assertEquals(Set.of("192.0.2.77"), addresses(axfr(server), "new.example.com."));

      // The fake secondary receives a NOTIFY for the new serial (the responder sends it once
      // the version can be transferred, incrementally too) and acknowledges it.
      secondary.setSoTimeout((int) RunningServe.DEADLINE.toMillis());
      Message notify = receiveNotify(secondary, 2026112402L);
      assertEquals(ZONE, notify.getQuestion().getName());
      String outcome =
          serve.out.await(
              l -> l.startsWith("notify Acknowledged[example.com. ") && l.contains(" 2026112402 "),
              RunningServe.DEADLINE,
              "printing the NOTIFY outcome");
      assertTrue(outcome.contains("127.0.0.1:" + secondary.getLocalPort()), outcome);

      // IXFR from the first serial brings only the edit.
      ZoneTransferIn ixfr = ZoneTransferIn.newIXFR(ZONE, first, false, server, null);
      ixfr.setTimeout(Duration.ofSeconds(10));
      ixfr.run();
      assertTrue(ixfr.isIXFR(), "expected an incremental answer");
      List<ZoneTransferIn.Delta> deltas = ixfr.getIXFR();
      assertEquals(1, deltas.size(), deltas.toString());
      assertEquals(first, deltas.get(0).start);
      assertEquals(2026112402L, deltas.get(0).end);
      assertEquals(
          List.of(Type.SOA),
          deltas.get(0).deletes.stream().map(Record::getType).toList(),
          deltas.toString());
      List<Record> adds = deltas.get(0).adds;
      assertEquals(2, adds.size(), adds.toString());
      assertEquals(Type.SOA, adds.get(0).getType());
      assertEquals(Name.fromConstantString("new.example.com."), adds.get(1).getName());
      assertEquals("192.0.2.77", ((ARecord) adds.get(1)).getAddress().getHostAddress());
      serve.out.await(
          l -> l.startsWith("transfer IXFR example.com. serial 2026112402 to" + " 127.0.0.1:"),
          RunningServe.DEADLINE,
          "logging the IXFR");
    }
  }

  @Test
  void listensOnIpv4AndIpv6AndPrintsEachAddress() throws Exception {
    try (RunningServe serve =
        RunningServe.start("--listen", "127.0.0.1:0", "--listen", "[::1]:0")) {
      serve.awaitListening();
      InetSocketAddress v6 =
          RunningServe.listening(
              serve.out.await(
                  l -> l.startsWith("listening on [::1]:"), RunningServe.DEADLINE, "IPv6"));
      List<String> listening =
          serve.out.lines().stream().filter(l -> l.startsWith("listening on ")).toList();
      assertEquals(2, listening.size(), serve.out.text());
      assertEquals("[::1]", Addresses.format(v6).replaceAll(":\\d+$", ""));
      // The demo's default ACL allows ::1 too.
      assertFlattenedSample(axfr(v6));
    }
  }

  static final String SECRET = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0IQ==";
  static final TSIG KEY = new TSIG(TSIG.HMAC_SHA256, "xfr.example.", SECRET);

  static List<Record> axfr(
      InetSocketAddress server, @Nullable TSIG key, @Nullable InetSocketAddress local)
      throws Exception {
    ZoneTransferIn xfr = ZoneTransferIn.newAXFR(ZONE, server, key);
    xfr.setTimeout(Duration.ofSeconds(10));
    if (local != null) {
      xfr.setLocalAddress(local);
    }
    xfr.run();
    return xfr.getAXFR();
  }

  @Test
  void withTsigAndNoAllowTheKeyAloneAuthorizesAndTheSecretIsNeverPrinted() throws Exception {
    Path config = dir.resolve("serve.conf");
    Files.writeString(
        config, "listen = 127.0.0.1:0\ntsig = hmac-sha256:xfr.example:" + SECRET + "\n");
    try (RunningServe serve = RunningServe.start("--config", config.toString())) {
      InetSocketAddress server = serve.awaitListening();
      assertTrue(
          serve
              .out
              .text()
              .contains(
                  "TSIG:                         hmac-sha256 key xfr.example. (secret not shown);"
                      + " transfers need the key, from any address"),
          serve.out.text());

      // Signed with the key: the zone arrives (dnsjava verifies every message's signature).
      assertFlattenedSample(axfr(server, KEY, null));
      serve.out.await(
          l -> l.startsWith("transfer AXFR example.com. serial 2026112401 to" + " 127.0.0.1:"),
          RunningServe.DEADLINE,
          "logging the signed transfer");
      // Unsigned: refused. Signed with a wrong secret: NOTAUTH (BADSIG).
      assertThrows(ZoneTransferException.class, () -> axfr(server));
      serve.out.await(
          l -> l.startsWith("refused example.com. AXFR from 127.0.0.1:") && l.contains(": REFUSED"),
          RunningServe.DEADLINE,
          "logging the refusal");
      TSIG wrong = new TSIG(TSIG.HMAC_SHA256, "xfr.example.", "d3Jvbmctd3Jvbmctd3Jvbmctd3Jvbmch");
      assertThrows(ZoneTransferException.class, () -> axfr(server, wrong, null));
      serve.out.await(
          l -> l.startsWith("refused example.com. AXFR from 127.0.0.1:") && l.contains(": NOTAUTH"),
          RunningServe.DEADLINE,
          "logging the bad signature");

      assertFalse(serve.out.text().contains(SECRET), serve.out.text());
      assertFalse(serve.err.text().contains(SECRET), serve.err.text());
    }
  }

  @Test
  void withTsigAndAllowBothTheKeyAndTheAddressAreNeeded() throws Exception {
    try (RunningServe serve =
        RunningServe.start(
            "--listen",
            "127.0.0.1:0",
            "--allow",
            "127.0.0.1",
            "--tsig",
            "hmac-sha256:xfr.example:" + SECRET)) {
      InetSocketAddress server = serve.awaitListening();
      assertTrue(
          serve.out.text().contains("; transfers need the key and an allowed address"),
          serve.out.text());
      assertFlattenedSample(axfr(server, KEY, null));
      // The right key from an address that is not allowed: refused.
      assertThrows(
          ZoneTransferException.class,
          () ->
              axfr(
                  server,
                  KEY,
                  new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 2}), 0)));
      serve.out.await(
          l -> l.startsWith("refused example.com. AXFR from 127.0.0.2:"),
          RunningServe.DEADLINE,
          "logging the refusal of 127.0.0.2");
      // An allowed address without the key: refused.
      assertThrows(ZoneTransferException.class, () -> axfr(server));
    }
  }

  @Test
  void aPresetBringsItsNameServersAndAcl() throws Exception {
    try (RunningServe serve =
        RunningServe.start("--listen", "127.0.0.1:0", "--preset", "example-secondary")) {
      serve.awaitListening();
      String out = serve.out.text();
      assertTrue(
          out.contains(
              "allowed to transfer (ACL):    192.0.2.53 (xfr1.secondary.example),"
                  + " 2001:db8:53::53 (xfr2.secondary.example), 127.0.0.0/8 (demo default: this"
                  + " machine), ::1 (demo default: this machine)"),
          out);
      assertTrue(
          out.contains(
              "apex NS set:  ns1.example.com, ns2.example.com,"
                  + " ns1.secondary.example, ns2.secondary.example"),
          out);
      // The preset's NOTIFY target is shown but never contacted: a test (and a demo) sends
      // nothing off this machine.
      assertTrue(out.contains("NOTIFY sent to:               (none)"), out);
      assertTrue(out.contains("NOTIFY targets of the preset: 192.0.2.54:53 (not contacted"), out);
    }
  }

  @Test
  void notifyingASubsetOfAPresetsTargetsKeepsTheirSources() throws Exception {
    // Only the configuration is computed here: nothing is sent.
    io.github.secdns.core.config.Provenance docs =
        new io.github.secdns.core.config.Provenance(
            "https://provider.example/docs",
            java.time.LocalDate.of(2026, 12, 2),
            io.github.secdns.core.config.Confidence.OFFICIAL);
    io.github.secdns.core.config.SecondaryDnsConfiguration config =
        io.github.secdns.core.config.SecondaryDnsConfiguration.builder()
            .zone("example.com")
            .addSecondaryNameServer("ns1.provider.example")
            .addNotifyTarget("192.0.2.54", 53, null, docs)
            .addNotifyTarget("192.0.2.55", 53, null, docs)
            .build();
    io.github.secdns.core.config.SecondaryDnsConfiguration notifying =
        ServeCommand.notifyingOnly(
            config, ServeOptions.parse(List.of("--notify", "192.0.2.54:53")));
    assertEquals(List.of(config.notifyTargets().get(0)), notifying.notifyTargets());
    // So the target shown as "not contacted" is only the one left out.
    assertEquals(
        List.of(config.notifyTargets().get(1)),
        config.notifyTargets().stream()
            .filter(t -> !notifying.notifyTargets().contains(t))
            .toList());
  }

  /** Receives NOTIFY messages until one carries the serial, answering each. */
  private static Message receiveNotify(DatagramSocket socket, long serial) throws Exception {
    long deadline = System.nanoTime() + RunningServe.DEADLINE.toNanos();
    while (System.nanoTime() < deadline) {
      DatagramPacket packet = new DatagramPacket(new byte[4096], 4096);
      socket.receive(packet);
      Message m = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
      Message reply = m.clone();
      reply.getHeader().setFlag(org.xbill.DNS.Flags.QR);
      reply.removeAllRecords(Section.ANSWER);
      byte[] wire = reply.toWire();
      socket.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
      assertEquals(Opcode.NOTIFY, m.getHeader().getOpcode());
      List<Record> answer = m.getSection(Section.ANSWER);
      if (!answer.isEmpty() && ((SOARecord) answer.get(0)).getSerial() == serial) {
        return m;
      }
    }
    throw new AssertionError("no NOTIFY with serial " + serial);
  }

  @Test
  void aBrokenEditKeepsServingTheLastGoodVersion() throws Exception {
    Path zoneFile = dir.resolve("example.com.zone");
    Files.writeString(zoneFile, ServedZone.sampleText());
    try (RunningServe serve =
        RunningServe.start(RunningServe.exampleZone(zoneFile, "--poll-interval", "20"))) {
      InetSocketAddress server = serve.awaitListening();
      Files.writeString(zoneFile, ServedZone.sampleText() + "bad IN A 999.0.2.1\n");
      String line =
          serve.err.await(
              l -> l.contains("still serving serial 2026112401"),
              RunningServe.DEADLINE,
              "reporting the bad edit");
      assertTrue(line.startsWith("serve: " + zoneFile + ":"), line);
      assertEquals(2026112401L, soaSerial(server));
    }
  }

  @Test
  void transfersOutsideTheAclAreRefused() throws Exception {
    try (RunningServe serve =
        RunningServe.start("--listen", "127.0.0.1:0", "--allow", "127.0.0.2")) {
      InetSocketAddress server = serve.awaitListening();
      assertThrows(ZoneTransferException.class, () -> axfr(server));
      serve.out.await(
          l -> l.startsWith("refused example.com. AXFR from 127.0.0.1:"),
          RunningServe.DEADLINE,
          "logging the refusal");
    }
  }

  @Test
  void badZoneFileAndBusyPortFailWithOneMessage() throws Exception {
    Path zoneFile = dir.resolve("bad.zone");
    Files.writeString(zoneFile, "@ IN SOA ns1 host 1 2 3 4 5\n@ NS ns1\nwww A 1.2.3\n");
    Cli.serve(RunningServe.exampleZone(zoneFile)).assertBadInput(zoneFile + ":3: ");
    Cli.run(
            "serve",
            "--zone-file",
            dir.resolve("missing.zone").toString(),
            "--origin",
            "example.com")
        .assertBadInput("--zone-file: cannot read ");
    Files.writeString(zoneFile, "@ IN SOA ns1 host 1 2 3 4 5\n@ NS ns1\nx ALIAS y\nx CNAME z\n");
    Cli.serve(RunningServe.exampleZone(zoneFile)).assertBadInput("cannot export example.com.");

    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Cli.Result r = Cli.run("serve", "--listen", "127.0.0.1:" + busy.getLocalPort());
      assertEquals(ExitCode.FAILED, r.code(), r.toString());
      assertTrue(
          r.err().startsWith("serve: cannot listen on 127.0.0.1:" + busy.getLocalPort()),
          r.toString());
      assertFalse(r.err().contains("\tat "), r.toString());
      // It never listened: no "stopped" (which answers "listening on") on the output.
      assertFalse(r.out().contains("stopped"), r.toString());
    }
  }

  @Test
  void unresolvedAliasTargetsAreReportedNotInvented() throws Exception {
    Path zoneFile = dir.resolve("z.zone");
    Files.writeString(
        zoneFile,
        """
        @ IN SOA ns1 host 1 2 3 4 5
        @ NS ns1
        ns1 A 192.0.2.1
        @ ALIAS unknown.example.net.
        """);
    try (RunningServe serve = RunningServe.start(RunningServe.exampleZone(zoneFile))) {
      InetSocketAddress server = serve.awaitListening();
      assertTrue(serve.out.text().contains("ALIAS_TARGET_UNRESOLVED_OMITTED"), serve.out.text());
      assertEquals(Set.of(), addresses(axfr(server), "example.com."));
    }
  }

  /** Issue 15: without configured secondaries a zone file is served exactly as written. */
  @Test
  void aZoneFileWithoutSecondariesIsServedExactlyAsWritten() throws Exception {
    Name origin = Name.fromConstantString("my.example.");
    Path zoneFile = dir.resolve("my.zone");
    String text =
        """
        $ORIGIN my.example.
        $TTL 300
        @     3600  IN SOA ns1.my.example. hostmaster.my.example. 7 14400 3600 1209600 300
        @     86400 IN NS  ns1.my.example.
        @     86400 IN NS  ns.other-provider.example.
        ns1         IN A   192.0.2.53
        www   60    IN A   192.0.2.80
        WWW2        IN AAAA 2001:db8::80
        @           IN MX  10 mail.my.example.
        @           IN TXT "v=spf1 -all"\
        """;
    Files.writeString(zoneFile, text);
    try (RunningServe serve =
        RunningServe.start(
            "--zone-file",
            zoneFile.toString(),
            "--origin",
            "my.example",
            "--listen",
            "127.0.0.1:0")) {
      InetSocketAddress server = serve.awaitListening();
      ZoneTransferIn xfr = ZoneTransferIn.newAXFR(origin, server, null);
      xfr.setTimeout(Duration.ofSeconds(10));
      xfr.run();
      List<Record> served = xfr.getAXFR();
      List<Record> written = new ArrayList<>();
      try (Master master =
          new Master(new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))) {
        for (Record r; (r = master.nextRecord()) != null; ) {
          written.add(r);
        }
      }
      // Every record as written (names, letter case, TTLs, data), the SOA at both ends.
      assertEquals(written.get(0).toString(), served.get(0).toString());
      assertEquals(written.get(0).toString(), served.get(served.size() - 1).toString());
      assertEquals(
          written.stream().map(Record::toString).sorted().toList(),
          served.subList(0, served.size() - 1).stream().map(Record::toString).sorted().toList());
      // Its transfer line: 9 records (the SOA twice) fit in one message.
      serve.out.await(
          l -> l.startsWith("transfer AXFR my.example. serial 7 to 127.0.0.1:"),
          Duration.ofSeconds(10),
          "the transfer line");
      String out = serve.out.text();
      assertTrue(out.contains(" over TCP: 9 records in 1 message\n"), out);
      assertTrue(out.contains("8 records for the secondaries (served as written)"), out);
      assertTrue(
          out.contains(
              "Secondary name servers: none configured; the zone is served exactly as written"
                  + " (apex NS: ns1.my.example., ns.other-provider.example.)"),
          out);
      assertFalse(out.contains("secondary.com"), out);
      assertFalse(out.contains("Publish these name servers"), out);
      // The file's NS set lists every server, primary or secondary: none of them is judged a
      // secondary that "is one of the primary name servers".
      assertFalse(out.contains("SECONDARY_IS_PRIMARY_NAME_SERVER"), out);
    }
  }

  @Test
  void theEndpointNameComesFirstThenTheAddresses() throws Exception {
    try (RunningServe serve =
        RunningServe.start(
            "--listen",
            "127.0.0.1:0",
            "--listen",
            "[::1]:0",
            "--endpoint-name",
            "axfr.example.net")) {
      serve.awaitListening();
      List<InetSocketAddress> bound = bound(serve);
      String out = serve.out.text();
      assertTrue(
          out.contains(
              "Tell your secondary provider:\n"
                  + "  primary (transfer) server:    axfr.example.net port "
                  + bound.get(0).getPort()
                  + " (prefer the host name)\n"
                  + "  its addresses:                "
                  + Addresses.format(bound.get(0))
                  + ", "
                  + Addresses.format(bound.get(1))
                  + "\n"),
          out);
    }
  }

  /** DNS Made Easy's form takes IPv4 addresses only: no host name, no IPv6 address. */
  @Test
  void anIpv4OnlyProviderIsToldTheIpv4AddressesOnly() throws Exception {
    try (RunningServe serve =
        RunningServe.start(
            "--listen",
            "[::1]:0",
            "--listen",
            "127.0.0.1:0",
            "--endpoint-name",
            "axfr.example.net",
            "--preset",
            "dnsmadeeasy")) {
      serve.awaitListening();
      InetSocketAddress v4 =
          bound(serve).stream()
              .filter(a -> a.getAddress() instanceof java.net.Inet4Address)
              .findFirst()
              .orElseThrow();
      String out = serve.out.text();
      assertTrue(
          out.contains(
              "Tell your secondary provider:\n"
                  + "  primary (transfer) server:    "
                  + Addresses.format(v4)
                  + " (this provider takes IPv4 addresses only)\n"
                  + "  zone:  "),
          out);
      assertFalse(out.contains("axfr.example.net"), out);
    }
  }

  @Test
  void diagnosticsWarnWhenTheAllowedSourcesCannotReachTheEndpoint() throws Exception {
    try (RunningServe serve =
        RunningServe.start("--listen", "[::1]:0", "--allow", "192.0.2.0/24")) {
      serve.awaitListening();
      String out = serve.out.text();
      assertTrue(
          out.contains(
              "  [WARNING] TRANSFER_SOURCES_CANNOT_REACH_ENDPOINT: The Secondary DNS provider"
                  + " transfers from IPv4 addresses only (192.0.2.0/24), but the primary's"
                  + " transfer endpoint has IPv6 addresses only (::1)"),
          out);
    }
    try (RunningServe serve =
        RunningServe.start(
            "--listen", "[::1]:0", "--allow", "192.0.2.0/24", "--endpoint-address", "192.0.2.53")) {
      serve.awaitListening();
      assertFalse(
          serve.out.text().contains("TRANSFER_SOURCES_CANNOT_REACH_ENDPOINT"), serve.out.text());
    }
  }

  @Test
  void typingStatusPrintsEachZonesSerialTransfersAndNotify() throws Exception {
    PipedOutputStream keyboard = new PipedOutputStream();
    PipedInputStream in = new PipedInputStream(keyboard);
    try (DatagramSocket secondary =
            new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        RunningServe serve =
            RunningServe.start(
                in,
                "--listen",
                "127.0.0.1:0",
                "--notify",
                "127.0.0.1:" + secondary.getLocalPort())) {
      InetSocketAddress server = serve.awaitListening();
      secondary.setSoTimeout((int) RunningServe.DEADLINE.toMillis());
      receiveNotify(secondary, 2026112401L);
      serve.out.await(l -> l.startsWith("notify Acknowledged["), RunningServe.DEADLINE, "NOTIFY");
      assertFlattenedSample(axfr(server));
      serve.out.await(l -> l.startsWith("transfer AXFR"), RunningServe.DEADLINE, "the transfer");
      keyboard.write("status\n".getBytes(StandardCharsets.UTF_8));
      keyboard.flush();
      String summary =
          serve.out.await(l -> l.startsWith("status: 1 zone;"), RunningServe.DEADLINE, "status");
      assertTrue(summary.contains("since start: 1 transfers, 0 failed, 0 refused"), summary);
      String line =
          serve.out.await(
              l -> l.startsWith("status example.com. serial 2026112401 since "),
              RunningServe.DEADLINE,
              "the zone's status");
      assertTrue(line.contains("; last transfer: 127.0.0.1 AXFR serial 2026112401 at "), line);
      assertTrue(
          line.contains(
              "; NOTIFY: 127.0.0.1:"
                  + secondary.getLocalPort()
                  + " acknowledged serial 2026112401 at "),
          line);
      keyboard.write("status nope.example\nhelp\n".getBytes(StandardCharsets.UTF_8));
      keyboard.flush();
      serve.out.await(
          l -> l.equals("status: nope.example. is not served"), RunningServe.DEADLINE, "unknown");
      serve.out.await(
          l -> l.equals("commands: status, status ZONE"), RunningServe.DEADLINE, "commands");
    } finally {
      keyboard.close();
    }
  }

  @Test
  void aPeriodicStatusShowsOnlyTheZonesThatChanged() throws Exception {
    try (RunningServe serve =
        RunningServe.start(
            "--listen", "127.0.0.1:0", "--status-interval", "1", "--poll-interval", "20")) {
      InetSocketAddress server = serve.awaitListening();
      serve.out.await(
          l -> l.startsWith("status: 1 zone, 1 changed since the last status line;"),
          RunningServe.DEADLINE,
          "the first status (the zone was published)");
      serve.out.await(
          l -> l.startsWith("status: 1 zone, 0 changed since the last status line;"),
          RunningServe.DEADLINE,
          "a status with nothing changed");
      int before = serve.out.lines().size();
      axfr(server);
      String changed =
          serve.out.await(
              l ->
                  l.startsWith("status: 1 zone, 1 changed since the last status line;")
                      && serve.out.lines().indexOf(l) >= before,
              RunningServe.DEADLINE,
              "a status after the transfer");
      assertTrue(changed.contains("since start: 1 transfers"), changed);
      serve.out.await(
          l -> l.startsWith("status example.com. ") && l.contains("127.0.0.1 AXFR serial"),
          RunningServe.DEADLINE,
          "the changed zone's line");
    }
  }

  /** The addresses of both listening lines (IPv4 and IPv6), once both are printed. */
  static List<InetSocketAddress> bound(RunningServe serve) throws Exception {
    serve.out.await(
        l -> serve.out.lines().stream().filter(x -> x.startsWith("listening on ")).count() >= 2,
        RunningServe.DEADLINE,
        "two listening lines");
    List<InetSocketAddress> bound = new ArrayList<>();
    for (String l : serve.out.lines()) {
      if (l.startsWith("listening on ")) {
        bound.add(RunningServe.listening(l));
      }
    }
    return bound;
  }
}
