package io.github.secdns.axfr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class IxfrRequestTest {

  private static final Name ZONE = Name.fromConstantString("ExAmPlE.com.");

  private static SOARecord clientSoa(Name owner, long serial) {
    return new SOARecord(owner, DClass.IN, 0, Name.root, Name.root, serial, 0, 0, 0, 0);
  }

  private static Message ixfr(Record... authority) throws java.io.IOException {
    Message m = Message.newQuery(Record.newRecord(ZONE, Type.IXFR, DClass.IN));
    for (Record r : authority) {
      m.addRecord(r, Section.AUTHORITY);
    }
    return new Message(m.toWire());
  }

  @Test
  void aWellFormedQueryGivesZoneAndClientSerial() throws Exception {
    IxfrRequest.Parsed parsed =
        IxfrRequest.parse(ixfr(clientSoa(Name.fromConstantString("example.COM."), 41)));
    IxfrRequest request = assertInstanceOf(IxfrRequest.Parsed.Valid.class, parsed).request();
    assertEquals(41, request.clientSerial().value());
    assertEquals("ExAmPlE.com.", request.zone().toString());
  }

  @Test
  void otherAuthorityRecordsAreIgnored() throws Exception {
    IxfrRequest.Parsed parsed =
        IxfrRequest.parse(
            ixfr(new ARecord(ZONE, DClass.IN, 0, TsigTestSupport.address(1)), clientSoa(ZONE, 1)));
    assertInstanceOf(IxfrRequest.Parsed.Valid.class, parsed);
  }

  @Test
  void noSoaSeveralSoasOrAWrongOwnerAreMalformed() throws Exception {
    assertMalformed(IxfrRequest.parse(ixfr()), "there is none");
    assertMalformed(IxfrRequest.parse(ixfr(clientSoa(ZONE, 1), clientSoa(ZONE, 2))), "there are 2");
    assertMalformed(
        IxfrRequest.parse(ixfr(clientSoa(Name.fromConstantString("other.example.com."), 1))),
        "for other.");
  }

  @Test
  void aQueryWithoutQuestionOrWithAnotherOpcodeIsMalformed() throws Exception {
    Message noQuestion = new Message(7);
    noQuestion.addRecord(clientSoa(ZONE, 1), Section.AUTHORITY);
    assertMalformed(IxfrRequest.parse(new Message(noQuestion.toWire())), "has 0");
    Message notify = ixfr(clientSoa(ZONE, 1));
    notify.getHeader().setOpcode(Opcode.NOTIFY);
    assertMalformed(IxfrRequest.parse(notify), "NOTIFY");
    Message axfr = Message.newQuery(Record.newRecord(ZONE, Type.AXFR, DClass.IN));
    assertMalformed(IxfrRequest.parse(axfr), "not IXFR");
  }

  private static void assertMalformed(IxfrRequest.Parsed parsed, String inReason) {
    IxfrRequest.Parsed.Malformed m = assertInstanceOf(IxfrRequest.Parsed.Malformed.class, parsed);
    assertTrue(m.reason().contains(inReason), m.reason());
  }
}
