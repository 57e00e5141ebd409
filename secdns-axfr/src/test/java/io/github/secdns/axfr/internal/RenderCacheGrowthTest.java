package io.github.secdns.axfr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.zone.ZoneSnapshot;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;

/**
 * The render cache with renderings that grow: a rendering is handed out as it starts and shared
 * while it grows, it is counted against the byte bound as it grows (evicting others, and itself
 * once it alone is larger than the bound), and the bound holds after every message of every
 * rendering. A hook on the render thread holds a rendering after a given message and reads the
 * cache's count there.
 */
class RenderCacheGrowthTest {

  private static final ZoneRenderer RENDERER = new ZoneRenderer(16384);
  private static final long BOUND = 64 * 1024;

  private final ExecutorService renderThread = Executors.newSingleThreadExecutor();

  @AfterEach
  void stop() throws InterruptedException {
    renderThread.shutdownNow();
    assertTrue(renderThread.awaitTermination(30, TimeUnit.SECONDS));
  }

  private static ZoneSnapshot zone(String origin, int records) {
    Name o = Name.fromConstantString(origin);
    List<Record> list = new ArrayList<>();
    for (int i = 0; i < records; i++) {
      byte[] v4 = {10, (byte) (i >> 16), (byte) (i >> 8), (byte) i};
      try {
        list.add(
            new ARecord(
                Name.fromConstantString("host-" + i + "." + origin),
                DClass.IN,
                300,
                java.net.InetAddress.getByAddress(v4)));
      } catch (java.net.UnknownHostException e) {
        throw new IllegalStateException(e);
      }
    }
    return ZoneSnapshot.of(new SOARecord(o, DClass.IN, 60, o, o, 1, 3600, 600, 86400, 60), list);
  }

  private static List<ByteBuffer> bodies(RenderedZone z) {
    List<ByteBuffer> out = new ArrayList<>();
    for (int i = 0; i < z.messageCount(); i++) {
      out.add(z.body(i));
    }
    return out;
  }

  @Test
  void theBoundHoldsAfterEveryMessageOfGrowingRenderings() throws Exception {
    AtomicLong highest = new AtomicLong();
    AtomicReference<RenderCache> cacheRef = new AtomicReference<>();
    List<String> partialCounts = new ArrayList<>();
    RenderCache cache =
        new RenderCache(
            RENDERER,
            renderThread,
            BOUND,
            RenderSplit.NONE,
            snapshot -> {},
            (snapshot, messages) -> {
              long now = cacheRef.get().bytes();
              highest.accumulateAndGet(now, Math::max);
              if (messages == 1 && snapshot.size() > RenderCache.INLINE_RECORDS) {
                partialCounts.add(snapshot.origin() + " " + now);
              }
            });
    cacheRef.set(cache);
    // Ten small zones, rendered inline and kept: about 2 KB each.
    List<ZoneSnapshot> small = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      small.add(zone("s" + i + ".example.", 90));
      cache.get(small.get(i)).result().join();
    }
    assertEquals(10, cache.size());
    long smallBytes = cache.bytes();
    assertTrue(smallBytes > 0 && smallBytes <= BOUND);

    // A zone of about 40 KB: counted from its first message on, it pushes out the eldest small
    // ones while it grows, and is kept.
    ZoneSnapshot medium = zone("medium.example.", 2_000);
    RenderedZone m = cache.get(medium).result().get(30, TimeUnit.SECONDS);
    assertTrue(highest.get() <= BOUND, "held " + highest.get() + " above " + BOUND);
    assertTrue(cache.size() < 11, "small renderings were evicted for the growing one");
    long rendersNow = cache.renders();
    assertSame(m, cache.get(medium).result().join(), "the medium rendering is kept");
    assertEquals(rendersNow, cache.renders());

    // A zone of about 400 KB, larger than the bound: counted while it grows until it alone passes
    // the bound, then not kept; its rendering still completes for whoever asked.
    ZoneSnapshot large = zone("large.example.", 20_000);
    RenderedZone l = cache.get(large).result().get(60, TimeUnit.SECONDS);
    assertEquals(bodies(RENDERER.render(large)), bodies(l));
    assertTrue(highest.get() <= BOUND, "held " + highest.get() + " above " + BOUND);
    assertTrue(cache.bytes() <= BOUND);
    cache.get(large).result().get(60, TimeUnit.SECONDS);
    assertEquals(rendersNow + 2, cache.renders(), "a rendering larger than the bound is not kept");
    assertEquals(3, partialCounts.size(), "medium, large and large again, at their first message");
    for (String count : partialCounts) {
      assertFalse(count.endsWith(" 0"), "a partial rendering counts: " + count);
    }
  }

  @Test
  void requestsDuringARenderingShareItAndSeeItGrow() throws Exception {
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicLong bytesWhileHeld = new AtomicLong(-1);
    AtomicReference<RenderCache> cacheRef = new AtomicReference<>();
    RenderCache cache =
        new RenderCache(
            RENDERER,
            renderThread,
            1 << 20,
            RenderSplit.NONE,
            snapshot -> {},
            (snapshot, messages) -> {
              if (messages == 2) {
                bytesWhileHeld.set(cacheRef.get().bytes());
                held.countDown();
                try {
                  release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            });
    cacheRef.set(cache);
    ZoneSnapshot zone = zone("shared.example.", 5_000);
    try {
      Rendering first = cache.get(zone);
      assertTrue(held.await(30, TimeUnit.SECONDS));
      Rendering second = cache.get(zone);
      assertSame(first, second, "one rendering, shared while it grows");
      assertFalse(second.isDone());
      assertEquals(2, second.published(), "what is rendered so far is readable");
      assertTrue(bytesWhileHeld.get() > 0, "the partial rendering is counted");
      assertEquals(1, cache.renders());
      release.countDown();
      RenderedZone done = second.result().get(30, TimeUnit.SECONDS);
      assertEquals(done.messageCount(), second.published());
      assertEquals(bodies(RENDERER.render(zone)), bodies(done));
      assertEquals(done.retainedBytes(), cache.bytes(), "counted at its final size once done");
      // Another version of the zone is a new rendering.
      ZoneSnapshot other = zone("shared.example.", 5_001);
      assertNotSame(first, cache.get(other));
    } finally {
      release.countDown();
    }
  }
}
