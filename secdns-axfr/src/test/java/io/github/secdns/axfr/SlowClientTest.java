package io.github.secdns.axfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.testsupport.zones.TestRecords;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Slow and vanishing clients (issue 9): a client reading one octet a second is cut off by the
 * whole-transfer deadline while a normal transfer beside it completes; a client that disconnects
 * mid-transfer releases its slot and connection and yields a failed event.
 */
class SlowClientTest {

  private static final String BIG = "big.example.";

  @Test
  void aClientReadingOneOctetASecondIsCutOffByTheDeadlineWithoutHurtingOthers() throws Exception {
    ResponderLimits limits = ResponderLimits.defaults().withTransferDeadline(Duration.ofSeconds(3));
    long fdsBefore = Resources.fileDescriptorBaseline();
    try (Fixture f = new Fixture(r -> TransferDecision.allow("test"), limits)) {
      // Larger than every socket buffer on the way, so the slow client holds the transfer open.
      f.zones.publish(TestZones.large(BIG, 1, 400_000));
      ZoneSnapshot normal = TestZones.large("example.com.", 1, 3_000);
      f.zones.publish(normal);
      AtomicBoolean stop = new AtomicBoolean();
      AtomicLong octetsRead = new AtomicLong();
      CountDownLatch firstOctet = new CountDownLatch(1);
      try (RawDns slow = RawDns.connect(f.address(), null, 4096)) {
        slow.send(RawDns.query(0x5107, BIG, Type.AXFR, false));
        Thread reader =
            new Thread(
                () -> readOneOctetASecond(slow, stop, octetsRead, firstOctet), "slow-reader");
        reader.setDaemon(true);
        reader.start();
        try {
          assertTrue(firstOctet.await(30, TimeUnit.SECONDS), "the slow transfer did not start");

          // A normal secondary transfers another zone at full speed meanwhile.
          Set<Record> received =
              new HashSet<>(RawDns.axfrRecords(f.address(), "example.com.", null, 0x0A0A));
          assertEquals(new HashSet<>(TestZones.allRecords(normal)), received);
          TransferStats done = RecordingListener.next(f.listener.completed);
          assertEquals(normal.origin(), done.request().zone());

          TransferFailure failure = RecordingListener.next(f.listener.failed);
          assertEquals(TestRecords.name(BIG), failure.soFar().request().zone());
          assertTrue(failure.reason().contains("deadline"), failure.reason());
        } finally {
          stop.set(true);
          reader.join(10_000);
        }
        // Whatever the kernel still buffers, the stream ends: the responder closed it.
        assertTrue(slow.closedByServerAfterDraining());
      }
      assertTrue(Resources.await(() -> f.responder.openConnections() == 0, 10, TimeUnit.SECONDS));
    }
    assertNull(Resources.fileDescriptorLeak(fdsBefore, 2));
  }

  @Test
  void aClientVanishingMidTransferReleasesItsSlotAndYieldsAFailedEvent() throws Exception {
    ResponderLimits limits = ResponderLimits.defaults().withMaxConcurrentTransfers(1);
    long fdsBefore = Resources.fileDescriptorBaseline();
    try (Fixture f = new Fixture(r -> TransferDecision.allow("test"), limits)) {
      f.zones.publish(TestZones.large(BIG, 1, 400_000));
      ZoneSnapshot small = TestZones.small("example.com.", 4);
      f.zones.publish(small);
      RawDns vanishing = RawDns.stalledTransfer(f.address(), BIG);
      // While it holds the only slot, another transfer is refused.
      try (RawDns other = RawDns.connect(f.address())) {
        other.send(RawDns.query(0x0B0B, "example.com.", Type.AXFR, false));
        assertEquals(Rcode.REFUSED, RawDns.flags(other.receive()) & 0xF);
      }
      vanishing.socket().setSoLinger(true, 0); // a reset, as from a crashed client
      vanishing.close();

      TransferFailure failure = RecordingListener.next(f.listener.failed);
      assertEquals(TestRecords.name(BIG), failure.soFar().request().zone());
      assertTrue(failure.soFar().messages() >= 1, failure.toString());

      // The slot is free again: the next transfer gets the zone.
      Set<Record> received =
          new HashSet<>(RawDns.axfrRecords(f.address(), "example.com.", null, 0x0C0C));
      assertEquals(new HashSet<>(TestZones.allRecords(small)), received);
      assertTrue(
          Resources.await(() -> f.responder.openConnections() == 0, 10, TimeUnit.SECONDS),
          "connections left: " + f.responder.openConnections());
    }
    assertNull(Resources.fileDescriptorLeak(fdsBefore, 2));
  }

  /** Reads one octet, then waits a second, until told to stop or the stream ends. */
  private static void readOneOctetASecond(
      RawDns client, AtomicBoolean stop, AtomicLong octets, CountDownLatch first) {
    try {
      InputStream in = client.socket().getInputStream();
      while (!stop.get()) {
        if (in.read() < 0) {
          return;
        }
        octets.incrementAndGet();
        first.countDown();
        // Pacing the emulated slow client, not waiting for a result.
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (!stop.get() && System.nanoTime() < until) {
          java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
      }
    } catch (IOException e) {
      // reset by the responder: the end we expect
    }
  }
}
