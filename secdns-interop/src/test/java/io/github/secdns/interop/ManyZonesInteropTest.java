package io.github.secdns.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.secdns.axfr.AxfrResponder;
import io.github.secdns.axfr.PublishedZones;
import io.github.secdns.axfr.StartupNotify;
import io.github.secdns.axfr.TransferFailure;
import io.github.secdns.axfr.TransferListener;
import io.github.secdns.axfr.TransferRefusal;
import io.github.secdns.axfr.TransferStats;
import io.github.secdns.axfr.notify.NotifyOutcome;
import io.github.secdns.axfr.notify.NotifySender;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.config.TransferAuthentication;
import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.testsupport.Addresses;
import io.github.secdns.testsupport.servers.ServerProcess;
import io.github.secdns.testsupport.servers.Waits;
import io.github.secdns.testsupport.servers.ZoneNames;
import io.github.secdns.testsupport.zones.GeneratedZone;
import io.github.secdns.testsupport.zones.ZoneGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xbill.DNS.Name;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * A DNS host's shape against real secondaries: one embedded responder serves {@value
 * #DEFAULT_ZONES} small zones (or {@code -Dsecdns.interop.manyZones=N}), each with its own
 * Secondary DNS configuration (transfer ACL the loopback, the secondary its NOTIFY target), with
 * the startup NOTIFY fan-out on; a real BIND, Knot or NSD configured as secondary of every one of
 * them ({@link io.github.secdns.testsupport.servers.ServerConfig#secondary(java.nio.file.Path,
 * List, java.net.InetAddress, int, InetSocketAddress, java.net.InetAddress)}: the shared settings
 * once, the limits its operator raises for many zones raised) must end holding exactly what is
 * served:
 *
 * <ol>
 *   <li>every zone at the responder's serial (an SOA query over UDP per zone), every zone's startup
 *       NOTIFY acknowledged, and a random sample of zones read back by AXFR equal to what is
 *       served;
 *   <li>a new version of {@value #CHANGED} random zones (one record changed in each) reaches the
 *       secondary by the responder's NOTIFY and an IXFR, seen on both sides: the responder served
 *       each an incremental answer, and the secondary's log (BIND, Knot) or its own IXFR answer
 *       (NSD) says it received one; each reads back equal, and every zone still serves its serial.
 * </ol>
 *
 * <p>The random choices come from a seed printed at the start ({@code
 * -Dsecdns.interop.manyZones.seed=S} repeats them). Every wait polls with a deadline that grows
 * with the number of zones; nothing asserts a duration (the phases' times are printed). The
 * responder keeps its default limits, as a host would start it; what it refused or failed is
 * printed and must be nothing.
 */
@InteropTest
class ManyZonesInteropTest {

  static final int DEFAULT_ZONES = 1_000;
  static final int ZONES = Integer.getInteger("secdns.interop.manyZones", DEFAULT_ZONES);

  /** Zones read back whole after the first pull. */
  static final int SAMPLE = 25;

  /** Zones changed after the first pull. */
  static final int CHANGED = 20;

  static final long FIRST_SERIAL = 2026120901L;

  /**
   * The startup fan-out's pace, NOTIFYs per second to the one target. BIND's {@code
   * startup-notify-rate} (the sender's default, 20) spreads a restart's NOTIFYs to secondaries of
   * 100,000 zones over hours; at 20 this test would wait 50 s for 1,000 zones (over 4 minutes for
   * 5,000) before it could tell that none was lost. At 150 the fan-out takes under 7 s for 1,000
   * zones (33 s for 5,000), about as long as the secondary's own first pull of them, and it stays
   * below NSD's response rate limit (Debian's build: 200 answers a second per /24), which its
   * NOTIFY answers to one primary count against as one bucket: at 500 a second NSD dropped so many
   * answers that some NOTIFYs were acknowledged only at their fifth and last try (see NsdConfig in
   * secdns-testsupport). The one target is a secondary on loopback whose SOA query rate is raised
   * for many zones (BIND).
   */
  static final double STARTUP_NOTIFY_RATE = 150;

  /** Every wait: a minute, plus 20 ms per zone (a minute and 20 s for 1,000 zones). */
  static final Duration CONVERGE = Duration.ofSeconds(60).plusMillis(20L * ZONES);

  private final StartedServers started = new StartedServers();
  private final Set<String> threadsBefore = ThreadCheck.secdnsThreads();

  static Name zone(int i) {
    return ZoneNames.absolute("z" + i + ".hosted.test");
  }

  @AfterEach
  void stopAll() throws Exception {
    started.close();
    assertEquals(Set.of(), ThreadCheck.leftSince(threadsBefore), "threads left");
  }

  @ParameterizedTest
  @EnumSource(SecondaryKind.class)
  void aSecondaryOfEveryZoneHoldsThemAllAndFollowsChangesByIxfr(SecondaryKind kind) {
    long seed =
        Long.getLong("secdns.interop.manyZones.seed", ThreadLocalRandom.current().nextLong());
    System.out.println(
        kind
            + ": "
            + ZONES
            + " zones, random choices from seed "
            + seed
            + " (-Dsecdns.interop.manyZones.seed="
            + seed
            + " repeats them)");
    Random random = new Random(seed);
    List<ZoneSnapshot> first = new ArrayList<>(ZONES);
    for (int i = 0; i < ZONES; i++) {
      first.add(InteropZones.snapshot(ZoneGenerator.small(zone(i), i, FIRST_SERIAL)));
    }
    List<Name> names = first.stream().map(ZoneSnapshot::origin).toList();
    SecondarySettings planned = SecondarySettings.planned(kind, Addresses.LOOPBACK_1, names.get(0));

    long start = System.nanoTime();
    HostPrimary primary = started.closing(HostPrimary.start(first, planned.endpoint()));
    Secondary secondary =
        started.closing(Secondary.startMany(kind, planned.withPrimary(primary.endpoint()), names));
    long secondaryUp = System.nanoTime();

    // 1. Every zone at its serial, every startup NOTIFY acknowledged, a sample equal.
    awaitServing(secondary, serials(first), "after its first pull");
    long pulled = System.nanoTime();
    primary.awaitStartupNotifiesAcknowledged(names, FIRST_SERIAL);
    long notified = System.nanoTime();
    for (int i : distinct(random, SAMPLE)) {
      secondary.awaitSerial(names.get(i), FIRST_SERIAL, CONVERGE);
      secondary.assertHolds(first.get(i), true, "after the first pull of " + ZONES + " zones");
    }

    // 2. A new version of some zones, one record changed in each.
    List<ZoneSnapshot> changed = new ArrayList<>();
    for (int i : distinct(random, CHANGED)) {
      ZoneSnapshot v1 = first.get(i);
      changed.add(
          InteropZones.snapshot(
              ZoneGenerator.withOneChange(new GeneratedZone(v1.soa(), v1.records()), 0)));
    }
    long publishing = System.nanoTime();
    primary.publish(changed);
    awaitServing(secondary, serials(changed), "after the change of " + CHANGED + " zones");
    long followed = System.nanoTime();
    for (ZoneSnapshot v2 : changed) {
      secondary.awaitSerial(v2.origin(), FIRST_SERIAL + 1, CONVERGE);
      secondary.assertHolds(v2, true, "after a one-record change of " + v2.origin());
    }
    List<Name> changedNames = changed.stream().map(ZoneSnapshot::origin).toList();
    primary.assertServedIncrementally(changedNames, FIRST_SERIAL + 1, planned.sourceAddress());
    secondary.assertEachArrivedIncrementally(
        changedNames, FIRST_SERIAL, FIRST_SERIAL + 1, CONVERGE);

    // Every zone at its serial: the changed ones at the new, the others still at the first.
    Map<Name, Long> current = serials(first);
    current.putAll(serials(changed));
    awaitServing(secondary, current, "at the end");

    System.out.printf(
        "%s, %d zones: secondary up %.1f s after the responder, every zone pulled %.1f s after"
            + " that, every startup NOTIFY acknowledged %.1f s later; %d changed zones followed"
            + " %.1f s after publishing; %s%n",
        kind,
        ZONES,
        seconds(secondaryUp - start),
        seconds(pulled - secondaryUp),
        seconds(notified - pulled),
        CHANGED,
        seconds(followed - publishing),
        primary.summary());
    primary.assertNothingRefusedOrFailed();
  }

  /** Polls the secondary (an SOA query over UDP per zone not yet there) until all are there. */
  private static void awaitServing(Secondary secondary, Map<Name, Long> want, String when) {
    Map<Name, Long> pending = new LinkedHashMap<>(want);
    Map<Name, Long> lastSeen = new LinkedHashMap<>();
    SimpleResolver resolver = secondary.process().resolver();
    Waits.until(
        secondary.kind() + " serving " + want.size() + " zones at their serials " + when,
        CONVERGE,
        () -> {
          pending
              .entrySet()
              .removeIf(
                  e -> {
                    long served = ServerProcess.servedSerial(resolver, e.getKey());
                    lastSeen.put(e.getKey(), served);
                    return served == e.getValue();
                  });
          return pending.size();
        },
        left -> left == 0,
        left ->
            left
                + " zones not there, such as "
                + pending.keySet().stream()
                    .limit(5)
                    .map(z -> z + " (serving " + lastSeen.get(z) + ")")
                    .collect(Collectors.joining(", "))
                + "\n"
                + secondary.diagnostics());
  }

  private static Map<Name, Long> serials(Collection<ZoneSnapshot> zones) {
    Map<Name, Long> serials = new LinkedHashMap<>();
    zones.forEach(z -> serials.put(z.origin(), z.soa().getSerial()));
    return serials;
  }

  /** {@code count} distinct zone indexes, drawn from {@code random}. */
  private static List<Integer> distinct(Random random, int count) {
    return IntStream.generate(() -> random.nextInt(ZONES))
        .distinct()
        .limit(Math.min(count, ZONES))
        .boxed()
        .toList();
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  /**
   * The embedded responder as a DNS host wires it for many zones: every zone published through one
   * {@link PublishedZones}, each with its own configuration (ACL 127.0.0.0/8, the secondary as its
   * NOTIFY target), one NOTIFY sender for the process with the startup fan-out at {@link
   * #STARTUP_NOTIFY_RATE}, the responder's default limits. Records every transfer, refusal, failure
   * and NOTIFY outcome.
   */
  private static final class HostPrimary implements AutoCloseable {

    private final PublishedZones zones = new PublishedZones();
    private final Map<Name, SecondaryDnsConfiguration> configurations;
    private final Queue<NotifyOutcome> outcomes = new ConcurrentLinkedQueue<>();
    private final Queue<TransferStats> completed = new ConcurrentLinkedQueue<>();
    private final Queue<TransferRefusal> refused = new ConcurrentLinkedQueue<>();
    private final Queue<TransferFailure> failed = new ConcurrentLinkedQueue<>();
    private final NotifySender notifier;
    private final AxfrResponder responder;

    private HostPrimary(List<ZoneSnapshot> initial, InetSocketAddress secondary) {
      Map<Name, SecondaryDnsConfiguration> byZone = new HashMap<>();
      for (ZoneSnapshot z : initial) {
        byZone.put(
            z.origin(),
            SecondaryDnsConfiguration.builder()
                .zone(z.origin().toString())
                .addSecondaryNameServer("ns1.secondary-provider.example")
                .transferAcl(List.of("127.0.0.0/8"))
                .transferAuthentication(TransferAuthentication.ADDRESS)
                .addNotifyTarget(secondary.getAddress().getHostAddress(), secondary.getPort(), null)
                .build());
        zones.publish(z);
      }
      this.configurations = Map.copyOf(byZone);
      notifier =
          ResponderPrimary.started(
              NotifySender.builder()
                  .localAddress(new InetSocketAddress(Addresses.LOOPBACK_1, 0))
                  .backgroundSendsPerSecond(STARTUP_NOTIFY_RATE)
                  .listener(outcomes::add));
      responder =
          AxfrResponder.builder()
              .listen(new InetSocketAddress(Addresses.LOOPBACK_1, 0))
              .zoneSource(zones)
              .configurations(zone -> Optional.ofNullable(configurations.get(zone)))
              .notifySender(notifier)
              .startupNotify(StartupNotify.all())
              .listener(new Recorder())
              .build();
    }

    /** Starts it on 127.0.0.1 (an ephemeral port), serving every zone of {@code initial}. */
    static HostPrimary start(List<ZoneSnapshot> initial, InetSocketAddress secondary) {
      HostPrimary primary = new HostPrimary(initial, secondary);
      try {
        primary.responder.start();
      } catch (IOException e) {
        primary.close();
        throw new UncheckedIOException("the responder did not start", e);
      }
      return primary;
    }

    InetSocketAddress endpoint() {
      return responder.boundAddresses().get(0);
    }

    /** Waits until the target acknowledged a NOTIFY of {@code serial} for each of the zones. */
    void awaitStartupNotifiesAcknowledged(List<Name> zones, long serial) {
      awaitAcknowledged(zones, serial, "the startup NOTIFY");
    }

    /**
     * Publishes the versions; waits until each is servable (its IXFR history holds it) and its
     * change NOTIFY was acknowledged.
     */
    void publish(List<ZoneSnapshot> versions) {
      versions.forEach(zones::publish);
      for (ZoneSnapshot v : versions) {
        try {
          responder.whenReady(v).get(CONVERGE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
          throw new AssertionError(v.origin() + " serial " + v.serial() + " not taken up", e);
        }
      }
      for (ZoneSnapshot v : versions) {
        awaitAcknowledged(List.of(v.origin()), v.soa().getSerial(), "the change NOTIFY");
      }
    }

    private void awaitAcknowledged(List<Name> zones, long serial, String what) {
      Set<Name> want = Set.copyOf(zones);
      Waits.until(
          what + " of " + zones.size() + " zones acknowledged",
          CONVERGE,
          () ->
              outcomes.stream()
                  .filter(o -> o instanceof NotifyOutcome.Acknowledged)
                  .filter(o -> o.serial().value() == serial && want.contains(o.zone()))
                  .map(NotifyOutcome::zone)
                  .distinct()
                  .count(),
          acknowledged -> acknowledged == want.size(),
          acknowledged ->
              acknowledged
                  + " acknowledged; background NOTIFYs still queued: "
                  + notifier.backlog()
                  + "; "
                  + summary());
    }

    /**
     * Asserts that the responder served each zone's {@code serial} to {@code client} by IXFR with
     * an incremental answer (fewer records than the zone: the full zone AXFR-style would hold all
     * of them and the SOA twice).
     */
    void assertServedIncrementally(List<Name> zones, long serial, InetAddress client) {
      for (Name zone : zones) {
        List<TransferStats> toIt =
            completed.stream()
                .filter(s -> s.request().zone().equals(zone))
                .filter(s -> s.request().client().getAddress().equals(client))
                .filter(s -> s.serial().value() == serial)
                .toList();
        boolean incremental =
            toIt.stream()
                .anyMatch(
                    s ->
                        s.request().qtype() == Type.IXFR
                            && s.records() < ZoneGenerator.SMALL_RECORDS);
        if (!incremental) {
          throw new AssertionError(
              zone
                  + " serial "
                  + serial
                  + " was not served to "
                  + client
                  + " as an incremental IXFR: "
                  + toIt);
        }
      }
    }

    /**
     * Asserts that the responder refused no request and no transfer failed. A failure says how
     * many, why, and how they were spread over the client's connections (a secondary that pipelines
     * its requests sends many on one connection), with the first few.
     */
    void assertNothingRefusedOrFailed() {
      if (!refused.isEmpty()) {
        Map<String, Long> byConnection =
            refused.stream()
                .collect(
                    Collectors.groupingBy(
                        r -> r.transport() + " " + r.client(),
                        TreeMap::new,
                        Collectors.counting()));
        throw new AssertionError(
            refused.size()
                + " requests refused, over "
                + byConnection.size()
                + " client connections, at most "
                + byConnection.values().stream().mapToLong(Long::longValue).max().orElse(0)
                + " on one; "
                + summary()
                + "; the first: "
                + refused.stream().limit(5).map(String::valueOf).collect(Collectors.joining(", "))
                + "\n(a known cause: the responder takes a transfer slot for each pipelined request"
                + " it reads on a connection, up to 16 before it writes any, so a secondary"
                + " pipelining more than maxConcurrentTransfers (10) requests on one connection, as"
                + " NSD does with more than 1,280 zones, is refused some; see"
                + " docs/architecture/interop.md, many zones)");
      }
      if (!failed.isEmpty()) {
        throw new AssertionError(
            failed.size()
                + " transfers failed; the first: "
                + failed.stream().limit(5).map(String::valueOf).collect(Collectors.joining(", ")));
      }
    }

    /** What the responder did: transfers by type, refusals by reason, NOTIFY outcomes by kind. */
    String summary() {
      Map<String, Long> transfers =
          completed.stream()
              .collect(
                  Collectors.groupingBy(
                      s ->
                          s.request().qtypeName()
                              + (s.records() < ZoneGenerator.SMALL_RECORDS ? " (incremental)" : ""),
                      TreeMap::new,
                      Collectors.counting()));
      Map<String, Long> refusals =
          refused.stream()
              .collect(
                  Collectors.groupingBy(
                      r -> r.rcodeName() + " " + r.reason(), TreeMap::new, Collectors.counting()));
      // By kind and by the try that ended it: a NOTIFY answered only at a later try was lost
      // (or its answer was) before.
      Map<String, Long> notifies =
          outcomes.stream()
              .collect(
                  Collectors.groupingBy(
                      o -> o.getClass().getSimpleName() + " at try " + o.attempts(),
                      TreeMap::new,
                      Collectors.counting()));
      return "responder: transfers "
          + transfers
          + ", refused "
          + refusals
          + ", failed "
          + failed.size()
          + ", NOTIFY outcomes "
          + notifies;
    }

    @Override
    public void close() {
      responder.close();
      notifier.close();
    }

    private final class Recorder implements TransferListener {
      @Override
      public void completed(TransferStats stats) {
        completed.add(stats);
      }

      @Override
      public void refused(TransferRefusal refusal) {
        refused.add(refusal);
      }

      @Override
      public void failed(TransferFailure failure) {
        failed.add(failure);
      }
    }
  }
}
