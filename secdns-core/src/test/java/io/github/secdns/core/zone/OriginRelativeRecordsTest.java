package io.github.secdns.core.zone;

import static io.github.secdns.testsupport.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.longs;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;

/**
 * A small version holds its owner names without the origin (issue 13: memory per zone): every
 * reader gets back exactly the records it was built with, octet for octet and letter case included,
 * whatever the owners look like: the apex, names below it, names whose letter case differs from the
 * SOA's owner, labels that hold the origin's text, the root zone.
 */
class OriginRelativeRecordsTest {

  private static final String[] ORIGINS = {"example.com.", "Example.COM.", "z1.example.", "."};

  /** Letter case changed at random, octet by octet. */
  private static String mixCase(String text, Random random) {
    StringBuilder b = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      b.append(random.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c));
    }
    return b.toString();
  }

  /** One of the origins, in a letter case of its own. */
  private static Name origin(Random random) throws Exception {
    return Name.fromString(mixCase(ORIGINS[random.nextInt(ORIGINS.length)], random));
  }

  private static SOARecord soa(Name origin, long serial) {
    return TestZones.hostSoa(origin, serial);
  }

  private static Name owner(Name origin, Random random) throws Exception {
    String[] labels = {
      "www", "mail", "example", "com", "example.com", "z1", "a.b.c", "xn--bcher-kva"
    };
    int depth = random.nextInt(4);
    Name name = origin;
    for (int i = 0; i < depth; i++) {
      name = Name.concatenate(Name.fromString(labels[random.nextInt(labels.length)]), name);
    }
    // The same name in another letter case than the SOA's owner now and then.
    return random.nextInt(4) == 0 ? Name.fromString(mixCase(name.toString(), random)) : name;
  }

  /** Distinct records (each its own RDATA) at random owners of the zone. */
  private static List<Record> records(Name origin, Random random, int n) throws Exception {
    List<Record> records = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Name owner = owner(origin, random);
      records.add(
          switch (random.nextInt(3)) {
            case 0 ->
                new ARecord(
                    owner,
                    DClass.IN,
                    300,
                    InetAddress.getByAddress(new byte[] {10, 0, (byte) (i >> 8), (byte) i}));
            case 1 -> new TXTRecord(owner, DClass.IN, 60, "record " + i);
            default -> new MXRecord(owner, DClass.IN, 3600, i, owner(origin, random));
          });
    }
    return records;
  }

  @Test
  void everyReaderGetsTheRecordsBackExactly() {
    qt().forAll(longs().all())
        .checkAssert(
            seed -> {
              try {
                Random random = new Random(seed);
                Name origin = origin(random);
                SOARecord soa = soa(origin, seed & 0x7FFF_FFFFL);
                List<Record> given = records(origin, random, random.nextInt(40));
                ZoneSnapshot version = ZoneSnapshot.of(soa, given);
                PackedRecords expected = PackedRecords.of(given);
                PackedRecords read = version.packedRecords();
                assertEquals(expected.size(), read.size());
                for (int i = 0; i < expected.size(); i++) {
                  assertTrue(expected.sameRecord(i, read, i), "record " + i + " seed " + seed);
                }
                assertEquals(given.size() + 1, version.size());
                long wire = (long) soa.toWire(Section.ANSWER).length + expected.wireSize();
                assertEquals(wire, version.wireSize());
                assertEquals(soa, version.soa());
                // Checked once, kept marked: a version derived from this one is not checked again.
                assertTrue(read.size() == 0 || read.areCheckedFor(origin, DClass.IN));
                // The other ways a version is made and read agree with it.
                ZoneSnapshot copy = ZoneSnapshot.fromBytes(version.toBytes());
                assertEquals(version, copy);
                assertEquals(version.hashCode(), copy.hashCode());
                ZoneSnapshot.Builder built = ZoneSnapshot.builder(soa);
                built.addAll(read, 0, read.size());
                assertTrue(built.build().packedRecords().sameInOrder(expected));
                assertTrue(version.withSoa(soa).packedRecords().sameInOrder(expected));
              } catch (Exception e) {
                throw new AssertionError(e);
              }
            });
  }

  /** A version of 2,000 records (held with an index, not packed) or of a few (packed). */
  private static ZoneSnapshot version(long seed) throws Exception {
    Random random = new Random(seed);
    Name origin = origin(random);
    int n = random.nextInt(5) == 0 ? 2000 : random.nextInt(40);
    return ZoneSnapshot.of(soa(origin, 1), records(origin, random, n));
  }

  @Test
  void aCursorReadsTheRecordsThatTheListHoldsFromAnyRecord() {
    qt().withExamples(60)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              try {
                ZoneSnapshot version = version(seed);
                PackedRecords list = version.packedRecords();
                int n = list.size();
                Random random = new Random(~seed);
                int from = random.nextInt(n + 1);
                int to = from + random.nextInt(n - from + 1);
                assertEquals(list.wireLength(from, to), version.wireLength(from, to));
                WireCursor cursor = version.wireCursor(from);
                for (int i = from; i < n; i++) {
                  assertTrue(cursor.next(), "record " + i + " of " + n);
                  byte[] read = new byte[cursor.wireLength()];
                  assertEquals(read.length, cursor.copyWire(read, 0));
                  assertEquals(list.wire(i), java.nio.ByteBuffer.wrap(read), "record " + i);
                  if (i == from) {
                    assertEquals(list.get(i), cursor.record());
                  }
                }
                assertFalse(cursor.next());
                assertThrows(IllegalStateException.class, cursor::wireLength);
              } catch (Exception e) {
                throw new AssertionError(e);
              }
            });
  }

  @Test
  void anOwnerIsHeldWithoutTheOriginOnlyWhenItEndsInTheSoaOwnersOctets() throws Exception {
    Name origin = Name.fromConstantString("example.com.");
    byte[] soa =
        new SOARecord(origin, DClass.IN, 3600, origin, origin, 1, 1, 1, 1, 1)
            .toWire(Section.ANSWER);
    Record below = new TXTRecord(Name.fromConstantString("www.example.com."), DClass.IN, 60, "x");
    Record otherCase =
        new TXTRecord(Name.fromConstantString("www.EXAMPLE.com."), DClass.IN, 60, "y");
    // A label holding the origin's text is one label, not the origin.
    Record lookalike =
        new TXTRecord(
            Name.fromConstantString("a\\.example\\.com.example.com."), DClass.IN, 60, "z");
    // Not below the origin (a zone never holds it; pack is given it here): one label whose last
    // octets and the root label are the origin's octets, which is no label boundary.
    Record straddling =
        new TXTRecord(Name.fromConstantString("ab\\007example\\003com."), DClass.IN, 60, "s");
    int originLength = origin.length();
    byte[] relative =
        OriginRelativeRecords.pack(soa, soa.length, originLength, PackedRecords.of(List.of(below)));
    byte[] full =
        OriginRelativeRecords.pack(
            soa, soa.length, originLength, PackedRecords.of(List.of(otherCase)));
    byte[] oneLabel =
        OriginRelativeRecords.pack(
            soa, soa.length, originLength, PackedRecords.of(List.of(lookalike)));
    // Each record's ten octets of type to RDLENGTH take six: the flags, the TTL (60, not the
    // SOA's 3600), one octet of RDLENGTH.
    int header = soa.length + OriginRelativeRecords.HEADER - (WireRecord.FIXED - 6);
    // "www" and the mark instead of the 13 octets of the origin.
    assertEquals(header + below.toWire(Section.ANSWER).length - originLength + 1, relative.length);
    assertEquals(header + otherCase.toWire(Section.ANSWER).length, full.length);
    assertEquals(
        header + lookalike.toWire(Section.ANSWER).length - originLength + 1, oneLabel.length);
    byte[] noBoundary =
        OriginRelativeRecords.pack(
            soa, soa.length, originLength, PackedRecords.of(List.of(straddling)));
    assertEquals(header + straddling.toWire(Section.ANSWER).length, noBoundary.length);
    assertEquals(
        straddling,
        OriginRelativeRecords.unpack(noBoundary, soa.length, originLength, origin, DClass.IN)
            .get(0));
    for (byte[] packed : List.of(relative, full, oneLabel, noBoundary)) {
      PackedRecords back =
          OriginRelativeRecords.unpack(packed, soa.length, originLength, origin, DClass.IN);
      assertEquals(1, back.size());
    }
    assertEquals(
        lookalike,
        OriginRelativeRecords.unpack(oneLabel, soa.length, originLength, origin, DClass.IN).get(0));
  }

  /**
   * A record's type, class, TTL and RDLENGTH are held in as few octets as they need (issue 13), and
   * come back exactly: a type of the table and one outside it, a record of another class than the
   * SOA's (pack is given it here; a zone's checks refuse it), TTLs that repeat the record before's
   * or not (the first one the SOA's), RDATA of 255 and 256 octets, read from any record.
   */
  @Test
  void theTypeClassTtlAndLengthComeBackExactlyHoweverTheyArePacked() throws Exception {
    Name origin = Name.fromConstantString("z1.example.");
    SOARecord soaRecord = soa(origin, 1);
    byte[] soa = soaRecord.toWire(Section.ANSWER);
    Name www = Name.fromConstantString("www.z1.example.");
    List<Record> given =
        List.of(
            new ARecord(origin, DClass.IN, soaRecord.getTTL(), InetAddress.getByName("10.0.0.1")),
            new ARecord(www, DClass.IN, 300, InetAddress.getByName("10.0.0.2")),
            new ARecord(www, DClass.IN, 300, InetAddress.getByName("10.0.0.3")),
            // Type 65280, private use: not in the table, written in full.
            Record.newRecord(www, 65280, DClass.IN, 300, new byte[] {1, 2, 3}),
            new TXTRecord(www, DClass.CH, 300, "another class"),
            new TXTRecord(www, DClass.IN, 0x7FFF_FFFFL, "x".repeat(254)),
            new TXTRecord(www, DClass.IN, 0x7FFF_FFFFL, "y".repeat(255)),
            new TXTRecord(www, DClass.IN, 7, java.util.Collections.nCopies(8, "z".repeat(250))));
    PackedRecords list = PackedRecords.of(given);
    byte[] packed = OriginRelativeRecords.pack(soa, soa.length, origin.length(), list);
    PackedRecords back =
        OriginRelativeRecords.unpack(packed, soa.length, origin.length(), origin, DClass.IN);
    assertTrue(back.sameInOrder(list));
    for (int from = 0; from <= given.size(); from++) {
      WireCursor cursor = OriginRelativeRecords.cursor(packed, soa.length, origin.length(), from);
      for (int i = from; i < given.size(); i++) {
        assertTrue(cursor.next());
        assertEquals(given.get(i), cursor.record(), "record " + i + " from " + from);
        assertEquals(list.wireLength(i), cursor.wireLength());
      }
      assertFalse(cursor.next());
    }
    // The first record: flags and one octet of RDLENGTH in place of ten octets (type A in the
    // table, the SOA's class and TTL).
    int firstRecord = soa.length + OriginRelativeRecords.HEADER;
    assertEquals((byte) OriginRelativeRecords.ORIGIN, packed[firstRecord]);
    assertEquals(
        OriginRelativeRecords.COMMON_TYPES[packed[firstRecord + 1] & 0x1F], org.xbill.DNS.Type.A);
    assertEquals(4, packed[firstRecord + 2]);
  }
}
