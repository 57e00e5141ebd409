package io.github.secdns.axfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.axfr.internal.RenderSplit;
import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.testsupport.zones.TestRecords;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferIn;

/**
 * A big zone's first full transfer rendered in two segments on the two render threads (issue 15),
 * over loopback: a real dnsjava AXFR gets the whole zone in order, a transfer streams the first
 * segment while the second is still rendering, and a segment that fails ends the transfer with
 * SERVFAIL after the messages before the failing record. The split threshold is set low through the
 * builder's test hook instead of building a big zone.
 */
class SplitRenderingTransferTest {

  private static final String ZONE = "split.example.";
  private static final int RECORDS = 3_000;

  private final PublishedZones zones = new PublishedZones();
  private final RecordingListener listener = new RecordingListener();

  /** Opened after a test (a failed one included), so that no render thread stays held. */
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void releaseTheRendering() {
    release.countDown();
  }

  private AxfrResponder.Builder splitting() {
    return AxfrResponder.builder()
        .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
        .zoneSource(zones)
        .policy(r -> TransferDecision.allow("test"))
        .startupNotify(StartupNotify.off())
        .listener(listener)
        .renderSplit(2, 100);
  }

  /** The records of a full transfer in sending order: the SOA, every record, the SOA. */
  private static List<Record> inOrder(ZoneSnapshot zone) {
    List<Record> all = new ArrayList<>();
    all.add(zone.soa());
    all.addAll(zone.records());
    all.add(zone.soa());
    return all;
  }

  private static List<List<Record>> answers(List<byte[]> messages) throws Exception {
    List<List<Record>> out = new ArrayList<>();
    for (byte[] wire : messages) {
      Message m = new Message(wire);
      assertEquals(Rcode.NOERROR, m.getRcode());
      out.add(m.getSection(Section.ANSWER));
    }
    return out;
  }

  private static List<Record> flatten(List<List<Record>> messages) {
    List<Record> all = new ArrayList<>();
    messages.forEach(all::addAll);
    return all;
  }

  @Test
  void aDnsjavaAxfrOfASplitRenderingGetsTheWholeZoneInOrder() throws Exception {
    ZoneSnapshot zone = TestZones.large(ZONE, 1, RECORDS);
    zones.publish(zone);
    Set<Thread> before = Resources.liveThreads();
    try (AxfrResponder responder = splitting().build()) {
      responder.start();
      InetSocketAddress address = responder.boundAddresses().get(0);
      ZoneTransferIn axfr = ZoneTransferIn.newAXFR(TestRecords.name(ZONE), address, null);
      axfr.setTimeout(Duration.ofSeconds(30));
      axfr.run();
      assertEquals(
          inOrder(zone), axfr.getAXFR(), "every record once, in order, SOA first and last");
      assertEquals(1L, responder.renders(), "one rendering, in segments");

      // A later segment starts a message of its own: a message begins with its first record.
      try (RawDns client = RawDns.connect(address)) {
        client.send(RawDns.query(5, ZONE, Type.AXFR, false));
        List<List<Record>> messages = answers(client.receiveTransfer());
        assertEquals(inOrder(zone), flatten(messages));
        Record second = zone.records().get(zone.records().size() / 2);
        assertTrue(
            messages.stream().anyMatch(m -> m.get(0).equals(second)),
            "a message starts with " + second);
      }
      assertEquals(1L, responder.renders(), "the later client got the cached rendering");
    }
    assertEquals(Set.of(), Resources.threadsLeftSince(before));
  }

  @Test
  void theFirstSegmentStreamsWhileTheSecondIsStillRendering() throws Exception {
    ZoneSnapshot zone = TestZones.large(ZONE, 2, RECORDS);
    zones.publish(zone);
    // The thread that starts the rendering renders segment 0; it waits after its first message
    // until the other render thread has taken segment 1, which is then held after its first
    // message: segment 0 ends (and the first thread goes on with the later segments) while
    // segment 1 is still rendering.
    AtomicReference<Thread> first = new AtomicReference<>();
    CountDownLatch secondStarted = new CountDownLatch(1);
    AtomicBoolean held = new AtomicBoolean();
    try (AxfrResponder responder =
            splitting()
                .beforeRender(snapshot -> first.set(Thread.currentThread()))
                .renderPace(
                    (snapshot, readable) -> {
                      try {
                        if (Thread.currentThread() == first.get()) {
                          secondStarted.await(30, TimeUnit.SECONDS);
                        } else if (held.compareAndSet(false, true)) {
                          secondStarted.countDown();
                          release.await(60, TimeUnit.SECONDS);
                        }
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                    })
                .build();
        RawDns client = RawDns.connect(boundAfterStart(responder))) {
      client.send(RawDns.query(9, ZONE, Type.AXFR, false));
      // The SOA and segment 0's records: the records are shared out evenly among the segments.
      int records = zone.records().size();
      int segment0 = 1 + records / new RenderSplit(2, 100).segments(records);
      List<byte[]> messages = new ArrayList<>();
      int received = 0;
      while (received < segment0) {
        byte[] wire = client.receive();
        messages.add(wire);
        received += RawDns.count(wire, Section.ANSWER);
      }
      assertEquals(1, release.getCount(), "segment 1 is still held: segment 0 streamed meanwhile");
      assertEquals(
          inOrder(zone).subList(0, segment0),
          flatten(answers(messages)),
          "segment 0 whole, ending at its last message");
      release.countDown();
      messages.addAll(client.receiveTransfer(1));
      assertEquals(inOrder(zone), flatten(answers(messages)));
      TransferStats stats = RecordingListener.next(listener.completed);
      assertEquals((long) messages.size(), stats.messages());
      assertEquals(1L, responder.renders());
    }
  }

  @Test
  void aSegmentFailingEndsTheTransferWithServfailAfterTheMessagesBeforeIt() throws Exception {
    // A TXT too large for any message, last: it fails the second segment.
    ZoneSnapshot zone = TestZones.largeEndingTooLarge(ZONE, 3, RECORDS);
    List<Record> records = zone.records();
    zones.publish(zone);
    try (AxfrResponder responder = splitting().build();
        RawDns client = RawDns.connect(boundAfterStart(responder))) {
      client.send(RawDns.query(31, ZONE, Type.AXFR, true));
      List<byte[]> messages = client.receiveTransfer();
      byte[] last = messages.remove(messages.size() - 1);
      Message servfail = new Message(last);
      assertEquals(Rcode.SERVFAIL, servfail.getRcode());
      assertEquals(31, servfail.getHeader().getID());
      assertEquals(0, servfail.getHeader().getCount(Section.ANSWER));
      // Both segments' messages up to the failing record, in order, nothing after it.
      List<Record> sent = flatten(answers(messages));
      List<Record> expected = inOrder(zone).subList(0, records.size());
      assertEquals(expected.size(), sent.size());
      assertEquals(expected, sent);
      TransferFailure failure = RecordingListener.next(listener.failed);
      assertTrue(failure.reason().contains("zz-big." + ZONE), failure.reason());
      assertEquals((long) messages.size(), failure.soFar().messages());
      assertEquals(1L, responder.renders());
    }
  }

  private static InetSocketAddress boundAfterStart(AxfrResponder responder) throws Exception {
    responder.start();
    return responder.boundAddresses().get(0);
  }
}
