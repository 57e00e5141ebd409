package io.github.secdns.core.export;

import static io.github.secdns.core.export.Fixtures.ORIGIN;
import static io.github.secdns.core.export.Fixtures.clockAt;
import static io.github.secdns.core.export.Fixtures.hostSoa;
import static io.github.secdns.core.export.Fixtures.name;
import static io.github.secdns.testsupport.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.zone.PackedRecords;
import io.github.secdns.core.zone.ZoneRecords;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A host zone whose records come as {@link ZoneRecords} (checked once, while a zone file is read)
 * exports exactly as the same records given as plain packed records, which the exporter checks and
 * compares itself: the same snapshot, record for record in the same order, and the same findings.
 */
class CheckedRecordsExportTest {

  private static final List<String> OWNERS =
      List.of(
          "example.com.",
          "EXAMPLE.com.",
          "www.example.com.",
          "WWW.example.com.",
          "ns1.example.com.",
          "mail.example.com.",
          "sub.example.com.",
          "a.sub.example.com.",
          "ns9.example.com.");

  private static final List<String> TARGETS =
      List.of("ns1.example.com.", "NS1.example.com.", "ns2.host.net.", "mail.example.com.");

  /**
   * A random record of the zone: common types, apex NS, DNSSEC, a digest, a private type; or, when
   * {@code plain}, only records the export keeps as they are (no apex NS, DNSSEC, digest or private
   * type).
   */
  private static Record record(Random r, boolean plain) throws IOException {
    Name owner = name(OWNERS.get(r.nextInt(OWNERS.size())));
    long ttl = List.of(60L, 300L, 3600L).get(r.nextInt(3));
    String target = TARGETS.get(r.nextInt(TARGETS.size()));
    int pick = r.nextInt(20);
    if (plain && (pick == 8 || pick == 9 || pick == 10)) {
      owner = name("sub.example.com."); // a delegation, not the apex
    } else if (plain && pick >= 16 && pick < 19) {
      pick = 0;
    }
    int type;
    String rdata;
    if (pick < 6) {
      type = Type.A;
      rdata = "192.0.2." + r.nextInt(4);
    } else if (pick < 8) {
      type = Type.AAAA;
      rdata = "2001:db8::" + r.nextInt(4);
    } else if (pick < 11) {
      type = Type.NS;
      rdata = target;
    } else if (pick < 13) {
      type = Type.CNAME;
      rdata = target;
    } else if (pick < 15) {
      type = Type.TXT;
      rdata = "\"t" + r.nextInt(3) + "\"";
    } else if (pick < 16) {
      type = Type.MX;
      rdata = r.nextInt(3) + " " + target;
    } else if (pick < 17) {
      type = Type.NSEC;
      rdata = target + " A NS";
    } else if (pick < 18) {
      owner = ORIGIN;
      type = Type.ZONEMD;
      rdata = "7 1 1 " + "ab".repeat(48);
    } else if (pick < 19) {
      type = 65300; // private use: the export refuses it
      rdata = "\\# 2 abcd";
    } else {
      type = Type.SRV;
      rdata = "0 5 443 " + target;
    }
    return Record.fromString(owner, type, DClass.IN, ttl, rdata, ORIGIN);
  }

  /**
   * The records of a random zone. Half of them begin with the apex NS set the export writes, in its
   * order, and most of those hold only records it keeps as they are: zones exported as written,
   * with their octets shared; what the others hold makes the export copy.
   */
  private static List<Record> records(long seed) throws IOException {
    Random r = random(seed, 0);
    List<Record> records = new ArrayList<>();
    boolean asWritten = r.nextBoolean();
    if (asWritten) {
      // Some begin with nearly the set: another TTL, letter case or order, which the export
      // replaces (dnsjava's Record.equals would find them equal).
      int spoil = r.nextInt(8);
      List<Name> servers = new ArrayList<>(apexNameServers(seed));
      if (spoil == 0) {
        java.util.Collections.reverse(servers);
      }
      for (Name ns : servers) {
        long ttl = Fixtures.SOA.nsTtl() + (spoil == 1 ? 1 : 0);
        Name target = spoil == 2 ? name(ns.toString().toUpperCase(java.util.Locale.ROOT)) : ns;
        records.add(new NSRecord(ORIGIN, DClass.IN, ttl, target));
      }
    }
    boolean plain = asWritten && r.nextInt(4) != 0;
    int n = r.nextInt(40);
    for (int i = 0; i < n; i++) {
      if (!records.isEmpty() && r.nextInt(5) == 0) {
        records.add(records.get(r.nextInt(records.size()))); // a duplicate
      } else {
        records.add(record(r, plain));
      }
    }
    return records;
  }

  /**
   * One of the independent draws made from a seed. {@code new Random(seed + k)} would not do: the
   * first draws of {@code java.util.Random} from seeds that differ in their low bits are alike.
   */
  private static Random random(long seed, int draw) {
    return new Random(new SplittableRandom(seed + draw).nextLong());
  }

  /** The primary name servers of the export of a zone, then its secondary. */
  private static List<Name> primaries(long seed) {
    return random(seed, 2).nextBoolean()
        ? List.of(name("ns1.example.com."), name("ns9.example.com."))
        : List.of(Fixtures.NS1);
  }

  /** Whether the export of a zone has a second secondary, inside the zone, with glue. */
  private static boolean glued(long seed) {
    return random(seed, 4).nextBoolean();
  }

  private static List<Name> apexNameServers(long seed) {
    List<Name> all = new ArrayList<>(primaries(seed));
    all.add(Fixtures.SEC1);
    if (glued(seed)) {
      all.add(name("ns9.example.com."));
    }
    return all;
  }

  private static ZoneRecords checked(List<Record> records) {
    ZoneRecords.Builder b = ZoneRecords.builder(ORIGIN, DClass.IN, 256);
    for (Record rec : records) {
      byte[] wire = rec.toWire(Section.ANSWER);
      b.addWire(wire, 0, wire.length);
    }
    return b.build();
  }

  /** The snapshot and findings of an export, or its errors: what the two ways must share. */
  private record Outcome(
      String soa, List<String> records, List<ExportFinding> findings, List<Refusal> errors) {}

  /** An error's code and name (names compare ignoring case, as the duplicates they come from). */
  private record Refusal(ExportFindingCode code, Name name) {}

  private static Outcome export(HostZone zone, long seed) {
    Random r = random(seed, 3);
    ExportRequest.Builder request =
        ExportRequest.builder(zone, Fixtures.SOA)
            .primaryNameServers(primaries(seed))
            .publishZoneDigest(r.nextBoolean())
            .redirector(List.of(InetAddress.getLoopbackAddress()));
    if (glued(seed)) {
      request.secondaryNameServers(
          SecondaryDnsConfiguration.builder()
              .zone("example.com")
              .addSecondaryNameServer("ns1.secondary.com")
              .addSecondaryNameServer("ns9.example.com", "192.0.2.99")
              .addAclEntry("192.0.2.0/24")
              .build());
    } else {
      request.secondaryNameServers(List.of(Fixtures.SEC1));
    }
    try {
      ExportResult result = ZoneExporter.create(clockAt(1_700_000_000L)).export(request.build());
      ZoneSnapshot s = result.snapshot();
      PackedRecords packed = s.packedRecords();
      if (zone.checkedRecords().map(c -> sameInOrder(c.records(), packed)).orElse(false)) {
        SHARED.incrementAndGet();
      }
      List<String> wires = new ArrayList<>();
      for (int i = 0; i < packed.size(); i++) {
        byte[] wire = new byte[packed.wireLength(i)];
        packed.copyWire(i, wire, 0);
        wires.add(java.util.HexFormat.of().formatHex(wire));
      }
      return new Outcome(s.soa().toString(), wires, result.findings(), List.of());
    } catch (ExportException e) {
      // Duplicates of a refused record (another TTL or letter case) are each refused by the
      // exporter; checked records hold the first only.
      List<Refusal> refusals = new ArrayList<>();
      e.errors().forEach(f -> refusals.add(new Refusal(f.code(), f.name())));
      return new Outcome("", List.of(), List.of(), List.copyOf(new LinkedHashSet<>(refusals)));
    }
  }

  /** Whether both lists hold the same records in the same order, octet for octet. */
  private static boolean sameInOrder(PackedRecords a, PackedRecords b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!a.sameRecord(i, b, i)) {
        return false;
      }
    }
    return true;
  }

  /** How many exports kept the host's checked records as they are (exported as written). */
  private static final AtomicInteger SHARED = new AtomicInteger();

  @Test
  void aZoneOfCheckedRecordsExportsAsTheSameRecordsCheckedByTheExporter() {
    SHARED.set(0);
    qt().withExamples(400)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              List<Record> records;
              try {
                records = records(seed);
              } catch (IOException e) {
                throw new AssertionError(e);
              }
              Random r = random(seed, 1);
              List<VirtualRecord> virtuals =
                  r.nextInt(3) == 0
                      ? List.of(new UrlRecord(name("go.example.com."), 300, "https://example.org/"))
                      : List.of();
              HostZone plain =
                  HostZone.builder(hostSoa(7))
                      .records(PackedRecords.of(records))
                      .virtualRecords(virtuals)
                      .build();
              HostZone fast =
                  HostZone.builder(hostSoa(7))
                      .records(checked(records))
                      .virtualRecords(virtuals)
                      .build();
              assertTrue(fast.checkedRecords().isPresent());
              assertTrue(plain.checkedRecords().isEmpty());
              assertEquals(export(plain, seed), export(fast, seed), "seed " + seed);
            });
    assertTrue(SHARED.get() > 0, "no zone was exported as written");
  }

  @Test
  void checkedRecordsMixedWithOthersOrOfAnotherZoneAreCheckedAgain() throws IOException {
    List<Record> records = records(3);
    ZoneRecords checked = checked(records);
    Record extra =
        Record.fromString(name("x.example.com."), Type.A, DClass.IN, 60, "192.0.2.9", ORIGIN);
    HostZone mixed = HostZone.builder(hostSoa(7)).records(checked).record(extra).build();
    assertTrue(mixed.checkedRecords().isEmpty());
    assertEquals(checked.size() + 1, mixed.packedRecords().size());
    HostZone other =
        HostZone.builder(
                new org.xbill.DNS.SOARecord(
                    name("www.example.com."),
                    DClass.IN,
                    60,
                    Fixtures.NS1,
                    Fixtures.NS2,
                    1,
                    1,
                    1,
                    1,
                    1))
            .records(checked)
            .build();
    assertTrue(other.checkedRecords().isEmpty(), "checked for example.com., not www");
  }
}
