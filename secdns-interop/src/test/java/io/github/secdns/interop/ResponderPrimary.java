package io.github.secdns.interop;

import io.github.secdns.axfr.AxfrResponder;
import io.github.secdns.axfr.PublishedZones;
import io.github.secdns.axfr.notify.NotifyOutcome;
import io.github.secdns.axfr.notify.NotifySender;
import io.github.secdns.core.config.NotifyTarget;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.config.TransferAuthentication;
import io.github.secdns.core.zone.ZoneSnapshot;
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
 * become a {@link SecondaryDnsConfiguration} (transfer ACL, TSIG key, NOTIFY targets), the zone is
 * published through {@link PublishedZones}, the responder listens on 127.0.0.1 with an ephemeral
 * port, takes its TSIG keys, IXFR setting and NOTIFY targets from the configuration, and announces
 * every new version itself to the configuration's NOTIFY targets.
 */
final class ResponderPrimary implements PrimaryUnderTest {

  private static final Duration NOTIFY_DEADLINE = Duration.ofSeconds(30);

  private final SecondaryDnsConfiguration configuration;
  private final PublishedZones zones;
  private final AxfrResponder responder;
  private final NotifySender notifier;
  private final BlockingQueue<NotifyOutcome> outcomes;

  private ResponderPrimary(
      SecondaryDnsConfiguration configuration,
      PublishedZones zones,
      AxfrResponder responder,
      NotifySender notifier,
      BlockingQueue<NotifyOutcome> outcomes) {
    this.configuration = configuration;
    this.zones = zones;
    this.responder = responder;
    this.notifier = notifier;
    this.outcomes = outcomes;
  }

  static ResponderPrimary start(PrimarySettings settings, ZoneSnapshot initial) {
    SecondaryDnsConfiguration.Builder config =
        SecondaryDnsConfiguration.builder()
            .zone(settings.zone().toString())
            .addSecondaryNameServer("ns1.secondary-provider.example")
            .transferAcl(settings.transferAcl())
            .transferAuthentication(TransferAuthentication.ADDRESS);
    settings
        .tsig()
        .ifPresent(
            k ->
                config
                    .addTsigKey(k.configName(), TsigSecret.ALGORITHM, k.base64Secret())
                    .transferAuthentication(TransferAuthentication.ADDRESS_AND_KEY));
    for (InetSocketAddress target : settings.notifyTargets()) {
      config.addNotifyTarget(target.getAddress().getHostAddress(), target.getPort(), null);
    }
    SecondaryDnsConfiguration configuration = config.build();
    PublishedZones zones = new PublishedZones();
    zones.publish(initial);
    BlockingQueue<NotifyOutcome> outcomes = new LinkedBlockingQueue<>();
    // Wired as a host would: the configuration gives the policy, the TSIG keys, IXFR and the
    // NOTIFY targets; the responder sends NOTIFY itself once a new version can be transferred.
    NotifySender notifier;
    try {
      notifier =
          NotifySender.builder()
              .localAddress(new InetSocketAddress(Loopback.ONE, 0))
              .listener(outcomes::add)
              .build();
    } catch (IOException e) {
      throw new UncheckedIOException("the NOTIFY sender did not start", e);
    }
    AxfrResponder responder =
        AxfrResponder.builder()
            .listen(new InetSocketAddress(Loopback.ONE, 0))
            .zoneSource(zones)
            .configurations(zone -> Optional.of(configuration).filter(c -> c.zone().equals(zone)))
            .notifySender(notifier)
            .build();
    try {
      responder.start();
      responder.whenReady(initial).get(NOTIFY_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
      return new ResponderPrimary(configuration, zones, responder, notifier, outcomes);
    } catch (IOException e) {
      responder.close();
      notifier.close();
      throw new UncheckedIOException("the responder did not start", e);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      responder.close();
      notifier.close();
      throw new AssertionError("the responder did not take up the first version: " + e, e);
    }
  }

  @Override
  public InetSocketAddress endpoint() {
    return responder.boundAddresses().get(0);
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
}
