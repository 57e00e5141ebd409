package io.github.secdns.examples.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.axfr.AxfrResponder;
import io.github.secdns.axfr.PublishedZones;
import io.github.secdns.axfr.TransferListener;
import io.github.secdns.axfr.TransferStats;
import io.github.secdns.axfr.notify.NotifySender;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.preset.PresetApplier;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.ZoneTransferIn;

/** The README's "embed the responder" snippet, compiled and run against dnsjava. */
class EmbedResponderSnippetTest {

  private static final Name ZONE = Name.fromConstantString("example.com.");

  private static ZoneSnapshot version(long serial) throws Exception {
    Name ns = Name.fromConstantString("ns1.example.com.");
    SOARecord soa =
        new SOARecord(
            ZONE,
            DClass.IN,
            3600,
            ns,
            Name.fromConstantString("hostmaster.example.com."),
            serial,
            86400,
            7200,
            604800,
            300);
    List<Record> records =
        new ArrayList<>(
            List.of(
                new NSRecord(ZONE, DClass.IN, 3600, ns),
                new ARecord(
                    ns,
                    DClass.IN,
                    3600,
                    InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, (byte) serial}))));
    // Enough unchanged records that the change is smaller than the zone (else IXFR sends all).
    for (int i = 1; i <= 8; i++) {
      records.add(
          new ARecord(
              Name.fromConstantString("host" + i + ".example.com."),
              DClass.IN,
              3600,
              InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, (byte) (100 + i)})));
    }
    return ZoneSnapshot.of(soa, records);
  }

  @Test
  void snippet() throws Exception {
    SecondaryDnsConfiguration config =
        PresetApplier.custom("example.com")
            .addSecondaryNameServer("ns1.secondary.example")
            .addAclEntry("127.0.0.1")
            .build();
    ZoneSnapshot first = version(1);
    ZoneSnapshot next = version(2);
    InetSocketAddress bound;

    // --- README snippet: begin
    PublishedZones zones = new PublishedZones(); // fed from your own storage
    zones.publish(first); // ZoneSnapshot.of(soa, records)
    try (NotifySender notifier = NotifySender.builder().listener(System.out::println).build();
        AxfrResponder responder =
            AxfrResponder.builder()
                .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .zoneSource(zones)
                .configurations(zone -> Optional.of(config).filter(c -> c.zone().equals(zone)))
                .notifySender(notifier) // one sender per process, shared by every responder
                .listener(
                    new TransferListener() {
                      @Override
                      public void completed(TransferStats s) {
                        System.out.println(s);
                      }
                    })
                .build()) {
      responder.start(); // NOTIFYs each zone's targets once
      zones.publish(next); // transfers in flight finish on the old version; IXFR history, NOTIFY
      // --- README snippet: end
      bound = responder.boundAddresses().get(0);
      ZoneTransferIn xfr = ZoneTransferIn.newAXFR(ZONE, bound, null);
      xfr.setTimeout(Duration.ofSeconds(10));
      xfr.run();
      List<Record> records = xfr.getAXFR();
      assertEquals(2L, ((SOARecord) records.get(0)).getSerial());
      // Once the history has version 2, IXFR from 1 brings the one changed A record.
      responder.whenReady(next).get(10, TimeUnit.SECONDS);
      ZoneTransferIn ixfr = ZoneTransferIn.newIXFR(ZONE, 1, false, bound, null);
      ixfr.setTimeout(Duration.ofSeconds(10));
      ixfr.run();
      assertTrue(ixfr.isIXFR());
      assertEquals(1, ixfr.getIXFR().size());
      assertEquals(2, ixfr.getIXFR().get(0).adds.size()); // the new SOA and the changed A
    }
  }
}
