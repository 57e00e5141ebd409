package io.github.secdns.axfr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.testsupport.zones.GeneratedZone;
import io.github.secdns.testsupport.zones.TestRecords;
import io.github.secdns.testsupport.zones.ZoneGenerator;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

class ZoneRendererTest {

  private static final Name ORIGIN = Name.fromConstantString("example.com.");

  private static SOARecord soa() {
    return TestRecords.soa("example.com.", 1);
  }

  private static ZoneSnapshot zone(int n) throws Exception {
    List<Record> records = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      records.add(
          new ARecord(
              Name.fromString("h" + i + ".example.com."),
              DClass.IN,
              60,
              java.net.InetAddress.getByAddress(new byte[] {10, 0, (byte) (i >> 8), (byte) i})));
    }
    return ZoneSnapshot.of(soa(), records);
  }

  /** Assembles message i the way a client sees it and parses it on its own. */
  private static Message assemble(RenderedZone z, int i, byte[] question) throws Exception {
    TransferMessageProducer p =
        new TransferMessageProducer(z, 7, false, question, Optional.empty());
    ByteBuffer[] buffers = null;
    for (int k = 0; k <= i; k++) {
      buffers = p.next();
    }
    int size = 0;
    for (ByteBuffer b : buffers) {
      size += b.remaining();
    }
    ByteBuffer all = ByteBuffer.allocate(size);
    for (ByteBuffer b : buffers) {
      all.put(b);
    }
    return new Message(all.array());
  }

  private static byte[] question() {
    return Record.newRecord(ORIGIN, Type.AXFR, DClass.IN).toWire(Section.QUESTION);
  }

  @Test
  void soaFirstAndLastAndEveryRecordOnceWithinTheTargetSize() throws Exception {
    ZoneSnapshot snapshot = zone(3000);
    RenderedZone z = new ZoneRenderer(2048).render(snapshot);
    assertTrue(z.messageCount() > 10);
    List<Record> all = new ArrayList<>();
    for (int i = 0; i < z.messageCount(); i++) {
      int overhead = 12 + (i == 0 ? question().length : 0);
      assertTrue(
          overhead + z.body(i).remaining() + WireSizes.OPT_WITHOUT_OPTIONS + WireSizes.TSIG_RESERVE
              <= 2048,
          "message " + i + " with OPT and TSIG room fits the target");
      all.addAll(assemble(z, i, question()).getSection(Section.ANSWER));
    }
    assertEquals(snapshot.size() + 1, all.size());
    assertEquals(snapshot.soa(), all.get(0));
    assertEquals(snapshot.soa(), all.get(all.size() - 1));
    assertEquals(2, all.stream().filter(r -> r.getType() == Type.SOA).count());
    assertEquals(snapshot.size(), new HashSet<>(all).size());
    assertEquals(snapshot.size() + 1, z.records());
    // Memory held for the version: at most its uncompressed wire size.
    long uncompressed = 2L * snapshot.soa().toWire(Section.ANSWER).length;
    for (Record r : snapshot.records()) {
      uncompressed += r.toWire(Section.ANSWER).length;
    }
    assertTrue(z.bodyBytes() < uncompressed, z.bodyBytes() + " < " + uncompressed);
  }

  @Test
  void aNearly64KiBRecordGetsAMessageOfItsOwnBelow65535WithRoomForTsig() throws Exception {
    List<String> strings = new ArrayList<>();
    for (int i = 0; i < 257; i++) {
      strings.add("y".repeat(250));
    }
    ZoneSnapshot snapshot =
        ZoneSnapshot.of(
            soa(),
            List.of(
                new TXTRecord(Name.fromConstantString("big.example.com."), DClass.IN, 1, strings)));
    RenderedZone z = new ZoneRenderer(16384).render(snapshot);
    assertEquals(3, z.messageCount());
    assertEquals(List.of(1, 1, 1), z.counts());
    for (int i = 0; i < 3; i++) {
      int size = 12 + (i == 0 ? question().length : 0) + z.body(i).remaining();
      assertTrue(
          size + WireSizes.OPT_WITHOUT_OPTIONS + WireSizes.TSIG_RESERVE <= 65535, "size " + size);
      assemble(z, i, question());
    }
  }

  @Test
  void aRecordLargerThanAnyMessageFailsNamingIt() {
    List<String> strings = new ArrayList<>();
    for (int i = 0; i < 260; i++) {
      strings.add("z".repeat(250));
    }
    ZoneSnapshot snapshot =
        ZoneSnapshot.of(
            soa(),
            List.of(
                new TXTRecord(
                    Name.fromConstantString("huge.example.com."), DClass.IN, 1, strings)));
    RecordTooLargeException e =
        assertThrows(RecordTooLargeException.class, () -> new ZoneRenderer(16384).render(snapshot));
    assertTrue(e.getMessage().contains("huge.example.com. TXT"), e.getMessage());
  }

  @Test
  void targetSizeOutsideTheRangeIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new ZoneRenderer(100));
    assertThrows(IllegalArgumentException.class, () -> new ZoneRenderer(70000));
  }

  @Test
  void theQuestionMustHaveTheRenderedLength() throws Exception {
    RenderedZone z = new ZoneRenderer(16384).render(zone(1));
    byte[] other =
        Record.newRecord(Name.fromConstantString("example.org.x."), Type.AXFR, DClass.IN)
            .toWire(Section.QUESTION);
    assertThrows(
        IllegalArgumentException.class,
        () -> new TransferMessageProducer(z, 1, false, other, Optional.empty()));
  }

  @Test
  void anIncrementalSequenceWithSoasInsideIsPackedAsGiven() throws Exception {
    ZoneSnapshot current = zone(10);
    SOARecord older = TestRecords.soa("example.com.", 0);
    List<Record> sequence =
        List.of(
            current.soa(),
            older,
            current.records().get(0),
            current.soa(),
            current.records().get(1),
            current.soa());
    RenderedZone z = new ZoneRenderer(16384).renderSequence(current, sequence);
    assertEquals(sequence, assemble(z, 0, question()).getSection(Section.ANSWER));
  }

  /**
   * G1's smallest region is 1 MiB and an object of half a region or more is humongous (a region of
   * its own, outside the young generation): no array of a rendering may reach that, whatever the
   * zone's size, or a rendering holds up to twice its size in regions.
   */
  @Test
  void noArrayOfALargeRenderingIsHumongousInAnyG1Region() {
    Name origin = Name.fromConstantString("big.example.");
    GeneratedZone generated = ZoneGenerator.sized(origin, 200_000, 1, 7);
    ZoneSnapshot zone = ZoneSnapshot.of(generated.soa(), generated.records());
    RenderedZone rendered = new ZoneRenderer(16384).render(zone);
    long arrayHeader = 16;
    long smallestHumongous = (1 << 20) / 2;
    assertTrue(rendered.bodyBytes() > 4L << 20, rendered.bodyBytes() + " octets");
    for (byte[] chunk : rendered.chunks()) {
      assertTrue(
          chunk.length + arrayHeader < smallestHumongous,
          "a chunk of " + chunk.length + " octets is humongous in a 1 MiB region");
    }
  }
}
