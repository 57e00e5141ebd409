package io.github.secdns.axfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.testsupport.zones.TestRecords;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * Consistency (issue 9): transfers (AXFR, and IXFR from a secondary's current serial) run while the
 * zone is republished again and again. Every transfer is exactly one version: its first SOA equals
 * its last, and its records equal that version's records exactly (versions kept in a map serial to
 * snapshot). A secondary applying the IXFR answers (deltas when the responder sends them, else the
 * AXFR-style full zone) always holds exactly a published version, and ends identical to the latest
 * one. Some IXFRs during the updates are answered with deltas, and after the last update one more
 * version reaches every secondary as exactly one delta (counted, not merely allowed). Default:
 * 1,000 transfers (half AXFR, half IXFR) during 1,000 updates (about 6 s on 2 cores); {@code
 * -Dsecdns.consistency.transfers=N} and {@code -Dsecdns.consistency.updates=N} change that.
 */
class UpdatesDuringTransfersTest {

  private static final int TRANSFERS = Integer.getInteger("secdns.consistency.transfers", 1000);
  private static final int UPDATES = Integer.getInteger("secdns.consistency.updates", 1000);
  private static final int HOSTS = 1500;
  private static final int CLIENTS = 3;
  private static final Name ZONE = TestRecords.name("example.com.");

  /**
   * Version {@code serial}: a few records differ from the previous one, some added, some changed.
   */
  static ZoneSnapshot version(long serial) {
    List<Record> records = new ArrayList<>(HOSTS + 3);
    records.add(new NSRecord(ZONE, DClass.IN, 3600, TestRecords.name("ns1.example.com.")));
    records.add(new TXTRecord(ZONE, DClass.IN, 300, "version " + serial));
    records.add(
        new ARecord(
            TestRecords.name("v" + serial + ".example.com."),
            DClass.IN,
            300,
            TestZones.v4((int) serial)));
    for (int i = 0; i < HOSTS; i++) {
      boolean changed = i == serial % HOSTS || i == (serial * 7) % HOSTS;
      records.add(
          new ARecord(
              TestRecords.name("host-" + i + ".example.com."),
              DClass.IN,
              300,
              TestZones.v4(changed ? 1_000_000 + (int) serial : i)));
    }
    return ZoneSnapshot.of(TestRecords.soa("example.com.", serial), records);
  }

  @Test
  void everyTransferIsExactlyOneVersionAndAnIxfrSecondaryEndsOnTheLatest() throws Exception {
    Map<Long, Set<Record>> versions = new ConcurrentHashMap<>();
    AtomicInteger done = new AtomicInteger();
    AtomicInteger deltasApplied = new AtomicInteger();
    AtomicInteger deltaAnswers = new AtomicInteger();
    AtomicInteger fullAnswers = new AtomicInteger();
    AtomicInteger upToDate = new AtomicInteger();
    AtomicLong latest = new AtomicLong(1);
    AtomicInteger clientsEnded = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS + 1);
    try (Fixture f = Fixture.allowingAll()) {
      publish(f, versions, version(1));
      Future<?> updater =
          pool.submit(
              () -> {
                for (long serial = 2; serial <= UPDATES + 1; serial++) {
                  // Spread the updates over the transfers, without sleeping.
                  long due = (serial - 1) * TRANSFERS / UPDATES - CLIENTS;
                  while (done.get() < due) {
                    if (clientsEnded.get() == CLIENTS) {
                      return null; // a client failed: its future reports why
                    }
                    LockSupport.parkNanos(100_000);
                  }
                  publish(f, versions, version(serial));
                  latest.set(serial);
                }
                return null;
              });
      List<Future<Secondary>> clients = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        clients.add(
            pool.submit(
                () -> {
                  try {
                    Secondary secondary = new Secondary(f.address());
                    boolean axfr = true;
                    while (done.getAndIncrement() < TRANSFERS) {
                      if (axfr || secondary.serial < 0) {
                        rawAxfrIsOneVersion(f.address(), versions, secondary);
                      } else {
                        secondary.ixfr(
                            versions, deltasApplied, deltaAnswers, fullAnswers, upToDate);
                      }
                      axfr = !axfr;
                    }
                    return secondary;
                  } finally {
                    clientsEnded.incrementAndGet();
                  }
                }));
      }
      List<Secondary> secondaries = new ArrayList<>();
      for (Future<Secondary> c : clients) {
        secondaries.add(c.get(120, TimeUnit.SECONDS));
      }
      updater.get(120, TimeUnit.SECONDS);
      String counts =
          "IXFR answers: "
              + deltaAnswers
              + " incremental ("
              + deltasApplied
              + " deltas), "
              + fullAnswers
              + " full, "
              + upToDate
              + " up to date";
      // About half the transfers were IXFRs, each answered in one of the three forms, and some of
      // them incrementally: the history kept up with the updates while transfers ran.
      System.out.println("UpdatesDuringTransfersTest: " + counts);
      int ixfrAnswers = deltaAnswers.get() + fullAnswers.get() + upToDate.get();
      assertTrue(ixfrAnswers >= TRANSFERS / 2 - CLIENTS, counts);
      assertTrue(deltaAnswers.get() > 0 && deltasApplied.get() > 0, "no delta answered; " + counts);

      // After the last update, every secondary catches up by IXFR and holds the latest version.
      Set<Record> newest = versions.get(latest.get());
      for (Secondary s : secondaries) {
        s.ixfr(versions, deltasApplied, deltaAnswers, fullAnswers, upToDate);
        assertEquals(latest.get(), s.serial);
        assertEquals(newest, s.records);
      }
      // One more version, once its history is ready: every secondary gets exactly one delta.
      ZoneSnapshot last = version(latest.get() + 1);
      publish(f, versions, last);
      f.responder.whenReady(last).get(30, TimeUnit.SECONDS);
      int answersBefore = deltaAnswers.get();
      int deltasBefore = deltasApplied.get();
      for (Secondary s : secondaries) {
        s.ixfr(versions, deltasApplied, deltaAnswers, fullAnswers, upToDate);
        assertEquals(last.serial().value(), s.serial);
        assertEquals(versions.get(s.serial), s.records);
      }
      assertEquals(CLIENTS, deltaAnswers.get() - answersBefore, counts);
      assertEquals(CLIENTS, deltasApplied.get() - deltasBefore, counts);
    } finally {
      pool.shutdownNow();
      assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
    }
  }

  private static void publish(Fixture f, Map<Long, Set<Record>> versions, ZoneSnapshot v) {
    versions.put(v.serial().value(), new HashSet<>(TestZones.allRecords(v)));
    f.zones.publish(v);
  }

  /** A raw AXFR: SOA first and last, equal, and the records exactly the version's. */
  private static void rawAxfrIsOneVersion(
      InetSocketAddress server, Map<Long, Set<Record>> versions, Secondary secondary)
      throws Exception {
    List<Record> received = RawDns.axfrRecords(server, "example.com.", null, 0x4A58);
    Record first = received.get(0);
    Record last = received.get(received.size() - 1);
    assertTrue(first instanceof SOARecord, "first record: " + first);
    assertEquals(first, last, "first and last SOA differ");
    long serial = ((SOARecord) first).getSerial();
    Set<Record> expected = versions.get(serial);
    assertNotNull(expected, "serial " + serial + " was never published");
    assertEquals(expected.size() + 1, received.size(), "records sent more than once or missing");
    assertEquals(expected, new HashSet<>(received), "serial " + serial + " mixes versions");
    if (secondary.serial < 0) {
      secondary.serial = serial;
      secondary.records = new HashSet<>(expected);
    }
  }

  /** A secondary that keeps a copy and follows the primary by IXFR. */
  private static final class Secondary {
    final InetSocketAddress server;
    long serial = -1;
    Set<Record> records = Set.of();

    Secondary(InetSocketAddress server) {
      this.server = server;
    }

    /**
     * Asks for an IXFR from this secondary's serial with a raw client (dnsjava's client stops at an
     * up-to-date SOA and calls anything after it "extra data") and applies the answer: a single SOA
     * (up to date), the full zone AXFR-style, or deltas (RFC 1995: old SOA, deletions, new SOA,
     * additions, oldest first).
     */
    void ixfr(
        Map<Long, Set<Record>> versions,
        AtomicInteger deltas,
        AtomicInteger incremental,
        AtomicInteger full,
        AtomicInteger upToDate)
        throws Exception {
      Message query = Message.newQuery(Record.newRecord(ZONE, Type.IXFR, DClass.IN));
      query.getHeader().setID(0x1F1F);
      query.addRecord(TestRecords.soa("example.com.", serial), Section.AUTHORITY);
      List<Record> stream = new ArrayList<>();
      try (RawDns c = RawDns.connect(server)) {
        c.send(query.toWire());
        boolean first = true;
        while (true) {
          Message m = new Message(c.receive());
          assertEquals(Rcode.NOERROR, m.getRcode());
          List<Record> answers = m.getSection(Section.ANSWER);
          stream.addAll(answers);
          long current = ((SOARecord) stream.get(0)).getSerial();
          if (first && answers.size() == 1 && current <= serial) {
            assertEquals(serial, current, "the primary went back in time");
            upToDate.incrementAndGet();
            return; // up to date: one SOA
          }
          first = false;
          if (ixfrComplete(stream, current)) {
            break;
          }
        }
      }
      long current = ((SOARecord) stream.get(0)).getSerial();
      Record last = stream.get(stream.size() - 1);
      assertEquals(stream.get(0), last, "first and last SOA differ");
      Set<Record> expected = versions.get(current);
      assertNotNull(expected, "serial " + current + " was never published");
      if (!(stream.get(1) instanceof SOARecord)) {
        assertEquals(expected.size() + 1, stream.size(), "records sent more than once or missing");
        assertEquals(expected, new HashSet<>(stream), "serial " + current + " mixes versions");
        serial = current;
        records = new HashSet<>(expected);
        full.incrementAndGet();
        return;
      }
      // Deltas: stream = SOA_N, (SOA_a, deletions, SOA_b, additions)+, SOA_N
      incremental.incrementAndGet();
      int i = 1;
      while (i < stream.size() - 1) {
        long from = ((SOARecord) stream.get(i)).getSerial();
        assertEquals(serial, from, "a delta that does not start at the secondary's serial");
        assertTrue(records.remove(stream.get(i++)), "old SOA");
        while (!(stream.get(i) instanceof SOARecord)) {
          Record r = stream.get(i++);
          assertTrue(records.remove(r), "deleting a record the secondary does not hold: " + r);
        }
        SOARecord to = (SOARecord) stream.get(i++);
        records.add(to);
        while (i < stream.size() - 1 && !(stream.get(i) instanceof SOARecord)) {
          Record r = stream.get(i++);
          assertTrue(records.add(r), "adding a record the secondary holds: " + r);
        }
        serial = to.getSerial();
        Set<Record> version = versions.get(serial);
        assertNotNull(version, "serial " + serial + " was never published");
        assertEquals(version, records, "after the delta to " + serial);
        deltas.incrementAndGet();
      }
      assertEquals(current, serial);
    }

    /** True when the records so far end an IXFR answer whose current serial is {@code current}. */
    private static boolean ixfrComplete(List<Record> stream, long current) {
      if (stream.size() < 2) {
        return false;
      }
      if (!(stream.get(1) instanceof SOARecord)) {
        return stream.size() > 2 && stream.get(stream.size() - 1) instanceof SOARecord;
      }
      // Incremental: SOAs alternate old/new; the answer ends with the current SOA in the place of
      // an "old" SOA (after additions).
      int soas = 0;
      for (int i = 1; i < stream.size(); i++) {
        if (stream.get(i) instanceof SOARecord soa) {
          soas++;
          if (soas % 2 == 1 && soas > 1 && soa.getSerial() == current) {
            return true;
          }
        }
      }
      return false;
    }
  }
}
