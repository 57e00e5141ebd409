package io.github.secdns.axfr;

import static io.github.secdns.axfr.ReplicationFixture.configuration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.axfr.notify.NotifyOutcome;
import io.github.secdns.axfr.notify.NotifySender;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.config.TransferAuthentication;
import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.testsupport.zones.TestRecords;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferIn;

/** NOTIFY sent by the responder to the targets of a zone's configuration. */
class NotifyFromResponderTest {

  private static final String ZONE = "example.com.";

  /** A secondary on 127.0.0.2 that answers the n-th NOTIFY when the predicate says so. */
  private static final class Secondary implements AutoCloseable {
    final DatagramSocket socket;
    final Thread thread;
    final List<Message> received = new CopyOnWriteArrayList<>();
    final List<byte[]> raw = new CopyOnWriteArrayList<>();
    final List<Throwable> failures = new CopyOnWriteArrayList<>();
    final IntPredicate answers;
    volatile Runnable afterAnswer = () -> {};

    Secondary(IntPredicate answers) throws IOException {
      this.answers = answers;
      socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
      thread = new Thread(this::run, "fake-secondary");
      thread.setDaemon(true);
      thread.start();
    }

    private void run() {
      byte[] buffer = new byte[65535];
      while (!socket.isClosed()) {
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
          socket.receive(packet);
          byte[] bytes0 = java.util.Arrays.copyOf(packet.getData(), packet.getLength());
          Message notify = new Message(bytes0);
          raw.add(bytes0);
          received.add(notify);
          if (answers.test(received.size())) {
            Message reply = new Message(notify.getHeader().getID());
            reply.getHeader().setOpcode(Opcode.NOTIFY);
            reply.getHeader().setFlag(Flags.QR);
            reply.getHeader().setFlag(Flags.AA);
            reply.addRecord(notify.getQuestion(), Section.QUESTION);
            byte[] bytes = reply.toWire();
            socket.send(new DatagramPacket(bytes, bytes.length, packet.getSocketAddress()));
            afterAnswer.run();
          }
        } catch (SocketException closed) {
          return;
        } catch (IOException | RuntimeException | AssertionError e) {
          failures.add(e);
        }
      }
    }

    String address() {
      return socket.getLocalAddress().getHostAddress();
    }

    int port() {
      return socket.getLocalPort();
    }

    @Override
    public void close() {
      socket.close();
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      assertEquals(List.of(), failures);
    }
  }

  private static SecondaryDnsConfiguration notifying(Secondary s) {
    return configuration(
        ZONE,
        TransferAuthentication.ADDRESS,
        "hmac-sha256",
        ReplicationFixture.newSecret(),
        b -> b.addAclEntry("127.0.0.2").addNotifyTarget(s.address(), s.port(), null));
  }

  private static NotifySender.Builder quick(int attempts, BlockingQueue<NotifyOutcome> outcomes) {
    return NotifySender.builder()
        .attempts(attempts)
        .initialTimeout(Duration.ofMillis(200))
        .backoff(1.0)
        .listener(outcomes::add);
  }

  private static NotifyOutcome next(BlockingQueue<NotifyOutcome> outcomes) throws Exception {
    NotifyOutcome o = outcomes.poll(20, TimeUnit.SECONDS);
    assertNotNull(o, "no NOTIFY outcome within 20 s");
    return o;
  }

  @Test
  void aSecondaryThatDropsTwoAndAnswersTheThirdGetsExactlyThree() throws Exception {
    BlockingQueue<NotifyOutcome> outcomes = new LinkedBlockingQueue<>();
    try (Secondary secondary = new Secondary(n -> n >= 3);
        ReplicationFixture f =
            new ReplicationFixture(
                ResponderLimits.defaults(), quick(5, outcomes), notifying(secondary))) {
      f.zones.publish(TestZones.small(ZONE, 1));
      NotifyOutcome o = next(outcomes);
      NotifyOutcome.Acknowledged ack = assertInstanceOf(NotifyOutcome.Acknowledged.class, o);
      assertEquals(3, ack.attempts());
      assertEquals(1, ack.serial().value());
      assertEquals(3, secondary.received.size());
      Message notify = secondary.received.get(0);
      assertEquals(Opcode.NOTIFY, notify.getHeader().getOpcode());
      assertEquals(Type.SOA, notify.getQuestion().getType());
      assertEquals(TestRecords.name(ZONE), notify.getQuestion().getName());
    }
  }

  @Test
  void aSecondaryThatNeverAnswersGetsTheConfiguredNumberOfTries() throws Exception {
    BlockingQueue<NotifyOutcome> outcomes = new LinkedBlockingQueue<>();
    try (Secondary secondary = new Secondary(n -> false);
        ReplicationFixture f =
            new ReplicationFixture(
                ResponderLimits.defaults(), quick(3, outcomes), notifying(secondary))) {
      f.zones.publish(TestZones.small(ZONE, 1));
      NotifyOutcome.Unanswered o = assertInstanceOf(NotifyOutcome.Unanswered.class, next(outcomes));
      assertEquals(3, o.attempts());
      assertEquals(3, secondary.received.size());
    }
  }

  @Test
  void aSecondaryThatAsksAtOnceSeesTheNewSerialBySoaAndIxfr() throws Exception {
    BlockingQueue<NotifyOutcome> outcomes = new LinkedBlockingQueue<>();
    BlockingQueue<List<Object>> seen = new LinkedBlockingQueue<>();
    try (Secondary secondary = new Secondary(n -> true);
        ReplicationFixture f =
            new ReplicationFixture(
                ResponderLimits.defaults(), quick(3, outcomes), notifying(secondary))) {
      ZoneSnapshot v1 = TestZones.large(ZONE, 1, 200);
      f.zones.publish(v1);
      assertInstanceOf(NotifyOutcome.Acknowledged.class, next(outcomes));
      // From now on, right after answering a NOTIFY, the secondary asks the responder (from
      // 127.0.0.2, in the ACL) for the SOA and for an IXFR from serial 1.
      secondary.afterAnswer =
          () -> {
            try {
              SimpleResolver resolver = new SimpleResolver(f.address());
              resolver.setLocalAddress(
                  new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
              resolver.setTimeout(Duration.ofSeconds(10));
              Message soa =
                  resolver.send(
                      Message.newQuery(
                          Record.newRecord(TestRecords.name(ZONE), Type.SOA, DClass.IN)));
              ZoneTransferIn ixfr =
                  ZoneTransferIn.newIXFR(TestRecords.name(ZONE), 1, false, f.address(), null);
              ixfr.setLocalAddress(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
              ixfr.setTimeout(Duration.ofSeconds(10));
              ixfr.run();
              seen.add(
                  List.of(
                      ((SOARecord) soa.getSection(Section.ANSWER).get(0)).getSerial(),
                      ixfr.isIXFR(),
                      ixfr.isIXFR() ? ixfr.getIXFR().get(ixfr.getIXFR().size() - 1).end : -1L));
            } catch (Exception e) {
              seen.add(List.of(e));
            }
          };
      List<org.xbill.DNS.Record> records = new ArrayList<>(v1.records());
      records.add(new org.xbill.DNS.TXTRecord(TestRecords.name(ZONE), DClass.IN, 300, "two"));
      f.zones.publish(ZoneSnapshot.of(TestRecords.soa(ZONE, 2), records));
      List<Object> result = seen.poll(30, TimeUnit.SECONDS);
      assertNotNull(result, "the secondary did not finish its queries");
      // the SOA is the new one, and the IXFR is already incremental up to 2
      assertEquals(List.of(2L, true, 2L), result);
      assertInstanceOf(NotifyOutcome.Acknowledged.class, next(outcomes));
    }
  }

  @Test
  void everyZoneIsNotifiedOnceAtStartAndOnDemand() throws Exception {
    BlockingQueue<NotifyOutcome> outcomes = new LinkedBlockingQueue<>();
    try (Secondary secondary = new Secondary(n -> true)) {
      try (ReplicationFixture f =
          new ReplicationFixture(
              ResponderLimits.defaults(),
              quick(3, outcomes),
              zones -> zones.publish(TestZones.small(ZONE, 4)),
              notifying(secondary))) {
        NotifyOutcome.Acknowledged atStart =
            assertInstanceOf(NotifyOutcome.Acknowledged.class, next(outcomes));
        assertEquals(4, atStart.serial().value());
        List<NotifyOutcome> onDemand =
            f.responder.notifyNow(TestRecords.name("EXAMPLE.com.")).get(20, TimeUnit.SECONDS);
        assertEquals(1, onDemand.size());
        assertInstanceOf(NotifyOutcome.Acknowledged.class, onDemand.get(0));
        assertEquals(2, secondary.received.size());
        // the listener hears of the on-demand NOTIFY too
        assertEquals(
            4, assertInstanceOf(NotifyOutcome.Acknowledged.class, next(outcomes)).serial().value());
        // republishing the same content sends nothing
        f.zones.publish(TestZones.small(ZONE, 4));
        assertThrows(
            IllegalArgumentException.class,
            () -> f.responder.notifyNow(TestRecords.name("not-served.example.")));
        // a changed zone with an old serial is refused, and nobody is told about it
        assertThrows(
            IllegalArgumentException.class, () -> f.zones.publish(TestZones.large(ZONE, 3, 2)));
        f.zones.publish(TestZones.large(ZONE, 5, 2));
        assertEquals(
            5, assertInstanceOf(NotifyOutcome.Acknowledged.class, next(outcomes)).serial().value());
        assertTrue(outcomes.isEmpty(), "outcomes: " + outcomes);
        assertEquals(3, secondary.received.size());
      }
    }
  }

  @Test
  void aTargetNamingAKeyGetsASignedNotify() throws Exception {
    BlockingQueue<NotifyOutcome> outcomes = new LinkedBlockingQueue<>();
    String secret = ReplicationFixture.newSecret();
    try (Secondary secondary = new Secondary(n -> true)) {
      SecondaryDnsConfiguration signed =
          configuration(
              ZONE,
              TransferAuthentication.KEY,
              "hmac-sha384",
              secret,
              b ->
                  b.addNotifyTarget(
                      secondary.address(), secondary.port(), ReplicationFixture.KEY_NAME));
      try (ReplicationFixture f =
          new ReplicationFixture(ResponderLimits.defaults(), quick(3, outcomes), signed)) {
        f.zones.publish(TestZones.small(ZONE, 9));
        // the fake secondary's unsigned answer is ignored as spoofed: the outcome is unanswered,
        // which is what a real secondary's missing signature deserves
        assertInstanceOf(NotifyOutcome.Unanswered.class, next(outcomes));
        Message notify = secondary.received.get(0);
        assertNotNull(notify.getTSIG(), "the NOTIFY is signed");
        org.xbill.DNS.TSIG key =
            new org.xbill.DNS.TSIG(
                org.xbill.DNS.TSIG.HMAC_SHA384,
                TestRecords.name(ReplicationFixture.KEY_NAME),
                new javax.crypto.spec.SecretKeySpec(
                    java.util.Base64.getDecoder().decode(secret), "HmacSHA384"));
        byte[] wire = secondary.raw.get(0);
        assertEquals(org.xbill.DNS.Rcode.NOERROR, key.verify(new Message(wire), wire, null));
      }
    }
  }
}
