package io.github.secdns.axfr.internal;

import static io.github.secdns.testsupport.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.secdns.core.zone.ZoneSnapshot;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * A big version's full transfer rendered in segments on several threads (issue 15) carries exactly
 * what the rendering on one thread carries, in the same order, and grows the same way: readers only
 * ever see a prefix of the final messages, a segment failing fails the rendering after every
 * message before the failing record, and the render cache counts the segments' growth exactly. The
 * threshold is set low instead of building big zones.
 */
class SplitRenderTest {

  /** Four threads, so that up to four segments render at once. */
  private final ExecutorService pool = Executors.newFixedThreadPool(4);

  /**
   * Runs each task at once on the thread that hands it over: {@link SplitRender#run} then renders
   * the later segments before segment 0, the order a busy machine may give.
   */
  private static final Executor LATER_SEGMENTS_FIRST = Runnable::run;

  @AfterEach
  void stop() throws InterruptedException {
    pool.shutdownNow();
    assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
  }

  @Test
  void aSplitRenderingCarriesTheSequentialRecordsInOrderWithinTheSizeLimit() {
    qt().withExamples(80)
        .forAll(
            longs().all(),
            integers().between(0, 3000),
            integers().between(512, 65535),
            // 2 to 4 threads, each with a pool or with the later segments rendered first
            integers().between(0, 5))
        .checkAssert(this::splitCarriesTheSequentialRecords);
  }

  @Test
  void aZoneOfFewerRecordsThanSegmentsOpensWithOneSoa() {
    // One record on two segments: segment 0 is the SOA alone, segment 1 starts at record 0 too.
    splitCarriesTheSequentialRecords(0L, 1, 512, 0);
    splitCarriesTheSequentialRecords(0L, 1, 512, 1); // the later segment rendered first
  }

  private void splitCarriesTheSequentialRecords(long seed, int size, int target, int how) {
    int threads = 2 + how / 2;
    boolean laterFirst = how % 2 == 1;
    ZoneSnapshot zone = ZoneRendererEquivalenceTest.randomZone(seed, size);
    int records = zone.packedRecords().size();
    // Below the zone's size, so that (almost) every example is split.
    RenderSplit split = new RenderSplit(threads, records / 3);
    int segments = split.segments(records);
    String example = "seed " + seed + ", " + segments + " segments, target " + target;

    List<byte[]> seen = new ArrayList<>(); // each message as it became readable
    AtomicReference<Rendering> growing = new AtomicReference<>();
    AtomicReference<RenderCache> cache = new AtomicReference<>();
    AtomicLong highest = new AtomicLong();
    cache.set(
        new RenderCache(
            new ZoneRenderer(target),
            laterFirst ? LATER_SEGMENTS_FIRST : pool,
            1L << 30,
            split,
            snapshot -> {},
            (snapshot, readable) -> {
              synchronized (seen) {
                highest.accumulateAndGet(cache.get().bytes(), Math::max);
                Rendering r = growing.get();
                if (r == null) {
                  return; // the first message, before get() returned: read below
                }
                for (int i = seen.size(); i < r.published(); i++) {
                  seen.add(octets(r.body(i)));
                }
              }
            }));
    Rendering rendering = cache.get().get(zone);
    growing.set(rendering);
    RenderedZone done = join(rendering);
    RenderedZone sequential = new ZoneRenderer(target).render(zone);

    // The same records in the same order, the SOA first and last.
    List<Record> expected = new ArrayList<>();
    expected.add(zone.soa());
    expected.addAll(zone.records());
    expected.add(zone.soa());
    List<List<Record>> messages = decode(rendering, target, example);
    assertEquals(expected, flatten(decode(Rendering.of(sequential), target, example)));
    assertEquals(expected, flatten(messages), example);
    assertEquals(Type.SOA, messages.get(0).get(0).getType(), example);
    List<Record> last = messages.get(messages.size() - 1);
    assertEquals(zone.soa(), last.get(last.size() - 1), example);
    assertEquals(expected.size(), done.records(), example);

    // Each segment after the first starts a message of its own.
    List<Integer> firstRecords = new ArrayList<>();
    int at = 0;
    for (List<Record> m : messages) {
      firstRecords.add(at);
      at += m.size();
    }
    for (int s = 1; s < segments; s++) {
      int start = 1 + RenderSplit.start(records, segments, s); // after the first SOA
      assertTrue(firstRecords.contains(start), "segment " + s + ": " + example);
    }

    // Readers saw a prefix of the final messages, never changed afterwards.
    synchronized (seen) {
      for (int i = seen.size(); i < rendering.published(); i++) {
        seen.add(octets(rendering.body(i)));
      }
      assertEquals(done.messageCount(), seen.size(), example);
      for (int i = 0; i < seen.size(); i++) {
        assertArrayEquals(octets(done.body(i)), seen.get(i), "message " + i + example);
      }
    }
    // Counted exactly: the segments' growth adds up to what the whole retains (a rendering on one
    // thread too small to keep is not counted at all).
    boolean kept = segments > 1 || RenderCache.kept(expected.size());
    assertEquals(kept ? done.retainedBytes() : 0, cache.get().bytes(), example);
    assertTrue(highest.get() <= done.retainedBytes(), example);
  }

  @Test
  void aLaterSegmentFailingFirstFailsTheRenderingOnlyAfterTheSegmentsBeforeIt() throws Exception {
    ZoneSnapshot zone = withTooLargeRecord(false, 2000);
    int records = zone.packedRecords().size();
    List<String> afterSegment1 = new ArrayList<>();
    Rendering rendering = new Rendering(zone, Rendering.Progress.NONE, 2);
    Rendering[] ref = {rendering};
    AtomicReference<Throwable> ended = new AtomicReference<>();
    // Segment 1 runs (and fails) first, on this thread; then segment 0 renders.
    new SplitRender(new ZoneRenderer(16384), zone, rendering, 2, recording(ended))
        .run(
            task -> {
              task.run();
              afterSegment1.add(ref[0].isDone() + " " + ref[0].published());
            });
    assertEquals(List.of("false 0"), afterSegment1, "segment 1 failed, unseen so far");
    assertTrue(rendering.isDone());
    assertInstanceOf(RecordTooLargeException.class, rendering.failure().orElseThrow());
    assertInstanceOf(RecordTooLargeException.class, ended.get());
    // Readable: every message of segment 0, then segment 1's up to the failing record.
    List<Record> sent = flatten(decode(rendering, 16384, "big last"));
    List<Record> inOrder = new ArrayList<>();
    inOrder.add(zone.soa());
    inOrder.addAll(zone.records());
    assertEquals(records, sent.size());
    assertEquals(inOrder.subList(0, records), sent);
  }

  @Test
  void theFirstSegmentFailingHidesEveryLaterSegment() throws Exception {
    ZoneSnapshot zone = withTooLargeRecord(true, 2000);
    Rendering rendering = new Rendering(zone, Rendering.Progress.NONE, 2);
    AtomicReference<Throwable> ended = new AtomicReference<>();
    // Segment 1 ends well first; segment 0 then fails at its first record after the SOA.
    new SplitRender(new ZoneRenderer(16384), zone, rendering, 2, recording(ended))
        .run(LATER_SEGMENTS_FIRST);
    assertInstanceOf(RecordTooLargeException.class, rendering.failure().orElseThrow());
    assertInstanceOf(RecordTooLargeException.class, ended.get());
    assertEquals(List.of(zone.soa()), flatten(decode(rendering, 16384, "big first")));
  }

  @Test
  void anInterruptedSegmentFailsTheRenderingAfterTheMessagesBeforeIt() throws Exception {
    ZoneSnapshot zone = ZoneRendererEquivalenceTest.randomZone(7, 3000);
    Rendering rendering = new Rendering(zone, Rendering.Progress.NONE, 2);
    AtomicReference<Throwable> ended = new AtomicReference<>();
    // Segment 1's thread is interrupted: it stops at its first record.
    new SplitRender(new ZoneRenderer(1024), zone, rendering, 2, recording(ended))
        .run(
            task -> {
              Thread.currentThread().interrupt();
              try {
                task.run();
              } finally {
                assertTrue(Thread.interrupted());
              }
            });
    assertInstanceOf(
        java.util.concurrent.CancellationException.class, rendering.failure().orElseThrow());
    List<Record> inOrder = new ArrayList<>();
    inOrder.add(zone.soa());
    inOrder.addAll(zone.records());
    int half = RenderSplit.start(zone.packedRecords().size(), 2, 1);
    assertEquals(inOrder.subList(0, 1 + half), flatten(decode(rendering, 1024, "interrupted")));
  }

  @Test
  void theCacheCountsASplitRenderingWithinItsBoundAndForgetsAFailedOne() throws Exception {
    long bound = 64 * 1024;
    AtomicLong highest = new AtomicLong();
    AtomicReference<RenderCache> ref = new AtomicReference<>();
    RenderCache cache =
        new RenderCache(
            new ZoneRenderer(16384),
            pool,
            bound,
            new RenderSplit(2, 100),
            snapshot -> {},
            (snapshot, messages) -> highest.accumulateAndGet(ref.get().bytes(), Math::max));
    ref.set(cache);
    // About 40 KB: kept, counted at its final size.
    ZoneSnapshot medium = ZoneRendererEquivalenceTest.randomZone(11, 400);
    RenderedZone m = join(cache.get(medium));
    assertTrue(m.retainedBytes() < bound / 2, "medium: " + m.retainedBytes());
    assertEquals(m.retainedBytes(), cache.bytes());
    // Far larger than the bound: counted while it grows, then not kept.
    ZoneSnapshot large = ZoneRendererEquivalenceTest.randomZone(12, 6000);
    join(cache.get(large));
    assertTrue(highest.get() <= bound, "held " + highest.get() + " above " + bound);
    assertTrue(cache.bytes() <= bound);
    // A failed split rendering holds nothing, and is not rendered again.
    ZoneSnapshot failing = withTooLargeRecord(false, 300);
    long before = cache.bytes();
    Rendering f = cache.get(failing);
    assertThrows(f);
    assertTrue(cache.bytes() <= before, cache.bytes() + " after a failure, " + before + " before");
    long renders = cache.renders();
    assertThrows(cache.get(failing));
    assertEquals(renders, cache.renders());
    assertEquals(0, cache.get(failing).published(), "kept without its messages");
  }

  private static SplitRender.Ended recording(AtomicReference<Throwable> ended) {
    return new SplitRender.Ended() {
      @Override
      public void completed(RenderedZone whole) {
        ended.set(new AssertionError("completed"));
      }

      @Override
      public void failed(Throwable failure) {
        ended.set(failure);
      }
    };
  }

  private static void assertThrows(Rendering rendering) throws InterruptedException {
    try {
      rendering.result().get(30, TimeUnit.SECONDS);
      throw new AssertionError("the rendering succeeded");
    } catch (ExecutionException e) {
      assertInstanceOf(RecordTooLargeException.class, e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("the rendering never ended", e);
    }
  }

  /**
   * {@code n} random records and a TXT too large for any message, first or last (a zone keeps its
   * records in the order given).
   */
  private static ZoneSnapshot withTooLargeRecord(boolean first, int n) {
    Name origin = Name.fromConstantString("split.example.");
    List<Record> records = new ArrayList<>();
    ZoneSnapshot base = ZoneRendererEquivalenceTest.randomZone(3, n);
    for (Record r : base.records()) {
      records.add(r.withName(Name.fromConstantString("h" + records.size() + "." + origin)));
    }
    List<String> strings = new ArrayList<>();
    for (int i = 0; i < 260; i++) {
      strings.add("x".repeat(250)); // 65,260 octets of RDATA: fits a record, not a message
    }
    records.add(
        first ? 0 : records.size(),
        new TXTRecord(Name.fromConstantString("big." + origin), DClass.IN, 60, strings));
    SOARecord soa =
        new SOARecord(origin, DClass.IN, 3600, origin, origin, 1, 7200, 900, 1209600, 300);
    return ZoneSnapshot.of(soa, records);
  }

  private static RenderedZone join(Rendering rendering) {
    try {
      return rendering.result().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /**
   * Every readable message as a client gets it, parsed on its own by dnsjava; each within the
   * target size with room for an OPT and a TSIG, or alone in its message within 65535 octets.
   */
  private static List<List<Record>> decode(Rendering rendering, int target, String example) {
    byte[] question =
        Record.newRecord(rendering.snapshot().origin(), Type.AXFR, DClass.IN)
            .toWire(Section.QUESTION);
    TransferMessageProducer p =
        new TransferMessageProducer(
            rendering, 7, false, question, Optional.empty(), Optional.empty());
    List<List<Record>> out = new ArrayList<>();
    while (p.ready()) {
      ByteBuffer[] buffers = p.next();
      int size = 0;
      for (ByteBuffer b : buffers) {
        size += b.remaining();
      }
      int room = size + WireSizes.OPT_WITHOUT_OPTIONS + WireSizes.TSIG_RESERVE;
      ByteBuffer all = ByteBuffer.allocate(size);
      for (ByteBuffer b : buffers) {
        all.put(b);
      }
      try {
        List<Record> records = new Message(all.array()).getSection(Section.ANSWER);
        assertTrue(
            room <= target || (records.size() == 1 && room <= WireSizes.MAX_MESSAGE),
            "message " + out.size() + " of " + room + " octets, " + example);
        out.add(records);
      } catch (java.io.IOException e) {
        throw new AssertionError("message " + out.size() + " does not parse, " + example, e);
      }
    }
    assertFalse(rendering.isDone() && rendering.failure().isEmpty() && p.hasNext(), example);
    return out;
  }

  private static List<Record> flatten(List<List<Record>> messages) {
    List<Record> all = new ArrayList<>();
    messages.forEach(all::addAll);
    return all;
  }

  private static byte[] octets(ByteBuffer body) {
    byte[] bytes = new byte[body.remaining()];
    body.get(bytes);
    return bytes;
  }
}
