package io.github.secdns.core.zone;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.GraphLayout;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TXTRecord;

/**
 * What a zone version costs in memory (issue 13): close to its wire size, measured by walking the
 * object graph as the JVM lays it out (JOL), for the shape of a DNS host (many zones of 20 records)
 * and for one zone of a million records. The figures are printed; the assertions hold the bound.
 */
class ZoneMemoryTest {

  private static SOARecord soa(Name origin) {
    return TestZones.hostSoa(origin, 2026120101);
  }

  /** A zone of 20 records as issue 13 has them: two apex NS, A, AAAA and TXT. */
  private static List<Record> hostZone(Name origin, int z) throws Exception {
    List<Record> records = new ArrayList<>();
    records.add(
        new NSRecord(origin, DClass.IN, 3600, Name.fromConstantString("ns1.host.example.")));
    records.add(
        new NSRecord(origin, DClass.IN, 3600, Name.fromConstantString("ns2.host.example.")));
    for (int i = 0; records.size() < 20; i++) {
      Name owner = Name.fromString("h" + i, origin);
      switch (i % 3) {
        case 0 ->
            records.add(
                new ARecord(
                    owner,
                    DClass.IN,
                    300,
                    InetAddress.getByAddress(
                        new byte[] {10, (byte) (z >> 8), (byte) z, (byte) i})));
        case 1 ->
            records.add(
                new AAAARecord(
                    owner,
                    DClass.IN,
                    300,
                    InetAddress.getByAddress(
                        new byte[] {
                          0x20,
                          1,
                          0xd,
                          (byte) 0xb8,
                          0,
                          0,
                          0,
                          0,
                          0,
                          0,
                          0,
                          0,
                          0,
                          0,
                          (byte) z,
                          (byte) i
                        })));
        default ->
            records.add(new TXTRecord(owner, DClass.IN, 300, "v=spf1 include:host.example -all"));
      }
    }
    return records;
  }

  @Test
  void manySmallZonesCostLessThanTheirWireSize() throws Exception {
    int zones = 2000;
    List<ZoneSnapshot> snapshots = new ArrayList<>();
    List<List<Record>> asRecords = new ArrayList<>();
    long wire = 0;
    for (int z = 0; z < zones; z++) {
      Name origin = Name.fromString("zone" + z + ".example.");
      List<Record> records = hostZone(origin, z);
      ZoneSnapshot s = ZoneSnapshot.of(soa(origin), records);
      snapshots.add(s);
      asRecords.add(records);
      wire += s.wireSize();
    }
    long compact = GraphLayout.parseInstance(snapshots.toArray()).totalSize();
    long dnsjava = GraphLayout.parseInstance(asRecords.toArray()).totalSize();
    int records = zones * 21;
    System.out.printf(
        Locale.ROOT,
        "%d zones of 21 records: wire %.1f B/record, snapshot %.1f B/record (%.0f B/zone),"
            + " dnsjava records %.1f B/record%n",
        zones,
        (double) wire / records,
        (double) compact / records,
        (double) compact / zones,
        (double) dnsjava / records);
    // Less than the wire size, objects and the origin's name included: the owner names are held
    // without the origin, which is most of each of them in such a zone (OriginRelativeRecords).
    assertTrue(compact < wire, compact + " vs wire " + wire);
    assertTrue(compact * 2 < dnsjava, "at most half of the dnsjava records");
  }

  @Test
  void aMillionRecordZoneCostsItsWireSizePlusFiveOctetsARecord() throws Exception {
    Name origin = Name.fromString("big.example.");
    ZoneSnapshot.Builder b = ZoneSnapshot.builder(soa(origin));
    for (int i = 0; i < 1_000_000; i++) {
      b.add(
          new ARecord(
              Name.fromString("host-" + i, origin),
              DClass.IN,
              300,
              InetAddress.getByAddress(
                  new byte[] {10, (byte) (i >> 16), (byte) (i >> 8), (byte) i})));
    }
    ZoneSnapshot s = b.build();
    long size = GraphLayout.parseInstance(s).totalSize();
    System.out.printf(
        Locale.ROOT,
        "1M records: wire %.1f B/record, snapshot %.1f B/record%n",
        s.wireSize() / 1e6,
        size / 1e6);
    assertTrue(size < s.wireSize() + 5L * s.size() + 4096, size + " vs wire " + s.wireSize());
  }
}
