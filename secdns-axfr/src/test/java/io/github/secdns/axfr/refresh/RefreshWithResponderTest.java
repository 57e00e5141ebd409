package io.github.secdns.axfr.refresh;

import static io.github.secdns.testsupport.Addresses.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.axfr.AxfrResponder;
import io.github.secdns.axfr.PublishedZones;
import io.github.secdns.axfr.notify.FakeSecondary;
import io.github.secdns.axfr.notify.NotifySender;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.export.HostZone;
import io.github.secdns.core.export.ZoneExporter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferIn;

/**
 * End to end on loopback: the refresher publishes into the responder's {@link PublishedZones}; the
 * fake secondary on 127.0.0.2, when NOTIFY arrives, pulls the zone from the responder by AXFR and
 * sees exactly the notified serial with the new ALIAS values: the version was servable before the
 * NOTIFY left.
 */
class RefreshWithResponderTest {

  private static final Name ZONE = Name.fromConstantString("example.com.");
  private static final Name TARGET = Name.fromConstantString("lb.cdn.example.net.");
  private static final Name PRIMARY = Name.fromConstantString("ns1.host.example.");

  /** What the secondary pulled on each NOTIFY: the notified serial, then the pulled zone. */
  private record Pull(long notified, long pulled, Set<String> apexAddresses) {}

  private final RefreshTesting testing = new RefreshTesting();
  private final BlockingQueue<Pull> pulls = new LinkedBlockingQueue<>();

  @AfterEach
  void cleanUp() throws Exception {
    testing.close();
  }

  private <T extends AutoCloseable> T closing(T resource) {
    return testing.closing(resource);
  }

  private static List<Record> axfr(InetSocketAddress responder) throws Exception {
    ZoneTransferIn xfr = ZoneTransferIn.newAXFR(ZONE, responder, null);
    xfr.setLocalAddress(new InetSocketAddress(ip("127.0.0.2"), 0));
    xfr.setTimeout(Duration.ofSeconds(10));
    xfr.run();
    return xfr.getAXFR();
  }

  private static Set<String> apex(List<Record> zone) {
    Set<String> out = new TreeSet<>();
    for (Record r : zone) {
      if (r.getName().equals(ZONE) && (r.getType() == Type.A || r.getType() == Type.AAAA)) {
        out.add(r.rdataToString());
      }
    }
    return out;
  }

  @Test
  void aSecondaryPullsTheNotifiedVersionFromTheResponder() throws Exception {
    FakeRecursiveResolver dns = closing(new FakeRecursiveResolver("127.0.0.1"));
    dns.addresses.put(TARGET, List.of(ip("192.0.2.1")));

    PublishedZones zones = new PublishedZones();
    InetSocketAddress[] responderAddress = new InetSocketAddress[1];
    FakeSecondary secondary =
        closing(
            new FakeSecondary(
                "127.0.0.2",
                (n, bytes, query, self) -> {
                  long notified = RefreshTesting.notifiedSerial(query);
                  try {
                    List<Record> pulled = axfr(responderAddress[0]);
                    pulls.add(
                        new Pull(notified, ((SOARecord) pulled.get(0)).getSerial(), apex(pulled)));
                  } catch (Exception e) {
                    throw new IOException("AXFR after NOTIFY failed", e);
                  }
                  return Optional.of(RefreshTesting.acknowledge(query));
                }));
    SecondaryDnsConfiguration configuration =
        RefreshTesting.configuration(secondary.target().port());

    // One NOTIFY sender for the process; the responder sends every NOTIFY, the refresher none.
    NotifySender sender =
        closing(
            NotifySender.builder()
                .localAddress(new InetSocketAddress(ip("127.0.0.1"), 0))
                .initialTimeout(Duration.ofSeconds(10))
                .build());
    AxfrResponder responder = closing(RefreshTesting.responder(zones, configuration, sender));
    responderAddress[0] = responder.boundAddresses().get(0);
    DnsjavaTargetResolver resolver =
        closing(
            DnsjavaTargetResolver.builder(
                    List.of(new InetSocketAddress(ip("127.0.0.1"), dns.port())))
                .timeout(Duration.ofMillis(300))
                .build());
    HostZone hostZone =
        RefreshTesting.aliasAtTheApex(
                ZONE, PRIMARY, Name.fromConstantString("hostmaster.example.com."), TARGET)
            .build();
    AliasRefresher refresher =
        closing(
            AliasRefresher.builder(ZoneExporter.create(Clock.systemUTC()), resolver, zones::publish)
                .interval(Duration.ofHours(1))
                .build());
    refresher.register(
        RefreshTesting.registered(
                configuration,
                () -> hostZone,
                PRIMARY,
                Name.fromConstantString("hostmaster.example.com."))
            .build());

    RefreshEvent.Refreshed first =
        assertInstanceOf(
            RefreshEvent.Refreshed.class, refresher.refreshNow(ZONE).get(20, TimeUnit.SECONDS));
    Pull pull = pulls.poll(20, TimeUnit.SECONDS);
    assertNotNull(pull, "no AXFR after the first NOTIFY");
    assertEquals(
        new Pull(first.serial().value(), first.serial().value(), Set.of("192.0.2.1")), pull);

    dns.addresses.put(TARGET, List.of(ip("192.0.2.2")));
    RefreshEvent.Refreshed second =
        assertInstanceOf(
            RefreshEvent.Refreshed.class, refresher.refreshNow(ZONE).get(20, TimeUnit.SECONDS));
    assertTrue(second.serial().isNewerThan(first.serial()));
    pull = pulls.poll(20, TimeUnit.SECONDS);
    assertNotNull(pull, "no AXFR after the second NOTIFY");
    assertEquals(
        new Pull(second.serial().value(), second.serial().value(), Set.of("192.0.2.2")), pull);

    // The resolver goes silent: nothing changes, and the zone stays served with the last values.
    dns.silent.set(true);
    assertEquals(
        new RefreshEvent.Unchanged(ZONE, second.serial()),
        refresher.refreshNow(ZONE).get(20, TimeUnit.SECONDS));
    List<Record> served = axfr(responderAddress[0]);
    assertEquals(second.serial().value(), ((SOARecord) served.get(0)).getSerial());
    assertEquals(Set.of("192.0.2.2"), apex(served));
    // One owner of NOTIFY: exactly one per change reached the secondary, and nothing else came.
    assertEquals(2, secondary.received());
    assertNull(pulls.poll(), "an extra NOTIFY led to an extra transfer");
  }
}
