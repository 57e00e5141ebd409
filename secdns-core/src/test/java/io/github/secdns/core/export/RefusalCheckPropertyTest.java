package io.github.secdns.core.export;

import static io.github.secdns.core.export.Fixtures.ORIGIN;
import static io.github.secdns.core.export.Fixtures.clockAt;
import static io.github.secdns.core.export.Fixtures.hostSoa;
import static io.github.secdns.core.export.Fixtures.name;
import static io.github.secdns.testsupport.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.secdns.core.zone.PackedRecords;
import io.github.secdns.core.zone.ZoneRecords;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The check of what secondaries refuse (per owner name: an RRset with several TTLs, a CNAME beside
 * other data, an RRset or a name with more than {@value ZoneExporter#BIND_LIMIT} entries) reports
 * exactly what a plain grouping of the exported records by owner name (ignoring letter case) finds,
 * in zones whose owners are spread over the zone in any order and any letter case: the exporter
 * groups them without a map of names (runs of adjacent records, chained by owner hash), and this
 * spells the grouping out.
 */
class RefusalCheckPropertyTest {

  private static final Set<ExportFindingCode> CHECKED =
      EnumSet.of(
          ExportFindingCode.RRSET_TTL_MISMATCH,
          ExportFindingCode.CNAME_BESIDE_OTHER_DATA,
          ExportFindingCode.RRSET_TOO_LARGE,
          ExportFindingCode.TOO_MANY_TYPES_AT_NAME);

  private static final List<String> OWNERS =
      List.of(
          "example.com.",
          "EXAMPLE.com.",
          "www.example.com.",
          "WWW.Example.com.",
          "mail.example.com.",
          "a.b.example.com.",
          "A.B.example.com.",
          "b.example.com.",
          "c.example.com.",
          "d.example.com.",
          "e.example.com.",
          "f.example.com.");

  @Test
  void reportsWhatAGroupingByOwnerNameFinds() {
    qt().withExamples(300)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              Random r = new Random(seed);
              List<Record> records = records(r);
              Collections.shuffle(records, r);
              ExportResult result;
              try {
                result = ZoneExporter.create(clockAt(1_700_000_000L)).export(request(records, r));
              } catch (ExportException e) {
                return; // refused for other reasons (a CNAME at the apex): nothing to compare
              }
              assertEquals(expected(result.snapshot()), reported(result), "seed " + seed);
            });
  }

  /** A zone of 1 to 60 records, sometimes with an RRset or a name over the limit. */
  private static List<Record> records(Random r) {
    List<Record> records = new ArrayList<>();
    int n = 1 + r.nextInt(60);
    for (int i = 0; i < n; i++) {
      String owner = OWNERS.get(r.nextInt(OWNERS.size()));
      long ttl = r.nextInt(4) == 0 ? 60 : 300;
      int pick = r.nextInt(12);
      if (pick < 6) {
        records.add(record(owner, Type.A, ttl, "192.0.2." + r.nextInt(6)));
      } else if (pick < 8) {
        records.add(record(owner, Type.TXT, ttl, "\"t" + r.nextInt(3) + "\""));
      } else if (pick < 10) {
        records.add(record(owner, Type.MX, ttl, r.nextInt(3) + " mail.example.com."));
      } else if (pick < 11 && !name(owner).equals(ORIGIN)) {
        records.add(record(owner, Type.CNAME, ttl, "target" + r.nextInt(2) + ".example.net."));
      } else {
        records.add(record(owner, Type.AAAA, ttl, "2001:db8::" + r.nextInt(6)));
      }
    }
    int big = r.nextInt(8);
    String owner = OWNERS.get(r.nextInt(OWNERS.size()));
    if (big == 0) {
      // One RRset over the limit.
      for (int i = 0; i <= ZoneExporter.BIND_LIMIT; i++) {
        records.add(record(owner, Type.A, 300, "10.0." + (i >> 8) + "." + (i & 0xFF)));
      }
    } else if (big == 1) {
      // One name with more types than the limit (unassigned types: one record each).
      for (int i = 0; i <= ZoneExporter.BIND_LIMIT; i++) {
        records.add(record(owner, 300 + i, 300, "\\# 1 0" + (i % 10)));
      }
    }
    return records;
  }

  private static Record record(String owner, int type, long ttl, String rdata) {
    try {
      return Record.fromString(name(owner), type, DClass.IN, ttl, rdata, ORIGIN);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** The zone as plain packed records or as checked records (the exporter's two ways in). */
  private static ExportRequest request(List<Record> records, Random r) {
    HostZone.Builder zone = HostZone.builder(hostSoa(7));
    if (r.nextBoolean()) {
      zone.records(PackedRecords.of(records));
    } else {
      ZoneRecords.Builder b = ZoneRecords.builder(ORIGIN, DClass.IN, 256);
      for (Record rec : records) {
        byte[] wire = rec.toWire(Section.ANSWER);
        b.addWire(wire, 0, wire.length);
      }
      zone.records(b.build());
    }
    return Fixtures.request(zone.build()).build();
  }

  /** The findings of the checked codes: code, owner in lower case, and the type when named. */
  private static List<String> reported(ExportResult result) {
    List<String> out = new ArrayList<>();
    for (ExportFinding f : result.findings()) {
      if (!CHECKED.contains(f.code())) {
        continue;
      }
      String owner = f.name().toString().toLowerCase(Locale.ROOT);
      String subject = f.subject().toLowerCase(Locale.ROOT);
      String type = subject.startsWith(owner + " ") ? subject.substring(owner.length() + 1) : "";
      if (f.code() == ExportFindingCode.CNAME_BESIDE_OTHER_DATA
          || f.code() == ExportFindingCode.TOO_MANY_TYPES_AT_NAME) {
        type = "";
      }
      out.add(f.code() + " " + owner + " " + type);
    }
    Collections.sort(out);
    return out;
  }

  /** The same findings from the exported records grouped by owner name in maps. */
  private static List<String> expected(ZoneSnapshot exported) {
    // owner (lower case) -> type -> TTLs seen and count
    Map<String, Map<Integer, List<Long>>> owners = new TreeMap<>();
    PackedRecords packed = exported.packedRecords();
    for (int i = 0; i < packed.size(); i++) {
      String owner = packed.owner(i).toString().toLowerCase(Locale.ROOT);
      owners
          .computeIfAbsent(owner, o -> new TreeMap<>())
          .computeIfAbsent(packed.type(i), t -> new ArrayList<>())
          .add(packed.ttl(i));
    }
    String apex = ORIGIN.toString().toLowerCase(Locale.ROOT);
    Map<Integer, List<Long>> apexTypes = owners.computeIfAbsent(apex, o -> new TreeMap<>());
    apexTypes.put(Type.SOA, List.of(-1L)); // the SOA: one record, its TTL never compared
    List<String> out = new ArrayList<>();
    owners.forEach(
        (owner, types) -> {
          types.forEach(
              (type, ttls) -> {
                if (type != Type.SOA && new HashSet<>(ttls).size() > 1) {
                  out.add(
                      ExportFindingCode.RRSET_TTL_MISMATCH + " " + owner + " " + typeName(type));
                }
                if (ttls.size() > ZoneExporter.BIND_LIMIT) {
                  out.add(ExportFindingCode.RRSET_TOO_LARGE + " " + owner + " " + typeName(type));
                }
              });
          if (types.containsKey(Type.CNAME)
              && types.keySet().stream()
                  .anyMatch(t -> t != Type.CNAME && t != Type.RRSIG && t != Type.NSEC)) {
            out.add(ExportFindingCode.CNAME_BESIDE_OTHER_DATA + " " + owner + " ");
          }
          if (types.size() > ZoneExporter.BIND_LIMIT) {
            out.add(ExportFindingCode.TOO_MANY_TYPES_AT_NAME + " " + owner + " ");
          }
        });
    Collections.sort(out);
    return out;
  }

  private static String typeName(int type) {
    return Type.string(type).toLowerCase(Locale.ROOT);
  }
}
