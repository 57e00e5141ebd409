package io.github.secdns.axfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.testsupport.zones.TestRecords;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferIn;

/** One INFO line per finished transfer, DEBUG for refusals. */
class TransferLogTest {

  @Test
  void oneInfoLinePerTransferAndDebugForRefusals() throws Exception {
    try (Fixture f = Fixture.allowingAll()) {
      f.zones.publish(TestZones.large("logged.example.", 77, 50));
      ZoneTransferIn xfr =
          ZoneTransferIn.newAXFR(TestRecords.name("logged.example."), f.address(), null);
      xfr.run();
      RecordingListener.next(f.listener.completed);
      List<CapturedLogs.Line> lines = CapturedLogs.matching("zone=logged.example.");
      assertEquals(1, lines.size(), lines.toString());
      CapturedLogs.Line line = lines.get(0);
      assertEquals(Level.INFO, line.level());
      for (String part :
          List.of(
              "AXFR out",
              "serial=77",
              "client=127.0.0.1#",
              "transport=TCP",
              "outcome=completed",
              "messages=1",
              "records=53",
              "bytes=",
              "duration=")) {
        assertTrue(line.message().contains(part), part + " in " + line.message());
      }

      try (RawDns c = RawDns.connect(f.address())) {
        c.send(RawDns.query(5, "not-logged.example.", Type.AXFR, false));
        c.receive();
      }
      RecordingListener.next(f.listener.refused);
      List<CapturedLogs.Line> refusals = CapturedLogs.matching("qname=not-logged.example.");
      assertEquals(1, refusals.size(), refusals.toString());
      assertEquals(Level.DEBUG, refusals.get(0).level());
      assertTrue(refusals.get(0).message().contains("rcode=NOTAUTH"));
    }
  }
}
