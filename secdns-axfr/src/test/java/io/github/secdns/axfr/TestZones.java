package io.github.secdns.axfr;

import static io.github.secdns.testsupport.zones.TestRecords.name;
import static io.github.secdns.testsupport.zones.TestRecords.soa;

import io.github.secdns.core.zone.ZoneSnapshot;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;

/** Zone snapshots for tests. */
final class TestZones {

  private TestZones() {}

  static InetAddress v4(int i) {
    try {
      return InetAddress.getByAddress(new byte[] {10, (byte) (i >> 16), (byte) (i >> 8), (byte) i});
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A small zone with letter case mixed in owner names and RDATA. */
  static ZoneSnapshot small(String origin, long serial) {
    Name o = name(origin);
    List<Record> records = new ArrayList<>();
    records.add(new NSRecord(o, DClass.IN, 3600, name("ns1." + origin)));
    records.add(new NSRecord(o, DClass.IN, 3600, name("NS2.Secondary.Example.NET.")));
    records.add(new ARecord(name("ns1." + origin), DClass.IN, 3600, v4(1)));
    records.add(new ARecord(name("WWW." + capitalized(origin)), DClass.IN, 300, v4(2)));
    records.add(new CNAMERecord(name("alias." + origin), DClass.IN, 300, name("www." + origin)));
    records.add(new MXRecord(o, DClass.IN, 300, 10, name("Mail." + origin)));
    records.add(new TXTRecord(o, DClass.IN, 300, "v=spf1 -all"));
    return ZoneSnapshot.of(soa(origin, serial), records);
  }

  /** A zone with {@code n} A records (plus SOA and NS) named host-i. */
  static ZoneSnapshot large(String origin, long serial, int n) {
    Name o = name(origin);
    List<Record> records = new ArrayList<>(n + 1);
    records.add(new NSRecord(o, DClass.IN, 3600, name("ns1." + origin)));
    for (int i = 0; i < n; i++) {
      records.add(new ARecord(name("host-" + i + "." + origin), DClass.IN, 300, v4(i)));
    }
    return ZoneSnapshot.of(soa(origin, serial), records);
  }

  /**
   * The zone {@code large(origin, serial, n)} with, after its records, a TXT at {@code zz-big} too
   * large for any transfer message (65,260 octets of RDATA: it fits a record, not a message).
   */
  static ZoneSnapshot largeEndingTooLarge(String origin, long serial, int n) {
    ZoneSnapshot base = large(origin, serial, n);
    List<Record> records = new ArrayList<>(base.records());
    List<String> strings = new ArrayList<>();
    for (int i = 0; i < 260; i++) {
      strings.add("x".repeat(250));
    }
    records.add(new TXTRecord(name("zz-big." + origin), DClass.IN, 60, strings));
    return ZoneSnapshot.of(base.soa(), records);
  }

  /** Every record of a snapshot, the SOA included, as a set-friendly list. */
  static List<Record> allRecords(ZoneSnapshot snapshot) {
    List<Record> all = new ArrayList<>(snapshot.records());
    all.add(snapshot.soa());
    return all;
  }

  private static String capitalized(String origin) {
    return Character.toUpperCase(origin.charAt(0)) + origin.substring(1);
  }
}
