package io.github.secdns.core.export;

import static io.github.secdns.core.export.Fixtures.ORIGIN;
import static io.github.secdns.core.export.Fixtures.a;
import static io.github.secdns.core.export.Fixtures.clockAt;
import static io.github.secdns.core.export.Fixtures.hostSoa;
import static io.github.secdns.core.export.Fixtures.name;
import static io.github.secdns.core.export.Fixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.zone.ZoneDigest;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneMDRecord;

/** The exporter's ZONEMD option (RFC 8976): publishing, placeholders, serials. */
class ZoneDigestExportTest {

  private final ZoneExporter exporter = ZoneExporter.create(clockAt("2026-11-24T10:00:00Z"));

  private static HostZone zone(Record... extra) {
    HostZone.Builder b =
        HostZone.builder(hostSoa(7))
            .record(a("www.example.com.", 300, "192.0.2.10"))
            .record(a("WWW.example.com.", 300, "192.0.2.11"));
    for (Record r : extra) {
      b.record(r);
    }
    return b.build();
  }

  private static List<ZoneMDRecord> apexDigests(ZoneSnapshot s) {
    return s.records().stream()
        .filter(r -> r.getType() == Type.ZONEMD && r.getName().equals(ORIGIN))
        .map(r -> (ZoneMDRecord) r)
        .collect(Collectors.toList());
  }

  @Test
  void theExportedZoneCarriesTheDigestOfItselfForItsSerial() {
    ExportResult result =
        exporter.export(
            request(zone()).serialPolicy(SerialPolicy.INCREMENT).publishZoneDigest(true).build());
    ZoneSnapshot s = result.snapshot();
    List<ZoneMDRecord> digests = apexDigests(s);
    assertEquals(1, digests.size());
    ZoneMDRecord md = digests.get(0);
    assertEquals(s.serial().value(), md.getSerial());
    assertEquals(ZoneDigest.SCHEME_SIMPLE, md.getScheme());
    assertEquals(ZoneDigest.HASH_SHA384, md.getHashAlgorithm());
    assertEquals(s.soa().getTTL(), md.getTTL(), "the SOA's TTL, as in RFC 8976's examples");
    // What a verifier checks (RFC 8976 section 4): the published digest is the zone's digest.
    assertEquals(Optional.of(ZoneDigest.compute(s)), ZoneDigest.published(s));
    assertTrue(result.findings().isEmpty(), result.findings().toString());
  }

  @Test
  void withoutTheOptionNoDigestIsPublished() {
    ExportResult result = exporter.export(request(zone()).build());
    assertEquals(List.of(), apexDigests(result.snapshot()));
    assertEquals(Optional.empty(), ZoneDigest.published(result.snapshot()));
  }

  @Test
  void aHostDigestOrPlaceholderIsReplacedOrLeftOutAndSaidSo() {
    ZoneMDRecord placeholder = new ZoneMDRecord(ORIGIN, DClass.IN, 300, 7, 1, 1, new byte[48]);
    // A ZONEMD below the apex is ordinary data and stays.
    ZoneMDRecord below =
        new ZoneMDRecord(name("sub.example.com."), DClass.IN, 300, 7, 1, 1, new byte[48]);

    ExportResult replaced =
        exporter.export(request(zone(placeholder, below)).publishZoneDigest(true).build());
    ZoneSnapshot s = replaced.snapshot();
    assertEquals(1, apexDigests(s).size());
    assertEquals(Optional.of(ZoneDigest.compute(s)), ZoneDigest.published(s));
    assertTrue(s.records().contains(below));
    assertTrue(replaced.findings().isEmpty(), replaced.findings().toString());

    ExportResult dropped = exporter.export(request(zone(placeholder, below)).build());
    assertEquals(List.of(), apexDigests(dropped.snapshot()));
    assertTrue(dropped.snapshot().records().contains(below));
    ExportFinding finding = dropped.findings(ExportSeverity.WARNING).get(0);
    assertEquals(ExportFindingCode.HOST_ZONE_DIGEST_DROPPED, finding.code());
    assertEquals(ORIGIN, finding.name());
  }

  @Test
  void theSameContentKeepsItsSerialAndDigestAChangeGetsBoth() {
    ExportRequest.Builder first =
        request(zone()).serialPolicy(SerialPolicy.INCREMENT).publishZoneDigest(true);
    ExportResult one = exporter.export(first.build());

    ExportResult same =
        exporter.export(
            request(zone())
                .serialPolicy(SerialPolicy.INCREMENT)
                .publishZoneDigest(true)
                .previous(one)
                .build());
    assertFalse(same.contentChanged());
    assertEquals(one.snapshot(), same.snapshot());
    assertEquals(apexDigests(one.snapshot()), apexDigests(same.snapshot()));

    ExportResult changed =
        exporter.export(
            request(zone(a("api.example.com.", 300, "192.0.2.20")))
                .serialPolicy(SerialPolicy.INCREMENT)
                .publishZoneDigest(true)
                .previous(same)
                .build());
    assertTrue(changed.contentChanged());
    assertTrue(changed.serial().isNewerThan(one.serial()));
    ZoneMDRecord md = apexDigests(changed.snapshot()).get(0);
    assertEquals(changed.serial().value(), md.getSerial());
    assertNotEquals(ZoneDigest.published(one.snapshot()), ZoneDigest.published(changed.snapshot()));
  }

  @Test
  void switchingTheDigestOnOrOffIsAChangeWithANewSerial() {
    ExportResult plain =
        exporter.export(request(zone()).serialPolicy(SerialPolicy.INCREMENT).build());
    ExportResult on =
        exporter.export(
            request(zone())
                .serialPolicy(SerialPolicy.INCREMENT)
                .publishZoneDigest(true)
                .previous(plain)
                .build());
    assertTrue(on.contentChanged(), "a secondary must see the new record under a new serial");
    assertTrue(on.serial().isNewerThan(plain.serial()));
    ExportResult off =
        exporter.export(request(zone()).serialPolicy(SerialPolicy.INCREMENT).previous(on).build());
    assertTrue(off.contentChanged());
    assertTrue(off.serial().isNewerThan(on.serial()));
    assertEquals(List.of(), apexDigests(off.snapshot()));
  }
}
