package io.github.secdns.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.axfr.AxfrResponder;
import io.github.secdns.axfr.ServedVersion;
import io.github.secdns.axfr.TransferDecision;
import io.github.secdns.axfr.VersionListener;
import io.github.secdns.axfr.store.StoredZoneSource;
import io.github.secdns.core.store.StoreWarning;
import io.github.secdns.core.store.VersionWrite;
import io.github.secdns.core.zone.ZoneHistory;
import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.testsupport.zones.TestRecords;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The store served end to end (issue 14, phase 2): responders whose {@link StoredZoneSource} reads
 * one database. IXFR answers come from the journal the publisher wrote, so every node answers the
 * same request with the same octets; a restarted node answers IXFR from serials published before; a
 * node follows the feed and serves a version only with its history; a corrupt journal row makes the
 * zone fall back to the full zone, never a wrong increment; a lost database keeps the loaded
 * versions served, is reported once, and versions published after it comes back are served.
 */
abstract class ServedFromTheStoreContract extends DatabaseTest {

  private static final String ZONE = "served.example.";
  private final List<Node> nodes = new ArrayList<>();

  /** One responder on its own store (data source) and source. */
  final class Node implements AutoCloseable {
    final JdbcZoneStore nodeStore;
    final StoredZoneSource source;
    final AxfrResponder responder;
    final Map<Name, ServedVersion> servable = new ConcurrentHashMap<>();
    final List<StoreWarning> warnings = new CopyOnWriteArrayList<>();
    final AtomicInteger failures = new AtomicInteger();
    final AtomicInteger restorations = new AtomicInteger();

    Node(JdbcZoneStore nodeStore) throws IOException {
      this.nodeStore = nodeStore;
      source =
          StoredZoneSource.builder(nodeStore)
              .events(
                  new StoredZoneSource.Events() {
                    @Override
                    public void warning(StoreWarning warning) {
                      warnings.add(warning);
                    }

                    @Override
                    public void storeFailed(RuntimeException failure) {
                      failures.incrementAndGet();
                    }

                    @Override
                    public void storeRestored() {
                      restorations.incrementAndGet();
                    }
                  })
              .build();
      responder =
          AxfrResponder.builder()
              .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
              .zoneSource(source)
              .policy(request -> TransferDecision.allow("test"))
              .versionListener(
                  new VersionListener() {
                    @Override
                    public void servable(ServedVersion version) {
                      servable.put(version.zone(), version);
                      synchronized (Node.this) {
                        Node.this.notifyAll();
                      }
                    }
                  })
              .build();
      responder.start();
      nodes.add(this);
    }

    InetSocketAddress address() {
      return responder.boundAddresses().get(0);
    }

    /** Waits (bounded) until the responder serves the serial. */
    void awaitServing(long serial) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      synchronized (this) {
        while (!serving(serial)) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            throw new AssertionError(
                "the node does not serve serial " + serial + " within 30 s: " + servable);
          }
          TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
        }
      }
    }

    private boolean serving(long serial) {
      ServedVersion v = servable.get(TestRecords.name(ZONE));
      return v != null && v.serial().value() == serial;
    }

    @Override
    public void close() {
      responder.close();
      source.close();
    }
  }

  @AfterEach
  final void closeNodes() {
    for (Node n : nodes) {
      n.close();
    }
    nodes.clear();
    assertEquals(
        java.util.Set.of(),
        Thread.getAllStackTraces().keySet().stream()
            .filter(Thread::isAlive)
            .map(Thread::getName)
            .filter(n -> n.startsWith("secdns-store-source") || n.startsWith("secdns-axfr"))
            .collect(java.util.stream.Collectors.toSet()),
        "threads of the responders and sources left behind");
  }

  /** Publishes serials 1..n, each adding one record to the one before, through the store. */
  private void publishChain(int n) {
    ZoneSnapshot v = Zones.version(ZONE, 1, 5);
    ZoneHistory history = ZoneHistory.start(v, Clock.systemUTC());
    store.publish(VersionWrite.first(v));
    for (int s = 2; s <= n; s++) {
      history = history.withVersion(next(history.current(), s));
      publishNext(history);
    }
  }

  private void publishNext(ZoneHistory after) {
    store.publishNext(after.current(), Clock.systemUTC());
  }

  private static ZoneSnapshot next(ZoneSnapshot base, long serial) {
    return Zones.next(base, serial, Zones.a("added" + serial + "." + ZONE, (int) serial));
  }

  @Test
  void twoNodesAnswerTheSameIxfrRequestWithTheSameOctets() throws Exception {
    publishChain(3);
    Node first = new Node(newStore(db.dataSource()));
    Node second = new Node(secondNode());
    first.awaitServing(3);
    second.awaitServing(3);
    List<byte[]> a = ixfr(first.address(), 1);
    List<byte[]> b = ixfr(second.address(), 1);
    assertEquals(a.size(), b.size(), "messages");
    for (int i = 0; i < a.size(); i++) {
      assertArrayEquals(a.get(i), b.get(i), "message " + i);
    }
    assertTrue(incremental(a), "an incremental answer: " + records(a));

    // A new version reaches both through the feed, each with the publisher's delta.
    ZoneSnapshot v3 = store.load(TestRecords.name(ZONE)).orElseThrow().snapshot();
    store.publishNext(next(v3, 4), Clock.systemUTC());
    first.awaitServing(4);
    second.awaitServing(4);
    List<byte[]> c = ixfr(first.address(), 2);
    List<byte[]> d = ixfr(second.address(), 2);
    assertEquals(c.size(), d.size());
    for (int i = 0; i < c.size(); i++) {
      assertArrayEquals(c.get(i), d.get(i), "message " + i + " after the feed");
    }
    assertTrue(incremental(c), "incremental from 2 to 4: " + records(c));
  }

  @Test
  void aRestartedNodeAnswersIncrementallyFromSerialsPublishedBefore() throws Exception {
    publishChain(2);
    Node before = new Node(newStore(db.dataSource()));
    before.awaitServing(2);
    before.close();
    nodes.remove(before);
    db.restart();

    ZoneSnapshot v2 = store.load(TestRecords.name(ZONE)).orElseThrow().snapshot();
    store.publishNext(next(v2, 3), Clock.systemUTC());
    Node after = new Node(newStore(db.dataSource()));
    after.awaitServing(3);
    List<byte[]> answer = ixfr(after.address(), 1);
    assertTrue(incremental(answer), "incremental from 1 after the restart: " + records(answer));
    assertEquals(List.of(3L, 1L, 2L, 2L, 3L, 3L), soaSerials(answer));
  }

  @Test
  void aCorruptJournalRowMakesTheZoneFallBackToTheFullZoneWithAWarning() throws Exception {
    publishChain(3);
    flipAByteOfTheNewestJournalEntry();
    Node node = new Node(newStore(db.dataSource()));
    node.awaitServing(3);
    List<byte[]> answer = ixfr(node.address(), 2);
    assertTrue(!incremental(answer), "the full zone, not an increment: " + records(answer));
    assertEquals(Zones.version(ZONE, 1, 5).size() + 2, records(answer).size() - 1, "whole zone");
    assertEquals(1, node.warnings.size(), "one warning: " + node.warnings);
    assertEquals(
        StoreWarning.Code.JOURNAL_CHECKSUM_MISMATCH, node.warnings.get(0).code(), "its code");
  }

  @Test
  void aLostDatabaseKeepsTheVersionsServedReportsOnceAndServesWhatIsPublishedAfter()
      throws Exception {
    publishChain(2);
    CuttableDataSource cuttable = new CuttableDataSource(db.newDataSource());
    Node node = new Node(newStore(cuttable));
    node.awaitServing(2);

    cuttable.cut();
    ZoneSnapshot v2 = store.load(TestRecords.name(ZONE)).orElseThrow().snapshot();
    store.publishNext(next(v2, 3), Clock.systemUTC()); // another node publishes meanwhile
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (node.failures.get() == 0 && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(20); // polling a condition, bounded
    }
    assertEquals(1, node.failures.get(), "the outage is reported once");
    assertTrue(incremental(ixfr(node.address(), 1)), "serial 2 still served with its history");
    assertEquals(2, node.servable.get(TestRecords.name(ZONE)).serial().value());

    // This node's own publishing fails while it is cut off, nothing written ...
    ZoneSnapshot v4 = next(next(v2, 3), 4);
    org.junit.jupiter.api.Assertions.assertThrows(
        ZoneStoreException.class, () -> node.nodeStore.publishNext(v4, Clock.systemUTC()));

    cuttable.reconnect();
    node.awaitServing(3);
    assertEquals(1, node.failures.get(), "still reported once");
    assertTrue(node.restorations.get() >= 1, "the restoration is reported");
    assertEquals(List.of(3L, 1L, 2L, 2L, 3L, 3L), soaSerials(ixfr(node.address(), 1)));

    // ... and resumes when the database is back.
    node.nodeStore.publishNext(v4, Clock.systemUTC());
    node.awaitServing(4);
  }

  private void flipAByteOfTheNewestJournalEntry() throws Exception {
    try (Connection c = db.dataSource().getConnection()) {
      long position;
      byte[] entry;
      try (PreparedStatement s =
          c.prepareStatement(
              "SELECT feed_position, entry FROM secdns_journal WHERE zone_name = ?"
                  + " ORDER BY feed_position DESC"); ) {
        s.setString(1, ZONE);
        try (ResultSet r = s.executeQuery()) {
          assertTrue(r.next(), "a journal row");
          position = r.getLong(1);
          entry = r.getBytes(2);
        }
      }
      entry[entry.length / 2] ^= 0x40;
      try (PreparedStatement u =
          c.prepareStatement("UPDATE secdns_journal SET entry = ? WHERE feed_position = ?")) {
        u.setBytes(1, entry);
        u.setLong(2, position);
        assertEquals(1, u.executeUpdate());
      }
    }
  }

  // ---- a raw IXFR client: the octets of every message, with one fixed message ID ----

  static List<byte[]> ixfr(InetSocketAddress server, long clientSerial) throws IOException {
    Name zone = TestRecords.name(ZONE);
    Message query = Message.newQuery(Record.newRecord(zone, Type.IXFR, DClass.IN));
    query.getHeader().setID(4242);
    SOARecord soa = TestRecords.soa(ZONE, clientSerial);
    query.addRecord(soa, Section.AUTHORITY);
    byte[] wire = query.toWire();
    List<byte[]> messages = new ArrayList<>();
    try (Socket socket = new Socket()) {
      socket.setSoTimeout(30_000);
      socket.connect(server, 30_000);
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      out.writeShort(wire.length);
      out.write(wire);
      out.flush();
      InputStream in = socket.getInputStream();
      DataInputStream data = new DataInputStream(in);
      List<Record> records = new ArrayList<>();
      while (!complete(records)) {
        int length = data.readUnsignedShort();
        byte[] message = new byte[length];
        data.readFully(message);
        messages.add(message);
        Message m = new Message(message);
        assertEquals(0, m.getRcode(), "NOERROR: " + m);
        records.addAll(m.getSection(Section.ANSWER));
      }
    }
    return messages;
  }

  private static boolean complete(List<Record> records) {
    if (records.isEmpty()) {
      return false;
    }
    if (records.size() == 1) {
      return false;
    }
    long current = ((SOARecord) records.get(0)).getSerial();
    boolean incremental = records.get(1) instanceof SOARecord;
    long seen =
        records.stream().filter(r -> r instanceof SOARecord s && s.getSerial() == current).count();
    return seen == (incremental ? 3 : 2) && records.get(records.size() - 1) instanceof SOARecord;
  }

  static List<Record> records(List<byte[]> messages) throws IOException {
    List<Record> all = new ArrayList<>();
    for (byte[] m : messages) {
      all.addAll(new Message(m).getSection(Section.ANSWER));
    }
    return all;
  }

  static boolean incremental(List<byte[]> messages) throws IOException {
    List<Record> all = records(messages);
    return all.size() > 1 && all.get(1) instanceof SOARecord;
  }

  static List<Long> soaSerials(List<byte[]> messages) throws IOException {
    return records(messages).stream()
        .filter(r -> r instanceof SOARecord)
        .map(r -> ((SOARecord) r).getSerial())
        .toList();
  }
}
