package io.github.secdns.axfr.internal;

import static io.github.secdns.testsupport.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.secdns.core.serial.SerialNumber;
import io.github.secdns.core.zone.ZoneDelta;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;

/**
 * The render cache under a random workload (full and incremental renderings of versions of zones of
 * random sizes, under a random bound): after every request it holds at most its bound, and every
 * request gets exactly what a fresh rendering gives, whether the cache still had it or dropped it.
 */
class RenderCachePropertyTest {

  private static final int ZONES = 8;
  private static final int VERSIONS = 4;
  private static final ZoneRenderer RENDERER = new ZoneRenderer(2048);

  /** Version v of zone z has (z * 37 + v * 53) % 400 A records: sizes from nothing to ~10 KB. */
  private static final ZoneSnapshot[][] SNAPSHOTS = new ZoneSnapshot[ZONES][VERSIONS];

  static {
    for (int z = 0; z < ZONES; z++) {
      Name origin = Name.fromConstantString("z" + z + ".example.");
      for (int v = 0; v < VERSIONS; v++) {
        List<Record> records = new ArrayList<>();
        int n = (z * 37 + v * 53) % 400;
        for (int i = 0; i < n; i++) {
          records.add(
              new ARecord(
                  Name.fromConstantString("h" + i + "." + origin), DClass.IN, 300, address(i)));
        }
        SOARecord soa =
            new SOARecord(origin, DClass.IN, 3600, origin, origin, v + 1L, 1, 1, 1_000_000, 1);
        SNAPSHOTS[z][v] = ZoneSnapshot.of(soa, records);
      }
    }
  }

  private static InetAddress address(int i) {
    try {
      return InetAddress.getByAddress(new byte[] {10, 1, (byte) (i >> 8), (byte) i});
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Renders in the calling thread, so that each request has finished when it returns. */
  private static final Executor NOW = Runnable::run;

  /** Holds every rendering of every version at once: nothing is ever evicted. */
  private static final long HOLDS_EVERYTHING = 1L << 30;

  /**
   * Bounds biased to the edges: 0 (nothing may be kept), 1 (less than any rendering), one that
   * holds everything, and anything between.
   */
  private static Gen<Long> bounds() {
    return longs().between(0, 40_000).mix(Generate.pick(List.of(0L, 1L, HOLDS_EVERYTHING)), 30);
  }

  @Test
  void theCacheStaysWithinItsBoundAndAnswersCorrectlyAfterEvictions() {
    AtomicInteger nothingKept = new AtomicInteger();
    AtomicInteger nothingEvicted = new AtomicInteger();
    qt().withExamples(300)
        .forAll(
            bounds(),
            lists().of(integers().between(0, ZONES * VERSIONS * 3 - 1)).ofSizeBetween(1, 60))
        .checkAssert(
            (bound, requests) -> {
              if (bound == 0) {
                nothingKept.incrementAndGet();
              } else if (bound == HOLDS_EVERYTHING) {
                nothingEvicted.incrementAndGet();
              }
              RenderCache cache = new RenderCache(RENDERER, NOW, bound);
              for (int request : requests) {
                int z = request % ZONES;
                int v = (request / ZONES) % VERSIONS;
                boolean incremental = request / (ZONES * VERSIONS) == 2;
                ZoneSnapshot snapshot = SNAPSHOTS[z][v];
                RenderedZone got;
                RenderedZone fresh;
                if (incremental) {
                  // Any delta does for the cache; half the records deleted, the rest added.
                  List<Record> records = snapshot.records();
                  int half = records.size() / 2;
                  List<ZoneDelta> chain =
                      List.of(
                          ZoneDelta.of(
                              SNAPSHOTS[z][(v + 1) % VERSIONS].soa(),
                              snapshot.soa(),
                              records.subList(0, half),
                              records.subList(half, records.size())));
                  got =
                      cache
                          .getIncremental(snapshot, SerialNumber.of(request % 3), chain)
                          .result()
                          .join();
                  fresh = RENDERER.renderIncremental(snapshot, chain, null);
                } else {
                  got = cache.get(snapshot).result().join();
                  fresh = RENDERER.render(snapshot);
                }
                assertSame(snapshot, got.snapshot());
                assertEquals(fresh.counts(), got.counts());
                assertEquals(bodies(fresh), bodies(got));
                assertTrue(
                    cache.bytes() <= bound,
                    "the cache holds " + cache.bytes() + " octets, above its bound " + bound);
              }
            });
    assertTrue(nothingKept.get() > 0, "the generator never gave a bound of 0");
    assertTrue(nothingEvicted.get() > 0, "the generator never gave a bound that holds all");
  }

  @Test
  void aSecondRequestForAVersionKeptIsNotRenderedAgain() {
    RenderCache cache = new RenderCache(RENDERER, NOW, 1 << 20);
    cache.get(SNAPSHOTS[3][1]).result().join();
    cache.get(SNAPSHOTS[3][1]).result().join();
    assertEquals(1, cache.renders());
    // A zone that changed drops its renderings.
    assertTrue(cache.invalidate(SNAPSHOTS[3][1].origin()));
    assertEquals(0, cache.bytes());
    cache.get(SNAPSHOTS[3][1]).result().join();
    assertEquals(2, cache.renders());
  }

  @Test
  void aRenderingTooSmallToKeepIsRenderedForEachRequestAndNeverCounted() {
    // A full transfer carries the SOA twice: KEPT_ABOVE_RECORDS - 2 records is at the threshold.
    ZoneSnapshot atThreshold = zoneOf(RenderCache.KEPT_ABOVE_RECORDS - 2, 1);
    ZoneSnapshot above = zoneOf(RenderCache.KEPT_ABOVE_RECORDS - 1, 1);
    RenderCache cache = new RenderCache(RENDERER, NOW, 1 << 20);

    RenderedZone first = cache.get(atThreshold).result().join();
    RenderedZone second = cache.get(atThreshold).result().join();
    assertEquals(2, cache.renders());
    assertEquals(0, cache.bytes());
    assertEquals(0, cache.size());
    assertEquals(bodies(RENDERER.render(atThreshold)), bodies(first));
    assertEquals(bodies(first), bodies(second));
    assertFalse(cache.invalidate(atThreshold.origin()), "nothing of it was kept");

    cache.get(above).result().join();
    cache.get(above).result().join();
    assertEquals(3, cache.renders());
    assertEquals(1, cache.size());
    assertTrue(cache.bytes() > 0);

    // An incremental answer: its records are the two SOAs of each delta's ends plus its changes.
    ZoneSnapshot next = zoneOf(2, 2);
    List<ZoneDelta> small =
        List.of(ZoneDelta.of(atThreshold.soa(), next.soa(), List.of(), List.of()));
    long before = cache.bytes();
    cache.getIncremental(next, SerialNumber.of(1), small).result().join();
    cache.getIncremental(next, SerialNumber.of(1), small).result().join();
    assertEquals(5, cache.renders());
    assertEquals(before, cache.bytes());
  }

  /** A version of zone "small.example." with {@code records} A records and the given serial. */
  private static ZoneSnapshot zoneOf(int records, long serial) {
    Name origin = Name.fromConstantString("small.example.");
    List<Record> list = new ArrayList<>();
    for (int i = 0; i < records; i++) {
      list.add(
          new ARecord(Name.fromConstantString("h" + i + "." + origin), DClass.IN, 300, address(i)));
    }
    return ZoneSnapshot.of(
        new SOARecord(origin, DClass.IN, 3600, origin, origin, serial, 1, 1, 1_000_000, 1), list);
  }

  private static List<ByteBuffer> bodies(RenderedZone z) {
    List<ByteBuffer> out = new ArrayList<>();
    for (int i = 0; i < z.messageCount(); i++) {
      out.add(z.body(i));
    }
    return out;
  }
}
