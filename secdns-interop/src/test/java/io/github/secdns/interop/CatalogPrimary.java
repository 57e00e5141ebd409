package io.github.secdns.interop;

import io.github.secdns.axfr.AxfrResponder;
import io.github.secdns.axfr.PublishedZones;
import io.github.secdns.axfr.TransferListener;
import io.github.secdns.axfr.TransferRefusal;
import io.github.secdns.axfr.TransferRequest;
import io.github.secdns.axfr.notify.NotifyOutcome;
import io.github.secdns.axfr.notify.NotifySender;
import io.github.secdns.core.catalog.CatalogMember;
import io.github.secdns.core.catalog.CatalogProducer;
import io.github.secdns.core.catalog.CatalogPublication;
import io.github.secdns.core.catalog.CatalogRequest;
import io.github.secdns.core.catalog.CatalogVersion;
import io.github.secdns.core.catalog.InMemoryCatalogLabelStore;
import io.github.secdns.core.catalog.MemberLabel;
import io.github.secdns.core.catalog.MemberLabels;
import io.github.secdns.core.catalog.RemovalConfirmation;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.config.TransferAuthentication;
import io.github.secdns.core.serial.SerialNumber;
import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.testsupport.Addresses;
import io.github.secdns.testsupport.servers.TsigSecret;
import io.github.secdns.testsupport.servers.Waits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.xbill.DNS.Name;

/**
 * The embedded responder as a host with a catalog wires it: the host's member zones, each with its
 * Secondary DNS configuration (the consumers' source addresses allowed, NOTIFY to every consumer),
 * a catalog zone produced by core from them ({@link CatalogProducer}, labels kept by {@link
 * MemberLabels}) with its own configuration (transfers only signed with the key), and every new
 * catalog version published in the order {@link CatalogPublication} gives: members it adds first,
 * then the catalog, then members it removes are withdrawn. It records what it published, in order,
 * and what the consumers asked for.
 *
 * <p>BIND and Knot sign every transfer and get signed NOTIFY; PowerDNS signs the catalog's
 * transfers but applies no key to members (PowerDNS/pdns#13682), so members allow the consumers'
 * addresses without requiring the key ({@link TransferAuthentication#ADDRESS}, with the key
 * configured so that signed requests verify).
 */
final class CatalogPrimary implements CatalogPublication.Publisher, AutoCloseable {

  private static final Duration READY = Duration.ofSeconds(60);

  /** A transfer that started: when ({@link System#nanoTime()}), what, from whom. */
  record Transfer(long atNanos, TransferRequest request, long serial) {}

  private final Name catalog;
  private final TsigSecret key;
  private final List<CatalogConsumer.Plan> consumers;
  private final PublishedZones zones = new PublishedZones();
  private final Map<Name, SecondaryDnsConfiguration> configurations = new ConcurrentHashMap<>();
  private final Map<Name, ZoneSnapshot> memberZones = new ConcurrentHashMap<>();
  private final MemberLabels labels = MemberLabels.of(new InMemoryCatalogLabelStore());
  private final CatalogProducer producer = CatalogProducer.create(Clock.systemUTC());
  private final List<NotifyOutcome> outcomes = new CopyOnWriteArrayList<>();
  private final List<Transfer> transfers = new CopyOnWriteArrayList<>();
  private final List<TransferRefusal> refusals = new CopyOnWriteArrayList<>();
  private final List<String> steps = new CopyOnWriteArrayList<>();
  private final NotifySender notifier;
  private final AxfrResponder responder;
  private Optional<ZoneSnapshot> catalogVersion = Optional.empty();
  private java.util.function.Consumer<ZoneSnapshot> beforeWithdrawing = catalogVersion -> {};

  private CatalogPrimary(Name catalog, TsigSecret key, List<CatalogConsumer.Plan> consumers) {
    this.catalog = catalog;
    this.key = key;
    this.consumers = List.copyOf(consumers);
    configurations.put(catalog, configuration(catalog, TransferAuthentication.ADDRESS_AND_KEY));
    // One NOTIFY sender, built before the responder and closed after it (as a host does).
    notifier =
        ResponderPrimary.started(
            NotifySender.builder()
                .localAddress(new InetSocketAddress(Addresses.LOOPBACK_1, 0))
                .listener(outcomes::add));
    responder =
        AxfrResponder.builder()
            .listen(new InetSocketAddress(Addresses.LOOPBACK_1, 0))
            .zoneSource(zones)
            .configurations(zone -> Optional.ofNullable(configurations.get(zone)))
            .notifySender(notifier)
            .listener(new Recorder())
            .build();
  }

  /** Starts the responder on 127.0.0.1 (ephemeral port), serving nothing yet. */
  static CatalogPrimary start(Name catalog, TsigSecret key, List<CatalogConsumer.Plan> consumers) {
    CatalogPrimary primary = new CatalogPrimary(catalog, key, consumers);
    try {
      primary.responder.start();
    } catch (IOException e) {
      primary.close();
      throw new UncheckedIOException("the responder did not start", e);
    }
    return primary;
  }

  private SecondaryDnsConfiguration configuration(Name zone, TransferAuthentication mode) {
    SecondaryDnsConfiguration.Builder b =
        SecondaryDnsConfiguration.builder()
            .zone(zone.toString())
            .addSecondaryNameServer("ns1.catalog-consumer.example")
            .addTsigKey(key.configName(), TsigSecret.ALGORITHM, key.base64Secret())
            .transferAuthentication(mode);
    for (CatalogConsumer.Plan c : consumers) {
      b.addAclEntry(c.source().getHostAddress());
      b.addNotifyTarget(
          c.listen().getHostAddress(), c.port(), c.signedNotify() ? key.configName() : null);
    }
    return b.build();
  }

  InetSocketAddress endpoint() {
    return responder.boundAddresses().get(0);
  }

  Name catalog() {
    return catalog;
  }

  /**
   * Makes {@code members} (with their groups) the catalog's member zones and publishes the next
   * catalog version in order. Members not given leave the catalog.
   *
   * @param members every member zone's current version
   * @param groups the group values of some members
   * @param confirmation the host's confirmation of a removal above the brake, if any
   * @return the catalog version published
   * @throws io.github.secdns.core.catalog.RemovalHeldBackException when the brake holds it back
   *     (nothing is published then)
   */
  CatalogVersion publishCatalog(
      List<ZoneSnapshot> members,
      Map<Name, List<String>> groups,
      Optional<RemovalConfirmation> confirmation) {
    List<Name> names = members.stream().map(ZoneSnapshot::origin).toList();
    SortedMap<Name, MemberLabel> assigned = labels.assign(catalog, names);
    CatalogRequest.Builder request = CatalogRequest.builder(catalog);
    for (ZoneSnapshot m : members) {
      request.addMember(
          CatalogMember.of(m.origin(), assigned.get(m.origin().canonicalize()))
              .withGroups(groups.getOrDefault(m.origin(), List.of())));
    }
    catalogVersion.ifPresent(request::previous);
    confirmation.ifPresent(request::confirmRemoval);
    CatalogVersion version = producer.produce(request.build());
    for (ZoneSnapshot m : members) {
      memberZones.putIfAbsent(m.origin(), m);
    }
    CatalogPublication.of(version).applyTo(this);
    return version;
  }

  /** Publishes a new version of a listed member: served at once, NOTIFY to every consumer. */
  void publishMemberVersion(ZoneSnapshot next) {
    memberZones.put(next.origin(), next);
    zones.publish(next);
    awaitReady(next);
  }

  @Override
  public void publishMember(Name zone) {
    ZoneSnapshot version = memberZones.get(zone);
    configurations.put(zone, configuration(zone, TransferAuthentication.ADDRESS));
    zones.publish(version);
    awaitReady(version);
    steps.add("serve member " + zone);
  }

  @Override
  public void publishCatalog(ZoneSnapshot version) {
    zones.publish(version);
    awaitReady(version);
    catalogVersion = Optional.of(version);
    steps.add("serve catalog serial " + version.serial());
  }

  /**
   * What to wait for before a member the new catalog version no longer lists is withdrawn: the
   * cautious host of {@link CatalogPublication.WithdrawMember} waits until its consumers serve that
   * catalog version, so that none of them refreshes the member in vain meanwhile.
   */
  void beforeWithdrawing(java.util.function.Consumer<ZoneSnapshot> awaitCatalogTakenUp) {
    this.beforeWithdrawing = awaitCatalogTakenUp;
  }

  @Override
  public void withdrawMember(Name zone) {
    beforeWithdrawing.accept(catalogVersion.orElseThrow());
    zones.withdraw(zone);
    memberZones.remove(zone);
    configurations.remove(zone);
    steps.add("withdraw member " + zone);
  }

  private void awaitReady(ZoneSnapshot version) {
    try {
      responder.whenReady(version).get(READY.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError(version.origin() + " serial " + version.serial() + ": " + e, e);
    }
  }

  /** Waits until every consumer acknowledged the NOTIFY of {@code zone} at {@code serial}. */
  void awaitNotifyAcknowledgedByAll(Name zone, long serial, Duration timeout) {
    Waits.until(
        "NOTIFY of " + zone + " serial " + serial + " acknowledged by every consumer",
        timeout,
        () ->
            outcomes.stream()
                .filter(NotifyOutcome.Acknowledged.class::isInstance)
                .map(NotifyOutcome.Acknowledged.class::cast)
                .filter(a -> a.zone().equals(zone) && a.serial().value() == serial)
                .map(NotifyOutcome.Acknowledged::target)
                .distinct()
                .count(),
        n -> n == consumers.size(),
        n -> n + " of " + consumers.size() + " acknowledged; outcomes: " + outcomesOf(zone));
  }

  private List<NotifyOutcome> outcomesOf(Name zone) {
    return outcomes.stream().filter(o -> o.zone().equals(zone)).toList();
  }

  /**
   * Waits until no transfer has started and no NOTIFY has finished for {@code quiet}: the consumers
   * are done with what came before (for measurements).
   */
  void awaitQuiet(Duration quiet, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    int seen = -1;
    long since = System.nanoTime();
    while (System.nanoTime() - since < quiet.toNanos()) {
      int now = transfers.size() + outcomes.size();
      if (now != seen) {
        seen = now;
        since = System.nanoTime();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the consumers did not settle within " + timeout);
      }
      Waits.pause();
    }
  }

  /** The publication steps so far, in order. */
  List<String> steps() {
    return List.copyOf(steps);
  }

  /** The transfers of {@code zone} that started so far. */
  List<Transfer> transfersOf(Name zone) {
    return transfers.stream().filter(t -> t.request().zone().equals(zone)).toList();
  }

  /** Every request answered with an error so far. */
  List<TransferRefusal> refusals() {
    return List.copyOf(refusals);
  }

  /** The current version of a member, as the host holds it. */
  ZoneSnapshot member(Name zone) {
    return memberZones.get(zone);
  }

  @Override
  public void close() {
    try {
      responder.close();
    } finally {
      notifier.close();
    }
  }

  @Override
  public String toString() {
    return "catalog primary " + catalog + " on " + endpoint();
  }

  private final class Recorder implements TransferListener {
    @Override
    public void started(TransferRequest request, SerialNumber serial) {
      transfers.add(new Transfer(System.nanoTime(), request, serial.value()));
    }

    @Override
    public void refused(TransferRefusal refusal) {
      refusals.add(refusal);
    }
  }
}
