package io.github.secdns.examples.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.axfr.AxfrResponder;
import io.github.secdns.axfr.notify.NotifyOutcome;
import io.github.secdns.axfr.notify.NotifySender;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
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
 * The host application for real: H2 → published zones + configurations → responder on loopback;
 * enable with a preset → a dnsjava client pulls the zone → a record changes → the responder's
 * NOTIFY reaches a fake secondary (outcome stored) → an IXFR brings exactly the change → disable →
 * the transfer is refused.
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

  /**
   * The host's wiring of the responder (as in {@link SecondaryDnsHost}'s javadoc), with every
   * NOTIFY outcome also handed to the test once it is stored.
   */
  private static AxfrResponder responder(SecondaryDnsHost host, NotifySender notifier) {
    return AxfrResponder.builder()
        .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
        .zoneSource(host.publishedZones())
        .configurations(host::configuration)
        .notifySender(notifier)
        .versionListener(host.appliedVersions())
        .build();
  }

  /** The host's NOTIFY sender: built once, every outcome stored. */
  private static NotifySender notifier(
      SecondaryDnsHost host, NotifySender.Builder notify, BlockingQueue<NotifyOutcome> stored)
      throws java.io.IOException {
    return notify
        .listener(
            outcome -> {
              host.storeNotifyOutcome(outcome);
              stored.add(outcome);
            })
        .build();
  }

  /** Waits for the stored outcome of the NOTIFY of a serial (other serials' are skipped). */
  private static NotifyOutcome awaitOutcome(BlockingQueue<NotifyOutcome> stored, long serial)
      throws InterruptedException {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    List<NotifyOutcome> seen = new ArrayList<>();
    while (System.nanoTime() < deadline) {
      NotifyOutcome o = stored.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (o != null && o.serial().value() == serial && !(o instanceof NotifyOutcome.Superseded)) {
        return o;
      }
      if (o != null) {
        seen.add(o);
      }
    }
    throw new AssertionError("no NOTIFY outcome for serial " + serial + "; saw " + seen);
  }

  @Test
  void enableTransferChangeNotifyIxfrDisable() throws Exception {
    BlockingQueue<NotifyOutcome> stored = new LinkedBlockingQueue<>();
    try (DatagramSocket secondary =
            new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        SecondaryDnsHost host =
            SecondaryDnsHost.open(
                DriverManager.getConnection("jdbc:h2:" + dir.resolve("host").toAbsolutePath()),
                Clock.systemUTC());
        NotifySender notifier = notifier(host, NotifySender.builder(), stored);
        AxfrResponder responder = responder(host, notifier)) {
      responder.start();
      InetSocketAddress server = responder.boundAddresses().get(0);
      host.createZone(
          "example.com", "ns1.example.com", "hostmaster.example.com", List.of("ns1.example.com"));
      host.putRecord("example.com", "ns1", "A", 3600, "192.0.2.53");
      // Before Secondary DNS is enabled, nobody may transfer.
      assertThrows(ZoneTransferException.class, () -> axfr(server));

      // Enable with a preset, this machine added to the ACL, NOTIFY to the fake secondary.
      host.enable(
          SecondaryDnsHostTest.exampleSecondary()
              .notifyTargets(List.of())
              .addNotifyTarget("127.0.0.1", secondary.getLocalPort(), null)
              .build());
      List<Record> pulled = axfr(server).getAXFR();
      ZoneSnapshot enabled = host.snapshot(ZONE).orElseThrow();
      assertEquals(enabled.serial().value(), ((SOARecord) pulled.get(0)).getSerial());
      assertTrue(
          pulled.stream()
              .anyMatch(
                  r ->
                      r.getName().toString().equals("example.com.")
                          && r.rdataToString().equals("ns1.secondary.example.")));

      // A record changes: the responder NOTIFYs the fake secondary, and the outcome is stored.
      SecondaryDnsHost.Change change = host.putRecord("example.com", "www", "A", 300, "192.0.2.80");
      long serial = change.snapshot().serial().value();
      secondary.setSoTimeout((int) DEADLINE.toMillis());
      answerNotify(secondary, serial);
      NotifyOutcome outcome = awaitOutcome(stored, serial);
      assertTrue(outcome instanceof NotifyOutcome.Acknowledged, outcome.toString());
      assertTrue(
          host.notifyOutcomes("example.com")
              .contains(serial + " 127.0.0.1:" + secondary.getLocalPort() + " acknowledged"),
          host.notifyOutcomes("example.com").toString());

      // The diagnostics see the stored outcome: the NOTIFY target answered.
      DiagnosticReport report = host.diagnose("example.com", Observations.none());
      assertTrue(report.findings(DiagnosticCode.NOTIFY_UNANSWERED).isEmpty(), report.toString());
      assertTrue(
          report.findings(DiagnosticCode.NOTIFY_OUTCOME_UNKNOWN).isEmpty(), report.toString());

      // The secondary follows with IXFR from the serial it holds and gets only the change (the
      // responder NOTIFYs a version only once its history is ready).
      ZoneTransferIn ixfr =
          ZoneTransferIn.newIXFR(ZONE, enabled.serial().value(), false, server, null);
      ixfr.setTimeout(Duration.ofSeconds(10));
      ixfr.run();
      assertTrue(ixfr.isIXFR(), "expected an incremental answer");
      List<ZoneTransferIn.Delta> deltas = ixfr.getIXFR();
      assertEquals(1, deltas.size(), deltas.toString());
      ZoneTransferIn.Delta delta = deltas.get(0);
      assertEquals(enabled.serial().value(), delta.start);
      assertEquals(serial, delta.end);
      assertEquals(List.of(enabled.soa()), delta.deletes, deltas.toString());
      assertEquals(
          List.of(
              change.snapshot().soa(),
              new ARecord(
                  Name.fromConstantString("www.example.com."),
                  DClass.IN,
                  300,
                  InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 80}))),
          delta.adds,
          deltas.toString());

      // Disable: the configuration stays stored, disabled, and transfers are refused.
      host.disable("example.com");
      assertThrows(ZoneTransferException.class, () -> axfr(server));
      assertEquals(
          List.of("secondary_dns.create revision 1", "secondary_dns.delete revision 2"),
          host.events("example.com"));
    }
  }

  @Test
  void aSecondaryThatNeverAnswersNotifyShowsInTheDiagnostics() throws Exception {
    BlockingQueue<NotifyOutcome> stored = new LinkedBlockingQueue<>();
    try (DatagramSocket silent =
            new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        SecondaryDnsHost host =
            SecondaryDnsHost.open(
                DriverManager.getConnection("jdbc:h2:" + dir.resolve("silent").toAbsolutePath()),
                Clock.systemUTC());
        NotifySender notifier =
            notifier(
                host,
                NotifySender.builder().attempts(1).initialTimeout(Duration.ofMillis(100)),
                stored);
        AxfrResponder responder = responder(host, notifier)) {
      responder.start();
      host.createZone(
          "example.com", "ns1.example.com", "hostmaster.example.com", List.of("ns1.example.com"));
      host.enable(
          SecondaryDnsHostTest.exampleSecondary()
              .notifyTargets(List.of())
              .addNotifyTarget("127.0.0.1", silent.getLocalPort(), null)
              .build());
      SecondaryDnsHost.Change change = host.putRecord("example.com", "www", "A", 300, "192.0.2.1");
      NotifyOutcome outcome = awaitOutcome(stored, change.snapshot().serial().value());
      assertTrue(outcome instanceof NotifyOutcome.Unanswered, outcome.toString());

      DiagnosticReport report = host.diagnose("example.com", Observations.none());
      assertEquals(1, report.findings(DiagnosticCode.NOTIFY_UNANSWERED).size(), report.toString());
      assertEquals(List.of(report.status().name()), host.reportStatuses("example.com"));
    }
  }

  /**
   * Issue 16: the diagnostics get the revision the responder applies, not the saved one. A saved
   * edit that the responder has not taken up is "still propagating"; once the host tells the
   * responder (configurationChanged), the finding is gone.
   */
  @Test
  void aSavedEditTheResponderHasNotAppliedIsStillPropagating() throws Exception {
    BlockingQueue<NotifyOutcome> stored = new LinkedBlockingQueue<>();
    try (SecondaryDnsHost host =
            SecondaryDnsHost.open(
                DriverManager.getConnection(
                    "jdbc:h2:" + dir.resolve("propagating").toAbsolutePath()),
                Clock.systemUTC());
        NotifySender notifier = notifier(host, NotifySender.builder(), stored);
        AxfrResponder responder = responder(host, notifier)) {
      responder.start();
      host.createZone(
          "example.com", "ns1.example.com", "hostmaster.example.com", List.of("ns1.example.com"));
      SecondaryDnsConfiguration enabled =
          host.enable(SecondaryDnsHostTest.exampleSecondary().notifyTargets(List.of()).build())
              .configuration();
      awaitAppliedRevision(host, enabled.revision());
      DiagnosticReport before = host.diagnose("example.com", Observations.none());
      assertTrue(
          before.findings(DiagnosticCode.CONFIGURATION_PROPAGATING).isEmpty(), before.toString());
      assertTrue(
          before.findings(DiagnosticCode.APPLIED_REVISION_UNKNOWN).isEmpty(), before.toString());

      // An ACL edit: the zone's content stays, so no new version tells the responder.
      SecondaryDnsConfiguration edited =
          host.edit(enabled.toBuilder().addAclEntry("198.51.100.7", "a new secondary").build())
              .configuration();
      DiagnosticReport during = host.diagnose("example.com", Observations.none());
      assertEquals(
          1, during.findings(DiagnosticCode.CONFIGURATION_PROPAGATING).size(), during.toString());

      responder.configurationChanged(ZONE);
      awaitAppliedRevision(host, edited.revision());
      DiagnosticReport after = host.diagnose("example.com", Observations.none());
      assertTrue(
          after.findings(DiagnosticCode.CONFIGURATION_PROPAGATING).isEmpty(), after.toString());
    }
  }

  private static void awaitAppliedRevision(SecondaryDnsHost host, long revision)
      throws InterruptedException {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (host.appliedVersion(ZONE)
        .map(v -> v.configurationRevision().orElse(-1) != revision)
        .orElse(true)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "the responder did not report revision " + revision + ": " + host.appliedVersion(ZONE));
      }
      TimeUnit.MILLISECONDS.sleep(10); // polling a condition, bounded
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
