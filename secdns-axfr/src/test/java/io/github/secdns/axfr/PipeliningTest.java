package io.github.secdns.axfr;

import static io.github.secdns.testsupport.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;

import io.github.secdns.testsupport.zones.TestRecords;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Several queries on one connection, sent before any answer is read (RFC 7766 section 6.2.1). */
class PipeliningTest {

  @Test
  void soaAxfrAxfrOfAnotherZoneAndSoaOnOneSocket() throws Exception {
    try (Fixture f = Fixture.allowingAll()) {
      f.zones.publish(TestZones.large("example.com.", 1, 1500));
      f.zones.publish(TestZones.small("example.org.", 2));
      try (RawDns c = RawDns.connect(f.address())) {
        c.send(RawDns.query(1, "example.com.", Type.SOA, false));
        c.send(RawDns.query(2, "example.com.", Type.AXFR, false));
        c.send(RawDns.query(3, "example.org.", Type.AXFR, false));
        c.send(RawDns.query(4, "example.org.", Type.SOA, false));
        Map<Integer, List<Record>> answers = new HashMap<>();
        Map<Integer, Integer> soaCount = new HashMap<>();
        // Messages of one transfer are contiguous; match by ID until every query is complete.
        int complete = 0;
        while (complete < 4) {
          byte[] wire = c.receive();
          Message m = new Message(wire);
          assertEquals(Rcode.NOERROR, m.getRcode());
          int id = m.getHeader().getID();
          List<Record> records = answers.computeIfAbsent(id, k -> new ArrayList<>());
          records.addAll(m.getSection(Section.ANSWER));
          int soas =
              (int)
                  m.getSection(Section.ANSWER).stream()
                      .filter(r -> r.getType() == Type.SOA)
                      .count();
          int total = soaCount.merge(id, soas, Integer::sum);
          if ((id == 1 || id == 4) || total == 2) {
            complete++;
          }
        }
        assertEquals(List.of(TestRecords.soa("example.com.", 1)), answers.get(1));
        assertEquals(List.of(TestRecords.soa("example.org.", 2)), answers.get(4));
        assertEquals(1503, answers.get(2).size());
        assertEquals(TestZones.small("example.org.", 2).size() + 1, answers.get(3).size());
        assertTrue(
            answers.get(3).stream()
                .allMatch(r -> r.getName().subdomain(TestRecords.name("example.org."))));
      }
    }
  }

  /**
   * Far more queries than the responder queues per connection arrive in one segment, the last one
   * cut in two: one read takes several of them, reading pauses with the rest already read, and
   * every query is still answered, in order, once the answers before it are sent.
   */
  @Test
  void queriesReadPastTheQueueLimitInOneSegmentAreAllAnsweredInOrder() throws Exception {
    int queries = 50;
    try (Fixture f = Fixture.allowingAll()) {
      f.zones.publish(TestZones.small("example.org.", 3));
      java.io.ByteArrayOutputStream framed = new java.io.ByteArrayOutputStream();
      for (int id = 1; id <= queries; id++) {
        byte[] query = RawDns.query(id, "example.org.", id % 3 == 0 ? Type.AXFR : Type.SOA, false);
        framed.write(query.length >> 8);
        framed.write(query.length);
        framed.write(query, 0, query.length);
      }
      byte[] all = framed.toByteArray();
      try (RawDns c = RawDns.connect(f.address())) {
        c.sendRaw(java.util.Arrays.copyOf(all, all.length - 5));
        // The first answer shows the first read was taken; the tail of the last query follows.
        byte[] first = c.receive();
        c.sendRaw(java.util.Arrays.copyOfRange(all, all.length - 5, all.length));
        List<byte[]> answers = new ArrayList<>(List.of(first));
        for (int i = 1; i < queries; i++) {
          answers.add(c.receive());
        }
        for (int id = 1; id <= queries; id++) {
          Message m = new Message(answers.get(id - 1));
          assertEquals(id, m.getHeader().getID());
          assertEquals(Rcode.NOERROR, m.getRcode());
          int expected = id % 3 == 0 ? TestZones.small("example.org.", 3).size() + 1 : 1;
          assertEquals(expected, m.getSection(Section.ANSWER).size(), "answer to query " + id);
        }
      }
    }
  }

  /**
   * Queries cut anywhere (inside a length, inside a message, between two) are all answered in
   * order: the client sends the octets up to the cut, reads the answers to the queries complete
   * before it (the responder has read the part after them, which it must keep), then sends the
   * rest. Between messages the responder reads whatever has arrived in one read, so this is where a
   * query's octets are split between that read and the next.
   */
  @Test
  void queriesCutAnywhereAreAllAnsweredInOrder() throws Exception {
    try (Fixture f = Fixture.allowingAll()) {
      f.zones.publish(TestZones.small("example.org.", 3));
      int records = TestZones.small("example.org.", 3).size() + 1;
      qt().withExamples(60)
          .forAll(integers().between(1, 40), integers().between(0, Integer.MAX_VALUE))
          .checkAssert(
              (queries, cutSeed) -> {
                try {
                  cutAndAnswered(f, queries, cutSeed, records);
                } catch (Exception e) {
                  throw new AssertionError(e);
                }
              });
    }
  }

  private static void cutAndAnswered(Fixture f, int queries, int cutSeed, int records)
      throws Exception {
    ByteArrayOutputStream framed = new ByteArrayOutputStream();
    List<Integer> ends = new ArrayList<>(); // where each framed query ends
    for (int id = 1; id <= queries; id++) {
      byte[] query =
          RawDns.query(id, "example.org.", id % 4 == 0 ? Type.AXFR : Type.SOA, id % 2 == 0);
      framed.write(query.length >> 8);
      framed.write(query.length);
      framed.write(query, 0, query.length);
      ends.add(framed.size());
    }
    byte[] all = framed.toByteArray();
    int cut = 1 + cutSeed % (all.length - 1); // 1 .. length - 1: something on each side
    int before = (int) ends.stream().filter(end -> end <= cut).count();
    try (RawDns c = RawDns.connect(f.address())) {
      c.sendRaw(Arrays.copyOf(all, cut));
      List<byte[]> answers = new ArrayList<>();
      while (answers.size() < before) {
        answers.add(c.receive());
      }
      c.sendRaw(Arrays.copyOfRange(all, cut, all.length));
      while (answers.size() < queries) {
        answers.add(c.receive());
      }
      for (int id = 1; id <= queries; id++) {
        Message m = new Message(answers.get(id - 1));
        assertEquals(id, m.getHeader().getID(), "cut at " + cut + " of " + all.length);
        assertEquals(Rcode.NOERROR, m.getRcode());
        assertEquals(id % 4 == 0 ? records : 1, m.getSection(Section.ANSWER).size());
      }
    }
  }

  /**
   * A secondary that asks for many zones on one connection (NSD queues up to 128 transfers per
   * connection) gets every one, one after the other, even beyond the responder's limit of transfers
   * at once: the transfers queued on one connection hold one slot between them (they each took one
   * when decided, and all past the limit were REFUSED with nothing else running). The limit between
   * connections is {@code SlowClientTest}'s.
   */
  @Test
  void moreTransfersPipelinedOnOneConnectionThanTheResponderHasSlotsAreAllAnswered()
      throws Exception {
    int zones = 12;
    ResponderLimits limits = ResponderLimits.defaults().withMaxConcurrentTransfers(2);
    try (Fixture f = new Fixture(r -> TransferDecision.allow("test"), limits)) {
      for (int i = 0; i < zones; i++) {
        f.zones.publish(TestZones.small("z" + i + ".example.", 1));
      }
      try (RawDns c = RawDns.connect(f.address())) {
        for (int i = 0; i < zones; i++) {
          c.send(RawDns.query(i + 1, "z" + i + ".example.", Type.AXFR, false));
        }
        for (int i = 0; i < zones; i++) {
          Message m = new Message(c.receive());
          assertEquals(i + 1, m.getHeader().getID());
          assertEquals(Rcode.NOERROR, m.getRcode(), "transfer " + (i + 1) + " of " + zones);
          assertEquals(
              TestZones.small("z" + i + ".example.", 1).size() + 1,
              m.getSection(Section.ANSWER).size());
        }
      }
      // Every slot is free again: as many connections as slots each get a transfer at once.
      try (RawDns a = RawDns.connect(f.address());
          RawDns b = RawDns.connect(f.address())) {
        a.send(RawDns.query(100, "z0.example.", Type.AXFR, false));
        b.send(RawDns.query(101, "z1.example.", Type.AXFR, false));
        assertEquals(Rcode.NOERROR, new Message(a.receive()).getRcode());
        assertEquals(Rcode.NOERROR, new Message(b.receive()).getRcode());
      }
    }
  }
}
