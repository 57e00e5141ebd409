package io.github.secdns.axfr.refresh;

import static io.github.secdns.testsupport.Addresses.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.axfr.PublishedZones;
import io.github.secdns.axfr.notify.FakeSecondary;
import io.github.secdns.axfr.notify.NotifyOutcome;
import io.github.secdns.axfr.notify.NotifySender;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.export.AliasRecord;
import io.github.secdns.core.export.HostZone;
import io.github.secdns.core.export.SerialPolicy;
import io.github.secdns.core.export.TargetResolution;
import io.github.secdns.core.export.ZoneExporter;
import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.testsupport.MutableClock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * The refresher against a fake recursive resolver on 127.0.0.1 and a fake secondary on 127.0.0.2,
 * driven by {@link AliasRefresher#refreshNow} and an injected clock for back-offs; no waiting for
 * real intervals except where the schedule itself is under test (deadline-bounded latches).
 */
class AliasRefresherTest {

  private static final Name ZONE = Name.fromConstantString("example.com.");
  private static final Name TARGET = Name.fromConstantString("lb.cdn.example.net.");
  private static final Name PRIMARY = Name.fromConstantString("ns1.host.example.");
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Duration INITIAL_BACKOFF = Duration.ofMinutes(1);
  private static final Duration MAX_BACKOFF = Duration.ofMinutes(3);

  /** The refresher's own scheduler threads (the resolver's are secdns-refresh-resolver-*). */
  private static final Pattern SCHEDULER_THREAD = Pattern.compile("secdns-refresh-\\d+-\\d+");

  private final RefreshTesting testing = new RefreshTesting();
  private final List<RefreshEvent> events = new CopyOnWriteArrayList<>();
  private final List<ZoneSnapshot> published = new CopyOnWriteArrayList<>();
  private final PublishedZones zones = new PublishedZones();

  /** The serials of the NOTIFYs the secondary received, and whether each was servable then. */
  private final BlockingQueue<Long> notified = new LinkedBlockingQueue<>();

  private final List<Boolean> notifiedAfterPublish = new CopyOnWriteArrayList<>();
  private final List<NotifyOutcome> notifyOutcomes = new CopyOnWriteArrayList<>();
  private final AtomicInteger attempts = new AtomicInteger();
  private final MutableClock backoffClock = new MutableClock(Instant.parse("2026-11-24T12:00:00Z"));

  private FakeRecursiveResolver dns;
  private FakeSecondary secondary;
  private DnsjavaTargetResolver resolver;
  private NotifySender sender;
  private SecondaryDnsConfiguration configuration;

  @BeforeEach
  void start() throws IOException {
    dns = closing(new FakeRecursiveResolver("127.0.0.1"));
    dns.addresses.put(TARGET, List.of(ip("192.0.2.1"), ip("2001:db8::1")));
    secondary =
        closing(
            new FakeSecondary(
                "127.0.0.2",
                (n, bytes, query, self) -> {
                  long serial = RefreshTesting.notifiedSerial(query);
                  notifiedAfterPublish.add(
                      published.stream().anyMatch(s -> s.serial().value() == serial));
                  notified.add(serial);
                  return Optional.of(RefreshTesting.acknowledge(query));
                }));
    resolver =
        closing(
            DnsjavaTargetResolver.builder(
                    List.of(new InetSocketAddress(ip("127.0.0.1"), dns.port())))
                .timeout(Duration.ofMillis(300))
                .build());
    sender =
        closing(
            NotifySender.builder()
                .localAddress(new InetSocketAddress(ip("127.0.0.1"), 0))
                .attempts(3)
                .initialTimeout(Duration.ofSeconds(2))
                .sendsPerSecond(1000)
                .listener(notifyOutcomes::add)
                .build());
    configuration = RefreshTesting.configuration(secondary.target().port());
    // The refresher only publishes; the responder serving the zone sends its NOTIFYs.
    closing(RefreshTesting.responder(zones, configuration, sender));
  }

  /** What the refresher publishes: recorded, then served by the responder. */
  private void publish(ZoneSnapshot snapshot) {
    published.add(snapshot);
    zones.publish(snapshot);
  }

  @AfterEach
  void stop() throws Exception {
    testing.close();
  }

  private <T extends AutoCloseable> T closing(T resource) {
    return testing.closing(resource);
  }

  private static HostZone hostZone() {
    return RefreshTesting.aliasAtTheApex(
            ZONE, PRIMARY, Name.fromConstantString("hostmaster.example.com."), TARGET)
        .record(
            new ARecord(
                Name.fromConstantString("www.example.com."), DClass.IN, 300, ip("192.0.2.80")))
        .build();
  }

  private RefreshedZone zone() {
    return RefreshTesting.registered(
            configuration,
            AliasRefresherTest::hostZone,
            PRIMARY,
            Name.fromConstantString("hostmaster.example.com."))
        .serialPolicy(SerialPolicy.UNIX_TIME)
        .build();
  }

  private AliasRefresher.Builder refresherBuilder() {
    TargetResolver counting =
        target -> {
          attempts.incrementAndGet();
          return resolver.resolve(target);
        };
    Clock exportClock = Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC);
    return AliasRefresher.builder(ZoneExporter.create(exportClock), counting, this::publish)
        .interval(Duration.ofHours(1))
        .backoff(INITIAL_BACKOFF, MAX_BACKOFF)
        .clock(backoffClock)
        .listener(events::add);
  }

  private AliasRefresher refresher() {
    AliasRefresher r = closing(refresherBuilder().build());
    r.register(zone());
    return r;
  }

  /** Takes the serials of the next {@code n} NOTIFYs, waiting for each up to the deadline. */
  private List<Long> takeNotified(int n) throws InterruptedException {
    List<Long> serials = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Long serial = notified.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
      if (serial == null) {
        throw new AssertionError(
            "NOTIFY " + (i + 1) + " of " + n + " not received; got " + serials);
      }
      serials.add(serial);
    }
    return serials;
  }

  private static RefreshEvent.Outcome await(CompletableFuture<RefreshEvent.Outcome> f)
      throws Exception {
    return f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  private static Set<String> apexAddresses(ZoneSnapshot snapshot) {
    return snapshot.records().stream()
        .filter(
            r -> r.getName().equals(ZONE) && (r.getType() == Type.A || r.getType() == Type.AAAA))
        .map(Record::rdataToString)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private List<RefreshEvent.ResolutionFailed> failures() {
    return events.stream()
        .filter(RefreshEvent.ResolutionFailed.class::isInstance)
        .map(RefreshEvent.ResolutionFailed.class::cast)
        .toList();
  }

  @Test
  void aChangedTargetAddressPublishesAGreaterSerialAndNotifiesAfterPublishing() throws Exception {
    AliasRefresher refresher = refresher();

    RefreshEvent.Refreshed first =
        assertInstanceOf(RefreshEvent.Refreshed.class, await(refresher.refreshNow(ZONE)));
    assertEquals(Optional.empty(), first.previous());
    assertEquals(1, published.size());
    assertEquals(Set.of("192.0.2.1", "2001:db8:0:0:0:0:0:1"), apexAddresses(published.get(0)));
    // Announced before the next version comes: a version replaced before its history holds it is
    // never announced (its successor is), and the NOTIFYs asserted below would then be one.
    assertEquals(List.of(first.serial().value()), takeNotified(1));

    dns.addresses.put(TARGET, List.of(ip("192.0.2.2"), ip("2001:db8::1")));
    RefreshEvent.Refreshed second =
        assertInstanceOf(RefreshEvent.Refreshed.class, await(refresher.refreshNow(ZONE)));

    assertTrue(second.serial().isNewerThan(first.serial()), second + " after " + first);
    assertEquals(Optional.of(first.serial()), second.previous());
    assertEquals(2, published.size());
    assertEquals(second.serial(), published.get(1).serial());
    assertEquals(Set.of("192.0.2.2", "2001:db8:0:0:0:0:0:1"), apexAddresses(published.get(1)));
    assertEquals(List.of(second.serial().value()), takeNotified(1));
    assertEquals(List.of(true, true), notifiedAfterPublish, "NOTIFY only once servable");
    assertEquals(List.of(first, second), events);
  }

  @Test
  void unchangedResolutionPublishesNothingAndSendsNoNotify() throws Exception {
    AliasRefresher refresher = refresher();
    RefreshEvent.Refreshed first =
        assertInstanceOf(RefreshEvent.Refreshed.class, await(refresher.refreshNow(ZONE)));
    assertEquals(List.of(first.serial().value()), takeNotified(1));

    for (int i = 0; i < 3; i++) {
      assertEquals(
          new RefreshEvent.Unchanged(ZONE, first.serial()), await(refresher.refreshNow(ZONE)));
    }
    assertEquals(1, published.size());
    assertEquals(4, attempts.get(), "resolved at every refresh");

    // A later change is the next NOTIFY the secondary sees: none was sent for the refreshes
    // that changed nothing.
    dns.addresses.put(TARGET, List.of(ip("192.0.2.3")));
    RefreshEvent.Refreshed second =
        assertInstanceOf(RefreshEvent.Refreshed.class, await(refresher.refreshNow(ZONE)));
    assertEquals(List.of(second.serial().value()), takeNotified(1));
    assertEquals(2, published.size());
    assertEquals(5, events.size());
    assertEquals(3, events.stream().filter(RefreshEvent.Unchanged.class::isInstance).count());
  }

  @Test
  void aSilentResolverKeepsTheLastGoodValuesAndBacksOffPerTarget() throws Exception {
    AliasRefresher refresher = refresher();
    RefreshEvent.Refreshed first =
        assertInstanceOf(RefreshEvent.Refreshed.class, await(refresher.refreshNow(ZONE)));
    assertEquals(List.of(first.serial().value()), takeNotified(1));
    ZoneSnapshot served = published.get(0);
    assertEquals(1, attempts.get());

    dns.silent.set(true);
    RefreshEvent.Unchanged unchanged = new RefreshEvent.Unchanged(ZONE, first.serial());

    // 1st failure: asked once, back-off 1 min.
    assertEquals(unchanged, await(refresher.refreshNow(ZONE)));
    assertEquals(2, attempts.get());
    assertEquals(1, failures().size());
    RefreshEvent.ResolutionFailed failed = failures().get(0);
    assertEquals(TARGET, failed.target());
    assertEquals(1, failed.consecutiveFailures());
    assertEquals(INITIAL_BACKOFF, failed.retryAfter());
    assertTrue(failed.reason().contains("time-out"), failed.reason());

    // Within the back-off: not asked again, the zone is still the last good version.
    assertEquals(unchanged, await(refresher.refreshNow(ZONE)));
    assertEquals(2, attempts.get());
    backoffClock.advance(Duration.ofSeconds(59));
    assertEquals(unchanged, await(refresher.refreshNow(ZONE)));
    assertEquals(2, attempts.get());

    // Back-off over: asked again, fails again, back-off doubles.
    backoffClock.advance(Duration.ofSeconds(1));
    assertEquals(unchanged, await(refresher.refreshNow(ZONE)));
    assertEquals(3, attempts.get());
    assertEquals(2, failures().get(1).consecutiveFailures());
    assertEquals(Duration.ofMinutes(2), failures().get(1).retryAfter());

    backoffClock.advance(Duration.ofMinutes(1));
    assertEquals(unchanged, await(refresher.refreshNow(ZONE)));
    assertEquals(3, attempts.get());
    backoffClock.advance(Duration.ofMinutes(1));
    assertEquals(unchanged, await(refresher.refreshNow(ZONE)));
    assertEquals(4, attempts.get());
    assertEquals(MAX_BACKOFF, failures().get(2).retryAfter(), "capped");

    // Nothing was ever unpublished or republished.
    assertEquals(List.of(served), published);
    assertEquals(Set.of("192.0.2.1", "2001:db8:0:0:0:0:0:1"), apexAddresses(published.get(0)));

    // The resolver answers again with a new address: after the back-off it is picked up, and a
    // success resets the back-off (the next refresh asks at once).
    dns.silent.set(false);
    dns.addresses.put(TARGET, List.of(ip("192.0.2.9")));
    backoffClock.advance(MAX_BACKOFF);
    RefreshEvent.Refreshed second =
        assertInstanceOf(RefreshEvent.Refreshed.class, await(refresher.refreshNow(ZONE)));
    assertEquals(5, attempts.get());
    assertTrue(second.serial().isNewerThan(first.serial()));
    assertEquals(Set.of("192.0.2.9"), apexAddresses(published.get(1)));
    assertEquals(
        new RefreshEvent.Unchanged(ZONE, second.serial()), await(refresher.refreshNow(ZONE)));
    assertEquals(6, attempts.get());
    assertEquals(3, failures().size());
    assertEquals(List.of(second.serial().value()), takeNotified(1));
  }

  @Test
  void aFailingPublishSendsNoNotifyAndIsRetriedByTheNextRefresh() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    AliasRefresher refresher =
        closing(
            AliasRefresher.builder(
                    ZoneExporter.create(
                        Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC)),
                    resolver,
                    snapshot -> {
                      if (calls.incrementAndGet() == 1) {
                        throw new IllegalStateException("storage unavailable");
                      }
                      publish(snapshot);
                    })
                .interval(Duration.ofHours(1))
                .listener(events::add)
                .build());
    refresher.register(zone());

    RefreshEvent.PublishFailed failed =
        assertInstanceOf(RefreshEvent.PublishFailed.class, await(refresher.refreshNow(ZONE)));
    assertTrue(failed.reason().contains("storage unavailable"));
    RefreshEvent.Refreshed refreshed =
        assertInstanceOf(RefreshEvent.Refreshed.class, await(refresher.refreshNow(ZONE)));
    assertEquals(Optional.empty(), refreshed.previous());
    assertEquals(List.of(refreshed.serial().value()), takeNotified(1));
    assertEquals(1, published.size());
  }

  @Test
  void theScheduleRefreshesOnItsOwnAndCloseLeavesNoThread() throws Exception {
    CountDownLatch threeRefreshes = new CountDownLatch(3);
    AtomicReference<String> thread = new AtomicReference<>();
    AliasRefresher refresher =
        refresherBuilder()
            .interval(Duration.ofMillis(20))
            .jitter(0.5)
            .random(new java.util.SplittableRandom(7))
            .listener(
                event -> {
                  thread.set(Thread.currentThread().getName());
                  if (event instanceof RefreshEvent.Outcome) {
                    threeRefreshes.countDown();
                  }
                })
            .build();
    refresher.register(zone());
    assertTrue(threeRefreshes.await(WAIT.toSeconds(), TimeUnit.SECONDS));
    assertTrue(thread.get().startsWith("secdns-refresh-"), thread.get());
    assertFalse(published.isEmpty());

    refresher.close();
    refresher.close(); // idempotent
    RefreshTesting.assertNoThreads(SCHEDULER_THREAD); // the resolver, still open, is the host's
    assertThrows(IllegalStateException.class, () -> refresher.refreshNow(ZONE));
    assertThrows(IllegalStateException.class, () -> refresher.register(zone()));
    assertEquals(Set.of(), refresher.zones());
  }

  @Test
  void closeCancelsARefreshWaitingForAnAnswer() throws Exception {
    dns.silent.set(true);
    DnsjavaTargetResolver slow =
        closing(
            DnsjavaTargetResolver.builder(
                    List.of(new InetSocketAddress(ip("127.0.0.1"), dns.port())))
                .timeout(Duration.ofMinutes(5))
                .build());
    CountDownLatch asked = new CountDownLatch(1);
    AliasRefresher refresher =
        closing(
            AliasRefresher.builder(
                    ZoneExporter.create(Clock.systemUTC()),
                    target -> {
                      asked.countDown();
                      return slow.resolve(target);
                    },
                    published::add)
                .resolutionTimeout(Duration.ofMinutes(5))
                .build());
    refresher.register(zone());
    CompletableFuture<RefreshEvent.Outcome> inFlight = refresher.refreshNow(ZONE);
    assertTrue(asked.await(WAIT.toSeconds(), TimeUnit.SECONDS));

    refresher.close();
    RefreshTesting.assertNoThreads(SCHEDULER_THREAD);

    assertThrows(CancellationException.class, () -> await(inFlight));
    assertTrue(published.isEmpty());
    slow.close();
    RefreshTesting.assertNoThreads(Pattern.compile("secdns-refresh-.*"));
  }

  @Test
  void aHostSchedulerIsUsedButNotShutDown() throws Exception {
    ScheduledExecutorService host =
        Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "host-scheduler"));
    try {
      AtomicReference<String> thread = new AtomicReference<>();
      AliasRefresher refresher =
          refresherBuilder()
              .scheduler(host)
              .listener(event -> thread.set(Thread.currentThread().getName()))
              .build();
      refresher.register(zone());
      assertInstanceOf(RefreshEvent.Refreshed.class, await(refresher.refreshNow(ZONE)));
      assertEquals("host-scheduler", thread.get());
      refresher.close();
      assertFalse(host.isShutdown());
    } finally {
      host.shutdownNow();
      assertTrue(host.awaitTermination(WAIT.toSeconds(), TimeUnit.SECONDS));
    }
  }

  @Test
  void aHostZoneTheExporterRefusesKeepsThePreviousVersionServed() throws Exception {
    AtomicReference<HostZone> current = new AtomicReference<>(hostZone());
    AliasRefresher refresher = closing(refresherBuilder().build());
    refresher.register(
        RefreshTesting.registered(
                configuration,
                current::get,
                PRIMARY,
                Name.fromConstantString("hostmaster.example.com."))
            .build());
    assertInstanceOf(RefreshEvent.Refreshed.class, await(refresher.refreshNow(ZONE)));

    // An ALIAS beside a CNAME at the same name is an export error.
    Name www = Name.fromConstantString("www.example.com.");
    current.set(
        HostZone.builder(hostZone().soa())
            .virtualRecord(new AliasRecord(www, 300, TARGET))
            .record(new org.xbill.DNS.CNAMERecord(www, DClass.IN, 300, TARGET))
            .build());
    RefreshEvent.ExportFailed failed =
        assertInstanceOf(RefreshEvent.ExportFailed.class, await(refresher.refreshNow(ZONE)));
    assertTrue(failed.reason().contains("www.example.com"), failed.reason());
    assertEquals(1, published.size());
  }

  @Test
  void refreshingAnUnknownZoneNamesTheRegisteredOnes() throws Exception {
    AliasRefresher refresher = refresher();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> refresher.refreshNow(Name.fromConstantString("other.test.")));
    assertTrue(e.getMessage().contains("example.com."), e.getMessage());
    assertTrue(refresher.remove(ZONE));
    assertFalse(refresher.remove(ZONE));
  }

  @Test
  void jitterAndBackoffArithmetic() {
    Duration minute = Duration.ofMinutes(1);
    assertEquals(54_000, AliasRefresher.jitteredMillis(minute, 0.1, 0.0));
    assertEquals(60_000, AliasRefresher.jitteredMillis(minute, 0.1, 0.5));
    assertEquals(65_999, AliasRefresher.jitteredMillis(minute, 0.1, 0.9999));
    assertEquals(60_000, AliasRefresher.jitteredMillis(minute, 0.0, 0.99));
    assertEquals(1, AliasRefresher.jitteredMillis(Duration.ofMillis(1), 0.9, 0.0));

    Duration s = Duration.ofSeconds(1);
    Duration max = Duration.ofSeconds(10);
    List<Duration> seen = new ArrayList<>();
    for (int n = 1; n <= 6; n++) {
      seen.add(AliasRefresher.backoff(s, max, n));
    }
    assertEquals(
        List.of(
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(8),
            max,
            max),
        seen);
    assertEquals(max, AliasRefresher.backoff(s, max, Integer.MAX_VALUE));
  }

  @Test
  void builderRefusesBadSettings() {
    AliasRefresher.Builder b =
        AliasRefresher.builder(
            ZoneExporter.create(Clock.systemUTC()), t -> new CompletableFuture<>(), s -> {});
    assertThrows(IllegalArgumentException.class, () -> b.interval(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> b.jitter(1.0));
    assertThrows(IllegalArgumentException.class, () -> b.jitter(-0.1));
    assertThrows(
        IllegalArgumentException.class,
        () -> b.backoff(Duration.ofMinutes(2), Duration.ofMinutes(1)));
    ScheduledExecutorService host = Executors.newSingleThreadScheduledExecutor();
    try {
      assertThrows(
          IllegalStateException.class, () -> b.threadFactory(Thread::new).scheduler(host).build());
    } finally {
      host.shutdownNow();
    }
  }

  @Test
  void aStoredPreviousExportIsContinuedNotRepublished() throws Exception {
    AliasRefresher first = refresher();
    RefreshEvent.Refreshed initial =
        assertInstanceOf(RefreshEvent.Refreshed.class, await(first.refreshNow(ZONE)));
    first.close();

    // A restart: the host passes the stored snapshot and values; the same content is not
    // published again, and a target that does not resolve keeps its stored value.
    dns.silent.set(true);
    AliasRefresher second = closing(refresherBuilder().build());
    second.register(
        RefreshTesting.registered(
                configuration,
                AliasRefresherTest::hostZone,
                PRIMARY,
                Name.fromConstantString("hostmaster.example.com."))
            .previous(
                published.get(0),
                java.util.Map.of(
                    TARGET,
                    TargetResolution.resolved(
                        List.of(ip("192.0.2.1"), ip("2001:db8::1")), FakeRecursiveResolver.TTL)))
            .build());
    assertEquals(
        new RefreshEvent.Unchanged(ZONE, initial.serial()), await(second.refreshNow(ZONE)));
    assertEquals(1, published.size());
  }
}
