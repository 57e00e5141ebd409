package io.github.secdns.axfr.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.testsupport.Allocations;
import io.github.secdns.testsupport.zones.GeneratedZone;
import io.github.secdns.testsupport.zones.ZoneGenerator;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.TXTRecord;

/**
 * What a rendering for one transfer of a host's small zone costs: the compressor of a rendering
 * thread is reused from one rendering to the next (its tables were most of a transfer's garbage),
 * the SOA is not decoded, and a rendering for one transfer is not trimmed; and none of that changes
 * an octet of what is sent.
 */
class ZoneRendererReuseTest {

  private static final int TARGET = 16_384;

  private static ZoneSnapshot small(int index) {
    GeneratedZone z =
        ZoneGenerator.small(Name.fromConstantString("z" + index + ".example."), index, 1);
    return ZoneSnapshot.of(z.soa(), z.records());
  }

  private static List<byte[]> bodies(RenderedZone z) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < z.messageCount(); i++) {
      ByteBuffer b = z.body(i);
      byte[] octets = new byte[b.remaining()];
      b.get(octets);
      out.add(octets);
    }
    return out;
  }

  private static void assertSameMessages(RenderedZone expected, RenderedZone actual) {
    List<byte[]> e = bodies(expected);
    List<byte[]> a = bodies(actual);
    assertEquals(e.size(), a.size(), "messages");
    for (int i = 0; i < e.size(); i++) {
      assertArrayEquals(e.get(i), a.get(i), "message " + i);
    }
  }

  /** Renders on a thread of its own, which has no compressor to reuse. */
  private static RenderedZone onFreshThread(ZoneSnapshot snapshot) throws InterruptedException {
    AtomicReference<RenderedZone> out = new AtomicReference<>();
    Thread t = new Thread(() -> out.set(new ZoneRenderer(TARGET).render(snapshot)));
    t.start();
    t.join();
    return out.get();
  }

  @Test
  void aCompressorUsedBeforeRendersTheSameOctetsAsANewOne() throws Exception {
    ZoneRenderer renderer = new ZoneRenderer(TARGET);
    GeneratedZone generated =
        ZoneGenerator.sized(Name.fromConstantString("big.example."), 5000, 1, 7);
    ZoneSnapshot big = ZoneSnapshot.of(generated.soa(), generated.records());
    ZoneSnapshot zone = small(12_345);
    // This thread's compressor has served a big zone's many messages (and grown) and other zones.
    renderer.render(big);
    renderer.renderOnce(small(1), null);
    assertSameMessages(onFreshThread(zone), renderer.renderOnce(zone, null));
    assertSameMessages(onFreshThread(zone), renderer.render(zone));
    assertSameMessages(onFreshThread(big), renderer.render(big));
  }

  @Test
  void aRenderingThatFailedLeavesTheNextOneRight() throws Exception {
    ZoneRenderer renderer = new ZoneRenderer(TARGET);
    List<org.xbill.DNS.Record> records = new ArrayList<>(small(3).packedRecords().asList());
    // RDATA of 65,500 octets: no message has room for it beside a header, OPT and TSIG's reserve.
    String[] strings = new String[262];
    java.util.Arrays.fill(strings, "x".repeat(249));
    records.add(
        new TXTRecord(
            Name.fromConstantString("huge.z3.example."), DClass.IN, 300, List.of(strings)));
    ZoneSnapshot tooLarge = ZoneSnapshot.of(small(3).soa(), records);
    assertThrows(RecordTooLargeException.class, () -> renderer.renderOnce(tooLarge, null));
    ZoneSnapshot zone = small(7);
    assertSameMessages(onFreshThread(zone), renderer.renderOnce(zone, null));
  }

  @Test
  void aRenderingForOneTransferIsNotTrimmedAndOneKeptIs() {
    ZoneRenderer renderer = new ZoneRenderer(TARGET);
    ZoneSnapshot zone = small(42);
    RenderedZone kept = renderer.render(zone);
    RenderedZone once = renderer.renderOnce(zone, null);
    assertSameMessages(kept, once);
    long octets = 0;
    for (byte[] body : bodies(kept)) {
      octets += body.length;
    }
    // Kept: its one array holds exactly its messages (plus the bookkeeping of one message).
    assertEquals(octets + 16, kept.retainedBytes());
    // For one transfer: the array as it was made, sized by the records' uncompressed octets.
    assertTrue(once.retainedBytes() > kept.retainedBytes(), "not trimmed");
  }

  /**
   * The octets a small zone's rendering for one transfer allocates on the rendering thread: its
   * messages' array (sized by the records' uncompressed octets, about 1,100 for this zone) and a
   * few small objects. Making a compressor per rendering added about 4,700, decoding the SOA twice
   * about 1,000, trimming the array about 800, and unpacking the version's records (it holds its
   * owner names without the origin) about 950.
   */
  @Test
  void aSmallZonesRenderingForOneTransferAllocatesLittleBeyondItsMessages() {
    ZoneRenderer renderer = new ZoneRenderer(TARGET);
    ZoneSnapshot zone = small(4242);
    long uncompressed = zone.wireSize() + zone.soaWire().remaining();
    long perRendering = Allocations.perCall(20_000, 2_000, () -> renderer.renderOnce(zone, null));
    assertTrue(
        perRendering < uncompressed + 1_500,
        perRendering + " octets per rendering of a zone of " + uncompressed + " octets");
  }
}
