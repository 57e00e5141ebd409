package io.github.secdns.axfr;

import static io.github.secdns.testsupport.Addresses.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.axfr.notify.FakeSecondary;
import io.github.secdns.axfr.notify.NotifySender;
import io.github.secdns.axfr.refresh.AliasRefresher;
import io.github.secdns.axfr.refresh.RefreshEvent;
import io.github.secdns.axfr.refresh.RefreshTesting;
import io.github.secdns.axfr.refresh.TargetResolver;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.export.HostZone;
import io.github.secdns.core.export.TargetResolution;
import io.github.secdns.core.export.ZoneExporter;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

/**
 * The ALIAS refresher's logs and events, captured through the test SLF4J provider, never contain a
 * TSIG secret, even when its NOTIFYs are signed, resolutions fail and a publish throws.
 */
class RefreshLogSecretsTest {

  private static final String SECRET = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0IQ==";
  private static final String SECRET_TEXT = "secret-secret-secret-secret!";
  private static final Name ZONE = Name.fromConstantString("logsecret.example.");
  private static final Name PRIMARY = Name.fromConstantString("ns1.host.example.");

  @Test
  void noSecretInLogsOrEvents() throws Exception {
    List<RefreshEvent> events = new CopyOnWriteArrayList<>();
    AtomicReference<TargetResolution> next =
        new AtomicReference<>(TargetResolution.resolved(List.of(ip("192.0.2.1"))));
    TargetResolver resolver = target -> CompletableFuture.completedFuture(next.get());
    try (FakeSecondary secondary =
            new FakeSecondary("127.0.0.2", (n, bytes, query, self) -> Optional.empty());
        NotifySender sender =
            NotifySender.builder()
                .localAddress(new InetSocketAddress(ip("127.0.0.1"), 0))
                .attempts(1)
                .initialTimeout(Duration.ofMillis(200))
                .build()) {
      SecondaryDnsConfiguration configuration =
          SecondaryDnsConfiguration.builder()
              .zone("logsecret.example")
              .addSecondaryNameServer("ns1.secondary.example.net")
              .addNotifyTarget("127.0.0.2", secondary.target().port(), "k1")
              .addTsigKey("k1", "hmac-sha256", SECRET)
              .build();
      HostZone zone =
          RefreshTesting.aliasAtTheApex(
                  ZONE,
                  PRIMARY,
                  Name.fromConstantString("hostmaster.logsecret.example."),
                  Name.fromConstantString("cdn.example.net."))
              .build();
      boolean[] failPublish = {false};
      PublishedZones zones = new PublishedZones();
      try (AxfrResponder responder =
              AxfrResponder.builder()
                  .listen(new InetSocketAddress(ip("127.0.0.1"), 0))
                  .zoneSource(zones)
                  .configurations(z -> Optional.of(configuration))
                  .notifySender(sender)
                  .build();
          AliasRefresher refresher =
              AliasRefresher.builder(
                      ZoneExporter.create(Clock.systemUTC()),
                      resolver,
                      snapshot -> {
                        if (failPublish[0]) {
                          throw new IllegalStateException("store down");
                        }
                        zones.publish(snapshot);
                      })
                  .listener(events::add)
                  .backoff(Duration.ofMillis(1), Duration.ofMillis(1))
                  .build()) {
        responder.start();
        refresher.register(
            RefreshTesting.registered(
                    configuration,
                    () -> zone,
                    PRIMARY,
                    Name.fromConstantString("hostmaster.example."))
                .build());
        assertInstanceOf(
            RefreshEvent.Refreshed.class, refresher.refreshNow(ZONE).get(20, TimeUnit.SECONDS));
        secondary.awaitReceived(1);
        next.set(TargetResolution.unresolved("SERVFAIL from the resolver"));
        refresher.refreshNow(ZONE).get(20, TimeUnit.SECONDS);
        next.set(TargetResolution.resolved(List.of(ip("192.0.2.2"))));
        failPublish[0] = true;
        assertInstanceOf(
            RefreshEvent.PublishFailed.class, refresher.refreshNow(ZONE).get(20, TimeUnit.SECONDS));
      }
    }
    List<CapturedLogs.Line> lines = CapturedLogs.matching("logsecret.example");
    assertFalse(lines.isEmpty(), "the refresher logged about the zone");
    assertTrue(events.stream().anyMatch(RefreshEvent.ResolutionFailed.class::isInstance));
    for (CapturedLogs.Line line : CapturedLogs.matching("")) {
      assertFalse(line.message().contains(SECRET), line.message());
      assertFalse(line.message().contains(SECRET_TEXT), line.message());
    }
    for (RefreshEvent e : events) {
      assertFalse(e.toString().contains(SECRET), e.toString());
      assertFalse(e.toString().contains(SECRET_TEXT), e.toString());
    }
    assertEquals(0, CapturedLogs.matching(SECRET).size());
  }
}
