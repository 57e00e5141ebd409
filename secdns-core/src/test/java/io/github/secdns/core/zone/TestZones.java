package io.github.secdns.core.zone;

import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TXTRecord;

/** Zone fixtures for the zone package's tests. */
final class TestZones {

  static final Name ORIGIN = Name.fromConstantString("example.com.");

  /** 64 distinct records (exactly, case and TTL included) that subsets draw from. */
  static final List<Record> UNIVERSE = universe();

  private TestZones() {}

  private static List<Record> universe() {
    List<Record> all = new ArrayList<>();
    String[] owners = {"www", "WWW", "mail", "a.b"};
    long[] ttls = {300, 600};
    for (String owner : owners) {
      Name name = name(owner);
      for (long ttl : ttls) {
        for (int i = 1; i <= 4; i++) {
          all.add(new ARecord(name, DClass.IN, ttl, address(i)));
        }
        for (String text : new String[] {"Hello", "hello", "x", "X"}) {
          all.add(new TXTRecord(name, DClass.IN, ttl, text));
        }
      }
    }
    if (all.size() != 64) {
      throw new AssertionError(all.size());
    }
    return all;
  }

  static Name name(String relative) {
    return Name.fromConstantString(relative + "." + ORIGIN);
  }

  static java.net.InetAddress address(int last) {
    try {
      return java.net.InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, (byte) last});
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * An SOA of {@code origin} whose name servers lie outside it (ns1.host.example.), as a DNS host's
   * zones have.
   */
  static SOARecord hostSoa(Name origin, long serial) {
    return new SOARecord(
        origin,
        DClass.IN,
        3600,
        Name.fromConstantString("ns1.host.example."),
        Name.fromConstantString("hostmaster.host.example."),
        serial,
        7200,
        900,
        1209600,
        300);
  }

  static SOARecord soa(long serial) {
    return soa(serial, 1209600);
  }

  static SOARecord soa(long serial, long expire) {
    return new SOARecord(
        ORIGIN, DClass.IN, 3600, name("ns1"), name("hostmaster"), serial, 14400, 3600, expire, 300);
  }

  /**
   * A snapshot holding the universe records whose bit is set in {@code mask}. Records equal by
   * {@link Record#equals} (differing only in owner case or TTL) are kept once by ZoneSnapshot, so
   * the effective content is what the snapshot reports.
   */
  static ZoneSnapshot snapshot(long serial, long mask) {
    List<Record> records = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      if ((mask >>> i & 1) != 0) {
        records.add(UNIVERSE.get(i));
      }
    }
    return ZoneSnapshot.of(soa(serial), records);
  }

  /** An SOA of another zone. */
  static SOARecord otherSoa() {
    Name other = Name.fromConstantString("example.org.");
    return new SOARecord(
        other,
        DClass.IN,
        60,
        Name.fromConstantString("ns1.example.org."),
        Name.fromConstantString("h.example.org."),
        2,
        1,
        1,
        1,
        1);
  }

  /**
   * Asserts the same records in the same order, each octet for octet through its index entry (a
   * comparison of the whole octets would not see a wrong index).
   */
  static void assertSameRecords(PackedRecords expected, PackedRecords actual) {
    org.junit.jupiter.api.Assertions.assertEquals(
        expected.size(), actual.size(), () -> actual.asList() + "\n!= " + expected.asList());
    for (int i = 0; i < expected.size(); i++) {
      org.junit.jupiter.api.Assertions.assertEquals(
          expected.wire(i), actual.wire(i), "record " + i + " of " + expected.size());
    }
  }
}
