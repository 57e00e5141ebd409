package io.github.secdns.interop;

import io.github.secdns.axfr.AxfrResponder;
import io.github.secdns.axfr.PublishedZones;
import io.github.secdns.axfr.TransferPolicy;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.config.TransferAuthentication;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;

/**
 * The embedded responder as the primary under test: the settings become a
 * {@link SecondaryDnsConfiguration} (transfer ACL, TSIG key, NOTIFY targets) exactly as a host
 * application would build it, the zone is published through {@link PublishedZones}, and the
 * responder listens on 127.0.0.1 with an ephemeral port.
 */
final class ResponderPrimary implements PrimaryUnderTest {

  private final PublishedZones zones;
  private final AxfrResponder responder;

  private ResponderPrimary(PublishedZones zones, AxfrResponder responder) {
    this.zones = zones;
    this.responder = responder;
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
    PublishedZones zones = new PublishedZones();
    zones.publish(initial);
    AxfrResponder responder =
        AxfrResponder.builder()
            .listen(new InetSocketAddress(Loopback.ONE, 0))
            .zoneSource(zones)
            .policy(TransferPolicy.fromConfiguration(config.build()))
            .build();
    try {
      responder.start();
    } catch (IOException e) {
      responder.close();
      throw new UncheckedIOException("the responder did not start", e);
    }
    return new ResponderPrimary(zones, responder);
  }

  @Override
  public InetSocketAddress endpoint() {
    return responder.boundAddresses().get(0);
  }

  /** Publishes the version; NOTIFY to the configured targets comes with the NOTIFY sender. */
  @Override
  public void publish(ZoneSnapshot next) {
    zones.publish(next);
  }

  @Override
  public boolean ixfrKeepsNameCase() {
    return true;
  }

  @Override
  public void close() {
    responder.close();
  }

  @Override
  public String toString() {
    return "embedded responder " + responder;
  }
}
