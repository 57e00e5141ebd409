package io.github.secdns.axfr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.zone.ZoneSnapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Every message of a transfer, checked octet by octet with a raw socket. */
class WireFormatTest {

  private static final int QR = 0x8000;
  private static final int AA = 0x0400;
  private static final int TC = 0x0200;
  private static final int RD = 0x0100;

  @Test
  void everyMessageCarriesTheIdAndTheRightHeaderAndOnlyTheFirstTheQuestion() throws Exception {
    ResponderLimits limits = ResponderLimits.defaults().withTargetMessageSize(1024);
    try (Fixture f = new Fixture(r -> TransferDecision.allow("test"), limits)) {
      ZoneSnapshot zone = TestZones.large("example.com.", 3, 500);
      f.zones.publish(zone);
      byte[] query = RawDns.query(0xBEEF, "ExAmPlE.CoM.", Type.AXFR, false);
      query[2] |= 0x01; // RD set: it must be copied
      List<byte[]> messages;
      try (RawDns c = RawDns.connect(f.address())) {
        c.send(query);
        messages = c.receiveTransfer();
      }
      assertTrue(messages.size() > 10, "messages: " + messages.size());
      byte[] questionSent = Arrays.copyOfRange(query, 12, query.length);
      List<Record> all = new ArrayList<>();
      for (int i = 0; i < messages.size(); i++) {
        byte[] wire = messages.get(i);
        assertEquals(0xBEEF, RawDns.id(wire), "ID of message " + i);
        int flags = RawDns.flags(wire);
        assertEquals(
            QR | AA | RD, flags, "flags of message " + i + ": " + Integer.toHexString(flags));
        assertEquals(i == 0 ? 1 : 0, RawDns.count(wire, Section.QUESTION));
        assertEquals(0, RawDns.count(wire, Section.AUTHORITY));
        assertEquals(0, RawDns.count(wire, Section.ADDITIONAL));
        assertTrue(wire.length <= 1024 || RawDns.count(wire, Section.ANSWER) == 1);
        Message m = new Message(wire); // each message parses on its own
        assertEquals(RawDns.count(wire, Section.ANSWER), m.getSection(Section.ANSWER).size());
        if (i == 0) {
          assertArrayEquals(
              questionSent,
              Arrays.copyOfRange(wire, 12, 12 + questionSent.length),
              "the question is copied octet for octet");
          assertEquals("ExAmPlE.CoM.", m.getQuestion().getName().toString());
        }
        all.addAll(m.getSection(Section.ANSWER));
      }
      assertEquals(Type.SOA, all.get(0).getType());
      assertEquals(Type.SOA, all.get(all.size() - 1).getType());
      assertEquals(all.get(0), all.get(all.size() - 1));
      assertEquals(2, all.stream().filter(r -> r.getType() == Type.SOA).count());
      assertEquals(new HashSet<>(TestZones.allRecords(zone)), new HashSet<>(all));
    }
  }

  @Test
  void letterCaseIsPreservedInOwnerNamesAndRdata() throws Exception {
    try (Fixture f = Fixture.allowingAll()) {
      ZoneSnapshot zone = TestZones.small("example.com.", 1);
      f.zones.publish(zone);
      List<byte[]> messages;
      try (RawDns c = RawDns.connect(f.address())) {
        c.send(RawDns.query(1, "ExAmPlE.CoM.", Type.AXFR, false));
        messages = c.receiveTransfer();
      }
      List<String> texts = new ArrayList<>();
      for (byte[] wire : messages) {
        for (Record r : new Message(wire).getSection(Section.ANSWER)) {
          texts.add(r.getName() + " " + Type.string(r.getType()) + " " + r.rdataToString());
        }
      }
      assertTrue(texts.contains("WWW.Example.com. A 10.0.0.2"), texts.toString());
      assertTrue(texts.contains("alias.example.com. CNAME www.example.com."), texts.toString());
      assertTrue(texts.contains("example.com. NS NS2.Secondary.Example.NET."), texts.toString());
      assertTrue(texts.contains("example.com. MX 10 Mail.example.com."), texts.toString());
      // No name was rewritten into the client's letter case.
      assertTrue(texts.stream().noneMatch(t -> t.contains("ExAmPlE")), texts.toString());
    }
  }

  @Test
  void firstMessageHasAnOptWhenTheQueryHadOne() throws Exception {
    try (Fixture f = Fixture.allowingAll()) {
      f.zones.publish(TestZones.large("example.com.", 3, 1000));
      try (RawDns c = RawDns.connect(f.address())) {
        c.send(RawDns.query(2, "example.com.", Type.AXFR, true));
        List<byte[]> messages = c.receiveTransfer();
        assertEquals(2, messages.size());
        Message first = new Message(messages.get(0));
        assertNotNull(first.getOPT());
        assertEquals(0, first.getOPT().getVersion());
        assertNull(new Message(messages.get(1)).getOPT());
      }
    }
  }

  @Test
  void soaQueryOverTcpAndUdpIsAnsweredAuthoritatively() throws Exception {
    try (Fixture f = Fixture.allowingAll()) {
      ZoneSnapshot zone = TestZones.small("example.com.", 42);
      f.zones.publish(zone);
      byte[] udp = RawDns.udpExchange(f.address(), RawDns.query(7, "EXAMPLE.com.", Type.SOA, true));
      byte[] tcp;
      try (RawDns c = RawDns.connect(f.address())) {
        c.send(RawDns.query(8, "EXAMPLE.com.", Type.SOA, false));
        tcp = c.receive();
      }
      for (byte[] wire : List.of(udp, tcp)) {
        Message m = new Message(wire);
        assertEquals(0, m.getRcode());
        assertTrue((RawDns.flags(wire) & AA) != 0);
        assertEquals(0, RawDns.flags(wire) & TC);
        assertEquals(List.of(zone.soa()), m.getSection(Section.ANSWER));
        assertEquals("EXAMPLE.com.", m.getQuestion().getName().toString());
        assertEquals("example.com.", m.getSection(Section.ANSWER).get(0).getName().toString());
      }
      assertEquals(7, RawDns.id(udp));
      assertNotNull(new Message(udp).getOPT());
      assertEquals(8, RawDns.id(tcp));
      assertNull(new Message(tcp).getOPT());
    }
  }

  @Test
  void soaQueryThroughDnsjavaSimpleResolver() throws Exception {
    try (Fixture f = Fixture.allowingAll()) {
      ZoneSnapshot zone = TestZones.small("example.com.", 42);
      f.zones.publish(zone);
      org.xbill.DNS.SimpleResolver resolver = new org.xbill.DNS.SimpleResolver(f.address());
      resolver.setTimeout(java.time.Duration.ofSeconds(10));
      for (boolean tcp : new boolean[] {false, true}) {
        resolver.setTCP(tcp);
        Message answer =
            resolver.send(
                Message.newQuery(
                    Record.newRecord(zone.origin(), Type.SOA, org.xbill.DNS.DClass.IN)));
        assertEquals(0, answer.getRcode());
        assertTrue(answer.getHeader().getFlag(org.xbill.DNS.Flags.AA));
        assertEquals(List.of(zone.soa()), answer.getSection(Section.ANSWER));
      }
    }
  }
}
