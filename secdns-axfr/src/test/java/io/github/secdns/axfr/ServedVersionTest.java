package io.github.secdns.axfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.testsupport.MutableClock;
import io.github.secdns.testsupport.zones.TestRecords;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

/**
 * The responder reports, per zone, the version it serves and the configuration revision it applies,
 * and since when (issue 16), to a listener and on request.
 */
class ServedVersionTest {

  private static final Name ZONE = TestRecords.name("served.example.");

  private static SecondaryDnsConfiguration revision(long revision) {
    return SecondaryDnsConfiguration.builder()
        .zone(ZONE.toString())
        .addSecondaryNameServer("ns1.secondary.example.net")
        .addAclEntry("127.0.0.0/8")
        .revision(revision)
        .build();
  }

  private static ServedVersion version(long serial, long revision, String since) {
    return new ServedVersion(
        ZONE,
        io.github.secdns.core.serial.SerialNumber.of(serial),
        OptionalLong.of(revision),
        Instant.parse(since));
  }

  @Test
  void eachServableVersionAndEachNewRevisionIsReportedWithSinceWhen() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    AtomicReference<SecondaryDnsConfiguration> configuration = new AtomicReference<>(revision(3));
    List<Object> events = new CopyOnWriteArrayList<>();
    PublishedZones zones = new PublishedZones();
    zones.publish(TestZones.small(ZONE.toString(), 1));
    try (AxfrResponder responder =
        AxfrResponder.builder()
            .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .zoneSource(zones)
            .configurations(z -> Optional.of(configuration.get()).filter(c -> c.zone().equals(z)))
            .clock(clock)
            .versionListener(
                new VersionListener() {
                  @Override
                  public void servable(ServedVersion version) {
                    events.add(version);
                  }

                  @Override
                  public void withdrawn(Name zone) {
                    events.add(zone);
                  }
                })
            .build()) {
      responder.start();
      ServedVersion first = version(1, 3, "2026-12-01T10:00:00Z");
      assertTrue(Resources.await(() -> events.size() == 1, 20, TimeUnit.SECONDS));
      assertEquals(List.of(first), events);
      assertEquals(
          Optional.of(first), responder.servedVersion(TestRecords.name("SERVED.example.")));

      clock.set(Instant.parse("2026-12-01T11:00:00Z"));
      zones.publish(TestZones.small(ZONE.toString(), 2));
      assertTrue(Resources.await(() -> events.size() == 2, 20, TimeUnit.SECONDS));
      assertEquals(version(2, 3, "2026-12-01T11:00:00Z"), events.get(1));

      // The host saves revision 4 and says so: same serial, new revision, since now.
      clock.set(Instant.parse("2026-12-01T12:00:00Z"));
      configuration.set(revision(4));
      responder.configurationChanged(ZONE);
      assertTrue(Resources.await(() -> events.size() == 3, 20, TimeUnit.SECONDS));
      ServedVersion third = version(2, 4, "2026-12-01T12:00:00Z");
      assertEquals(third, events.get(2));
      assertEquals(Optional.of(third), responder.servedVersion(ZONE));
      // Telling it again without a change reports nothing new.
      responder.configurationChanged(ZONE);

      zones.withdraw(ZONE);
      assertTrue(Resources.await(() -> events.size() == 4, 20, TimeUnit.SECONDS));
      assertEquals(ZONE, events.get(3));
      assertEquals(Optional.empty(), responder.servedVersion(ZONE));
    }
  }
}
