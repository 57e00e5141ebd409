package io.github.secdns.axfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.config.TransferAuthentication;
import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.testsupport.zones.TestRecords;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ObjIntConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferIn;

/**
 * A version's first transfer streams while the version renders (issue 15): messages leave as the
 * render thread closes them, clients of one version share the one growing rendering, and a
 * rendering that fails mid-way ends each transfer with SERVFAIL right after the messages rendered
 * before the failing record. The rendering is held or paced by a hook on the render thread; the
 * assertions wait on what the clients receive, never on time.
 */
class StreamingTransferTest {

  private static final String ZONE = "stream.example.";
  private static final int RECORDS = 20_000; // about 25 messages of 16 KiB

  private final PublishedZones zones = new PublishedZones();
  private final RecordingListener listener = new RecordingListener();

  /** Opened after a test (a failed one included), so that no render thread stays held. */
  private final CountDownLatch release = new CountDownLatch(1);

  private final CountDownLatch held = new CountDownLatch(1);

  @AfterEach
  void releaseTheRendering() {
    release.countDown();
  }

  /** Serves {@code zone}; its rendering is held after its first message until release opens. */
  private AxfrResponder heldAfterFirstMessage(ZoneSnapshot zone) throws Exception {
    zones.publish(zone);
    return responder(
        (snapshot, messages) -> {
          if (messages == 1) {
            held.countDown();
            try {
              release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        });
  }

  /**
   * Serves {@code zone} with a slow renderer: a pause after every message (clients overtake it).
   */
  private AxfrResponder slowlyRendering(ZoneSnapshot zone) throws Exception {
    zones.publish(zone);
    return responder(
        (snapshot, messages) -> LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)));
  }

  /** The zone's configuration: its TSIG key (the policy allows every client anyway). */
  private final String secret = ReplicationFixture.newSecret();

  private final SecondaryDnsConfiguration configuration =
      ReplicationFixture.configuration(
          ZONE, TransferAuthentication.KEY, "hmac-sha256", secret, b -> b);

  private AxfrResponder responder(ObjIntConsumer<ZoneSnapshot> pace) throws Exception {
    AxfrResponder responder =
        AxfrResponder.builder()
            .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .zoneSource(zones)
            .configurations(zone -> Optional.of(configuration).filter(c -> c.zone().equals(zone)))
            .policy(r -> TransferDecision.allow("test"))
            .listener(listener)
            .renderPace(pace)
            .build();
    responder.start();
    return responder;
  }

  private static List<Record> answers(List<byte[]> messages) throws Exception {
    List<Record> records = new ArrayList<>();
    for (byte[] wire : messages) {
      Message m = new Message(wire);
      assertEquals(Rcode.NOERROR, m.getRcode());
      records.addAll(m.getSection(Section.ANSWER));
    }
    return records;
  }

  @Test
  void theFirstMessageLeavesWhileTheRestIsStillRendering() throws Exception {
    ZoneSnapshot zone = TestZones.large(ZONE, 1, RECORDS);
    Set<Thread> before = Resources.liveThreads();
    try (AxfrResponder responder = heldAfterFirstMessage(zone);
        RawDns client = RawDns.connect(responder.boundAddresses().get(0))) {
      client.send(RawDns.query(11, ZONE, Type.AXFR, true));
      // The render thread is held after the first message: it arrives all the same.
      byte[] first = client.receive();
      assertTrue(held.await(10, TimeUnit.SECONDS));
      assertEquals(1, release.getCount(), "the rendering is still held");
      assertEquals(11, RawDns.id(first));
      Message m = new Message(first);
      assertEquals(Type.SOA, m.getSection(Section.ANSWER).get(0).getType());
      assertEquals(1, m.getHeader().getCount(Section.QUESTION));
      assertEquals(1, m.getHeader().getCount(Section.ADDITIONAL), "the OPT, in message 0");
      release.countDown();
      List<byte[]> messages = new ArrayList<>();
      messages.add(first);
      messages.addAll(client.receiveTransfer(1));
      List<Record> records = answers(messages);
      assertEquals(
          new HashSet<>(TestZones.allRecords(zone)),
          new HashSet<>(records),
          "the complete zone, streamed");
      assertEquals(
          TestZones.allRecords(zone).size() + 1,
          records.size(),
          "every record once, the SOA twice");
      TransferStats stats = RecordingListener.next(listener.completed);
      assertEquals((long) messages.size(), stats.messages());
      assertEquals(1L, responder.renders());
    }
    assertEquals(Set.of(), Resources.threadsLeftSince(before));
  }

  @Test
  void twoClientsOfOneVersionShareTheOneRenderingAsItGrows() throws Exception {
    ZoneSnapshot zone = TestZones.large(ZONE, 7, RECORDS);
    try (AxfrResponder responder = heldAfterFirstMessage(zone);
        RawDns a = RawDns.connect(responder.boundAddresses().get(0));
        RawDns b = RawDns.connect(responder.boundAddresses().get(0), "127.0.0.2")) {
      a.send(RawDns.query(21, ZONE, Type.AXFR, false));
      byte[] firstA = a.receive();
      assertTrue(held.await(10, TimeUnit.SECONDS));
      // The second client asks while the rendering is held after one message: it joins it.
      b.send(RawDns.query(22, ZONE, Type.AXFR, false));
      byte[] firstB = b.receive();
      assertEquals(1, release.getCount(), "the rendering is still held");
      assertEquals(22, RawDns.id(firstB));
      release.countDown();
      List<byte[]> ofA = new ArrayList<>(List.of(firstA));
      ofA.addAll(a.receiveTransfer(1));
      List<byte[]> ofB = new ArrayList<>(List.of(firstB));
      ofB.addAll(b.receiveTransfer(1));
      Set<Record> expected = new HashSet<>(TestZones.allRecords(zone));
      assertEquals(expected, new HashSet<>(answers(ofA)));
      assertEquals(expected, new HashSet<>(answers(ofB)));
      assertEquals(1L, responder.renders(), "one rendering for both clients");

      // A later client gets the finished rendering whole: no rendering again.
      try (RawDns c = RawDns.connect(responder.boundAddresses().get(0), "127.0.0.3")) {
        c.send(RawDns.query(23, ZONE, Type.AXFR, false));
        assertEquals(expected, new HashSet<>(answers(c.receiveTransfer())));
      }
      assertEquals(1L, responder.renders());
    }
  }

  @Test
  void clientsDuringASlowRenderingGetTheCompleteZone() throws Exception {
    ZoneSnapshot zone = TestZones.large(ZONE, 3, RECORDS);
    ExecutorService clients = Executors.newFixedThreadPool(4);
    try (AxfrResponder responder = slowlyRendering(zone)) {
      InetSocketAddress address = responder.boundAddresses().get(0);
      List<Future<List<Record>>> transfers = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        boolean ixfr = i % 2 == 1; // an IXFR from an unknown serial gets the full zone
        transfers.add(
            clients.submit(
                () -> {
                  ZoneTransferIn t =
                      ixfr
                          ? ZoneTransferIn.newIXFR(TestRecords.name(ZONE), 1, false, address, null)
                          : ZoneTransferIn.newAXFR(TestRecords.name(ZONE), address, null);
                  t.setTimeout(Duration.ofSeconds(60));
                  t.run();
                  return t.getAXFR();
                }));
      }
      Set<Record> expected = new HashSet<>(TestZones.allRecords(zone));
      for (Future<List<Record>> t : transfers) {
        List<Record> got = t.get(120, TimeUnit.SECONDS);
        assertEquals(expected, new HashSet<>(got));
      }
      assertEquals(1L, responder.renders(), "the four clients shared one rendering");
    } finally {
      clients.shutdownNow();
      assertTrue(clients.awaitTermination(30, TimeUnit.SECONDS));
    }
  }

  @Test
  void aSignedTransferOfASlowRenderingVerifiesMessageByMessage() throws Exception {
    ZoneSnapshot zone = TestZones.large(ZONE, 4, RECORDS);
    try (AxfrResponder responder = slowlyRendering(zone)) {
      ZoneTransferIn axfr =
          ZoneTransferIn.newAXFR(
              TestRecords.name(ZONE),
              responder.boundAddresses().get(0),
              new TSIG(TSIG.HMAC_SHA256, TestRecords.name(ReplicationFixture.KEY_NAME), secret));
      axfr.setTimeout(Duration.ofSeconds(60));
      axfr.run(); // dnsjava verifies every message's TSIG, in sequence
      assertEquals(new HashSet<>(TestZones.allRecords(zone)), new HashSet<>(axfr.getAXFR()));
      TransferStats stats = RecordingListener.next(listener.completed);
      assertEquals(
          TestRecords.name(ReplicationFixture.KEY_NAME), stats.request().keyName().orElseThrow());
      assertTrue(stats.messages() > 10, "a multi-message transfer: " + stats.messages());
      assertEquals(1L, responder.renders());
    }
  }

  @Test
  void aRecordTooLargeMidWayEndsTheTransferWithServfailAfterTheMessagesBeforeIt() throws Exception {
    // host-0 .. host-N, then a TXT too large for any message.
    ZoneSnapshot zone = TestZones.largeEndingTooLarge(ZONE, 5, 3_000);
    List<Record> records = zone.records();
    try (AxfrResponder responder = heldAfterFirstMessage(zone);
        RawDns client = RawDns.connect(responder.boundAddresses().get(0))) {
      client.send(RawDns.query(31, ZONE, Type.AXFR, true));
      byte[] first = client.receive();
      assertTrue(held.await(10, TimeUnit.SECONDS));
      release.countDown();
      List<byte[]> messages = new ArrayList<>(List.of(first));
      messages.addAll(client.receiveTransfer(1));
      byte[] last = messages.remove(messages.size() - 1);
      Message servfail = new Message(last);
      assertEquals(Rcode.SERVFAIL, servfail.getRcode());
      assertEquals(31, servfail.getHeader().getID());
      assertEquals(0, servfail.getHeader().getCount(Section.ANSWER));
      assertEquals(TestRecords.name(ZONE), servfail.getQuestion().getName());
      // Every message before it is the zone in order up to the failing record, nothing after it.
      List<Record> sent = answers(messages);
      assertTrue(messages.size() > 1, "messages were streamed before the failure");
      List<Record> inOrder = new ArrayList<>();
      inOrder.add(zone.soa());
      inOrder.addAll(zone.records());
      int big = inOrder.indexOf(records.get(records.size() - 1));
      assertEquals(inOrder.subList(0, big), sent);
      TransferFailure failure = RecordingListener.next(listener.failed);
      assertTrue(failure.reason().contains("zz-big." + ZONE), failure.reason());
      assertEquals((long) messages.size(), failure.soFar().messages());

      // A later client of the failed version gets the SERVFAIL alone, without a new rendering.
      try (RawDns again = RawDns.connect(responder.boundAddresses().get(0))) {
        again.send(RawDns.query(32, ZONE, Type.AXFR, false));
        byte[] reply = again.receive();
        assertEquals(Rcode.SERVFAIL, RawDns.flags(reply) & 0xF);
        assertEquals(0, RawDns.count(reply, Section.ANSWER));
      }
      assertEquals(1L, responder.renders());
    }
  }
}
