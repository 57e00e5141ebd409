package io.github.secdns.axfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.axfr.notify.NotifySender;
import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.testsupport.Addresses;
import io.github.secdns.testsupport.NotifySink;
import io.github.secdns.testsupport.zones.TestRecords;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferIn;

/**
 * Any zone source works fully: a host's own subscribing source gets IXFR history and NOTIFY the way
 * {@link PublishedZones} does, and a source that blocks never holds up other clients.
 */
class ZoneSourceContractTest {

  private static final Name ZONE = TestRecords.name("host.example.");

  /**
   * A host's store that is not a {@link PublishedZones}: a map it writes, and its own list of
   * subscribers, told of each write (a database with LISTEN/NOTIFY works the same way). It records
   * the threads {@link #snapshot} is called on.
   */
  private static final class HostStore implements ZoneSource {
    final ConcurrentHashMap<Name, ZoneSnapshot> rows = new ConcurrentHashMap<>();
    final List<Listener> listeners = new CopyOnWriteArrayList<>();
    final Set<String> lookupThreads = ConcurrentHashMap.newKeySet();

    synchronized void write(ZoneSnapshot snapshot) {
      rows.put(snapshot.origin(), snapshot);
      listeners.forEach(l -> l.changed(snapshot.origin(), Optional.of(snapshot)));
    }

    @Override
    public Optional<ZoneSnapshot> snapshot(Name zone) {
      lookupThreads.add(Thread.currentThread().getName());
      return Optional.ofNullable(rows.get(zone));
    }

    @Override
    public synchronized Optional<Subscription> subscribe(Listener listener) {
      listeners.add(listener);
      rows.forEach((zone, snapshot) -> listener.changed(zone, Optional.of(snapshot)));
      return Optional.of(() -> listeners.remove(listener));
    }
  }

  private static ZoneSnapshot version(long serial, int txtRecords) {
    List<Record> records = new ArrayList<>(TestZones.large(ZONE.toString(), serial, 50).records());
    for (int i = 0; i < txtRecords; i++) {
      records.add(new TXTRecord(ZONE, DClass.IN, 300, "change " + i));
    }
    return ZoneSnapshot.of(TestRecords.soa(ZONE.toString(), serial), records);
  }

  @Test
  void aHostSourceThatSubscribesGetsIncrementalIxfrAndNotify() throws Exception {
    HostStore store = new HostStore();
    store.write(version(1, 0));
    Set<Thread> before = Resources.liveThreads();
    try (NotifySink secondary = new NotifySink(Addresses.LOOPBACK_2, true).watch(ZONE);
        NotifySender notifier =
            NotifySender.builder()
                .localAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .build()) {
      try (AxfrResponder responder =
          ReplicationFixture.notifyingLoopback2(
                  AxfrResponder.builder()
                      .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                      .zoneSource(store),
                  ZONE.toString(),
                  secondary.port(),
                  notifier)
              .build()) {
        responder.start();
        InetSocketAddress address = responder.boundAddresses().get(0);

        store.write(version(2, 3));

        NotifySink.Seen notify = secondary.next(Duration.ofSeconds(20)).orElseThrow();
        assertEquals(2, notify.serial(), "the host source's change was notified");
        // As soon as the NOTIFY is out, IXFR from serial 1 is incremental: the three TXT records.
        ZoneTransferIn ixfr = ZoneTransferIn.newIXFR(ZONE, 1, false, address, null);
        ixfr.setTimeout(Duration.ofSeconds(10));
        ixfr.run();
        assertTrue(ixfr.isIXFR(), "an incremental answer");
        assertEquals(1, ixfr.getIXFR().size());
        assertEquals(3 + 1, ixfr.getIXFR().get(0).adds.size()); // three TXT and the new SOA
        // The responder answered from what the store reported: it never looked a zone up.
        assertEquals(Set.of(), store.lookupThreads);
      }
    }
    assertEquals(Set.of(), Resources.threadsLeftSince(before));
  }

  @Test
  void aLookedUpSourceThatBlocksDelaysOnlyTheQueryThatWaitsForIt() throws Exception {
    Name slow = TestRecords.name("slow.example.");
    ZoneSnapshot fast = TestZones.large("fast.example.", 1, 500);
    CountDownLatch lookupStarted = new CountDownLatch(1);
    CountDownLatch databaseAnswers = new CountDownLatch(1);
    Set<String> lookupThreads = ConcurrentHashMap.newKeySet();
    ZoneSource database =
        zone -> {
          lookupThreads.add(Thread.currentThread().getName());
          if (zone.equals(slow)) {
            lookupStarted.countDown();
            try {
              databaseAnswers.await(); // a database round trip that takes its time
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return Optional.of(TestZones.small("slow.example.", 9));
          }
          return zone.equals(fast.origin()) ? Optional.of(fast) : Optional.empty();
        };
    Set<Thread> before = Resources.liveThreads();
    ExecutorService client = Executors.newSingleThreadExecutor();
    try (AxfrResponder responder =
        AxfrResponder.builder()
            .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .zoneSource(database)
            .policy(r -> TransferDecision.allow("test"))
            .build()) {
      responder.start();
      InetSocketAddress address = responder.boundAddresses().get(0);
      Future<List<Record>> waiting =
          client.submit(
              () -> {
                ZoneTransferIn xfr = ZoneTransferIn.newAXFR(slow, address, null);
                xfr.setTimeout(Duration.ofSeconds(60));
                xfr.run();
                return xfr.getAXFR();
              });
      assertTrue(lookupStarted.await(20, TimeUnit.SECONDS));

      // While that lookup blocks, another client gets its SOA over UDP and TCP and its AXFR.
      Message soa =
          new Message(
              RawDns.udpExchange(address, RawDns.query(7, "fast.example.", Type.SOA, true)));
      assertEquals(Rcode.NOERROR, soa.getRcode());
      assertEquals(1, ((SOARecord) soa.getSection(Section.ANSWER).get(0)).getSerial());
      try (RawDns tcp = RawDns.connect(address)) {
        tcp.send(RawDns.query(8, "fast.example.", Type.SOA, false));
        assertEquals(Rcode.NOERROR, new Message(tcp.receive()).getRcode());
      }
      ZoneTransferIn other = ZoneTransferIn.newAXFR(fast.origin(), address, null);
      other.setTimeout(Duration.ofSeconds(10));
      other.run();
      assertEquals(fast.size() + 1, other.getAXFR().size());
      assertFalse(waiting.isDone(), "the slow zone's transfer still waits for its lookup");

      databaseAnswers.countDown();
      assertEquals(
          TestZones.small("slow.example.", 9).size() + 1, waiting.get(20, TimeUnit.SECONDS).size());
      assertFalse(lookupThreads.contains("secdns-axfr-io"), "looked up on " + lookupThreads);
    } finally {
      databaseAnswers.countDown();
      client.shutdownNow();
      assertTrue(client.awaitTermination(10, TimeUnit.SECONDS));
    }
    assertEquals(Set.of(), Resources.threadsLeftSince(before));
  }
}
