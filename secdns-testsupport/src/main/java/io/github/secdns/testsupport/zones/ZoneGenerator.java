package io.github.secdns.testsupport.zones;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CAARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Master;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Deterministic test zones, three recipes. The same seed always gives the same zone, so a failing
 * run can be reproduced.
 *
 * <ul>
 *   <li>{@link #mixedCase}: a few thousand records of every common type, with letter case mixed in
 *       owner names and in names inside RDATA, TXT records longer than 255 characters (split into
 *       several strings), delegations with glue and a DS at a cut; {@link #nextVersion} changes a
 *       few records. What the interop tests transfer to real secondaries.
 *   <li>{@link #sized}: exactly the size asked for (a million records in 1-3 s: records are made
 *       from their parts, nothing is parsed), with the record mix of a hosting provider's zone;
 *       {@link #withOneChange} changes one A record. What the benchmarks and the large interop zone
 *       use.
 *   <li>{@link #small}: a DNS host's typical zone of exactly {@value #SMALL_RECORDS} records, its
 *       addresses drawn from the zone's index. What the many-zones benchmark serves by the hundred
 *       thousand ({@link #withOneChange} changes its apex A record with index 0).
 * </ul>
 *
 * <p>Every RRset has one TTL (servers merge differing TTLs in an RRset, which would be a difference
 * that says nothing about the transfer), and no name holds a CNAME beside other data. Stateless;
 * thread-safe.
 */
public final class ZoneGenerator {

  /** Records of a {@link #small} zone, SOA included. */
  public static final int SMALL_RECORDS = 20;

  private static final String[] HOST_PREFIXES = {"host", "Www", "MAIL", "api", "Cdn", "sHoP"};
  private static final String[] SMALL_HOSTS = {"www", "mail", "api", "cdn", "shop", "blog"};
  private static final Name SMALL_NS1 = Name.fromConstantString("ns1.host.example.");
  private static final Name SMALL_NS2 = Name.fromConstantString("ns2.host.example.");
  private static final Name SMALL_RNAME = Name.fromConstantString("hostmaster.host.example.");
  private static final long SIZED_TTL = 3600;
  private static final String SIZED_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

  private ZoneGenerator() {}

  /**
   * Generates version {@code serial} of {@code origin} with about {@code groups * 12} records.
   *
   * @param origin the zone name; its apex is used exactly as given (the secondaries are configured
   *     with this spelling)
   * @param serial the SOA serial
   * @param groups how many groups of records (each group holds one record of every common type)
   * @param seed the random seed
   * @return the zone
   */
  public static GeneratedZone mixedCase(Name origin, long serial, int groups, long seed) {
    Random random = new Random(seed);
    Builder zone = new Builder(origin);
    String o = origin.toString();
    SOARecord soa =
        (SOARecord)
            parse(
                o
                    + " 3600 IN SOA Ns1."
                    + mixed(o, random)
                    + " HostMaster."
                    + o
                    + " "
                    + serial
                    + " 3600 600 1209600 300",
                origin);
    zone.add(o + " 3600 IN NS Ns1." + o);
    zone.add(o + " 3600 IN NS ns2.Secondary-Provider.EXAMPLE.");
    zone.add("Ns1." + o + " 3600 IN A 192.0.2.53");
    zone.add("Ns1." + o + " 3600 IN AAAA 2001:db8::53");
    zone.add(o + " 300 IN MX 10 Mail." + o);
    zone.add(o + " 300 IN MX 20 mx2.Mail-Provider.example.");
    zone.add(o + " 300 IN TXT \"v=spf1 include:_spf.Example.COM ~all\"");
    zone.add(o + " 3600 IN CAA 0 issue \"letsencrypt.org\"");
    zone.add(o + " 3600 IN CAA 0 iodef \"mailto:Security@Example.com\"");
    zone.add("Mail." + o + " 300 IN A 192.0.2.25");
    for (int i = 0; i < groups; i++) {
      addGroup(zone, i, random);
    }
    return new GeneratedZone(soa, zone.records());
  }

  private static void addGroup(Builder zone, int i, Random random) {
    String o = zone.origin.toString();
    String host = HOST_PREFIXES[i % HOST_PREFIXES.length] + i + "." + o;
    zone.add(host + " 300 IN A " + ipv4(i));
    zone.add(host + " 300 IN AAAA 2001:db8:" + Integer.toHexString(i) + "::" + (i % 7 + 1));
    zone.add(host + " 300 IN SSHFP " + (1 + i % 4) + " 2 " + hex(random, 32));
    zone.add("_443._tcp." + host + " 3600 IN TLSA 3 1 1 " + hex(random, 32));
    String alias = "Alias" + i + "." + o;
    zone.add(alias + " 600 IN CNAME " + mixed(host, random));
    zone.add(
        "mx"
            + i
            + "."
            + o
            + " 600 IN MX "
            + (i % 50)
            + " "
            + mixed("mail" + i + ".Example.NET.", random));
    zone.add(
        "_sip._tcp.Svc"
            + i
            + "."
            + o
            + " 600 IN SRV 10 "
            + (i % 100)
            + " 5060 "
            + mixed("sip" + i + ".Voip-Provider.example.", random));
    zone.add("Ptr" + i + "." + o + " 3600 IN PTR " + mixed("h" + i + ".Reverse.EXAMPLE.", random));
    zone.add("Text" + i + "." + o + " 300 IN TXT \"Hello World " + i + "\" \"MiXeD CaSe stays\"");
    if (i % 10 == 0) {
      // Longer than one character-string: split into strings of at most 255 characters.
      zone.add("Long" + i + "." + o + " 300 IN TXT " + longTxt(random, 300 + i % 400));
    }
    if (i % 5 == 0) {
      zone.add(
          "Naptr"
              + i
              + "."
              + o
              + " 3600 IN NAPTR 100 10 \"U\" \"E2U+sip\" "
              + "\"!^.*$!sip:Info"
              + i
              + "@Example.com!\" .");
      zone.add("Caa" + i + "." + o + " 3600 IN CAA 128 issue \"Ca" + i + ".example.net\"");
    }
    if (i % 25 == 0) {
      // A delegation: NS at the cut, glue below it, and a DS at the cut for every other one.
      String cut = "Sub" + i + "." + o;
      String ns = "NS1." + cut;
      zone.add(cut + " 3600 IN NS " + ns);
      zone.add(cut + " 3600 IN NS ns2.Other-Operator.example.");
      zone.add(ns + " 3600 IN A " + ipv4(i + 100000));
      zone.add(ns + " 3600 IN AAAA 2001:db8:ffff::" + Integer.toHexString(i + 1));
      if (i % 50 == 0) {
        zone.add(cut + " 3600 IN DS " + (10000 + i) + " 13 2 " + hex(random, 32));
      }
    }
  }

  /**
   * The next version: the SOA serial incremented, one A record changed, one TXT record removed, one
   * TXT record added, and a TXT record whose only change is letter case (case in TXT data is
   * significant, so this must travel in the IXFR too).
   *
   * @param previous the version before
   * @param step makes the changes of each step differ
   * @return the next version
   */
  public static GeneratedZone nextVersion(GeneratedZone previous, int step) {
    long serial = previous.soa().getSerial() + 1;
    SOARecord old = previous.soa();
    SOARecord soa =
        new SOARecord(
            old.getName(),
            old.getDClass(),
            old.getTTL(),
            old.getHost(),
            old.getAdmin(),
            serial,
            old.getRefresh(),
            old.getRetry(),
            old.getExpire(),
            old.getMinimum());
    String o = previous.origin().toString();
    List<Record> records = new ArrayList<>();
    Record changedA = null;
    Record removedTxt = null;
    Record caseTxt = null;
    for (Record r : previous.records()) {
      if (changedA == null && r.getType() == Type.A && r.getName().toString().startsWith("MAIL")) {
        changedA = r;
        continue;
      }
      if (removedTxt == null
          && r.getType() == Type.TXT
          && r.getName().toString().startsWith("Text")) {
        removedTxt = r;
        continue;
      }
      if (caseTxt == null
          && removedTxt != null
          && r.getType() == Type.TXT
          && r.getName().toString().startsWith("Text")) {
        caseTxt = r;
        continue;
      }
      records.add(r);
    }
    if (changedA == null || removedTxt == null || caseTxt == null) {
      throw new IllegalStateException("zone too small for nextVersion: " + previous);
    }
    records.add(
        parse(
            changedA.getName() + " " + changedA.getTTL() + " IN A 198.51.100." + (step % 250 + 1),
            previous.origin()));
    records.add(
        parse(
            caseTxt.getName()
                + " "
                + caseTxt.getTTL()
                + " IN TXT "
                + caseTxt.rdataToString().toUpperCase(Locale.ROOT),
            previous.origin()));
    records.add(
        parse(
            "Added-" + step + "." + o + " 300 IN TXT \"added in step " + step + "\"",
            previous.origin()));
    return new GeneratedZone(soa, records);
  }

  /**
   * A zone of exactly {@code size} records (SOA included) with the record mix of a hosting
   * provider's zone, measured at a million records: A 42.6 % (including delegation glue), AAAA 16.6
   * %, MX 13.4 %, TXT of 30-200 octets (a quarter with two strings) 9.2 %, NS of delegations 5.7 %,
   * CNAME 5.2 %, SRV 4.8 %, CAA 2.6 %. The apex has SOA, two NS with glue, MX and an SPF TXT. Names
   * are lower case. The same {@code (size, seed)} always gives the same records in the same order.
   *
   * @param origin the zone
   * @param size the number of records, SOA included, at least 10
   * @param serial the SOA serial
   * @param seed the random seed
   * @return the zone
   */
  public static GeneratedZone sized(Name origin, int size, long serial, long seed) {
    return new GeneratedZone(sizedSoa(origin, serial), sizedRecords(origin, size, seed));
  }

  /**
   * The SOA of a {@link #sized} zone.
   *
   * @param origin the zone
   * @param serial the serial
   * @return the SOA
   */
  public static SOARecord sizedSoa(Name origin, long serial) {
    return new SOARecord(
        origin,
        DClass.IN,
        SIZED_TTL,
        sizedName("ns1", origin),
        sizedName("hostmaster", origin),
        serial,
        3600,
        600,
        1_209_600,
        300);
  }

  /**
   * The records of a {@link #sized} zone apart from its SOA: exactly {@code size - 1} of them,
   * fresh instances on every call.
   *
   * @param origin the zone
   * @param size the zone size including the SOA, at least 10
   * @param seed the random seed
   * @return a new mutable list
   */
  public static List<Record> sizedRecords(Name origin, int size, long seed) {
    List<Record> out = new ArrayList<>(Math.max(size - 1, 0)); // a size below 10 is refused below
    sizedRecords(origin, size, seed, out::add);
    return out;
  }

  /**
   * Hands the records of a {@link #sized} zone apart from its SOA to {@code sink} one at a time, in
   * the order {@link #sizedRecords(Name, int, long)} lists them: a host that builds its version as
   * the records come ({@code ZoneSnapshot.builder}) never holds them all as dnsjava records.
   *
   * @param origin the zone
   * @param size the zone size including the SOA, at least 10
   * @param seed the random seed
   * @param sink takes each record, exactly {@code size - 1} of them
   */
  public static void sizedRecords(Name origin, int size, long seed, Consumer<? super Record> sink) {
    if (size < 10) {
      throw new IllegalArgumentException("a generated zone has at least 10 records: " + size);
    }
    SplittableRandom random = new SplittableRandom(seed);
    RecordSink out = new RecordSink(sink);
    int want = size - 1;
    Name ns1 = sizedName("ns1", origin);
    Name ns2 = sizedName("ns2", origin);
    out.add(new NSRecord(origin, DClass.IN, SIZED_TTL, ns1));
    out.add(new NSRecord(origin, DClass.IN, SIZED_TTL, ns2));
    out.add(new ARecord(ns1, DClass.IN, SIZED_TTL, v4(192, 0, 2, 1)));
    out.add(new ARecord(ns2, DClass.IN, SIZED_TTL, v4(192, 0, 2, 2)));
    out.add(new MXRecord(origin, DClass.IN, SIZED_TTL, 10, sizedName("mail", origin)));
    out.add(new TXTRecord(origin, DClass.IN, SIZED_TTL, "v=spf1 mx ip4:192.0.2.0/24 -all"));
    out.add(new ARecord(sizedName("mail", origin), DClass.IN, SIZED_TTL, v4(192, 0, 2, 25)));
    int host = 0;
    while (out.size() < want) {
      addHost(origin, out, host++, random, want);
    }
  }

  /** Counts the records handed to a consumer: the generator stops at the size asked for. */
  private static final class RecordSink {
    private final Consumer<? super Record> consumer;
    private int size;

    RecordSink(Consumer<? super Record> consumer) {
      this.consumer = consumer;
    }

    void add(Record record) {
      consumer.accept(record);
      size++;
    }

    int size() {
      return size;
    }
  }

  /**
   * The zone with one A record's address changed and the serial incremented by one; every other
   * record instance is shared (as a host building a version from the previous one would do).
   *
   * @param zone a generated zone
   * @param index which record to change (taken modulo the size; the next A record from there)
   * @return the new version
   */
  public static GeneratedZone withOneChange(GeneratedZone zone, int index) {
    List<Record> records = new ArrayList<>(zone.records());
    int i = Math.floorMod(index, records.size());
    while (!(records.get(i) instanceof ARecord)) {
      i = (i + 1) % records.size();
    }
    ARecord old = (ARecord) records.get(i);
    byte[] address = old.getAddress().getAddress();
    address[0] = (byte) (address[0] ^ 0x40);
    records.set(i, new ARecord(old.getName(), old.getDClass(), old.getTTL(), address(address)));
    SOARecord soa = zone.soa();
    return new GeneratedZone(
        new SOARecord(
            soa.getName(),
            soa.getDClass(),
            soa.getTTL(),
            soa.getHost(),
            soa.getAdmin(),
            (soa.getSerial() + 1) & 0xFFFF_FFFFL,
            soa.getRefresh(),
            soa.getRetry(),
            soa.getExpire(),
            soa.getMinimum()),
        records);
  }

  /**
   * A DNS host's typical zone: exactly {@value #SMALL_RECORDS} records, the SOA (the host's name
   * servers {@code ns1/ns2.host.example.}, lower-case names), two apex NS, an apex A, AAAA and SPF
   * TXT, then A, AAAA and TXT records under www, mail, api, cdn, shop and blog in turn. The
   * addresses and TXT data are derived from {@code index} (the IPv6 addresses and TXT data differ
   * from zone to zone); the apex A comes first among the A records. Stateless: the same arguments
   * give the same records.
   *
   * @param origin the zone
   * @param index the zone's index, at least 0
   * @param serial the SOA serial
   * @return the zone
   */
  public static GeneratedZone small(Name origin, int index, long serial) {
    List<Record> records = new ArrayList<>(SMALL_RECORDS - 1);
    records.add(new NSRecord(origin, DClass.IN, SIZED_TTL, SMALL_NS1));
    records.add(new NSRecord(origin, DClass.IN, SIZED_TTL, SMALL_NS2));
    records.add(new ARecord(origin, DClass.IN, 300, smallV4(index, 1)));
    records.add(new AAAARecord(origin, DClass.IN, 300, smallV6(index, 1)));
    records.add(new TXTRecord(origin, DClass.IN, 300, "v=spf1 mx -all"));
    for (int k = 2; records.size() < SMALL_RECORDS - 1; k++) {
      Name owner = sizedName(SMALL_HOSTS[k % SMALL_HOSTS.length], origin);
      switch (k % 3) {
        case 0 -> records.add(new ARecord(owner, DClass.IN, 300, smallV4(index, k)));
        case 1 -> records.add(new AAAARecord(owner, DClass.IN, 300, smallV6(index, k)));
        default ->
            records.add(
                new TXTRecord(owner, DClass.IN, 300, "site-verification=" + index + "-" + k));
      }
    }
    SOARecord soa =
        new SOARecord(
            origin,
            DClass.IN,
            SIZED_TTL,
            SMALL_NS1,
            SMALL_RNAME,
            serial,
            7200,
            900,
            1_209_600,
            300);
    return new GeneratedZone(soa, records);
  }

  private static InetAddress smallV4(int index, int host) {
    return v4(10, (index >>> 16) & 0xff, (index >>> 8) & 0xff, (index + host) & 0xff);
  }

  private static InetAddress smallV6(int index, int host) {
    return documentationV6(index, host & 0xff);
  }

  private static void addHost(
      Name origin, RecordSink out, int host, SplittableRandom random, int want) {
    int kind = random.nextInt(100);
    if (kind < 6 && out.size() + 4 <= want) {
      // A delegation with two in-zone name servers and their glue (BIND refuses a zone whose
      // in-zone name servers have no address).
      Name child = sizedName("d" + host, origin);
      Name cns1 = sizedName("ns1", child);
      Name cns2 = sizedName("ns2", child);
      out.add(new NSRecord(child, DClass.IN, 86400, cns1));
      out.add(new NSRecord(child, DClass.IN, 86400, cns2));
      out.add(new ARecord(cns1, DClass.IN, 86400, sizedV4(host)));
      out.add(new ARecord(cns2, DClass.IN, 86400, sizedV4(host ^ 0x800000)));
      return;
    }
    if (kind < 17) {
      out.add(
          new CNAMERecord(
              sizedName("c" + host, origin),
              DClass.IN,
              300,
              sizedName("h" + random.nextInt(host + 1), origin)));
      return;
    }
    if (kind < 22) {
      Name owner = sizedName("_sip._tcp.s" + host, origin);
      out.add(
          new SRVRecord(owner, DClass.IN, SIZED_TTL, 10, 60, 5060, sizedName("h" + host, origin)));
      if (out.size() < want) {
        out.add(
            new SRVRecord(
                owner, DClass.IN, SIZED_TTL, 20, 40, 5060, sizedName("h" + (host + 1), origin)));
      }
      return;
    }
    Name owner = sizedName("h" + host, origin);
    out.add(new ARecord(owner, DClass.IN, 300, sizedV4(host)));
    if (out.size() < want && random.nextInt(100) < 45) {
      out.add(new AAAARecord(owner, DClass.IN, 300, sizedV6(host)));
    }
    if (out.size() < want && random.nextInt(100) < 25) {
      out.add(sizedTxt(owner, random));
    }
    if (out.size() < want && random.nextInt(100) < 18) {
      out.add(new MXRecord(owner, DClass.IN, SIZED_TTL, 10, sizedName("mail", origin)));
      if (out.size() < want) {
        out.add(new MXRecord(owner, DClass.IN, SIZED_TTL, 20, sizedName("h" + (host / 2), origin)));
      }
    }
    if (out.size() < want && random.nextInt(100) < 7) {
      out.add(new CAARecord(owner, DClass.IN, SIZED_TTL, 0, "issue", "letsencrypt.org"));
    }
  }

  private static Record sizedTxt(Name owner, SplittableRandom random) {
    int length = 30 + random.nextInt(170);
    String first = "site-verification=" + randomText(random, length);
    if (random.nextInt(4) == 0) {
      return new TXTRecord(owner, DClass.IN, SIZED_TTL, List.of(first, randomText(random, 60)));
    }
    return new TXTRecord(owner, DClass.IN, SIZED_TTL, first);
  }

  private static String randomText(SplittableRandom random, int length) {
    char[] chars = new char[length];
    for (int i = 0; i < length; i++) {
      chars[i] = SIZED_ALPHABET.charAt(random.nextInt(SIZED_ALPHABET.length()));
    }
    return new String(chars);
  }

  private static Name sizedName(String relative, Name origin) {
    try {
      return Name.fromString(relative, origin);
    } catch (TextParseException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static InetAddress sizedV4(int host) {
    return v4(10, (host >>> 16) & 0xff, (host >>> 8) & 0xff, host & 0xff);
  }

  private static InetAddress v4(int a, int b, int c, int d) {
    return address(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
  }

  private static InetAddress sizedV6(int host) {
    return documentationV6(0, host);
  }

  /** 2001:db8::/32 with {@code high} in octets 8-11 and {@code low} in octets 12-15. */
  private static InetAddress documentationV6(int high, int low) {
    byte[] b = new byte[16];
    b[0] = 0x20;
    b[1] = 0x01;
    b[2] = 0x0d;
    b[3] = (byte) 0xb8;
    for (int i = 0; i < 4; i++) {
      b[8 + i] = (byte) (high >>> (24 - 8 * i));
      b[12 + i] = (byte) (low >>> (24 - 8 * i));
    }
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

  private static String ipv4(int i) {
    int n = i + 1;
    return "10." + ((n >> 16) & 0xff) + "." + ((n >> 8) & 0xff) + "." + (n & 0xff);
  }

  private static String hex(Random random, int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return HexFormat.of().withUpperCase().formatHex(b);
  }

  private static String longTxt(Random random, int length) {
    String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_=";
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    StringBuilder strings = new StringBuilder();
    for (int from = 0; from < text.length(); from += 255) {
      strings.append('"').append(text, from, Math.min(text.length(), from + 255)).append("\" ");
    }
    return strings.toString().trim();
  }

  /** The same name with the letter case of each character chosen at random. */
  private static String mixed(String name, Random random) {
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      out.append(random.nextInt(3) == 0 ? Character.toUpperCase(c) : c);
    }
    return out.toString();
  }

  private static Record parse(String line, Name origin) {
    try {
      return fromLine(line, origin);
    } catch (IOException e) {
      throw new IllegalArgumentException(line, e);
    }
  }

  private static Record fromLine(String line, Name origin) throws IOException {
    try (Master master =
        new Master(new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8)), origin)) {
      Record r = master.nextRecord();
      if (r == null) {
        throw new IOException("no record in: " + line);
      }
      return r;
    }
  }

  /** Collects records in order, each once. */
  private static final class Builder {
    private final Name origin;
    private final Map<String, Record> records = new LinkedHashMap<>();

    Builder(Name origin) {
      this.origin = origin;
    }

    void add(String line) {
      Record r = parse(line, origin);
      records.putIfAbsent(r.toString(), r);
    }

    List<Record> records() {
      return new ArrayList<>(records.values());
    }
  }
}
