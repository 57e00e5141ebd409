package io.github.secdns.core.zone;

import static io.github.secdns.testsupport.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.longs;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSInput;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * {@link PackedRecords#commonPrefix} and {@link PackedRecords#commonSuffix} compare octets in bulk
 * and then read the index: they must find exactly the records a record-by-record walk finds, over
 * lists long enough to span many of the suffix's blocks.
 */
class CommonRunsTest {

  @Test
  void theCommonRunsAreThoseARecordByRecordWalkFinds() {
    AtomicInteger longRuns = new AtomicInteger();
    qt().forAll(longs().all())
        .checkAssert(
            seed -> {
              SplittableRandom random = new SplittableRandom(seed);
              List<Record> older = new ArrayList<>();
              int n = random.nextInt(4) == 0 ? random.nextInt(4) : random.nextInt(600);
              for (int i = 0; i < n; i++) {
                older.add(record(random));
              }
              List<Record> newer = new ArrayList<>(older);
              int edits = random.nextInt(4);
              for (int e = 0; e < edits; e++) {
                int at = newer.isEmpty() ? 0 : random.nextInt(newer.size() + 1);
                switch (random.nextInt(3)) {
                  case 0 -> newer.add(at, record(random));
                  case 1 -> {
                    if (at < newer.size()) {
                      newer.remove(at);
                    }
                  }
                  default -> {
                    if (at < newer.size()) {
                      newer.set(at, record(random));
                    }
                  }
                }
              }
              PackedRecords a = PackedRecords.of(older);
              PackedRecords b = PackedRecords.of(newer);

              int prefix = 0;
              int limit = Math.min(a.size(), b.size());
              while (prefix < limit && a.sameRecord(prefix, b, prefix)) {
                prefix++;
              }
              int suffix = 0;
              while (suffix < limit - prefix
                  && a.sameRecord(a.size() - 1 - suffix, b, b.size() - 1 - suffix)) {
                suffix++;
              }
              assertEquals(prefix, a.commonPrefix(b), "prefix");
              assertEquals(suffix, a.commonSuffix(b, prefix), "suffix");
              assertEquals(prefix, b.commonPrefix(a), "prefix, the other way");
              assertEquals(suffix, b.commonSuffix(a, prefix), "suffix, the other way");
              if (a.wireSize() - a.start(a.size() - suffix) + a.start(0) > 3 * 4096) {
                longRuns.incrementAndGet();
              }
            });
    assertTrue(longRuns.get() > 50, "suffixes over several blocks: " + longRuns);
  }

  @Test
  void aRecordWhoseOctetsDifferOnlyInItsFirstIsNotInTheSuffix() throws Exception {
    // Owner names \001.\002. and \001\001\002.: the same octets but for the first.
    Name one = new Name(new DNSInput(new byte[] {1, 1, 1, 2, 0}));
    Name other = new Name(new DNSInput(new byte[] {3, 1, 1, 2, 0}));
    Record shared = new ARecord(TestZones.name("www"), DClass.IN, 300, TestZones.address(1));
    PackedRecords a =
        PackedRecords.of(List.of(new ARecord(one, DClass.IN, 300, TestZones.address(2)), shared));
    PackedRecords b =
        PackedRecords.of(List.of(new ARecord(other, DClass.IN, 300, TestZones.address(2)), shared));

    assertEquals(0, a.commonPrefix(b));
    assertEquals(1, a.commonSuffix(b, 0));
  }

  @Test
  void aRecordWhoseOctetsEndAnotherIsNotTheSameRecord() {
    // A TXT record whose one string is another record's whole wire form: its octets end with
    // that record's, at another distance from the end of its list.
    byte[] inner =
        new ARecord(TestZones.name("www"), DClass.IN, 300, TestZones.address(1))
            .toWire(Section.ANSWER);
    byte[] owner = TestZones.name("x").toWire();
    ByteBuffer outer = ByteBuffer.allocate(owner.length + 10 + 1 + inner.length);
    outer.put(owner).putShort((short) Type.TXT).putShort((short) DClass.IN).putInt(300);
    outer.putShort((short) (1 + inner.length)).put((byte) inner.length).put(inner);
    PackedRecords a = PackedRecords.builder().addWire(inner, 0, inner.length).build();
    PackedRecords b = PackedRecords.builder().addWire(outer.array(), 0, outer.capacity()).build();

    assertEquals(0, a.commonSuffix(b, 0));
    assertEquals(0, b.commonSuffix(a, 0));
  }

  /**
   * A record from a small set of owners and addresses, with texts of random length: equal records
   * recur (the walk must stop at the first difference, not at the first equal pair), and lengths
   * vary so that a shifted list is not equal by chance.
   */
  private static Record record(SplittableRandom random) {
    Name owner = TestZones.name("h" + random.nextInt(3));
    if (random.nextBoolean()) {
      return new ARecord(owner, DClass.IN, 300, TestZones.address(1 + random.nextInt(3)));
    }
    return new TXTRecord(owner, DClass.IN, 300, "t".repeat(1 + random.nextInt(80)));
  }
}
