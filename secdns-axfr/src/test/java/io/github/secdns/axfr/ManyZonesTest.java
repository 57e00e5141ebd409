package io.github.secdns.axfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.axfr.notify.NotifySender;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.testsupport.Addresses;
import io.github.secdns.testsupport.NotifySink;
import io.github.secdns.testsupport.zones.TestRecords;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferIn;

/**
 * A DNS host's shape: 100,000 zones in one responder, each with three NOTIFY targets that never
 * answer (slow providers), so that 300,000 startup NOTIFYs wait in the background. Meanwhile SOA
 * queries and transfers of random zones are answered, and a new serial's NOTIFY reaches its target
 * before the backlog has drained.
 */
class ManyZonesTest {

  private static final int ZONES = 100_000;
  private static final Name MNAME = TestRecords.name("ns1.host.example.");
  private static final Name RNAME = TestRecords.name("hostmaster.host.example.");

  private static Name zone(int i) {
    return TestRecords.name("z" + i + ".example.");
  }

  /** A small zone: SOA, NS and one A record (names shared where a host's would be). */
  private static ZoneSnapshot version(int i, long serial) {
    Name origin = zone(i);
    SOARecord soa =
        new SOARecord(origin, DClass.IN, 3600, MNAME, RNAME, serial, 7200, 900, 1209600, 300);
    return ZoneSnapshot.of(
        soa,
        List.of(
            new NSRecord(origin, DClass.IN, 3600, MNAME),
            new ARecord(origin, DClass.IN, 300, TestZones.v4(i))));
  }

  @Test
  void aHundredThousandZonesAnswerWhileThreeHundredThousandNotifiesWait() throws Exception {
    PublishedZones zones = new PublishedZones();
    for (int i = 0; i < ZONES; i++) {
      zones.publish(version(i, 1));
    }
    SplittableRandom random = new SplittableRandom(ManyZonesTest.class.getName().hashCode());
    int changed = random.nextInt(ZONES);
    Set<Thread> before = Resources.liveThreads();
    try (NotifySink a = new NotifySink(Addresses.LOOPBACK_2, false).watch(zone(changed));
        NotifySink b = new NotifySink(Addresses.LOOPBACK_3, false);
        NotifySink c = new NotifySink(Addresses.ip("127.0.0.4"), false);
        NotifySender sender =
            NotifySender.builder()
                .localAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .attempts(2)
                .initialTimeout(Duration.ofSeconds(30))
                .backgroundSendsPerSecond(100)
                .build()) {
      // One configuration for every zone but the changed one keeps the test's memory small; a
      // host has one per zone (the responder reads targets and keys from whichever it gets).
      SecondaryDnsConfiguration.Builder common =
          SecondaryDnsConfiguration.builder()
              .addSecondaryNameServer("ns1.secondary.example.net")
              .addAclEntry("127.0.0.0/8");
      for (NotifySink s : List.of(a, b, c)) {
        common.addNotifyTarget(
            s.address().getAddress().getHostAddress(), s.address().getPort(), null);
      }
      SecondaryDnsConfiguration shared = common.zone("z0.example.").build();
      SecondaryDnsConfiguration own = common.zone(zone(changed).toString()).build();
      try (AxfrResponder responder =
          AxfrResponder.builder()
              .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
              .zoneSource(zones)
              .configurations(z -> Optional.of(z.equals(zone(changed)) ? own : shared))
              .notifySender(sender)
              .build()) {
        responder.start();
        InetSocketAddress address = responder.boundAddresses().get(0);
        // Every zone is servable at once; the startup fan-out queues 300,000 NOTIFYs.
        assertTrue(
            Resources.await(() -> sender.backlog() > 250_000, 120, TimeUnit.SECONDS),
            "backlog " + sender.backlog());

        // SOA over UDP and transfers of random zones are answered while it waits.
        for (int k = 0; k < 20; k++) {
          int i = random.nextInt(ZONES);
          Message soa =
              new Message(
                  RawDns.udpExchange(
                      address, RawDns.query(k, zone(i).toString(), Type.SOA, k % 2 == 0)));
          assertEquals(Rcode.NOERROR, soa.getRcode());
          assertEquals(version(i, 1).soa(), soa.getSection(Section.ANSWER).get(0));
        }
        java.util.Set<Integer> transferred = new HashSet<>();
        while (transferred.size() < 5) {
          int i = random.nextInt(ZONES);
          if (i == changed || !transferred.add(i)) {
            continue;
          }
          ZoneTransferIn axfr = ZoneTransferIn.newAXFR(zone(i), address, null);
          axfr.setTimeout(Duration.ofSeconds(20));
          axfr.run();
          assertEquals(
              new HashSet<>(TestZones.allRecords(version(i, 1))),
              new HashSet<Record>(axfr.getAXFR()));
        }

        // A new serial: its NOTIFY is not queued behind the backlog.
        zones.publish(version(changed, 2));
        NotifySink.Seen notify = a.next(Duration.ofSeconds(30)).orElseThrow();
        if (notify.serial() == 1) {
          notify =
              a.next(Duration.ofSeconds(30))
                  .orElseThrow(); // its startup NOTIFY happened to go first
        }
        assertEquals(2, notify.serial());
        assertTrue(sender.backlog() > 200_000, "backlog " + sender.backlog());
        assertTrue(notify.receivedBefore() < 100_000, "after " + notify.receivedBefore());
        assertEquals(5, responder.renders(), "only the transferred zones were rendered");
      }
    }
    assertEquals(Set.of(), Resources.threadsLeftSince(before));
  }
}
