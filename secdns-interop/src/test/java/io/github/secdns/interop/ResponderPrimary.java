package io.github.secdns.interop;

import io.github.secdns.axfr.AxfrResponder;
import io.github.secdns.axfr.PublishedZones;
import io.github.secdns.axfr.TransferPolicy;
import io.github.secdns.axfr.notify.NotifyOutcome;
import io.github.secdns.axfr.notify.NotifySender;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.config.TransferAuthentication;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The embedded responder as the primary under test, wired as a host application would: the
 * settings become a {@link SecondaryDnsConfiguration} (transfer ACL, TSIG key, NOTIFY targets),
 * the zone is published through {@link PublishedZones}, the responder listens on 127.0.0.1 with
 * an ephemeral port, and every new version is announced by the library's {@link NotifySender} to
 * the configuration's NOTIFY targets.
 */
final class ResponderPrimary implements PrimaryUnderTest {

  private static final Duration NOTIFY_DEADLINE = Duration.ofSeconds(30);

  private final SecondaryDnsConfiguration configuration;
  private final PublishedZones zones;
  private final AxfrResponder responder;
  private final NotifySender notifier;

  private ResponderPrimary(SecondaryDnsConfiguration configuration, PublishedZones zones,
      AxfrResponder responder, NotifySender notifier) {
    this.configuration = configuration;
    this.zones = zones;
    this.responder = responder;
    this.notifier = notifier;
  }

  static ResponderPrimary start(PrimarySettings settings, ZoneSnapshot initial) {
    SecondaryDnsConfiguration.Builder config =
        SecondaryDnsConfiguration.builder()
            .zone(settings.zone().toString())
            .addSecondaryNameServer("ns1.secondary-provider.example")
            .transferAcl(settings.transferAcl())
            .transferAuthentication(TransferAuthentication.ADDRESS);
    settings.tsig().ifPresent(k -> config
        .addTsigKey(k.configName(), TsigSecret.ALGORITHM, k.base64Secret())
        .transferAuthentication(TransferAuthentication.ADDRESS_AND_KEY));
    for (InetSocketAddress target : settings.notifyTargets()) {
      config.addNotifyTarget(target.getAddress().getHostAddress(), target.getPort(), null);
    }
    SecondaryDnsConfiguration configuration = config.build();
    PublishedZones zones = new PublishedZones();
    zones.publish(initial);
    AxfrResponder responder =
        AxfrResponder.builder()
            .listen(new InetSocketAddress(Loopback.ONE, 0))
            .zoneSource(zones)
            .policy(TransferPolicy.fromConfiguration(configuration))
            .build();
    NotifySender notifier = null;
    try {
      responder.start();
      notifier = NotifySender.builder().localAddress(new InetSocketAddress(Loopback.ONE, 0)).build();
      return new ResponderPrimary(configuration, zones, responder, notifier);
    } catch (IOException e) {
      responder.close();
      if (notifier != null) {
        notifier.close();
      }
      throw new UncheckedIOException("the responder or the NOTIFY sender did not start", e);
    }
  }

  @Override
  public InetSocketAddress endpoint() {
    return responder.boundAddresses().get(0);
  }

  /**
   * Publishes the version, then (RFC 1996 section 4.2: only once it can be transferred) sends
   * NOTIFY to every target and waits until each has acknowledged it.
   */
  @Override
  public void publish(ZoneSnapshot next) {
    zones.publish(next);
    if (configuration.notifyTargets().isEmpty()) {
      return;
    }
    List<NotifyOutcome> outcomes;
    try {
      outcomes = notifier.notify(configuration, next.soa())
          .get(NOTIFY_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while sending NOTIFY", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError("NOTIFY for serial " + next.soa().getSerial() + " failed: " + e, e);
    }
    for (NotifyOutcome outcome : outcomes) {
      if (!(outcome instanceof NotifyOutcome.Acknowledged)) {
        throw new AssertionError("NOTIFY not acknowledged: " + outcome);
      }
    }
  }

  @Override
  public boolean ixfrKeepsNameCase() {
    return true;
  }

  @Override
  public void close() {
    try {
      notifier.close();
    } finally {
      responder.close();
    }
  }

  @Override
  public String toString() {
    return "embedded responder " + responder;
  }
}
