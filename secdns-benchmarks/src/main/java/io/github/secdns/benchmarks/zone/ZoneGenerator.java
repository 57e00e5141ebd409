package io.github.secdns.benchmarks.zone;

import io.github.secdns.core.zone.PackedRecords;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CAARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Generates a deterministic zone of an exact size with a realistic mix of record types.
 *
 * <p>The mix, per "host" owner name (a few records each), measured at 1M records: A 42.6 %
 * (including delegation glue), AAAA 16.6 %, MX 13.4 %, TXT of 30–200 octets, a quarter with two
 * strings, 9.2 %, NS of delegations 5.7 %, CNAME 5.2 %, SRV 4.8 %, CAA 2.6 %. The same {@code
 * (size, seed)} always gives the same records in the same order; the apex has SOA, two NS with
 * glue, MX and an SPF TXT. The records of a million-record zone are built in 1–3 s on 2 cores (no
 * parsing: records are made from their parts); {@link ZoneSnapshot#of} on them takes another 2–5 s.
 *
 * <p>Stateless; thread-safe.
 */
public final class ZoneGenerator {

  /** The origin of every generated zone. */
  public static final Name ORIGIN = Name.fromConstantString("bench.example.");

  private static final long TTL = 3600;
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

  private ZoneGenerator() {}

  /**
   * Generates a zone of exactly {@code size} records (SOA included).
   *
   * @param size the number of records, at least 10
   * @param serial the SOA serial
   * @param seed the random seed; the same seed gives the same zone
   * @return the zone
   */
  public static ZoneSnapshot generate(int size, long serial, long seed) {
    return ZoneSnapshot.of(soa(serial), records(size, seed));
  }

  /**
   * The SOA of a generated zone with this serial.
   *
   * @param serial the serial
   * @return the SOA record
   */
  public static SOARecord soa(long serial) {
    return new SOARecord(
        ORIGIN,
        DClass.IN,
        TTL,
        name("ns1", ORIGIN),
        name("hostmaster", ORIGIN),
        serial,
        3600,
        600,
        1_209_600,
        300);
  }

  /**
   * The records of a generated zone apart from its SOA: exactly {@code size - 1} of them.
   *
   * @param size the zone size including the SOA, at least 10
   * @param seed the random seed
   * @return a new mutable list (fresh record instances on every call)
   */
  public static List<Record> records(int size, long seed) {
    if (size < 10) {
      throw new IllegalArgumentException("a generated zone has at least 10 records: " + size);
    }
    SplittableRandom random = new SplittableRandom(seed);
    List<Record> out = new ArrayList<>(size);
    int want = size - 1;
    Name ns1 = name("ns1", ORIGIN);
    Name ns2 = name("ns2", ORIGIN);
    out.add(new NSRecord(ORIGIN, DClass.IN, TTL, ns1));
    out.add(new NSRecord(ORIGIN, DClass.IN, TTL, ns2));
    out.add(new ARecord(ns1, DClass.IN, TTL, v4(192, 0, 2, 1)));
    out.add(new ARecord(ns2, DClass.IN, TTL, v4(192, 0, 2, 2)));
    out.add(new MXRecord(ORIGIN, DClass.IN, TTL, 10, name("mail", ORIGIN)));
    out.add(new TXTRecord(ORIGIN, DClass.IN, TTL, "v=spf1 mx ip4:192.0.2.0/24 -all"));
    out.add(new ARecord(name("mail", ORIGIN), DClass.IN, TTL, v4(192, 0, 2, 25)));
    int host = 0;
    while (out.size() < want) {
      addHost(out, host++, random, want);
    }
    return out;
  }

  private static void addHost(List<Record> out, int host, SplittableRandom random, int want) {
    int kind = random.nextInt(100);
    if (kind < 6 && out.size() + 4 <= want) {
      // A delegation with two in-zone name servers and their glue (BIND refuses a zone whose
      // in-zone name servers have no address).
      Name child = name("d" + host, ORIGIN);
      Name cns1 = name("ns1", child);
      Name cns2 = name("ns2", child);
      out.add(new NSRecord(child, DClass.IN, 86400, cns1));
      out.add(new NSRecord(child, DClass.IN, 86400, cns2));
      out.add(new ARecord(cns1, DClass.IN, 86400, v4(host)));
      out.add(new ARecord(cns2, DClass.IN, 86400, v4(host ^ 0x800000)));
      return;
    }
    if (kind < 17) {
      out.add(
          new CNAMERecord(
              name("c" + host, ORIGIN),
              DClass.IN,
              300,
              name("h" + random.nextInt(host + 1), ORIGIN)));
      return;
    }
    if (kind < 22) {
      Name owner = name("_sip._tcp.s" + host, ORIGIN);
      out.add(new SRVRecord(owner, DClass.IN, TTL, 10, 60, 5060, name("h" + host, ORIGIN)));
      if (out.size() < want) {
        out.add(new SRVRecord(owner, DClass.IN, TTL, 20, 40, 5060, name("h" + (host + 1), ORIGIN)));
      }
      return;
    }
    Name owner = name("h" + host, ORIGIN);
    out.add(new ARecord(owner, DClass.IN, 300, v4(host)));
    if (out.size() < want && random.nextInt(100) < 45) {
      out.add(new AAAARecord(owner, DClass.IN, 300, v6(host)));
    }
    if (out.size() < want && random.nextInt(100) < 25) {
      out.add(txt(owner, random));
    }
    if (out.size() < want && random.nextInt(100) < 18) {
      out.add(new MXRecord(owner, DClass.IN, TTL, 10, name("mail", ORIGIN)));
      if (out.size() < want) {
        out.add(new MXRecord(owner, DClass.IN, TTL, 20, name("h" + (host / 2), ORIGIN)));
      }
    }
    if (out.size() < want && random.nextInt(100) < 7) {
      out.add(new CAARecord(owner, DClass.IN, TTL, 0, "issue", "letsencrypt.org"));
    }
  }

  private static Record txt(Name owner, SplittableRandom random) {
    int length = 30 + random.nextInt(170);
    String first = "site-verification=" + randomText(random, length);
    if (random.nextInt(4) == 0) {
      return new TXTRecord(owner, DClass.IN, TTL, List.of(first, randomText(random, 60)));
    }
    return new TXTRecord(owner, DClass.IN, TTL, first);
  }

  private static String randomText(SplittableRandom random, int length) {
    char[] chars = new char[length];
    for (int i = 0; i < length; i++) {
      chars[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
    }
    return new String(chars);
  }

  /**
   * Returns the zone with one A record's address changed and the serial incremented by one; every
   * other record is copied as octets from {@code zone}'s packed records (as a host building a
   * version from the previous one would do, without decoding the zone).
   *
   * @param zone a generated zone
   * @param index which record to change (taken modulo the size; the next A record from there)
   * @return the new version
   */
  public static ZoneSnapshot withOneChange(ZoneSnapshot zone, int index) {
    PackedRecords records = zone.packedRecords();
    int i = Math.floorMod(index, records.size());
    while (records.type(i) != Type.A) {
      i = (i + 1) % records.size();
    }
    ARecord old = (ARecord) records.get(i);
    byte[] address = old.getAddress().getAddress();
    address[0] = (byte) (address[0] ^ 0x40);
    return ZoneSnapshot.builder(soa(zone.serial().value() + 1))
        .expect(records.size(), records.wireSize())
        .addAll(records, 0, i)
        .add(new ARecord(old.getName(), old.getDClass(), old.getTTL(), address(address)))
        .addAll(records, i + 1, records.size())
        .build();
  }

  /**
   * Writes the zone as a master file (absolute names, one record per line) for the peer servers.
   *
   * @param zone the zone
   * @param file the file to write
   * @throws UncheckedIOException when writing fails
   */
  public static void writeMasterFile(ZoneSnapshot zone, Path file) {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
      w.write("$TTL 3600\n");
      w.write(zone.soa().toString());
      w.write('\n');
      for (Record r : zone.records()) {
        w.write(r.toString());
        w.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Name name(String relative, Name origin) {
    try {
      return Name.fromString(relative, origin);
    } catch (TextParseException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static InetAddress v4(int host) {
    return v4(10, (host >>> 16) & 0xff, (host >>> 8) & 0xff, host & 0xff);
  }

  private static InetAddress v4(int a, int b, int c, int d) {
    return address(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
  }

  private static InetAddress v6(int host) {
    byte[] b = new byte[16];
    b[0] = 0x20;
    b[1] = 0x01;
    b[2] = 0x0d;
    b[3] = (byte) 0xb8;
    b[12] = (byte) (host >>> 24);
    b[13] = (byte) (host >>> 16);
    b[14] = (byte) (host >>> 8);
    b[15] = (byte) host;
    return address(b);
  }

  private static InetAddress address(byte[] bytes) {
    try {
      // getByAddress never consults a resolver.
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
