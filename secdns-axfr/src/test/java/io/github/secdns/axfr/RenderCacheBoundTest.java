package io.github.secdns.axfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.testsupport.zones.TestRecords;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Record;
import org.xbill.DNS.ZoneTransferIn;

/**
 * Over loopback: with a render cache bound far below what the zones need, a random workload of
 * transfers (new versions published in between) keeps the cache within its bound, and every
 * transfer, of a zone rendered again after being dropped included, brings exactly the zone.
 */
class RenderCacheBoundTest {

  private static final int ZONES = 60;
  private static final long BOUND = 48 * 1024;

  @Test
  void randomTransfersStayWithinTheBoundAndAreAlwaysCorrect() throws Exception {
    long seed = System.nanoTime();
    SplittableRandom random = new SplittableRandom(seed);
    PublishedZones zones = new PublishedZones();
    long[] serials = new long[ZONES];
    for (int i = 0; i < ZONES; i++) {
      serials[i] = 1;
      zones.publish(version(i, 1, random));
    }
    Set<Thread> before = Resources.liveThreads();
    try (AxfrResponder responder =
        AxfrResponder.builder()
            .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .zoneSource(zones)
            .policy(r -> TransferDecision.allow("test"))
            .limits(ResponderLimits.defaults().withRenderCacheBytes(BOUND))
            .build()) {
      responder.start();
      InetSocketAddress address = responder.boundAddresses().get(0);
      Set<Integer> transferred = new HashSet<>();
      for (int k = 0; k < 150; k++) {
        int i = random.nextInt(ZONES);
        if (random.nextInt(10) == 0) {
          zones.publish(version(i, ++serials[i], random));
        }
        ZoneSnapshot expected =
            zones.snapshot(TestRecords.name("b" + i + ".example.")).orElseThrow();
        ZoneTransferIn axfr = ZoneTransferIn.newAXFR(expected.origin(), address, null);
        axfr.setTimeout(Duration.ofSeconds(20));
        axfr.run();
        assertEquals(
            new HashSet<>(TestZones.allRecords(expected)),
            new HashSet<Record>(axfr.getAXFR()),
            "seed " + seed + ", request " + k);
        transferred.add(i);
        long held = responder.renderCacheBytes();
        assertTrue(held <= BOUND, "seed " + seed + ": the cache holds " + held + " octets");
      }
      // Zones were dropped and rendered again: more renderings than zones transferred.
      assertTrue(
          responder.renders() > transferred.size(),
          "seed " + seed + ": " + responder.renders() + " renders for " + transferred.size());
    }
    assertEquals(Set.of(), Resources.threadsLeftSince(before));
  }

  /** A zone of 0 to 300 A records (up to ~8 KB rendered), sized at random per version. */
  private static ZoneSnapshot version(int i, long serial, SplittableRandom random) {
    ZoneSnapshot big = TestZones.large("b" + i + ".example.", serial, random.nextInt(301));
    return big;
  }
}
