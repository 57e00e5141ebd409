package io.github.secdns.axfr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.secdns.testsupport.zones.TestRecords;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** SOA queries over UDP from ordinary clients are answered on the hot path, and correctly. */
class SoaHotPathTest {

  @Test
  void ordinaryClientsGetTheirSoaFromTheHotPath() throws Exception {
    PublishedZones zones = new PublishedZones();
    zones.publish(TestZones.small("example.com.", 41));
    try (AxfrResponder responder =
        AxfrResponder.builder()
            .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .zoneSource(zones)
            .build()) {
      responder.start();
      InetSocketAddress address = responder.boundAddresses().get(0);
      SimpleResolver resolver = new SimpleResolver(address);
      resolver.setTimeout(Duration.ofSeconds(10));
      for (int i = 0; i < 10; i++) {
        resolver.setEDNS(i % 2 == 0 ? -1 : 0); // a classic client and an EDNS one
        Message answer =
            resolver.send(
                Message.newQuery(
                    Record.newRecord(TestRecords.name("Example.COM."), Type.SOA, DClass.IN)));
        assertEquals(Rcode.NOERROR, answer.getRcode());
        assertEquals(
            TestZones.small("example.com.", 41).soa(), answer.getSection(Section.ANSWER).get(0));
      }
      // The raw client's query with EDNS and the DO bit, too.
      new Message(RawDns.udpExchange(address, RawDns.query(9, "example.com.", Type.SOA, true)));
      assertEquals(11, responder.fastSoaAnswers());
    }
  }
}
