package io.github.secdns.core.zone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;

class ZoneSnapshotTest {

  static final Name ORIGIN = Name.fromConstantString("example.com.");
  static final SOARecord SOA =
      new SOARecord(
          ORIGIN,
          DClass.IN,
          3600,
          Name.fromConstantString("ns1.example.com."),
          Name.fromConstantString("admin.example.com."),
          7,
          86400,
          7200,
          604800,
          300);

  static Record a(String owner, String address) throws Exception {
    return new ARecord(
        Name.fromString(owner, ORIGIN),
        DClass.IN,
        300,
        java.net.InetAddress.getByAddress(org.xbill.DNS.Address.toByteArray(address, 1)));
  }

  @Test
  void equalityIgnoresOrderAndDuplicatesAndAgreesWithHashCode() throws Exception {
    ZoneSnapshot one = ZoneSnapshot.of(SOA, List.of(a("www", "192.0.2.1"), a("mail", "192.0.2.2")));
    ZoneSnapshot two =
        ZoneSnapshot.of(
            SOA,
            List.of(a("mail", "192.0.2.2"), SOA, a("www", "192.0.2.1"), a("www", "192.0.2.1")));
    assertEquals(2, two.records().size());
    assertEquals(one, two);
    assertEquals(one.hashCode(), two.hashCode());
    assertNotEquals(one, ZoneSnapshot.of(SOA, List.of(a("www", "192.0.2.1"))));
    assertEquals(7, one.serial().value());
    assertEquals(3, one.size());
  }

  @Test
  void equalityNeedsTheSameSoaAndTheSameRecords() throws Exception {
    List<Record> records = List.of(a("www", "192.0.2.1"), a("mail", "192.0.2.2"));
    ZoneSnapshot one = ZoneSnapshot.of(SOA, records);
    SOARecord nextSoa =
        new SOARecord(
            ORIGIN, DClass.IN, 3600, SOA.getHost(), SOA.getAdmin(), 8, 86400, 7200, 604800, 300);
    // Same records under a new serial: another version (equals decides on the SOA first).
    assertNotEquals(one, ZoneSnapshot.of(nextSoa, records));
    // Same SOA and size, one record different: the record sets decide.
    assertNotEquals(
        one, ZoneSnapshot.of(SOA, List.of(a("www", "192.0.2.1"), a("mail", "192.0.2.3"))));
    assertEquals(ZoneSnapshot.of(nextSoa, records), ZoneSnapshot.of(nextSoa, records));
  }

  @Test
  void rejectsWhatIsNotZoneData() throws Exception {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            ZoneSnapshot.of(
                SOA,
                List.of(
                    new ARecord(
                        Name.fromConstantString("www.other.org."),
                        DClass.IN,
                        300,
                        java.net.InetAddress.getByAddress(new byte[] {1, 2, 3, 4})))));
    SOARecord otherSoa =
        new SOARecord(ORIGIN, DClass.IN, 3600, SOA.getHost(), SOA.getAdmin(), 8, 1, 1, 1, 1);
    assertThrows(IllegalArgumentException.class, () -> ZoneSnapshot.of(SOA, List.of(otherSoa)));
  }

  @Test
  void aLargeVersionOfCheckedRecordsSharesTheirOctets() throws Exception {
    // Past 64 KiB a version keeps the records it is given (a small one packs them, below).
    ZoneRecords.Builder b = ZoneRecords.builder(ORIGIN, DClass.IN, 1 << 17);
    for (int i = 0; i < 3000; i++) {
      byte[] wire = a("host-" + i, "192.0.2." + (i % 250)).toWire(org.xbill.DNS.Section.ANSWER);
      b.addWire(wire, 0, wire.length);
    }
    ZoneRecords checked = b.build();
    assertTrue(checked.records().wireSize() > PackedRecords.CHAR_INDEX_LIMIT);
    ZoneSnapshot shared = ZoneSnapshot.of(SOA, checked);
    assertSame(checked.records(), shared.packedRecords());
    assertSame(
        shared.packedRecords(),
        shared
            .withSoa(
                new SOARecord(
                    ORIGIN, DClass.IN, 3600, SOA.getHost(), SOA.getAdmin(), 9, 1, 1, 1, 1))
            .packedRecords());
  }

  @Test
  void aVersionOfCheckedRecordsKeepsTheirOctetsAndTheirOrder() throws Exception {
    ZoneRecords.Builder b = ZoneRecords.builder(ORIGIN, DClass.IN, 64);
    for (Record r : List.of(a("www", "192.0.2.1"), a("mail", "192.0.2.2"))) {
      byte[] wire = r.toWire(org.xbill.DNS.Section.ANSWER);
      b.addWire(wire, 0, wire.length);
    }
    ZoneRecords checked = b.build();
    ZoneSnapshot shared = ZoneSnapshot.of(SOA, checked);
    assertTrue(checked.records().sameInOrder(shared.packedRecords()));
    assertEquals(
        ZoneSnapshot.of(SOA, List.of(a("www", "192.0.2.1"), a("mail", "192.0.2.2"))), shared);
    assertEquals(SOA, shared.soa());
    assertEquals(ZoneSnapshot.fromBytes(shared.toBytes()), shared);

    SOARecord otherZone =
        new SOARecord(
            Name.fromConstantString("example.org."),
            DClass.IN,
            3600,
            SOA.getHost(),
            SOA.getAdmin(),
            7,
            86400,
            7200,
            604800,
            300);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ZoneSnapshot.of(otherZone, checked));
    assertTrue(e.getMessage().contains("example.org."), e.getMessage());
  }
}
