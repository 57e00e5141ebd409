package io.github.secdns.benchmarks.zone;

import io.github.secdns.core.zone.ZoneSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Master;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * A DNS host's zones: {@code z<i>.example.} for i from 0, each of exactly 20 records (SOA, two apex
 * NS, an apex A, AAAA and SPF TXT, and www, mail, api, cdn, shop, blog with A, AAAA or TXT),
 * deterministic from the index. Written one master file per zone, {@code z<i>.example.zone} in one
 * directory, which every server under test loads (the embedded responder parses them with dnsjava
 * as a host's loader would).
 *
 * <p>Stateless; thread-safe.
 */
public final class SmallZones {

  /** Records per zone, SOA included. */
  public static final int RECORDS = 20;

  private static final Name MNAME = Name.fromConstantString("ns1.host.example.");
  private static final Name NS2 = Name.fromConstantString("ns2.host.example.");
  private static final Name RNAME = Name.fromConstantString("hostmaster.host.example.");
  private static final String[] HOSTS = {"www", "mail", "api", "cdn", "shop", "blog"};

  private SmallZones() {}

  /**
   * The origin of zone i.
   *
   * @param i the index
   * @return {@code z<i>.example.}
   */
  public static Name origin(int i) {
    return Name.fromConstantString("z" + i + ".example.");
  }

  /**
   * The master file of zone i in a directory.
   *
   * @param dir the directory
   * @param i the index
   * @return {@code dir/z<i>.example.zone}
   */
  public static Path file(Path dir, int i) {
    return dir.resolve("z" + i + ".example.zone");
  }

  /**
   * Builds zone i.
   *
   * @param i the index
   * @param serial the SOA serial
   * @return the zone, 20 records
   */
  public static ZoneSnapshot zone(int i, long serial) {
    Name origin = origin(i);
    List<Record> records = new ArrayList<>(RECORDS);
    records.add(new NSRecord(origin, DClass.IN, 3600, MNAME));
    records.add(new NSRecord(origin, DClass.IN, 3600, NS2));
    records.add(new ARecord(origin, DClass.IN, 300, v4(i, 1)));
    records.add(new AAAARecord(origin, DClass.IN, 300, v6(i, 1)));
    records.add(new TXTRecord(origin, DClass.IN, 300, "v=spf1 mx -all"));
    int k = 2;
    while (records.size() < RECORDS - 1) {
      Name owner = ZoneGenerator.name(HOSTS[k % HOSTS.length], origin);
      switch (k % 3) {
        case 0 -> records.add(new ARecord(owner, DClass.IN, 300, v4(i, k)));
        case 1 -> records.add(new AAAARecord(owner, DClass.IN, 300, v6(i, k)));
        default -> records.add(new TXTRecord(owner, DClass.IN, 300, "site-verification=" + i + k));
      }
      k++;
    }
    SOARecord soa =
        new SOARecord(origin, DClass.IN, 3600, MNAME, RNAME, serial, 7200, 900, 1_209_600, 300);
    return ZoneSnapshot.of(soa, records);
  }

  /**
   * The next version of a zone with its apex A record changed (every other record shared).
   *
   * @param zone a version
   * @return the next version, serial + 1
   */
  public static ZoneSnapshot withOneChange(ZoneSnapshot zone) {
    List<Record> records = new ArrayList<>(zone.records());
    for (int i = 0; i < records.size(); i++) {
      if (records.get(i) instanceof ARecord a && a.getName().equals(zone.origin())) {
        byte[] address = a.getAddress().getAddress();
        address[1] = (byte) (address[1] + 1);
        records.set(
            i, new ARecord(a.getName(), a.getDClass(), a.getTTL(), ZoneGenerator.address(address)));
        break;
      }
    }
    SOARecord soa = zone.soa();
    return ZoneSnapshot.of(
        new SOARecord(
            soa.getName(),
            soa.getDClass(),
            soa.getTTL(),
            soa.getHost(),
            soa.getAdmin(),
            soa.getSerial() + 1,
            soa.getRefresh(),
            soa.getRetry(),
            soa.getExpire(),
            soa.getMinimum()),
        records);
  }

  /**
   * Writes zones 0 to count-1 as master files into a directory.
   *
   * @param dir the directory (created when missing)
   * @param count how many zones
   * @throws UncheckedIOException when writing fails
   */
  public static void writeAll(Path dir, int count) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (int i = 0; i < count; i++) {
      ZoneGenerator.writeMasterFile(zone(i, 1), file(dir, i));
    }
  }

  /**
   * Reads zone i from its master file, as a host's loader would.
   *
   * @param dir the directory
   * @param i the index
   * @return the zone
   * @throws UncheckedIOException when the file cannot be read or parsed
   */
  public static ZoneSnapshot read(Path dir, int i) {
    Name origin = origin(i);
    List<Record> records = new ArrayList<>(RECORDS);
    SOARecord soa = null;
    try (Master master = new Master(file(dir, i).toString(), origin)) {
      Record r;
      while ((r = master.nextRecord()) != null) {
        if (r.getType() == Type.SOA && r.getName().equals(origin)) {
          soa = (SOARecord) r;
        } else {
          records.add(r);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (soa == null) {
      throw new IllegalStateException(file(dir, i) + " has no SOA");
    }
    return ZoneSnapshot.of(soa, records);
  }

  private static InetAddress v4(int zone, int host) {
    return ZoneGenerator.address(
        new byte[] {10, (byte) (zone >>> 16), (byte) (zone >>> 8), (byte) (zone + host)});
  }

  private static InetAddress v6(int zone, int host) {
    byte[] b = new byte[16];
    b[0] = 0x20;
    b[1] = 0x01;
    b[2] = 0x0d;
    b[3] = (byte) 0xb8;
    b[8] = (byte) (zone >>> 24);
    b[9] = (byte) (zone >>> 16);
    b[10] = (byte) (zone >>> 8);
    b[11] = (byte) zone;
    b[15] = (byte) host;
    return ZoneGenerator.address(b);
  }
}
