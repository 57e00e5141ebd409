package io.github.secdns.axfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.diagnostics.Transport;
import io.github.secdns.testsupport.zones.TestRecords;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Error replies: one message, the query's ID and question, the documented RCODE, an event. */
class ErrorRepliesTest {

  @Test
  void axfrOverUdpGetsNotimpWithoutTruncationOrAnswer() throws Exception {
    try (Fixture f = Fixture.allowingAll()) {
      f.zones.publish(TestZones.small("example.com.", 1));
      byte[] reply =
          RawDns.udpExchange(f.address(), RawDns.query(11, "example.com.", Type.AXFR, false));
      assertEquals(11, RawDns.id(reply));
      assertEquals(Rcode.NOTIMP, RawDns.flags(reply) & 0xF);
      assertEquals(0, RawDns.flags(reply) & 0x0200, "TC");
      assertEquals(0, RawDns.count(reply, Section.ANSWER));
      assertEquals(1, RawDns.count(reply, Section.QUESTION));
      TransferRefusal refusal = RecordingListener.next(f.listener.refused);
      assertEquals(Transport.UDP, refusal.transport());
      assertEquals(Rcode.NOTIMP, refusal.rcode());
    }
  }

  @Test
  void ixfrOverUdpGetsTheCurrentSoa() throws Exception {
    try (Fixture f = Fixture.allowingAll()) {
      f.zones.publish(TestZones.small("example.com.", 5));
      Message query =
          Message.newQuery(
              org.xbill.DNS.Record.newRecord(
                  TestRecords.name("example.com."), Type.IXFR, org.xbill.DNS.DClass.IN));
      query.addRecord(TestRecords.soa("example.com.", 1), Section.AUTHORITY);
      Message reply = new Message(RawDns.udpExchange(f.address(), query.toWire()));
      assertEquals(Rcode.NOERROR, reply.getRcode());
      assertEquals(List.of(TestRecords.soa("example.com.", 5)), reply.getSection(Section.ANSWER));
    }
  }

  @Test
  void unknownZoneGetsNotauthAndTheConnectionStaysUsable() throws Exception {
    try (Fixture f = Fixture.allowingAll()) {
      f.zones.publish(TestZones.small("example.com.", 1));
      try (RawDns c = RawDns.connect(f.address())) {
        c.send(RawDns.query(21, "nosuch.", Type.AXFR, false));
        byte[] reply = c.receive();
        assertEquals(21, RawDns.id(reply));
        assertEquals(Rcode.NOTAUTH, RawDns.flags(reply) & 0xF);
        assertEquals(1, RawDns.count(reply, Section.QUESTION));
        assertEquals(0, RawDns.count(reply, Section.ANSWER));
        c.send(RawDns.query(22, "example.com.", Type.AXFR, false));
        List<byte[]> transfer = c.receiveTransfer();
        assertEquals(22, RawDns.id(transfer.get(0)));
        assertEquals(Rcode.NOERROR, new Message(transfer.get(0)).getRcode());
      }
      assertEquals(Rcode.NOTAUTH, RecordingListener.next(f.listener.refused).rcode());
      RecordingListener.next(f.listener.completed);
    }
  }

  @Test
  void formerrCasesCarryTheIdAndKeepTheConnection() throws Exception {
    try (Fixture f = Fixture.allowingAll()) {
      f.zones.publish(TestZones.small("example.com.", 1));
      try (RawDns c = RawDns.connect(f.address())) {
        // QDCOUNT = 2
        byte[] two = RawDns.query(0x1111, "example.com.", Type.AXFR, false);
        byte[] question = Arrays.copyOfRange(two, 12, two.length);
        byte[] doubled = Arrays.copyOf(two, two.length + question.length);
        System.arraycopy(question, 0, doubled, two.length, question.length);
        doubled[5] = 2;
        assertFormerr(c, doubled, 0x1111);
        // QDCOUNT = 0
        byte[] none = Arrays.copyOf(two, 12);
        none[5] = 0;
        assertFormerr(c, none, 0x1111);
        // an AXFR with a record in the answer section
        Message withAnswer =
            Message.newQuery(
                Record.newRecord(TestRecords.name("example.com."), Type.AXFR, DClass.IN));
        withAnswer.getHeader().setID(0x2222);
        withAnswer.addRecord(
            new ARecord(TestRecords.name("example.com."), DClass.IN, 1, TestZones.v4(1)),
            Section.ANSWER);
        assertFormerr(c, withAnswer.toWire(), 0x2222);
        // a message cut short inside the question
        byte[] cut = Arrays.copyOf(RawDns.query(0x3333, "example.com.", Type.AXFR, false), 17);
        assertFormerr(c, cut, 0x3333);
        // shorter than a header
        assertFormerr(c, new byte[] {0x44, 0x44, 0, 0, 0}, 0x4444);
        // and the connection still serves
        c.send(RawDns.query(0x5555, "example.com.", Type.SOA, false));
        byte[] soa = c.receive();
        assertEquals(0x5555, RawDns.id(soa));
        assertEquals(Rcode.NOERROR, RawDns.flags(soa) & 0xF);
      }
      for (int i = 0; i < 5; i++) {
        assertEquals(Rcode.FORMERR, RecordingListener.next(f.listener.refused).rcode());
      }
    }
  }

  private static void assertFormerr(RawDns c, byte[] query, int id) throws Exception {
    c.send(query);
    byte[] reply = c.receive();
    assertEquals(id, RawDns.id(reply));
    assertTrue((RawDns.flags(reply) & 0x8000) != 0, "QR");
    assertEquals(Rcode.FORMERR, RawDns.flags(reply) & 0xF);
    assertEquals(0, RawDns.count(reply, Section.ANSWER));
  }

  @Test
  void otherOpcodesGetNotimp() throws Exception {
    try (Fixture f = Fixture.allowingAll()) {
      f.zones.publish(TestZones.small("example.com.", 1));
      Message notify =
          Message.newQuery(Record.newRecord(TestRecords.name("example.com."), Type.SOA, DClass.IN));
      notify.getHeader().setOpcode(Opcode.NOTIFY);
      notify.getHeader().setID(31);
      byte[] reply = RawDns.udpExchange(f.address(), notify.toWire());
      assertEquals(31, RawDns.id(reply));
      assertEquals(Rcode.NOTIMP, RawDns.flags(reply) & 0xF);
      assertEquals(Opcode.NOTIFY, (RawDns.flags(reply) >> 11) & 0xF);
      assertEquals(Rcode.NOTIMP, RecordingListener.next(f.listener.refused).rcode());
    }
  }

  @Test
  void otherTypesOfAServedZoneAreRefused() throws Exception {
    try (Fixture f = Fixture.allowingAll()) {
      f.zones.publish(TestZones.small("example.com.", 1));
      byte[] reply =
          RawDns.udpExchange(f.address(), RawDns.query(41, "example.com.", Type.A, false));
      assertEquals(41, RawDns.id(reply));
      assertEquals(Rcode.REFUSED, RawDns.flags(reply) & 0xF);
      assertEquals(Rcode.REFUSED, RecordingListener.next(f.listener.refused).rcode());
    }
  }

  @Test
  void unsupportedEdnsVersionGetsBadvers() throws Exception {
    try (Fixture f = Fixture.allowingAll()) {
      f.zones.publish(TestZones.small("example.com.", 1));
      Message q =
          Message.newQuery(Record.newRecord(TestRecords.name("example.com."), Type.SOA, DClass.IN));
      q.getHeader().setID(51);
      q.addRecord(new OPTRecord(1232, 0, 1), Section.ADDITIONAL);
      Message reply = new Message(RawDns.udpExchange(f.address(), q.toWire()));
      assertEquals(Rcode.BADVERS, reply.getRcode());
      assertEquals(Optional.of(0), Optional.of(reply.getOPT().getVersion()));
    }
  }

  @Test
  void aRecordTooLargeForAnyMessageFailsTheTransferClearly() throws Exception {
    try (Fixture f = Fixture.allowingAll()) {
      StringBuilder chunk = new StringBuilder();
      for (int i = 0; i < 250; i++) {
        chunk.append('x');
      }
      List<String> strings = new java.util.ArrayList<>();
      for (int i = 0;
          i < 260;
          i++) { // 260 * 251 = 65260 octets of RDATA: fits a record, not a message
        strings.add(chunk.toString());
      }
      f.zones.publish(
          io.github.secdns.core.zone.ZoneSnapshot.of(
              TestRecords.soa("example.com.", 1),
              List.of(
                  new org.xbill.DNS.TXTRecord(
                      TestRecords.name("big.example.com."), DClass.IN, 1, strings))));
      try (RawDns c = RawDns.connect(f.address())) {
        c.send(RawDns.query(61, "example.com.", Type.AXFR, false));
        byte[] reply = c.receive();
        assertEquals(61, RawDns.id(reply));
        assertEquals(Rcode.SERVFAIL, RawDns.flags(reply) & 0xF);
        assertEquals(0, RawDns.count(reply, Section.ANSWER));
      }
      TransferFailure failure = RecordingListener.next(f.listener.failed);
      assertTrue(failure.reason().contains("big.example.com."), failure.reason());
      assertTrue(failure.reason().contains("does not fit"), failure.reason());
    }
  }
}
