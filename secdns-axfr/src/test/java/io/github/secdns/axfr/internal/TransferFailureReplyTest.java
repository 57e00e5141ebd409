package io.github.secdns.axfr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.github.secdns.axfr.TransferRequest;
import io.github.secdns.core.diagnostics.Transport;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The producer emits the reply of a transfer whose rendering failed (the transport only frames it):
 * SERVFAIL with the client's ID, RD and question, and an OPT when the query had EDNS.
 */
class TransferFailureReplyTest {

  private static final Name ZONE = Name.fromConstantString("ExAmPlE.com.");

  private static QueryProcessor.Transfer transfer(Optional<OPTRecord> opt) {
    byte[] question = Record.newRecord(ZONE, Type.AXFR, DClass.IN).toWire(Section.QUESTION);
    TransferRequest request =
        new TransferRequest(
            new InetSocketAddress("127.0.0.2", 5300),
            ZONE,
            Type.AXFR,
            Transport.TCP,
            Optional.empty());
    io.github.secdns.core.zone.ZoneSnapshot snapshot =
        io.github.secdns.core.zone.ZoneSnapshot.of(
            new org.xbill.DNS.SOARecord(ZONE, DClass.IN, 60, ZONE, ZONE, 1, 1, 1, 1, 1), List.of());
    return new QueryProcessor.Transfer(
        request,
        snapshot,
        4242,
        true,
        question,
        opt,
        Optional.empty(),
        new Rendering(snapshot, Rendering.Progress.NONE),
        new ConnectionSlots(new java.util.concurrent.Semaphore(1)));
  }

  @Test
  void theFailureReplyIsACompleteServfail() throws Exception {
    Message plain = new Message(transfer(Optional.empty()).failureReply());
    assertEquals(4242, plain.getHeader().getID());
    assertEquals(Rcode.SERVFAIL, plain.getRcode());
    assertEquals(ZONE.toString(), plain.getQuestion().getName().toString()); // letter case kept
    assertEquals(0, plain.getHeader().getCount(Section.ADDITIONAL));

    Message withEdns = new Message(transfer(Optional.of(new OPTRecord(4096, 0, 0))).failureReply());
    assertEquals(Rcode.SERVFAIL, withEdns.getRcode());
    assertNotNull(withEdns.getOPT(), "an OPT answers the query's OPT");
    assertEquals(1, withEdns.getHeader().getCount(Section.ADDITIONAL));
  }
}
