package io.github.secdns.interop;

import io.github.secdns.core.zone.ZoneSnapshot;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * Deterministic test zones: a few thousand records of every common type, with letter case mixed in
 * owner names and in names inside RDATA, TXT records longer than 255 characters (split into several
 * strings), delegations with glue and a DS at a cut. The same seed always gives the same zone, so a
 * failing run can be reproduced.
 *
 * <p>Every RRset has one TTL (servers merge differing TTLs in an RRset, which would be a difference
 * that says nothing about the transfer), and no name holds a CNAME beside other data.
 */
final class ZoneGenerator {

  private static final String[] HOST_PREFIXES = {"host", "Www", "MAIL", "api", "Cdn", "sHoP"};

  private ZoneGenerator() {}

  /**
   * Generates version {@code serial} of {@code origin} with about {@code groups * 12} records.
   *
   * @param origin the zone name; its apex is used exactly as given (the secondaries are configured
   *     with this spelling)
   * @param groups how many groups of records (each group holds one record of every common type)
   */
  static ZoneSnapshot generate(Name origin, long serial, int groups, long seed) {
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
    return ZoneSnapshot.of(soa, zone.records());
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
   */
  static ZoneSnapshot nextVersion(ZoneSnapshot previous, int step) {
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
    return ZoneSnapshot.of(soa, records);
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
    for (char c : name.toCharArray()) {
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
