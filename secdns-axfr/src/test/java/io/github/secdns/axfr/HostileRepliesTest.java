package io.github.secdns.axfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.testsupport.zones.TestRecords;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;

/** The reply check of the hostile-input tests can fail: it sees zone data and malformed replies. */
class HostileRepliesTest {

  @Test
  void aTransferWithTheRightKeyIsZoneDataTheCheckRejects() throws Exception {
    try (Fixture f = HostileMessages.keyRequired();
        RawDns c = RawDns.connect(f.address())) {
      Message query =
          Message.newQuery(
              Record.newRecord(TestRecords.name(HostileMessages.ZONE), Type.AXFR, DClass.IN));
      new TSIG(TSIG.HMAC_SHA256, "transfer-key.", HostileMessages.TRANSFER_KEY_SECRET)
          .apply(query, null);
      c.send(query.toWire());
      List<byte[]> transfer = c.receiveTransfer();
      assertEquals(0, RawDns.flags(transfer.get(0)) & 0xF, "the right key gets the zone");
      AssertionError leak =
          assertThrows(
              AssertionError.class,
              () -> {
                for (byte[] reply : transfer) {
                  HostileReplies.withoutDataOf(HostileMessages.ZONE).check(reply, "a signed AXFR");
                }
              });
      assertTrue(leak.getMessage().contains("zone data"), leak.getMessage());
      for (byte[] reply : transfer) {
        HostileReplies.wellFormed().check(reply, "a signed AXFR");
      }
    }
  }

  @Test
  void aRecordOfTheZoneIsSeenByItsOwnerEvenWithoutTheMarker() {
    Message reply = new Message(9);
    reply.addRecord(TestZones.small(HostileMessages.ZONE, 1).records().get(3), Section.ADDITIONAL);
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () ->
                HostileReplies.withoutDataOf(HostileMessages.ZONE)
                    .check(reply.toWire(), "a crafted reply"));
    assertTrue(e.getMessage().contains("a record of example.com."), e.getMessage());
    Message soaOnly = new Message(9);
    soaOnly.addRecord(TestRecords.soa(HostileMessages.ZONE, 1), Section.ANSWER);
    HostileReplies.withoutDataOf(HostileMessages.ZONE).check(soaOnly.toWire(), "the public SOA");
  }

  @Test
  void malformedRepliesAreRejected() {
    byte[] good = RawDns.query(7, "example.com.", Type.SOA, true);
    HostileReplies.wellFormed().check(good, "a query");
    byte[] cut = Arrays.copyOf(good, good.length - 1);
    byte[] longer = Arrays.copyOf(good, good.length + 1);
    byte[] lying = good.clone();
    lying[7] = 1; // one answer record that is not there
    for (byte[] bad : List.of(cut, longer, lying, new byte[5])) {
      assertThrows(AssertionError.class, () -> HostileReplies.wellFormed().check(bad, "bad"));
    }
  }
}
