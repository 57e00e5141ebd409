package io.github.secdns.benchmarks.e2e;

import static io.github.secdns.testsupport.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;

import io.github.secdns.benchmarks.zone.SmallZones;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The many-zones client's raw check of an AXFR answer ({@link RawAxfrCheck}) against answers built
 * by dnsjava: a whole transfer passes however it is split into messages, and each way a transfer
 * can be wrong is refused; the raw query ({@link RawAxfrQuery}) is what dnsjava reads as an AXFR
 * query.
 */
class RawAxfrCheckTest {

  private static final int ID = 4711;

  /** Zone 7 as a transfer carries it: its records, the SOA first, and the SOA again at the end. */
  private static List<Record> transfer() {
    ZoneSnapshot zone = SmallZones.zone(7, 2026120201L);
    List<Record> out = new ArrayList<>();
    out.add(zone.soa());
    out.addAll(zone.records());
    out.add(zone.soa());
    return out;
  }

  private static ByteBuffer message(int id, List<Record> answers, boolean question) {
    Message m = new Message(id);
    m.getHeader().setFlag(Flags.QR);
    m.getHeader().setFlag(Flags.AA);
    if (question) {
      m.addRecord(Record.newRecord(SmallZones.origin(7), Type.AXFR, DClass.IN), Section.QUESTION);
    }
    answers.forEach(r -> m.addRecord(r, Section.ANSWER));
    return framedAt(m.toWire(), 3);
  }

  /** The message at an offset of a larger buffer, as the client's receive buffer holds it. */
  private static ByteBuffer framedAt(byte[] wire, int offset) {
    ByteBuffer b = ByteBuffer.allocate(offset + wire.length + 5);
    b.position(offset);
    b.put(wire);
    return b;
  }

  private static boolean feed(RawAxfrCheck check, ByteBuffer message) throws IOException {
    return check.message(message, 3, message.position() - 3);
  }

  @Test
  void aWholeTransferPassesHoweverItIsSplitIntoMessages() {
    List<Record> records = transfer();
    assertEquals(SmallZones.RECORDS + 1, records.size());
    qt().forAll(integers().between(1, records.size()))
        .checkAssert(
            perMessage -> {
              RawAxfrCheck check = new RawAxfrCheck();
              check.start(ID, records.size());
              int messages = 0;
              boolean complete = false;
              for (int from = 0; from < records.size(); from += perMessage) {
                assertFalse(complete, "complete before the last message");
                List<Record> part =
                    records.subList(from, Math.min(records.size(), from + perMessage));
                try {
                  complete = feed(check, message(ID, part, from == 0));
                } catch (IOException e) {
                  throw new AssertionError(e);
                }
                messages++;
              }
              assertTrue(complete);
              assertEquals(records.size(), check.records());
              assertEquals(messages, check.messages());
            });
  }

  @Test
  void startForgetsThePreviousTransfer() throws IOException {
    RawAxfrCheck check = new RawAxfrCheck();
    check.start(ID, 21);
    assertTrue(feed(check, message(ID, transfer(), true)));
    check.start(ID + 1, 21);
    assertEquals(0, check.records());
    assertEquals(0, check.messages());
    assertTrue(feed(check, message(ID + 1, transfer(), true)));
  }

  private static void refused(ByteBuffer message, String why) {
    RawAxfrCheck check = new RawAxfrCheck();
    check.start(ID, SmallZones.RECORDS + 1);
    IOException e = assertThrows(IOException.class, () -> feed(check, message));
    assertTrue(e.getMessage().contains(why), e.getMessage());
  }

  @Test
  void aForeignIdAnErrorRcodeAQueryOrATruncatedMessageIsRefused() {
    refused(message(ID + 1, transfer(), true), "ID");
    Message notAuth = new Message(ID);
    notAuth.getHeader().setFlag(Flags.QR);
    notAuth.getHeader().setRcode(Rcode.NOTAUTH);
    refused(framedAt(notAuth.toWire(), 3), "RCODE 9");
    Message query = new Message(ID);
    transfer().forEach(r -> query.addRecord(r, Section.ANSWER));
    refused(framedAt(query.toWire(), 3), "not an untruncated response");
    Message truncated = new Message(ID);
    truncated.getHeader().setFlag(Flags.QR);
    truncated.getHeader().setFlag(Flags.TC);
    refused(framedAt(truncated.toWire(), 3), "not an untruncated response");
    refused(framedAt(new byte[11], 3), "shorter than a header");
  }

  @Test
  void theTransferMustStartAndEndWithTheSoa() {
    List<Record> records = transfer();
    List<Record> noFirstSoa = new ArrayList<>(records.subList(1, records.size()));
    noFirstSoa.add(0, records.get(1));
    refused(message(ID, noFirstSoa, true), "the first record is of type");
    List<Record> noLastSoa = new ArrayList<>(records.subList(0, records.size() - 1));
    noLastSoa.add(records.get(1));
    refused(message(ID, noLastSoa, true), "the last record is of type");
  }

  @Test
  void moreRecordsThanTheZoneHasAreRefused() {
    List<Record> records = new ArrayList<>(transfer());
    records.add(1, records.get(2));
    refused(message(ID, records, true), "more than the 21 expected");
  }

  @Test
  void aMessageCutShortOrWithABadNameIsRefused() {
    ByteBuffer whole = message(ID, transfer(), true);
    int length = whole.position() - 3;
    RawAxfrCheck check = new RawAxfrCheck();
    check.start(ID, SmallZones.RECORDS + 1);
    assertThrows(IOException.class, () -> check.message(whole, 3, length - 3));
    for (int cut : new int[] {13, 20, 40, 60}) {
      RawAxfrCheck c = new RawAxfrCheck();
      c.start(ID, SmallZones.RECORDS + 1);
      assertThrows(IOException.class, () -> c.message(whole, 3, cut), "cut at " + cut);
    }
    ByteBuffer badLabel = message(ID, transfer(), true);
    badLabel.put(3 + 12, (byte) 0x80); // a label type RFC 6891 retired
    refused(badLabel, "malformed or truncated name");
  }

  @Test
  void theRawQueryIsAnAxfrQueryForTheZone() throws IOException {
    Name zone = SmallZones.origin(123_456);
    byte[] framed = RawAxfrQuery.framed(zone, 0x1_2345);
    assertEquals(framed.length - 2, ((framed[0] & 0xff) << 8) | (framed[1] & 0xff));
    Message m = new Message(java.util.Arrays.copyOfRange(framed, 2, framed.length));
    assertEquals(0x2345, m.getHeader().getID());
    assertEquals(0x2345, RawAxfrQuery.id(framed));
    assertFalse(m.getHeader().getFlag(Flags.QR));
    assertEquals(zone, m.getQuestion().getName());
    assertEquals(Type.AXFR, m.getQuestion().getType());
    assertEquals(DClass.IN, m.getQuestion().getDClass());
    assertEquals(0, m.getSection(Section.ANSWER).size());
  }
}
