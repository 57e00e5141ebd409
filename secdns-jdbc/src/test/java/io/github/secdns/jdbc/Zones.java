package io.github.secdns.jdbc;

import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.testsupport.zones.TestRecords;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;

/** Zone versions for the tests, built without any resolver. */
final class Zones {

  private Zones() {}

  static ARecord a(String owner, int last) {
    try {
      return new ARecord(
          TestRecords.name(owner),
          DClass.IN,
          300,
          InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, (byte) last}));
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  static TXTRecord txt(String owner, String text) {
    return new TXTRecord(TestRecords.name(owner), DClass.IN, 300, text);
  }

  /** A version with {@code count} A records h0 .. h(count-1) and a TXT naming the serial. */
  static ZoneSnapshot version(String origin, long serial, int count) {
    List<Record> records = new ArrayList<>(count + 1);
    for (int i = 0; i < count; i++) {
      records.add(a("h" + i + "." + origin, i % 250 + 1));
    }
    records.add(txt("version." + origin, "serial " + serial));
    return ZoneSnapshot.of(TestRecords.soa(origin, serial), records);
  }

  /** The same records as {@code base} with another serial, plus {@code extra}. */
  static ZoneSnapshot next(ZoneSnapshot base, long serial, Record... extra) {
    List<Record> records = new ArrayList<>(base.records());
    records.addAll(List.of(extra));
    return ZoneSnapshot.of(TestRecords.soa(base.origin().toString(), serial), records);
  }
}
