package io.github.secdns.axfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.axfr.notify.NotifyAcknowledgements;
import io.github.secdns.axfr.notify.NotifyAnnouncer;
import io.github.secdns.axfr.notify.NotifySender;
import io.github.secdns.core.config.NotifyTarget;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.serial.SerialNumber;
import io.github.secdns.core.zone.HistoryEntry;
import io.github.secdns.core.zone.ZoneJournal;
import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.testsupport.Addresses;
import io.github.secdns.testsupport.NotifySink;
import io.github.secdns.testsupport.zones.TestRecords;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.ZoneTransferIn;

/**
 * Who sends NOTIFY and when: the responder, once the IXFR history holds the new version (not after
 * the full rendering), through one sender shared by every responder, and only on the node that has
 * the duty.
 */
class NotifyDutyTest {

  private static final Name ZONE = TestRecords.name("duty.example.");

  private static SecondaryDnsConfiguration configuration(Name zone, NotifySink... targets)
      throws Exception {
    SecondaryDnsConfiguration.Builder b =
        SecondaryDnsConfiguration.builder()
            .zone(zone.toString())
            .addSecondaryNameServer("ns1.secondary.example.net")
            .addAclEntry("127.0.0.0/8");
    for (NotifySink t : targets) {
      b.addNotifyTarget("127.0.0.2", t.port(), null);
    }
    return b.build();
  }

  private static NotifySender sender() throws Exception {
    return NotifySender.builder()
        .localAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
        .initialTimeout(Duration.ofSeconds(2))
        .build();
  }

  /**
   * A store of acknowledgements that keeps no rows (every target lacks every serial) and hands each
   * acknowledgement written to it to {@code written}.
   */
  private static NotifyAcknowledgements forgetful(
      java.util.function.BiConsumer<Name, SerialNumber> written) {
    return new NotifyAcknowledgements() {
      @Override
      public Optional<SerialNumber> acknowledged(Name zone, NotifyTarget target) {
        return Optional.empty();
      }

      @Override
      public void acknowledge(Name zone, NotifyTarget target, SerialNumber serial) {
        written.accept(zone, serial);
      }
    };
  }

  /** Small zones at serial 1, published. */
  private static PublishedZones serialOne(Name... names) {
    PublishedZones zones = new PublishedZones();
    for (Name n : names) {
      zones.publish(TestZones.small(n.toString(), 1));
    }
    return zones;
  }

  /** Each zone's configuration, notifying the sink. */
  private static java.util.Map<Name, SecondaryDnsConfiguration> configurations(
      NotifySink sink, Name... names) throws Exception {
    java.util.Map<Name, SecondaryDnsConfiguration> out = new java.util.HashMap<>();
    for (Name n : names) {
      out.put(n, configuration(n, sink));
    }
    return out;
  }

  /** Queues a background NOTIFY of a probe zone's serial behind whatever its target has queued. */
  private static void probe(NotifySender sender, NotifyTarget target, Name probe, long serial) {
    sender.notifyInBackground(
        probe,
        target,
        (zone, t) ->
            Optional.of(
                new NotifyAnnouncer.Announcement(
                    TestRecords.soa(probe.toString(), serial), Optional.empty())));
  }

  /** A sender whose background NOTIFYs leave at once (10,000 per second). */
  private static NotifySender fastBackgroundSender() throws Exception {
    return NotifySender.builder()
        .localAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
        .backgroundSendsPerSecond(10_000)
        .build();
  }

  private static AxfrResponder.Builder responder(
      PublishedZones zones, SecondaryDnsConfiguration configuration, NotifySender sender) {
    return responder(zones, java.util.Map.of(configuration.zone(), configuration), sender);
  }

  /** A responder on loopback for these zones and configurations, no startup NOTIFY. */
  private static AxfrResponder.Builder responder(
      PublishedZones zones,
      java.util.Map<Name, SecondaryDnsConfiguration> configurations,
      NotifySender sender) {
    return AxfrResponder.builder()
        .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
        .zoneSource(zones)
        .configurations(z -> Optional.ofNullable(configurations.get(z)))
        .notifySender(sender)
        .startupNotify(StartupNotify.off());
  }

  /** The version before with one A record changed; the other records are the same objects. */
  private static ZoneSnapshot oneRecordChanged(ZoneSnapshot before, long serial) {
    List<Record> records = new ArrayList<>(before.records());
    Record first = records.get(1);
    records.set(1, new ARecord(first.getName(), DClass.IN, first.getTTL(), TestZones.v4(0xFFFFFF)));
    return ZoneSnapshot.of(TestRecords.soa(ZONE.toString(), serial), records);
  }

  @Test
  void aOneRecordChangeIsNotifiedOnceItsHistoryIsReadyWhileTheFullTransferRenders()
      throws Exception {
    ZoneSnapshot v1 = TestZones.large(ZONE.toString(), 1, 20_000);
    ZoneSnapshot v2 = oneRecordChanged(v1, 2);
    CountDownLatch renderingV2 = new CountDownLatch(1);
    CountDownLatch finishRendering = new CountDownLatch(1);
    PublishedZones zones = new PublishedZones();
    zones.publish(v1);
    try (NotifySink secondary = new NotifySink(Addresses.LOOPBACK_2, true).watch(ZONE);
        NotifySender sender = sender();
        AxfrResponder responder =
            responder(zones, configuration(ZONE, secondary), sender)
                .beforeRender(
                    snapshot -> {
                      if (snapshot.serial().value() == 2) {
                        renderingV2.countDown();
                        try {
                          finishRendering.await(60, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                        }
                      }
                    })
                .build()) {
      responder.start();
      InetSocketAddress address = responder.boundAddresses().get(0);
      try {
        // A secondary transfers version 1, so version 2 is worth rendering ahead.
        ZoneTransferIn axfr = ZoneTransferIn.newAXFR(ZONE, address, null);
        axfr.run();

        zones.publish(v2);

        // The full rendering of version 2 started and is held; the NOTIFY goes out meanwhile.
        assertTrue(renderingV2.await(20, TimeUnit.SECONDS), "version 2 is rendered ahead");
        NotifySink.Seen notify = secondary.next(Duration.ofSeconds(20)).orElseThrow();
        assertEquals(2, notify.serial());
        assertEquals(1, finishRendering.getCount(), "the rendering is still held");
        // The secondary that reacts at once gets the change incrementally.
        ZoneTransferIn ixfr = ZoneTransferIn.newIXFR(ZONE, 1, false, address, null);
        ixfr.setTimeout(Duration.ofSeconds(10));
        ixfr.run();
        assertTrue(ixfr.isIXFR());
        assertEquals(2, ixfr.getIXFR().get(0).adds.size()); // the new SOA and the changed A
      } finally {
        finishRendering.countDown();
      }
      ZoneTransferIn full = ZoneTransferIn.newAXFR(ZONE, address, null);
      full.setTimeout(Duration.ofSeconds(20));
      full.run();
      assertEquals(v2.soa(), full.getAXFR().get(0));
    }
  }

  @Test
  void oneSenderIsSharedByRespondersAndOutlivesThem() throws Exception {
    Name other = TestRecords.name("other.example.");
    PublishedZones first = new PublishedZones();
    PublishedZones second = new PublishedZones();
    try (NotifySink secondary = new NotifySink(Addresses.LOOPBACK_2, true).watchAll();
        NotifySender shared = sender()) {
      AxfrResponder a = responder(first, configuration(ZONE, secondary), shared).build();
      try (AxfrResponder b = responder(second, configuration(other, secondary), shared).build()) {
        a.start();
        b.start();
        first.publish(TestZones.small(ZONE.toString(), 1));
        second.publish(TestZones.small(other.toString(), 1));
        List<Name> heard =
            List.of(
                secondary.next(Duration.ofSeconds(20)).orElseThrow().zone(),
                secondary.next(Duration.ofSeconds(20)).orElseThrow().zone());
        assertTrue(heard.contains(ZONE) && heard.contains(other), heard.toString());

        a.close(); // the sender is the host's: closing one responder leaves it to the other
        second.publish(TestZones.small(other.toString(), 2));
        NotifySink.Seen after =
            secondary
                .next(Duration.ofSeconds(20))
                .orElseThrow(
                    () ->
                        new AssertionError(
                            "no NOTIFY of serial 2 after one responder closed; sender: " + shared));
        assertEquals(other, after.zone());
        assertEquals(2, after.serial());
      } finally {
        a.close();
      }
    }
  }

  @Test
  void aNodeThatTakesTheDutyOverCatchesUpWithEveryZone() throws Exception {
    AtomicBoolean leader = new AtomicBoolean(false);
    PublishedZones zones = new PublishedZones();
    List<Name> names = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      names.add(TestRecords.name("t" + i + ".example."));
      zones.publish(TestZones.small(names.get(i).toString(), 5));
    }
    try (NotifySink secondary = new NotifySink(Addresses.LOOPBACK_2, true).watchAll();
        NotifySender sender = fastBackgroundSender()) {
      java.util.Map<Name, SecondaryDnsConfiguration> configurations = new java.util.HashMap<>();
      for (Name n : names) {
        configurations.put(n, configuration(n, secondary));
      }
      try (AxfrResponder responder =
          responder(zones, configurations, sender)
              .startupNotify(StartupNotify.all())
              .notifyLeadership(zone -> leader.get())
              .build()) {
        responder.start();
        // The startup fan-out is queued, and each entry is declined at its turn: not the leader.
        assertTrue(
            Resources.await(
                () ->
                    names.stream().allMatch(n -> responder.servedVersion(n).isPresent())
                        && sender.backlog() == 0,
                20,
                TimeUnit.SECONDS));
        assertEquals(0, secondary.received());

        leader.set(true);
        responder.queueNotifiesForAllZones();

        java.util.Set<Name> notified = new java.util.HashSet<>();
        while (notified.size() < names.size()) {
          notified.add(
              secondary
                  .next(Duration.ofSeconds(20))
                  .orElseThrow()
                  .zone()); // a late retry counts once
        }
        assertEquals(new java.util.HashSet<>(names), notified);
      }
    }
  }

  @Test
  void onlyTheNodeWithTheDutyNotifiesAndTheDutyIsAskedAtSendTime() throws Exception {
    AtomicBoolean leader = new AtomicBoolean(false);
    PublishedZones zones = new PublishedZones();
    List<ServedVersion> servable = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (NotifySink secondary = new NotifySink(Addresses.LOOPBACK_2, true).watch(ZONE);
        NotifySender sender = sender();
        AxfrResponder responder =
            responder(zones, configuration(ZONE, secondary), sender)
                .notifyLeadership(zone -> leader.get())
                .versionListener(
                    new VersionListener() {
                      @Override
                      public void servable(ServedVersion version) {
                        servable.add(version);
                      }
                    })
                .build()) {
      responder.start();
      zones.publish(TestZones.small(ZONE.toString(), 1));
      // Servable on every node; not notified by this one.
      assertTrue(Resources.await(() -> servable.size() == 1, 20, TimeUnit.SECONDS));

      leader.set(true); // the duty moved to this node
      zones.publish(TestZones.small(ZONE.toString(), 2));

      NotifySink.Seen notify = secondary.next(Duration.ofSeconds(20)).orElseThrow();
      assertEquals(2, notify.serial(), "serial 1 was never notified by this node");
      assertEquals(0, notify.receivedBefore());
      assertFalse(secondary.next(Duration.ZERO).isPresent());
    }
  }

  @Test
  void aCatchUpNeverAnnouncesAVersionBeforeItIsServableAndItIsNotifiedOnceWhenItIs()
      throws Exception {
    Name marker = TestRecords.name("marker.example.");
    Name probe = TestRecords.name("probe.example.");
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    // The history of ZONE's serial 2 waits in the journal: version 2 is served for AXFR but not
    // servable (a secondary asking for IXFR at once could not get it).
    ZoneJournal journal =
        new ZoneJournal() {
          @Override
          public List<HistoryEntry> load(Name zone) {
            return List.of();
          }

          @Override
          public void append(Name zone, HistoryEntry entry) {
            if (zone.equals(ZONE) && entry.delta().toSerial().value() == 2) {
              held.countDown();
              try {
                release.await(60, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
          }

          @Override
          public void keepNewest(Name zone, int count) {}
        };
    PublishedZones zones = serialOne(ZONE, marker);
    try (NotifySink secondary = new NotifySink(Addresses.LOOPBACK_2, true).watchAll();
        NotifySender sender = fastBackgroundSender()) {
      java.util.Map<Name, SecondaryDnsConfiguration> configurations =
          configurations(secondary, ZONE, marker);
      try (AxfrResponder responder =
          responder(zones, configurations, sender).journal(journal).build()) {
        try {
          responder.start();
          assertTrue(
              Resources.await(
                  () ->
                      responder.servedVersion(ZONE).isPresent()
                          && responder.servedVersion(marker).isPresent(),
                  20,
                  TimeUnit.SECONDS));
          zones.publish(TestZones.small(ZONE.toString(), 2));
          assertTrue(held.await(20, TimeUnit.SECONDS), "serial 2's history is held");

          // A node taking the duty over catches up with every zone while serial 2 is held.
          responder.queueNotifiesForAllZones();
          List<NotifySink.Seen> seen = new ArrayList<>();
          seen.add(secondary.await(marker, 1, Duration.ofSeconds(20)).orElseThrow());
          assertTrue(Resources.await(() -> sender.backlog() == 0, 20, TimeUnit.SECONDS));
          // Queued after the catch-up's entries were taken: whatever they sent arrived before it.
          NotifyTarget target =
              new NotifyTarget(Addresses.LOOPBACK_2, secondary.port(), Optional.empty());
          probe(sender, target, probe, 1);
          seen.addAll(secondary.until(probe, Duration.ofSeconds(20)));
          assertTrue(
              seen.stream().noneMatch(n -> n.zone().equals(ZONE)),
              "a version was announced before it was servable: " + seen);

          // Servable: notified once, as any new serial.
          release.countDown();
          NotifySink.Seen notify = secondary.await(ZONE, 2, Duration.ofSeconds(20)).orElseThrow();
          assertEquals(2, notify.serial());
          probe(sender, target, probe, 2);
          assertTrue(
              secondary.until(probe, Duration.ofSeconds(20)).stream()
                  .noneMatch(n -> n.zone().equals(ZONE)),
              "serial 2 was notified once");
        } finally {
          release.countDown();
        }
      }
    }
  }

  @Test
  void aCatchUpDoesNotRepeatWhatATargetAcknowledgedFromTheStartupFanOut() throws Exception {
    Name other = TestRecords.name("other.example.");
    Name probe = TestRecords.name("probe.example.");
    CountDownLatch recorded = new CountDownLatch(1);
    // A store that keeps no rows: only what this node remembers can stop a repeat.
    NotifyAcknowledgements forgetful =
        forgetful(
            (zone, serial) -> {
              if (zone.equals(ZONE)) {
                recorded.countDown();
              }
            });
    AtomicBoolean otherLeads = new AtomicBoolean(false);
    PublishedZones zones = serialOne(ZONE, other);
    try (NotifySink secondary = new NotifySink(Addresses.LOOPBACK_2, true).watchAll();
        NotifySender sender = fastBackgroundSender()) {
      java.util.Map<Name, SecondaryDnsConfiguration> configurations =
          configurations(secondary, ZONE, other);
      try (AxfrResponder responder =
          responder(zones, configurations, sender)
              .startupNotify(StartupNotify.unacknowledged(forgetful))
              .notifyLeadership(zone -> zone.equals(ZONE) || otherLeads.get())
              .build()) {
        responder.start();
        // The startup fan-out: ZONE's serial 1 is sent and acknowledged (the acknowledgement is
        // handed to the store after this node remembered it); OTHER's is declined.
        NotifySink.Seen first = secondary.await(ZONE, 1, Duration.ofSeconds(20)).orElseThrow();
        assertTrue(recorded.await(20, TimeUnit.SECONDS), "the acknowledgement was recorded");
        assertTrue(Resources.await(() -> sender.backlog() == 0, 20, TimeUnit.SECONDS));

        // The catch-up of a node taking the duty over queues both zones again.
        otherLeads.set(true);
        responder.queueNotifiesForAllZones();
        List<NotifySink.Seen> seen =
            new ArrayList<>(secondary.until(other, Duration.ofSeconds(20)));
        assertTrue(Resources.await(() -> sender.backlog() == 0, 20, TimeUnit.SECONDS));
        probe(
            sender,
            new NotifyTarget(Addresses.LOOPBACK_2, secondary.port(), Optional.empty()),
            probe,
            1);
        seen.addAll(secondary.until(probe, Duration.ofSeconds(20)));
        assertTrue(
            seen.stream().noneMatch(n -> n.zone().equals(ZONE)),
            "serial 1 was sent again after " + first + ": " + seen);
      }
    }
  }

  /**
   * A node that stops right after a target acknowledged a change has handed the acknowledgement to
   * the store by the time it is closed, so that the node taking the NOTIFY duty over repeats
   * nothing. The write was queued on the zone threads and close() dropped it when they were busy
   * (here: both held by a host's version listener): {@code secdns host serve}'s takeover then sent
   * that serial again.
   */
  @Test
  void closeHandsTheQueuedAcknowledgementsToTheStore() throws Exception {
    Name other = TestRecords.name("other.example.");
    List<String> recorded = new java.util.concurrent.CopyOnWriteArrayList<>();
    NotifyAcknowledgements store = forgetful((zone, serial) -> recorded.add(zone + " " + serial));
    CountDownLatch held = new CountDownLatch(2);
    CountDownLatch never = new CountDownLatch(1);
    VersionListener holding =
        new VersionListener() {
          @Override
          public void servable(ServedVersion version) {
            if (version.serial().value() == 2) {
              held.countDown(); // a zone thread held, as by a slow host
              try {
                never.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
          }
        };
    java.util.concurrent.BlockingQueue<io.github.secdns.axfr.notify.NotifyOutcome> outcomes =
        new java.util.concurrent.LinkedBlockingQueue<>();
    PublishedZones zones = serialOne(ZONE, other);
    try (NotifySink secondary = new NotifySink(Addresses.LOOPBACK_2, true).watchAll();
        NotifySender sender =
            NotifySender.builder()
                .localAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .initialTimeout(Duration.ofSeconds(2))
                .listener(outcomes::add)
                .build()) {
      AxfrResponder responder =
          responder(zones, configurations(secondary, ZONE, other), sender)
              .startupNotify(StartupNotify.unacknowledged(store))
              .versionListener(holding)
              .build();
      try {
        responder.start();
        zones.publish(TestZones.small(ZONE.toString(), 2));
        zones.publish(TestZones.small(other.toString(), 2));
        assertTrue(held.await(20, TimeUnit.SECONDS), "both zone threads held");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        boolean acknowledged = false;
        while (!acknowledged && System.nanoTime() < deadline) {
          io.github.secdns.axfr.notify.NotifyOutcome o =
              outcomes.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
          acknowledged =
              o instanceof io.github.secdns.axfr.notify.NotifyOutcome.Acknowledged
                  && o.zone().equals(ZONE)
                  && o.serial().value() == 2;
        }
        assertTrue(acknowledged, "the target acknowledged serial 2");
      } finally {
        responder.close();
      }
    }
    // The sender closed too: nothing of it is still running.
    assertTrue(recorded.contains(ZONE + " 2"), "recorded: " + recorded);
  }
}
