package io.github.secdns.core.zone;

import static io.github.secdns.core.zone.TestZones.name;
import static io.github.secdns.core.zone.TestZones.snapshot;
import static io.github.secdns.core.zone.TestZones.soa;
import static io.github.secdns.testsupport.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;

/** "The same version" (issue 19) and the compact, streaming snapshot (issue 13). */
class ZoneVersionTest {

  private static final Record A1 = new ARecord(name("www"), DClass.IN, 300, TestZones.address(1));

  @Test
  void aCaseOnlyChangeIsAnotherVersionUnderTheSameSerial() {
    Record upper = new ARecord(name("WWW"), DClass.IN, 300, TestZones.address(1));
    ZoneSnapshot lower = ZoneSnapshot.of(soa(1), List.of(A1));
    ZoneSnapshot recased = ZoneSnapshot.of(soa(1), List.of(upper));
    assertFalse(lower.sameVersionAs(recased));
    assertNotEquals(lower, recased);
    Record txtUpper = new TXTRecord(name("www"), DClass.IN, 300, "Hello");
    Record txtLower = new TXTRecord(name("www"), DClass.IN, 300, "hello");
    assertFalse(
        ZoneSnapshot.of(soa(1), List.of(txtUpper))
            .sameVersionAs(ZoneSnapshot.of(soa(1), List.of(txtLower))));
  }

  @Test
  void aTtlChangeOrAnSoaChangeIsAnotherVersion() {
    Record a600 = new ARecord(name("www"), DClass.IN, 600, TestZones.address(1));
    assertFalse(
        ZoneSnapshot.of(soa(1), List.of(A1)).sameVersionAs(ZoneSnapshot.of(soa(1), List.of(a600))));
    assertFalse(
        ZoneSnapshot.of(soa(1, 100), List.of(A1))
            .sameVersionAs(ZoneSnapshot.of(soa(1, 200), List.of(A1))));
  }

  @Test
  void equalHashesNeverMakeTwoVersionsTheSame() {
    // "Aa" and "BB" collide in a 31-polynomial hash: equal hash codes, different content.
    ZoneSnapshot aa =
        ZoneSnapshot.of(soa(1), List.of(new TXTRecord(name("www"), DClass.IN, 300, "Aa")));
    ZoneSnapshot bb =
        ZoneSnapshot.of(soa(1), List.of(new TXTRecord(name("www"), DClass.IN, 300, "BB")));
    assertEquals(aa.hashCode(), bb.hashCode());
    assertFalse(aa.sameVersionAs(bb));
    assertNotEquals(aa, bb);
  }

  @Test
  void orderDoesNotMatterAndEqualsAgreesWithHashCode() {
    qt().forAll(longs().all(), integers().between(0, 63))
        .checkAssert(
            (mask, rotation) -> {
              ZoneSnapshot one = snapshot(7, mask);
              List<Record> rotated = new ArrayList<>(one.records());
              Collections.rotate(rotated, rotation);
              ZoneSnapshot two = ZoneSnapshot.of(soa(7), rotated);
              assertTrue(one.sameVersionAs(two));
              assertEquals(one, two);
              assertEquals(one.hashCode(), two.hashCode());
              assertFalse(one.sameVersionAs(ZoneSnapshot.of(soa(8), rotated)));
            });
  }

  @Test
  void theBuilderTakesRecordsOneAtATimeAsRecordsWireOrPacked() {
    qt().forAll(longs().all())
        .checkAssert(
            mask -> {
              ZoneSnapshot reference = snapshot(3, mask);
              List<Record> all = new ArrayList<>();
              for (int i = 0; i < 64; i++) {
                if ((mask >>> i & 1) != 0) {
                  all.add(TestZones.UNIVERSE.get(i));
                }
              }
              ZoneSnapshot.Builder byWire = ZoneSnapshot.builder(soa(3));
              for (Record r : all) {
                byte[] wire = r.toWire(Section.ANSWER);
                byte[] padded = new byte[wire.length + 7];
                System.arraycopy(wire, 0, padded, 5, wire.length);
                byWire.addWire(padded, 5, wire.length);
              }
              ZoneSnapshot wired = byWire.build();
              PackedRecords packed = PackedRecords.of(all);
              ZoneSnapshot fromPacked =
                  ZoneSnapshot.builder(soa(3)).addAll(packed, 0, packed.size()).build();
              for (ZoneSnapshot s : List.of(wired, fromPacked)) {
                assertEquals(reference.size(), s.size());
                assertTrue(reference.packedRecords().sameInOrder(s.packedRecords()));
                assertEquals(reference.records(), s.records());
              }
            });
  }

  @Test
  void duplicatesFollowRecordEqualsAndTheFirstOccurrenceWins() throws Exception {
    Record mx = new MXRecord(name("www"), DClass.IN, 300, 10, Name.fromString("Mail.Example.COM."));
    Record mxRecased =
        new MXRecord(name("WWW"), DClass.IN, 600, 10, Name.fromString("mail.example.com."));
    Record txtRecased = new TXTRecord(name("www"), DClass.IN, 300, "HELLO");
    Record txt = new TXTRecord(name("www"), DClass.IN, 300, "hello");
    ZoneSnapshot s = ZoneSnapshot.of(soa(1), List.of(mx, txt, mxRecased, txtRecased, mx, soa(1)));
    assertEquals(3, s.records().size());
    assertEquals("www.example.com.", s.records().get(0).getName().toString());
    assertEquals(
        "Mail.Example.COM.", ((MXRecord) s.records().get(0)).getTarget().toString(), "first kept");
    assertEquals(List.of(mx, txt, txtRecased), s.records());
  }

  @Test
  void badRecordsAreRefusedByEveryPathNamingThemAndTheBuilderStaysUsable() throws Exception {
    Record outside =
        new ARecord(Name.fromString("www.other.org."), DClass.IN, 300, TestZones.address(1));
    ZoneSnapshot.Builder b = ZoneSnapshot.builder(soa(1)).add(A1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.add(outside));
    assertTrue(e.getMessage().contains("www.other.org."), e.getMessage());
    byte[] wire = outside.toWire(Section.ANSWER);
    e = assertThrows(IllegalArgumentException.class, () -> b.addWire(wire, 0, wire.length));
    assertTrue(e.getMessage().contains("www.other.org."), e.getMessage());
    byte[] soa2 = soa(2).toWire(Section.ANSWER);
    e = assertThrows(IllegalArgumentException.class, () -> b.addWire(soa2, 0, soa2.length));
    assertTrue(e.getMessage().contains("exactly one SOA"), e.getMessage());
    byte[] truncated = A1.toWire(Section.ANSWER);
    assertThrows(
        IllegalArgumentException.class, () -> b.addWire(truncated, 0, truncated.length - 1));
    byte[] badA = A1.toWire(Section.ANSWER).clone();
    badA[badA.length - 5] = 3; // RDLENGTH 3 for an A record, with 3 octets following
    assertThrows(IllegalArgumentException.class, () -> b.addWire(badA, 0, badA.length - 1));
    assertEquals(1, b.build().records().size());
  }

  @Test
  void wireSizeIsTheUncompressedSizeAndWithSoaKeepsTheRecords() {
    ZoneSnapshot s = snapshot(5, -1L);
    long expected = s.soa().toWire(Section.ANSWER).length;
    for (Record r : s.records()) {
      expected += r.toWire(Section.ANSWER).length;
    }
    assertEquals(expected, s.wireSize());
    ZoneSnapshot next = s.withSoa(soa(6));
    assertTrue(s.packedRecords().sameInOrder(next.packedRecords()));
    assertEquals(
        s.wireSize() - s.soa().toWire(Section.ANSWER).length + soa(6).toWire(Section.ANSWER).length,
        next.wireSize());
    assertEquals(6, next.serial().value());
    assertThrows(IllegalArgumentException.class, () -> s.withSoa(TestZones.otherSoa()));
  }
}
