package io.github.secdns.core.zone;

import static io.github.secdns.core.zone.TestZones.UNIVERSE;
import static io.github.secdns.core.zone.TestZones.assertSameRecords;
import static io.github.secdns.core.zone.TestZones.soa;
import static io.github.secdns.testsupport.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * {@link ZoneSnapshot#of} and {@link ZoneSnapshot#fromBytes} add every record first and compare
 * them with each other at the end (their hashes sorted): the version must be exactly the one adding
 * the records one at a time gives, the first of equal records kept.
 */
class BulkAdditionTest {

  @Test
  void aBulkAdditionKeepsWhatAddingOneAtATimeKeeps() {
    AtomicInteger withDuplicates = new AtomicInteger();
    qt().forAll(longs().all())
        .checkAssert(
            seed -> {
              SplittableRandom random = new SplittableRandom(seed);
              List<Record> records = new ArrayList<>();
              int n = random.nextInt(200);
              for (int i = 0; i < n; i++) {
                // The universe holds records equal but for letter case or TTL; drawn again and
                // again they repeat, exactly or so; fillers are distinct.
                records.add(
                    random.nextInt(3) == 0
                        ? new ARecord(
                            TestZones.name("f" + i), DClass.IN, 300, TestZones.address(1 + i % 200))
                        : UNIVERSE.get(random.nextInt(UNIVERSE.size())));
              }
              ZoneSnapshot.Builder oneAtATime = ZoneSnapshot.builder(soa(1));
              for (Record r : records) {
                oneAtATime.add(r);
              }
              ZoneSnapshot expected = oneAtATime.build();
              ZoneSnapshot bulk = ZoneSnapshot.of(soa(1), records);
              assertSameRecords(expected.packedRecords(), bulk.packedRecords());
              if (bulk.size() < records.size() + 1) {
                withDuplicates.incrementAndGet();
              }

              // The stored form read back in bulk, and records added after a bulk addition.
              ZoneSnapshot read = ZoneSnapshot.fromBytes(bulk.toBytes());
              assertSameRecords(expected.packedRecords(), read.packedRecords());
              Record again = UNIVERSE.get(random.nextInt(UNIVERSE.size()));
              ZoneSnapshot.Builder more = ZoneSnapshot.builder(soa(2));
              more.addAll(read.packedRecords(), 0, read.packedRecords().size()).add(again);
              oneAtATime.add(again);
              assertSameRecords(oneAtATime.build().packedRecords(), more.build().packedRecords());
            });
    assertTrue(withDuplicates.get() > 100, "drawn with duplicates: " + withDuplicates);
  }

  @Test
  void aStoredCopyWithADuplicateIsRefused() {
    // Written by someone else, well summed: the same record twice.
    Record a = new ARecord(TestZones.name("www"), DClass.IN, 300, TestZones.address(1));
    byte[] wire = a.toWire(Section.ANSWER);
    byte[] one = ZoneSnapshot.of(soa(1), List.of(a)).toBytes();
    int soaLength = ((one[6] & 0xFF) << 8) | (one[7] & 0xFF);
    ByteBuffer out = ByteBuffer.allocate(8 + soaLength + 8 + 2 * wire.length + 4);
    out.put(one, 0, 8 + soaLength).putInt(2).putInt(2 * wire.length).put(wire).put(wire);
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(out.array(), 0, out.position());
    out.putInt((int) crc.getValue());
    assertThrows(ZoneFormatException.class, () -> ZoneSnapshot.fromBytes(out.array()));
  }
}
