package io.github.secdns.core.zone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;

/**
 * {@link ZoneRecords}: the checks a version makes of each record, made once; and a version built
 * from checked records equals one built from the same records checked again.
 */
class ZoneRecordsTest {

  private static final Name ORIGIN = Name.fromConstantString("example.com.");
  private static final SOARecord SOA =
      new SOARecord(
          ORIGIN,
          DClass.IN,
          3600,
          Name.fromConstantString("ns1.example.com."),
          Name.fromConstantString("host.example.com."),
          7,
          3600,
          600,
          86400,
          300);

  private static Record a(String owner, long ttl, String address) throws Exception {
    return new ARecord(
        Name.fromConstantString(owner), DClass.IN, ttl, InetAddress.getByName(address));
  }

  private static boolean add(ZoneRecords.Builder b, Record r) {
    byte[] wire = r.toWire(Section.ANSWER);
    return b.addWire(wire, 0, wire.length);
  }

  private static String refusal(Record r) {
    ZoneRecords.Builder b = ZoneRecords.builder(ORIGIN, DClass.IN, 64);
    return assertThrows(IllegalArgumentException.class, () -> add(b, r)).getMessage();
  }

  private static String snapshotRefusal(Record r) {
    return assertThrows(
            IllegalArgumentException.class, () -> ZoneSnapshot.builder(SOA).add(r).build())
        .getMessage();
  }

  @Test
  void refusesWhatAVersionRefusesWithTheSameMessages() throws Exception {
    List<Record> bad =
        List.of(
            a("www.example.org.", 60, "192.0.2.1"),
            new ARecord(
                Name.fromConstantString("www.example.com."),
                DClass.CH,
                60,
                InetAddress.getByName("192.0.2.1")),
            new OPTRecord(1232, 0, 0),
            new SOARecord(
                ORIGIN,
                DClass.IN,
                60,
                Name.fromConstantString("ns2.example.com."),
                Name.fromConstantString("host.example.com."),
                8,
                1,
                1,
                1,
                1));
    for (Record r : bad) {
      String message = refusal(r);
      assertEquals(snapshotRefusal(r), message);
    }
    // The record as one line, fields apart by one space: dnsjava's tabs printed as escapes in a
    // one-line message ("www.example.org.\\u0009\\u00093600...").
    assertEquals(
        "record www.example.org. 60 IN A 192.0.2.1 lies outside the zone example.com.",
        refusal(a("www.example.org.", 60, "192.0.2.1")));
    ZoneRecords.Builder b = ZoneRecords.builder(ORIGIN, DClass.IN, 64);
    assertThrows(IllegalArgumentException.class, () -> b.addWire(new byte[] {3, 'w', 'w'}, 0, 3));
    assertEquals(0, b.size(), "nothing of a refused record is kept; the builder stays usable");
    assertTrue(add(b, a("www.example.com.", 60, "192.0.2.1")));
  }

  @Test
  void keepsTheFirstOfRecordsEqualIgnoringCaseAndTtl() throws Exception {
    ZoneRecords.Builder b = ZoneRecords.builder(ORIGIN, DClass.IN, 64);
    assertTrue(add(b, a("WWW.example.com.", 60, "192.0.2.1")));
    assertFalse(add(b, a("www.example.com.", 300, "192.0.2.1")));
    assertTrue(add(b, a("www.example.com.", 300, "192.0.2.2")));
    ZoneRecords records = b.build();
    assertEquals(2, records.size());
    assertEquals(Name.fromConstantString("WWW.example.com."), records.records().get(0).getName());
    assertEquals(60, records.records().ttl(0));
    assertTrue(records.belongTo(Name.fromConstantString("EXAMPLE.com."), DClass.IN));
    assertFalse(records.belongTo(ORIGIN, DClass.CH));
    assertFalse(records.belongTo(Name.fromConstantString("example.org."), DClass.IN));
    // Built, the builder still knows what it kept.
    assertFalse(add(b, a("www.EXAMPLE.com.", 1, "192.0.2.2")));
    assertTrue(add(b, a("www.example.com.", 1, "192.0.2.3")));
    assertEquals(3, b.build().size());
    assertEquals(2, records.size(), "a built list does not change");
  }

  @Test
  void aVersionTakesCheckedRecordsAndStillLeavesOutDuplicatesAroundThem() throws Exception {
    Record ns = new NSRecord(ORIGIN, DClass.IN, 3600, Name.fromConstantString("ns1.example.com."));
    List<Record> file =
        List.of(
            a("www.example.com.", 60, "192.0.2.1"),
            new NSRecord(ORIGIN, DClass.IN, 60, Name.fromConstantString("NS1.example.com.")),
            a("mail.example.com.", 60, "192.0.2.2"),
            new TXTRecord(ORIGIN, DClass.IN, 60, "v=spf1 -all"));
    ZoneRecords.Builder b = ZoneRecords.builder(ORIGIN, DClass.IN, 64);
    file.forEach(r -> add(b, r));
    ZoneRecords checked = b.build();
    Record later = a("WWW.example.com.", 5, "192.0.2.1");
    Record fresh = a("new.example.com.", 5, "192.0.2.9");

    // Added before: the NS record; the checked one equal to it is left out. Added after: a
    // duplicate of a checked record is left out, a new record kept.
    ZoneSnapshot fast =
        ZoneSnapshot.builder(SOA).add(ns).addAll(checked, i -> true).add(later).add(fresh).build();
    ZoneSnapshot slow =
        ZoneSnapshot.builder(SOA)
            .add(ns)
            .addAll(checked.records(), 0, checked.size())
            .add(later)
            .add(fresh)
            .build();
    assertEquals(5, fast.packedRecords().size());
    assertTrue(fast.packedRecords().sameInOrder(slow.packedRecords()));
    // Into an empty version: taken as they are.
    ZoneSnapshot alone = ZoneSnapshot.builder(SOA).addAll(checked, i -> i == 1 || i == 2).build();
    assertEquals(2, alone.packedRecords().size());
    assertTrue(alone.packedRecords().sameRecord(0, checked.records(), 1));
  }

  @Test
  void recordsCheckedForAnotherZoneAreRefused() throws Exception {
    ZoneRecords.Builder b = ZoneRecords.builder(Name.fromConstantString("org."), DClass.IN, 64);
    add(b, a("www.example.org.", 60, "192.0.2.1"));
    ZoneRecords other = b.build();
    ZoneSnapshot.Builder version = ZoneSnapshot.builder(SOA);
    assertThrows(IllegalArgumentException.class, () -> version.addAll(other, i -> true));
    assertEquals(0, version.size());
    assertThrows(
        IllegalArgumentException.class,
        () -> ZoneRecords.builder(Name.fromConstantString("relative"), DClass.IN, 64));
  }
}
