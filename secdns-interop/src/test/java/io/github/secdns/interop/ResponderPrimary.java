package io.github.secdns.interop;

import io.github.secdns.axfr.AxfrResponder;
import io.github.secdns.axfr.PublishedZones;
import io.github.secdns.axfr.TransferListener;
import io.github.secdns.axfr.TransferStats;
import io.github.secdns.axfr.notify.NotifyOutcome;
import io.github.secdns.axfr.notify.NotifySender;
import io.github.secdns.axfr.tls.XotListener;
import io.github.secdns.core.config.NotifyTarget;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.config.TransferAuthentication;
import io.github.secdns.core.config.XotPolicy;
import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.testkit.InMemoryZoneJournal;
import io.github.secdns.testsupport.servers.TsigSecret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The embedded responder as the primary under test, wired as a host application would: the settings
 * become a {@link SecondaryDnsConfiguration} (transfer ACL, TSIG key, NOTIFY targets signed with
 * the key when there is one), the zone is published through {@link PublishedZones}, the IXFR
 * history is kept in a journal standing in for the host's database, the responder listens at the
 * settings' address, takes its TSIG keys, IXFR setting and NOTIFY targets from the configuration,
 * and announces every new version itself. {@link #restart()} closes it and starts a new one on the
 * same address, zones and journal, as a host process restarting would.
 *
 * <p>{@link #startWithXot} adds a TLS listener (XoT) and makes the zone require TLS; every
 * completed transfer is kept for {@link #nextCompletedTransfer()}, whose request says the
 * transport, the TLS details and the key.
 */
final class ResponderPrimary implements PrimaryUnderTest {

  private static final Duration NOTIFY_DEADLINE = Duration.ofSeconds(30);
  private static final Duration TRANSFER_DEADLINE = Duration.ofSeconds(60);

  private final SecondaryDnsConfiguration configuration;
  private final PublishedZones zones;
  private final InMemoryZoneJournal journal = new InMemoryZoneJournal();
  private final BlockingQueue<NotifyOutcome> outcomes = new LinkedBlockingQueue<>();
  private final BlockingQueue<TransferStats> completed = new LinkedBlockingQueue<>();
  private final Optional<XotListener> xot;
  private InetSocketAddress listen;
  private NotifySender notifier;
  private AxfrResponder responder;

  private ResponderPrimary(
      SecondaryDnsConfiguration configuration,
      PublishedZones zones,
      InetSocketAddress listen,
      Optional<XotListener> xot) {
    this.configuration = configuration;
    this.zones = zones;
    this.listen = listen;
    this.xot = xot;
  }

  static ResponderPrimary start(PrimarySettings settings, ZoneSnapshot initial) {
    return start(settings, initial, Optional.empty());
  }

  /**
   * The same, also serving over TLS on the listener (XoT), and the zone requiring it ({@link
   * XotPolicy#REQUIRED}: a plain-TCP transfer is refused, SOA over UDP and TCP still answered).
   */
  static ResponderPrimary startWithXot(
      PrimarySettings settings, ZoneSnapshot initial, XotListener xot) {
    return start(settings, initial, Optional.of(xot));
  }

  private static ResponderPrimary start(
      PrimarySettings settings, ZoneSnapshot initial, Optional<XotListener> xot) {
    SecondaryDnsConfiguration.Builder config =
        SecondaryDnsConfiguration.builder()
            .zone(settings.zone().toString())
            .addSecondaryNameServer("ns1.secondary-provider.example")
            .transferAcl(settings.transferAcl())
            .transferAuthentication(TransferAuthentication.ADDRESS);
    Optional<TsigSecret> key = settings.tsig();
    key.ifPresent(
        k ->
            config
                .addTsigKey(k.configName(), TsigSecret.ALGORITHM, k.base64Secret())
                .transferAuthentication(TransferAuthentication.ADDRESS_AND_KEY));
    for (InetSocketAddress target : settings.notifyTargets()) {
      // With a key, NOTIFY is signed with it too.
      config.addNotifyTarget(
          target.getAddress().getHostAddress(),
          target.getPort(),
          key.map(TsigSecret::configName).orElse(null));
    }
    if (xot.isPresent()) {
      config.xotPolicy(XotPolicy.REQUIRED);
    }
    PublishedZones zones = new PublishedZones();
    zones.publish(initial);
    ResponderPrimary primary =
        new ResponderPrimary(
            config.build(),
            zones,
            new InetSocketAddress(settings.listenAddress(), settings.port()),
            xot);
    primary.startResponder(initial);
    return primary;
  }

  /**
   * Builds the NOTIFY sender of a test primary (its socket opened, its threads started); a socket
   * that does not open fails the test.
   */
  static NotifySender started(NotifySender.Builder sender) {
    try {
      return sender.build();
    } catch (IOException e) {
      throw new UncheckedIOException("the NOTIFY sender did not start", e);
    }
  }

  private void startResponder(ZoneSnapshot current) {
    // Wired as a host would: the configuration gives the policy, the TSIG keys, IXFR and the
    // NOTIFY targets; the responder sends NOTIFY itself once a new version can be transferred.
    // One NOTIFY sender per process, built before the responder and closed after it (a restart
    // is a new process: a new sender).
    NotifySender sender =
        started(
            NotifySender.builder()
                .localAddress(new InetSocketAddress(listen.getAddress(), 0))
                .listener(outcomes::add));
    AxfrResponder.Builder builder = AxfrResponder.builder();
    xot.ifPresent(builder::xot);
    AxfrResponder started =
        builder
            .listen(listen)
            .zoneSource(zones)
            .journal(journal)
            .configurations(zone -> Optional.of(configuration).filter(c -> c.zone().equals(zone)))
            .notifySender(sender)
            .listener(new Completions())
            .build();
    try {
      started.start();
      started.whenReady(current).get(NOTIFY_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (IOException e) {
      started.close();
      sender.close();
      throw new UncheckedIOException("the responder did not start on " + listen, e);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      started.close();
      sender.close();
      throw new AssertionError("the responder did not take up the current version: " + e, e);
    }
    responder = started;
    notifier = sender;
    listen = started.boundAddresses().get(0);
  }

  @Override
  public InetSocketAddress endpoint() {
    return responder.boundAddresses().get(0);
  }

  /** Where transfers are served over TLS ({@link #startWithXot} only). */
  InetSocketAddress xotEndpoint() {
    return responder.boundXotAddresses().get(0);
  }

  /** The next transfer that completed, in order, waiting for it. */
  TransferStats nextCompletedTransfer() {
    try {
      TransferStats stats = completed.poll(TRANSFER_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
      if (stats == null) {
        throw new AssertionError("no transfer completed within " + TRANSFER_DEADLINE);
      }
      return stats;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for a transfer", e);
    }
  }

  /**
   * Publishes the version; the responder computes its IXFR history and then (RFC 1996 section 4.2:
   * only once it can be transferred) sends NOTIFY to every target. Waits until the history is ready
   * and every target has acknowledged the NOTIFY of this serial.
   */
  @Override
  public void publish(ZoneSnapshot next) {
    zones.publish(next);
    long deadline = System.nanoTime() + NOTIFY_DEADLINE.toNanos();
    try {
      responder.whenReady(next).get(NOTIFY_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
      Set<NotifyTarget> acknowledged = new HashSet<>();
      while (acknowledged.size() < configuration.notifyTargets().size()) {
        NotifyOutcome outcome = outcomes.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (outcome == null) {
          throw new AssertionError(
              "NOTIFY for serial "
                  + next.soa().getSerial()
                  + " not acknowledged by every target in time");
        }
        if (outcome instanceof NotifyOutcome.Acknowledged ack
            && ack.serial().value() == next.soa().getSerial()) {
          acknowledged.add(ack.target());
        }
        // Outcomes of earlier serials (the start-up NOTIFY, sent before the secondaries ran)
        // are skipped.
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for NOTIFY", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError("serial " + next.soa().getSerial() + " not taken up: " + e, e);
    }
  }

  /**
   * Closes the responder and starts a new one on the same address and port, with the same published
   * zones and journal: the new one restores the IXFR history from the journal and announces the
   * current version to the NOTIFY targets.
   */
  void restart() {
    if (xot.isPresent()) {
      // The TLS listener was given with its port (0: any); a restart would move it.
      throw new IllegalStateException("a primary with a TLS listener is not restarted");
    }
    ZoneSnapshot current = zones.snapshot(configuration.zone()).orElseThrow();
    responder.close();
    notifier.close();
    startResponder(current);
  }

  /** The IXFR history the journal holds, in entries. */
  int journalEntries() {
    return journal.load(configuration.zone()).size();
  }

  @Override
  public boolean ixfrKeepsNameCase() {
    return true;
  }

  @Override
  public void close() {
    responder.close();
    notifier.close();
  }

  @Override
  public String toString() {
    return "embedded responder " + responder;
  }

  /**
   * Keeps every completed transfer for {@link #nextCompletedTransfer()}. (Whether transfers overlap
   * is not counted here: the responder may finish writing a transfer into the socket buffers while
   * the secondary is still reading it; {@code TransferGate} proves the overlap.)
   */
  private final class Completions implements TransferListener {
    @Override
    public void completed(TransferStats stats) {
      completed.add(stats);
    }
  }
}
