package io.github.secdns.core.zone;

import static io.github.secdns.core.zone.TestZones.name;
import static io.github.secdns.core.zone.TestZones.soa;
import static io.github.secdns.testsupport.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;

/**
 * The packed index (issue 13): two octets a record while the records take at most 65,535 octets,
 * four beyond, and owner name lengths read from the labels; every reader sees the same records
 * either way.
 */
class PackedIndexTest {

  /** The wire size of a TXT record at www.example.com. with one string of {@code length}. */
  private static final int TXT_OVERHEAD = 17 + 10 + 1;

  /** Distinct TXT records at www.example.com. whose wire forms add up to exactly {@code octets}. */
  private static List<Record> recordsOf(int octets) {
    List<Record> records = new ArrayList<>();
    int remaining = octets;
    while (remaining > 0) {
      // The largest record is 283 octets and the smallest 34 (a counter of six digits): end on
      // one or two records (halves of 142 to 200 octets) that leave nothing over.
      int size;
      if (remaining > 400) {
        size = TXT_OVERHEAD + 255;
      } else if (remaining <= TXT_OVERHEAD + 255) {
        size = remaining;
      } else {
        size = remaining / 2;
      }
      records.add(txt(records.size(), size - TXT_OVERHEAD));
      remaining -= size;
    }
    return records;
  }

  private static Record txt(int n, int length) {
    StringBuilder text = new StringBuilder(String.format(java.util.Locale.ROOT, "%06d", n));
    while (text.length() < length) {
      text.append('x');
    }
    return new TXTRecord(name("www"), DClass.IN, 300, text.toString());
  }

  /** Every reader of one record agrees with the dnsjava record it was packed from. */
  private static void assertReadsAgree(List<Record> records, PackedRecords packed) {
    assertEquals(records.size(), packed.size());
    int offset = 0;
    byte[] all = new byte[packed.wireSize()];
    for (int i = 0; i < records.size(); i++) {
      Record r = records.get(i);
      byte[] wire = r.toWire(Section.ANSWER);
      assertEquals(r, packed.get(i));
      assertEquals(r.getName().length(), packed.ownerLength(i));
      assertEquals(r.getName(), packed.owner(i));
      assertTrue(packed.ownerIs(i, r.getName().toWire()));
      assertEquals(r.getType(), packed.type(i));
      assertEquals(r.getDClass(), packed.dclass(i));
      assertEquals(r.getTTL(), packed.ttl(i));
      assertEquals(wire.length, packed.wireLength(i));
      byte[] copied = new byte[wire.length];
      packed.copyWire(i, copied, 0);
      assertArrayEquals(wire, copied);
      offset += packed.copyWire(i, all, offset);
      assertEquals(offset, packed.wireLength(0, i + 1));
    }
    assertEquals(packed.wireSize(), offset);
    byte[] viewed = new byte[packed.wireSize()];
    packed.wire(0, packed.size()).get(viewed);
    assertArrayEquals(all, viewed);
  }

  @Test
  void theIndexIsTwoOctetsARecordUpToExactly65535OctetsAndFourFrom65536() {
    for (int octets : new int[] {65_535, 65_536}) {
      List<Record> records = recordsOf(octets);
      PackedRecords packed = PackedRecords.of(records);
      assertEquals(octets, packed.wireSize());
      assertEquals(octets <= 65_535, packed.hasCharIndex(), octets + " octets");
      assertReadsAgree(records, packed);
    }
  }

  @Test
  void recordsAroundTheBoundaryReadAlikeAndMakeTheSameVersionInEitherIndex() {
    // Zones of 500 octets either side of the boundary, each ending on records of 34 to 283 octets.
    qt().withExamples(12)
        .forAll(integers().between(65_535 - 500, 65_536 + 500))
        .checkAssert(
            octets -> {
              List<Record> records = recordsOf(octets);
              PackedRecords packed = PackedRecords.of(records);
              assertEquals(octets, packed.wireSize());
              assertEquals(octets <= PackedRecords.CHAR_INDEX_LIMIT, packed.hasCharIndex());
              assertReadsAgree(records, packed);
              // A version of these records survives its stored form and a shorter copy of them
              // (the first records share the arrays, in whichever index they were built).
              ZoneSnapshot zone = ZoneSnapshot.of(soa(1), records);
              assertTrue(zone.sameVersionAs(ZoneSnapshot.fromBytes(zone.toBytes())));
              assertTrue(packed.sameInOrder(zone.packedRecords()));
              int half = records.size() / 2;
              PackedRecords first = packed.first(half);
              assertReadsAgree(records.subList(0, half), first);
              assertTrue(
                  first.sameInOrder(PackedRecords.of(records.subList(0, half))),
                  "a char index and an int index of the same records are the same in order");
              assertFalse(first.sameInOrder(packed));
            });
  }

  @Test
  void ownerLengthsReadFromTheLabelsAgreeWithDnsjavaForAnyZone() {
    qt().forAll(longs().all())
        .checkAssert(
            mask -> {
              List<Record> all = new ArrayList<>();
              for (int i = 0; i < 64; i++) {
                if ((mask >>> i & 1) != 0) {
                  all.add(TestZones.UNIVERSE.get(i));
                }
              }
              PackedRecords packed = PackedRecords.of(all);
              assertTrue(packed.hasCharIndex());
              assertReadsAgree(all, packed);
              PackedRecords.Builder copy = PackedRecords.builder();
              copy.addAll(packed, 0, packed.size());
              assertReadsAgree(all, copy.build());
            });
  }

  @Test
  void aVersionKeepsItsSoaInFrontOfItsRecordsWhereNoReaderSeesItAsARecord() {
    qt().forAll(longs().all(), longs().between(0, 0xFFFF_FFFFL))
        .checkAssert(
            (mask, serial) -> {
              ZoneSnapshot zone = TestZones.snapshot(serial, mask);
              PackedRecords records = zone.packedRecords();
              byte[] soa = soa(serial).toWire(Section.ANSWER);
              byte[] soaWire = new byte[zone.soaWire().remaining()];
              zone.soaWire().get(soaWire);
              assertArrayEquals(soa, soaWire);
              byte[] copied = new byte[zone.soaWireLength() + 1];
              assertEquals(soa.length, zone.copySoaWire(copied, 1));
              assertArrayEquals(soa, Arrays.copyOfRange(copied, 1, copied.length));
              assertEquals(serial, zone.serial().value());
              assertEquals(soa(serial), zone.soa());
              assertEquals(soa.length + records.wireSize(), zone.wireSize());
              List<Record> list = new ArrayList<>(zone.records());
              assertReadsAgree(list, records);
              assertTrue(records.sameInOrder(PackedRecords.of(list)), "the SOA is no record");
              // Another SOA, longer, of the same zone: the records are shared, the SOA is its own.
              ZoneSnapshot renamed =
                  zone.withSoa(
                      new org.xbill.DNS.SOARecord(
                          TestZones.ORIGIN,
                          DClass.IN,
                          3600,
                          name("a-longer-primary-name"),
                          name("hostmaster"),
                          (serial + 1) & 0xFFFF_FFFFL,
                          14400,
                          3600,
                          1209600,
                          300));
              assertEquals((serial + 1) & 0xFFFF_FFFFL, renamed.serial().value());
              assertTrue(renamed.soaWire().remaining() > soa.length);
              assertEquals(zone.records(), renamed.records());
              assertTrue(renamed.sameVersionAs(ZoneSnapshot.fromBytes(renamed.toBytes())));
              assertTrue(zone.sameVersionAs(ZoneSnapshot.fromBytes(zone.toBytes())));
              assertFalse(zone.sameVersionAs(renamed));
            });
  }

  @Test
  void ownerRunsCutWhereTheOwnerChangesIgnoringCaseInAnyOrder() {
    qt().forAll(longs().all(), longs().all())
        .checkAssert(
            (mask, seed) -> {
              List<Record> records = new ArrayList<>();
              for (int i = 0; i < 64; i++) {
                if ((mask >>> i & 1) != 0) {
                  records.add(TestZones.UNIVERSE.get(i));
                }
              }
              java.util.Collections.shuffle(records, new java.util.Random(seed));
              PackedRecords packed = PackedRecords.of(records);
              List<Integer> expected = new ArrayList<>();
              for (int i = 0; i < packed.size(); i++) {
                if (i == 0 || !packed.sameOwner(i - 1, packed, i)) {
                  expected.add(i);
                }
              }
              expected.add(packed.size());
              assertArrayEquals(
                  expected.stream().mapToInt(Integer::intValue).toArray(), packed.ownerRunStarts());
            });
  }
}
