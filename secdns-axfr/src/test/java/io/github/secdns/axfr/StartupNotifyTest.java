package io.github.secdns.axfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.axfr.notify.NotifyAcknowledgements;
import io.github.secdns.axfr.notify.NotifySender;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.serial.SerialNumber;
import io.github.secdns.testsupport.Addresses;
import io.github.secdns.testsupport.NotifySink;
import io.github.secdns.testsupport.zones.TestRecords;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

/**
 * What a starting responder does for the zones it already has: renders nothing, and notifies them
 * in the background as the {@link StartupNotify} setting says.
 */
class StartupNotifyTest {

  private static Name zone(int i) {
    return TestRecords.name("z" + i + ".example.");
  }

  /** Zones z0..z(n-1), each with the sink as NOTIFY target, published before the start. */
  private static final class Setup implements AutoCloseable {
    final NotifySink secondary;
    final NotifySender sender;
    final PublishedZones zones = new PublishedZones();
    final Map<Name, SecondaryDnsConfiguration> configurations = new ConcurrentHashMap<>();
    AxfrResponder responder;

    Setup(int n) throws Exception {
      this(n, 5_000);
    }

    Setup(int n, double backgroundRate) throws Exception {
      secondary = new NotifySink(Addresses.LOOPBACK_2, true).watchAll();
      sender =
          NotifySender.builder()
              .localAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
              .initialTimeout(Duration.ofSeconds(2))
              .backgroundSendsPerSecond(backgroundRate)
              .build();
      for (int i = 0; i < n; i++) {
        zones.publish(TestZones.small(zone(i).toString(), 10 + i));
        configurations.put(
            zone(i),
            SecondaryDnsConfiguration.builder()
                .zone(zone(i).toString())
                .addSecondaryNameServer("ns1.secondary.example.net")
                .addAclEntry("127.0.0.0/8")
                .addNotifyTarget("127.0.0.2", secondary.port(), null)
                .build());
      }
    }

    /** The sink as the NOTIFY target the configurations name. */
    io.github.secdns.core.config.NotifyTarget target() {
      return new io.github.secdns.core.config.NotifyTarget(
          secondary.address().getAddress(), secondary.port(), Optional.empty());
    }

    AxfrResponder start(StartupNotify startup) throws Exception {
      responder =
          AxfrResponder.builder()
              .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
              .zoneSource(zones)
              .configurations(z -> Optional.ofNullable(configurations.get(z)))
              .notifySender(sender)
              .startupNotify(startup)
              .build();
      responder.start();
      return responder;
    }

    /**
     * The zones notified, waiting until that many distinct ones arrived (a retry of one whose
     * answer came late may arrive as well, and counts once).
     */
    Set<Name> notified(int count) throws Exception {
      Set<Name> zones = new HashSet<>();
      while (zones.size() < count) {
        zones.add(
            secondary
                .next(Duration.ofSeconds(20))
                .orElseThrow(() -> new AssertionError("NOTIFY missing"))
                .zone());
      }
      return zones;
    }

    @Override
    public void close() throws IOException {
      if (responder != null) {
        responder.close();
      }
      sender.close();
      secondary.close();
    }
  }

  @Test
  void everyZoneIsNotifiedInTheBackgroundAndNothingIsRenderedAtStart() throws Exception {
    int n = 1000;
    try (Setup s = new Setup(n)) {
      AxfrResponder responder = s.start(StartupNotify.all());
      Set<Name> notified = s.notified(n);
      assertEquals(n, notified.size());
      // Every zone was servable and notified, and not one was rendered: renders are on demand.
      assertEquals(0, responder.renders());
      assertEquals(0, s.sender.backlog());
    }
  }

  @Test
  void offSendsNothingAtStartButEveryNewSerial() throws Exception {
    try (Setup s = new Setup(20)) {
      AxfrResponder responder = s.start(StartupNotify.off());
      assertTrue(
          Resources.await(
              () -> responder.servedVersion(zone(19)).isPresent(), 20, TimeUnit.SECONDS));
      s.zones.publish(TestZones.small(zone(3).toString(), 1000));
      NotifySink.Seen change = s.secondary.next(Duration.ofSeconds(20)).orElseThrow();
      assertEquals(zone(3), change.zone());
      assertEquals(1000, change.serial());
      // Had the startup fan-out run (at 5,000 per second, queued before the change), some of its
      // 20 NOTIFYs would have arrived by now.
      assertEquals(0, change.receivedBefore());
      assertEquals(0, s.sender.backlog());
    }
  }

  @Test
  void aClosedResponderLeavesNothingQueuedInASharedSender() throws Exception {
    try (Setup s = new Setup(200, 1)) {
      AxfrResponder responder = s.start(StartupNotify.all());
      assertTrue(Resources.await(() -> s.sender.backlog() > 150, 20, TimeUnit.SECONDS));
      responder.close();
      assertEquals(0, s.sender.backlog());
      // The sender is the host's and still works.
      assertEquals(
          1,
          s.sender
              .notify(TestZones.small("z1.example.", 77).soa(), List.of(s.target()))
              .get(20, TimeUnit.SECONDS)
              .size());
    }
  }

  @Test
  void unacknowledgedNotifiesOnlyWhereTheTargetLacksTheCurrentSerial() throws Exception {
    try (Setup s = new Setup(10)) {
      NotifyAcknowledgements acks = NotifyAcknowledgements.inMemory();
      // z0..z4 were acknowledged at their current serial before the restart; z5 at an old one.
      for (int i = 0; i < 5; i++) {
        acks.acknowledge(zone(i), s.target(), SerialNumber.of(10 + i));
      }
      acks.acknowledge(zone(5), s.target(), SerialNumber.of(1));

      s.start(StartupNotify.unacknowledged(acks));
      io.github.secdns.core.config.NotifyTarget target = s.target();

      Set<Name> notified = s.notified(5);
      assertEquals(
          Set.of(zone(5), zone(6), zone(7), zone(8), zone(9)),
          notified,
          "only the zones the target has not acknowledged");
      // Every acknowledgement that comes back is recorded for the next restart.
      assertTrue(
          Resources.await(
              () -> acks.acknowledged(zone(7), target).equals(Optional.of(SerialNumber.of(17))),
              20,
              TimeUnit.SECONDS));
      s.zones.publish(TestZones.small(zone(0).toString(), 99));
      // The change of z0 arrives; before it, at most late retries of z5..z9.
      NotifySink.Seen change = s.secondary.next(Duration.ofSeconds(20)).orElseThrow();
      while (!change.zone().equals(zone(0))) {
        assertTrue(notified.contains(change.zone()), "unexpected " + change);
        change = s.secondary.next(Duration.ofSeconds(20)).orElseThrow();
      }
      assertEquals(99, change.serial());
      assertTrue(
          Resources.await(
              () -> acks.acknowledged(zone(0), target).equals(Optional.of(SerialNumber.of(99))),
              20,
              TimeUnit.SECONDS));
      // Never a zone whose current serial the target had acknowledged before the start.
      Set<Name> late =
          s.secondary.drain().stream().map(NotifySink.Seen::zone).collect(Collectors.toSet());
      late.removeAll(notified);
      late.remove(zone(0));
      assertEquals(Set.of(), late);
    }
  }
}
