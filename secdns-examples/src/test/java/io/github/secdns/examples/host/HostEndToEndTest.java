package io.github.secdns.examples.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.axfr.AxfrResponder;
import io.github.secdns.axfr.TransferPolicy;
import io.github.secdns.axfr.notify.NotifyOutcome;
import io.github.secdns.axfr.notify.NotifySender;
import io.github.secdns.core.diagnostics.DiagnosticCode;
import io.github.secdns.core.diagnostics.DiagnosticReport;
import io.github.secdns.core.diagnostics.Observations;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.ZoneTransferException;
import org.xbill.DNS.ZoneTransferIn;

/**
 * The host application for real: H2 → zone source → responder on loopback; enable with a
 * preset → a dnsjava client pulls the zone → a record changes → NOTIFY reaches a fake secondary
 * → an IXFR brings the change → disable → the transfer is refused.
 */
class HostEndToEndTest {

  private static final Name ZONE = SecondaryDnsHostTest.ZONE;
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  @TempDir Path dir;

  private static ZoneTransferIn axfr(InetSocketAddress server) throws Exception {
    ZoneTransferIn xfr = ZoneTransferIn.newAXFR(ZONE, server, null);
    xfr.setTimeout(Duration.ofSeconds(10));
    xfr.run();
    return xfr;
  }

  @Test
  void enableTransferChangeNotifyIxfrDisable() throws Exception {
    try (DatagramSocket secondary = new DatagramSocket(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        NotifySender notifier = NotifySender.builder().build();
        SecondaryDnsHost host = SecondaryDnsHost.open(DriverManager.getConnection(
            "jdbc:h2:" + dir.resolve("host").toAbsolutePath()), Clock.systemUTC(), notifier);
        AxfrResponder responder = AxfrResponder.builder()
            .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .zoneSource(host)
            .policy(TransferPolicy.fromConfigurations(host::configuration))
            .build()) {
      responder.start();
      InetSocketAddress server = responder.boundAddresses().get(0);
      host.createZone("example.com", "ns1.example.com", "hostmaster.example.com",
          List.of("ns1.example.com"));
      host.putRecord("example.com", "ns1", "A", 3600, "192.0.2.53");
      // Before Secondary DNS is enabled, nobody may transfer.
      assertThrows(ZoneTransferException.class, () -> axfr(server));

      // Enable with a preset, this machine added to the ACL, NOTIFY to the fake secondary.
      host.enable(SecondaryDnsHostTest.exampleSecondary().notifyTargets(List.of())
          .addNotifyTarget("127.0.0.1", secondary.getLocalPort(), null).build());
      List<Record> pulled = axfr(server).getAXFR();
      ZoneSnapshot enabled = host.snapshot(ZONE).orElseThrow();
      assertEquals(enabled.serial().value(), ((SOARecord) pulled.get(0)).getSerial());
      assertTrue(pulled.stream().anyMatch(r -> r.getName().toString()
          .equals("example.com.") && r.rdataToString().equals("ns1.secondary.example.")));

      // A record changes: NOTIFY reaches the fake secondary, and its outcome is stored.
      SecondaryDnsHost.Change change =
          host.putRecord("example.com", "www", "A", 300, "192.0.2.80");
      long serial = change.snapshot().serial().value();
      secondary.setSoTimeout((int) DEADLINE.toMillis());
      answerNotify(secondary, serial);
      List<NotifyOutcome> outcomes =
          change.notified().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
      assertTrue(outcomes.get(0) instanceof NotifyOutcome.Acknowledged, outcomes.toString());
      // (The NOTIFY sent when enabling is stored too: acknowledged, or superseded by this one.)
      assertTrue(host.notifyOutcomes("example.com").contains(
          serial + " 127.0.0.1:" + secondary.getLocalPort() + " acknowledged"),
          host.notifyOutcomes("example.com").toString());

      // The diagnostics see the stored outcome: the NOTIFY target answered.
      DiagnosticReport report = host.diagnose("example.com", Observations.none());
      assertTrue(report.findings(DiagnosticCode.NOTIFY_UNANSWERED).isEmpty(), report.toString());
      assertTrue(report.findings(DiagnosticCode.NOTIFY_OUTCOME_UNKNOWN).isEmpty(),
          report.toString());

      // The secondary follows with IXFR from the serial it holds.
      ZoneTransferIn ixfr = ZoneTransferIn.newIXFR(ZONE, enabled.serial().value(), false,
          server, null);
      ixfr.setTimeout(Duration.ofSeconds(10));
      ixfr.run();
      if (ixfr.isIXFR()) {
        List<ZoneTransferIn.Delta> deltas = ixfr.getIXFR();
        assertEquals(1, deltas.size(), deltas.toString());
        assertEquals(List.of(), deltas.get(0).deletes.subList(1, deltas.get(0).deletes.size()));
        List<Record> adds = deltas.get(0).adds.subList(1, deltas.get(0).adds.size());
        assertEquals(1, adds.size(), adds.toString());
        assertEquals("192.0.2.80", ((ARecord) adds.get(0)).getAddress().getHostAddress());
      } else {
        // A responder without IXFR history answers with the whole zone (RFC 1995 allows it).
        assertTrue(ixfr.getAXFR().stream()
            .anyMatch(r -> r.getName().toString().equals("www.example.com.")));
      }

      // Disable: the configuration stays stored, disabled, and transfers are refused.
      host.disable("example.com");
      assertThrows(ZoneTransferException.class, () -> axfr(server));
      assertEquals(List.of("secondary_dns.create revision 1", "secondary_dns.delete revision 2"),
          host.events("example.com"));
    }
  }

  @Test
  void aSecondaryThatNeverAnswersNotifyShowsInTheDiagnostics() throws Exception {
    try (DatagramSocket silent = new DatagramSocket(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        NotifySender notifier = NotifySender.builder().attempts(1)
            .initialTimeout(Duration.ofMillis(100)).build();
        SecondaryDnsHost host = SecondaryDnsHost.open(DriverManager.getConnection(
            "jdbc:h2:" + dir.resolve("silent").toAbsolutePath()), Clock.systemUTC(), notifier)) {
      host.createZone("example.com", "ns1.example.com", "hostmaster.example.com",
          List.of("ns1.example.com"));
      host.enable(SecondaryDnsHostTest.exampleSecondary().notifyTargets(List.of())
          .addNotifyTarget("127.0.0.1", silent.getLocalPort(), null).build());
      SecondaryDnsHost.Change change = host.putRecord("example.com", "www", "A", 300, "192.0.2.1");
      List<NotifyOutcome> outcomes = change.notified().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
      assertTrue(outcomes.get(0) instanceof NotifyOutcome.Unanswered, outcomes.toString());

      DiagnosticReport report = host.diagnose("example.com", Observations.none());
      assertEquals(1, report.findings(DiagnosticCode.NOTIFY_UNANSWERED).size(), report.toString());
      assertEquals(List.of(report.status().name()), host.reportStatuses("example.com"));
    }
  }

  /** Answers NOTIFY messages until one carries the serial. */
  private static void answerNotify(DatagramSocket socket, long serial) throws Exception {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (System.nanoTime() < deadline) {
      DatagramPacket packet = new DatagramPacket(new byte[4096], 4096);
      socket.receive(packet);
      Message m = new Message(Arrays.copyOf(packet.getData(), packet.getLength()));
      assertEquals(Opcode.NOTIFY, m.getHeader().getOpcode());
      Message reply = m.clone();
      reply.getHeader().setFlag(Flags.QR);
      reply.removeAllRecords(Section.ANSWER);
      byte[] wire = reply.toWire();
      socket.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
      List<Record> answer = m.getSection(Section.ANSWER);
      if (!answer.isEmpty() && ((SOARecord) answer.get(0)).getSerial() == serial) {
        return;
      }
    }
    throw new AssertionError("no NOTIFY with serial " + serial);
  }
}
