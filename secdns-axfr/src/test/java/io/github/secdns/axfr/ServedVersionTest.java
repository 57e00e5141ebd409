package io.github.secdns.axfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.zone.ZoneHistory;
import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.testsupport.MutableClock;
import io.github.secdns.testsupport.zones.TestRecords;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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

  /**
   * A zone's events come in order when a report is slow: while the report of version 2 waits in the
   * host's configuration lookup (one of the responder's two zone threads held), version 3, its
   * history supplied and so servable at once, is reported after it, never before. The responder's
   * zone pool takes tasks in the order given, so once another zone's report, given after version
   * 3's, has run on the free thread, a report of version 3 handed to the pool would have run too:
   * no timing decides the outcome.
   */
  @Test
  void aSlowReportIsNotOvertakenByTheReportOfTheNextVersion() throws Exception {
    Name other = TestRecords.name("other.example.");
    Clock clock = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
    AtomicReference<ZoneSource.Listener> listener = new AtomicReference<>();
    ZoneHistory a1 = ZoneHistory.start(TestZones.small(ZONE.toString(), 1), clock);
    ZoneHistory b1 = ZoneHistory.start(TestZones.small(other.toString(), 1), clock);
    ZoneSource source =
        new ZoneSource() {
          @Override
          public Optional<ZoneSnapshot> snapshot(Name zone) {
            return Optional.empty(); // a subscribing source: never looked up
          }

          @Override
          public Optional<Subscription> subscribe(Listener l) {
            listener.set(l);
            l.changed(a1);
            l.changed(b1);
            return Optional.of(() -> {});
          }
        };
    AtomicBoolean holdNextLookup = new AtomicBoolean();
    CountDownLatch inLookup = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<String> events = new CopyOnWriteArrayList<>();
    try (AxfrResponder responder =
        AxfrResponder.builder()
            .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .zoneSource(source)
            .configurations(
                z -> {
                  if (z.equals(ZONE) && holdNextLookup.compareAndSet(true, false)) {
                    inLookup.countDown();
                    awaitLatch(release);
                  }
                  return Optional.of(
                      SecondaryDnsConfiguration.builder()
                          .zone(z.toString())
                          .addSecondaryNameServer("ns1.secondary.example.net")
                          .addAclEntry("127.0.0.0/8")
                          .build());
                })
            .clock(clock)
            .versionListener(
                new VersionListener() {
                  @Override
                  public void servable(ServedVersion version) {
                    events.add(version.zone() + " " + version.serial().value());
                  }
                })
            .build()) {
      responder.start();
      assertTrue(Resources.await(() -> events.size() == 2, 20, TimeUnit.SECONDS));

      holdNextLookup.set(true);
      ZoneHistory a2 = a1.withVersion(TestZones.small(ZONE.toString(), 2));
      listener.get().changed(a2);
      assertTrue(inLookup.await(20, TimeUnit.SECONDS), "version 2's report waits in the lookup");
      listener.get().changed(a2.withVersion(TestZones.small(ZONE.toString(), 3)));
      listener.get().changed(b1.withVersion(TestZones.small(other.toString(), 2)));
      assertTrue(
          Resources.await(() -> events.contains("other.example. 2"), 20, TimeUnit.SECONDS),
          "another zone's report runs on the free thread");
      assertEquals(
          List.of("served.example. 1"),
          served(events),
          "nothing more of served.example. while its version 2 waits");

      release.countDown();
      assertTrue(Resources.await(() -> events.size() == 5, 20, TimeUnit.SECONDS));
      assertEquals(
          List.of("served.example. 1", "served.example. 2", "served.example. 3"), served(events));
      assertEquals(3, responder.servedVersion(ZONE).orElseThrow().serial().value());
    }
  }

  private static List<String> served(List<String> events) {
    return events.stream().filter(e -> e.startsWith("served.example. ")).toList();
  }

  private static void awaitLatch(CountDownLatch latch) {
    try {
      if (!latch.await(20, TimeUnit.SECONDS)) {
        throw new IllegalStateException("never released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
