package io.github.secdns.examples.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.secdns.axfr.AxfrResponder;
import io.github.secdns.axfr.PublishedZones;
import io.github.secdns.axfr.TransferListener;
import io.github.secdns.axfr.TransferPolicy;
import io.github.secdns.axfr.TransferStats;
import io.github.secdns.axfr.notify.NotifySender;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.preset.PresetApplier;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
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
    SOARecord soa = new SOARecord(ZONE, DClass.IN, 3600, ns,
        Name.fromConstantString("hostmaster.example.com."), serial, 86400, 7200, 604800, 300);
    return ZoneSnapshot.of(soa, List.of(new NSRecord(ZONE, DClass.IN, 3600, ns),
        new ARecord(ns, DClass.IN, 3600, InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2,
            (byte) serial}))));
  }

  @Test
  void snippet() throws Exception {
    SecondaryDnsConfiguration config = PresetApplier.custom("example.com")
        .addSecondaryNameServer("ns1.secondary.example").addAclEntry("127.0.0.1").build();
    ZoneSnapshot first = version(1);
    ZoneSnapshot next = version(2);
    InetSocketAddress bound;

    // --- README snippet: begin
    PublishedZones zones = new PublishedZones(); // fed from your own storage
    zones.publish(first);                        // ZoneSnapshot.of(soa, records)
    try (AxfrResponder responder = AxfrResponder.builder()
            .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .zoneSource(zones)
            .policy(TransferPolicy.fromConfiguration(config)) // the configuration's ACL and keys
            .listener(new TransferListener() {
              @Override public void completed(TransferStats s) {
                System.out.println(s);
              } })
            .build();
         NotifySender notifier = NotifySender.builder().build()) {
      responder.start();
      zones.publish(next);                 // transfers in flight finish on the old version
      notifier.notify(config, next.soa()); // tells the configuration's NOTIFY targets
      // --- README snippet: end
      bound = responder.boundAddresses().get(0);
      ZoneTransferIn xfr = ZoneTransferIn.newAXFR(ZONE, bound, null);
      xfr.setTimeout(Duration.ofSeconds(10));
      xfr.run();
      List<Record> records = xfr.getAXFR();
      assertEquals(2L, ((SOARecord) records.get(0)).getSerial());
    }
  }
}
