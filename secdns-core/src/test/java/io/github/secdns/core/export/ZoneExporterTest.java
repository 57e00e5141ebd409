package io.github.secdns.core.export;

import static io.github.secdns.core.export.Fixtures.NS1;
import static io.github.secdns.core.export.Fixtures.NS2;
import static io.github.secdns.core.export.Fixtures.ORIGIN;
import static io.github.secdns.core.export.Fixtures.SEC1;
import static io.github.secdns.core.export.Fixtures.SEC2;
import static io.github.secdns.core.export.Fixtures.a;
import static io.github.secdns.core.export.Fixtures.clockAt;
import static io.github.secdns.core.export.Fixtures.hostSoa;
import static io.github.secdns.core.export.Fixtures.name;
import static io.github.secdns.core.export.Fixtures.request;
import static io.github.secdns.testsupport.Addresses.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.config.SecondaryDnsConfiguration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

class ZoneExporterTest {

  private final ZoneExporter exporter = ZoneExporter.create(clockAt(1_788_969_600L));

  private static List<Record> at(ExportResult result, String owner, int type) {
    Name n = name(owner);
    return result.snapshot().records().stream()
        .filter(r -> r.getName().equals(n) && r.getType() == type)
        .toList();
  }

  private static List<ExportFinding> withCode(
      List<ExportFinding> findings, ExportFindingCode code) {
    return findings.stream().filter(f -> f.code() == code).toList();
  }

  private static final Name LB = name("lb.cdn.net.");

  /** A zone whose apex holds one ALIAS to {@link #LB}, TTL 600. */
  private static HostZone aliasAtApex() {
    return HostZone.builder(hostSoa(7)).virtualRecord(new AliasRecord(ORIGIN, 600, LB)).build();
  }

  private ExportResult exportResolving(HostZone zone, Name target, TargetResolution resolution) {
    return exporter.export(request(zone).resolution(target, resolution).build());
  }

  /** The findings of one code in the export of a zone of just these records. */
  private List<ExportFinding> findingsOf(List<Record> records, ExportFindingCode code) {
    return withCode(
        exporter
            .export(request(HostZone.builder(hostSoa(7)).records(records).build()).build())
            .findings(),
        code);
  }

  private static void assertContains(String expected, String actual) {
    assertTrue(actual.contains(expected), actual);
  }

  private static ExportException failing(Runnable export) {
    return assertThrows(ExportException.class, export::run);
  }

  /** A host-defined virtual kind: a weighted pool that serves the address of its first member. */
  record PoolRecord(Name name, long ttl, List<String> members) implements VirtualRecord {}

  /** A host kind the exporter is never taught. */
  record GeoRecord(Name name, long ttl) implements VirtualRecord {}

  // ---- standard records ----

  @Test
  void standardRecordsAreCopiedWithTheirCaseAndTtl() {
    Record www = a("WWW.Example.com.", 123, "192.0.2.10");
    Record mx = new MXRecord(ORIGIN, DClass.IN, 600, 10, name("Mail.Example.com."));
    HostZone zone = HostZone.builder(hostSoa(7)).record(www).record(mx).build();

    ExportResult result = exporter.export(request(zone).build());

    List<Record> copied = at(result, "www.example.com.", Type.A);
    assertEquals(1, copied.size());
    assertEquals("WWW.Example.com.", copied.get(0).getName().toString());
    assertEquals(123, copied.get(0).getTTL());
    assertEquals(
        "Mail.Example.com.",
        ((MXRecord) at(result, "example.com.", Type.MX).get(0)).getTarget().toString());
    assertTrue(result.findings().isEmpty());
  }

  // ---- apex NS ----

  @Test
  void apexNsIsThePrimaryUnionTheSecondariesAndReplacesTheHostsOwn() {
    HostZone zone =
        HostZone.builder(hostSoa(7))
            .record(new NSRecord(ORIGIN, DClass.IN, 86400, name("old-ns.elsewhere.org.")))
            .record(new NSRecord(ORIGIN, DClass.IN, 86400, NS1))
            // A delegation below the apex is data, not the apex set: it stays.
            .record(new NSRecord(name("sub.example.com."), DClass.IN, 86400, name("ns.sub.org.")))
            .build();

    ExportResult result =
        exporter.export(
            ExportRequest.builder(zone, Fixtures.SOA)
                .primaryNameServers(List.of(NS1, NS2))
                // Same names as the primaries in another case, plus two secondaries and a repeat.
                .secondaryNameServers(
                    List.of(name("NS1.Host.Net."), SEC1, SEC2, name("ns1.SECONDARY.com.")))
                .build());

    List<Name> apex =
        at(result, "example.com.", Type.NS).stream().map(r -> ((NSRecord) r).getTarget()).toList();
    assertEquals(List.of(NS1, NS2, SEC1, SEC2), apex);
    assertTrue(at(result, "example.com.", Type.NS).stream().allMatch(r -> r.getTTL() == 3600));
    assertEquals(1, at(result, "sub.example.com.", Type.NS).size());
  }

  @Test
  void secondaryNameServersComeFromTheConfigurationWithGlueForInZoneNames() {
    SecondaryDnsConfiguration config =
        SecondaryDnsConfiguration.builder()
            .zone("Example.COM")
            .addSecondaryNameServer("ns1.secondary.com")
            .addSecondaryNameServer("ns9.example.com", "198.51.100.9", "2001:db8::9")
            .addAclEntry("198.51.100.0/24")
            .build();
    HostZone zone = HostZone.builder(hostSoa(7)).build();

    ExportResult result =
        exporter.export(
            ExportRequest.builder(zone, Fixtures.SOA)
                .primaryNameServers(List.of(NS1))
                .secondaryNameServers(config)
                .build());

    List<Name> apex =
        at(result, "example.com.", Type.NS).stream().map(r -> ((NSRecord) r).getTarget()).toList();
    assertEquals(List.of(NS1, SEC1, name("ns9.example.com.")), apex);
    assertEquals(1, at(result, "ns9.example.com.", Type.A).size());
    assertEquals(1, at(result, "ns9.example.com.", Type.AAAA).size());
    assertTrue(
        withCode(result.findings(), ExportFindingCode.IN_ZONE_NAME_SERVER_WITHOUT_ADDRESS)
            .isEmpty());

    SecondaryDnsConfiguration disabled = config.toBuilder().enabled(false).build();
    ExportResult off =
        exporter.export(
            ExportRequest.builder(zone, Fixtures.SOA)
                .primaryNameServers(List.of(NS1))
                .secondaryNameServers(disabled)
                .build());
    assertEquals(1, at(off, "example.com.", Type.NS).size());

    SecondaryDnsConfiguration other = config.toBuilder().zone("example.org").build();
    assertThrows(
        IllegalArgumentException.class,
        () -> ExportRequest.builder(zone, Fixtures.SOA).secondaryNameServers(other));
  }

  @Test
  void anInZoneNameServerWithoutAddressIsReported() {
    HostZone zone = HostZone.builder(hostSoa(7)).build();
    ExportResult result =
        exporter.export(
            request(zone).secondaryNameServers(List.of(name("ns3.example.com."))).build());
    ExportFinding f =
        withCode(result.findings(), ExportFindingCode.IN_ZONE_NAME_SERVER_WITHOUT_ADDRESS).get(0);
    assertEquals(name("ns3.example.com."), f.name());
    assertEquals(ExportSeverity.WARNING, f.severity());

    HostZone withAddress =
        HostZone.builder(hostSoa(7)).record(a("ns3.example.com.", 60, "192.0.2.3")).build();
    ExportResult fine =
        exporter.export(
            request(withAddress).secondaryNameServers(List.of(name("ns3.example.com."))).build());
    assertTrue(
        withCode(fine.findings(), ExportFindingCode.IN_ZONE_NAME_SERVER_WITHOUT_ADDRESS).isEmpty());
  }

  @Test
  void requestWithoutPrimaryNameServerIsRefused() {
    HostZone zone = HostZone.builder(hostSoa(7)).build();
    assertThrows(
        IllegalArgumentException.class, () -> ExportRequest.builder(zone, Fixtures.SOA).build());
  }

  // ---- SOA ----

  @Test
  void soaIsRewrittenWithTheTransferHostAndTheSettings() {
    HostZone zone = HostZone.builder(hostSoa(7)).build();
    SoaSettings settings =
        SoaSettings.builder(name("axfr.host.net."), name("admin.host.net."))
            .refresh(1000)
            .retry(200)
            .expire(300000)
            .minimum(60)
            .soaTtl(1800)
            .nsTtl(7200)
            .build();

    ExportResult result =
        exporter.export(
            ExportRequest.builder(zone, settings)
                .primaryNameServers(List.of(NS1))
                .serialPolicy(SerialPolicy.KEEP_HOST)
                .build());

    SOARecord soa = result.snapshot().soa();
    assertEquals(name("axfr.host.net."), soa.getHost());
    assertEquals(name("admin.host.net."), soa.getAdmin());
    assertEquals(
        List.of(1000L, 200L, 300000L, 60L, 1800L, 7L),
        List.of(
            soa.getRefresh(),
            soa.getRetry(),
            soa.getExpire(),
            soa.getMinimum(),
            soa.getTTL(),
            soa.getSerial()));
    assertEquals(7200, at(result, "example.com.", Type.NS).get(0).getTTL());
  }

  @Test
  void soaSettingsFromTheHostSoaReplaceOnlyTheMname() {
    SoaSettings s = SoaSettings.fromHostSoa(name("axfr.host.net."), hostSoa(7));
    assertEquals(name("axfr.host.net."), s.mname());
    assertEquals(name("hostmaster.example.com."), s.rname());
    assertEquals(
        List.of(3600L, 600L, 1209600L, 60L, 300L, 300L),
        List.of(s.refresh(), s.retry(), s.expire(), s.minimum(), s.soaTtl(), s.nsTtl()));
    SoaSettings defaults = Fixtures.SOA;
    assertEquals(
        List.of(86400L, 7200L, 604800L, 300L, 3600L, 3600L),
        List.of(
            defaults.refresh(),
            defaults.retry(),
            defaults.expire(),
            defaults.minimum(),
            defaults.soaTtl(),
            defaults.nsTtl()));
    assertThrows(
        IllegalArgumentException.class,
        () -> SoaSettings.builder(name("a."), name("b.")).soaTtl(1L << 31).build());
    assertThrows(
        IllegalArgumentException.class,
        () -> SoaSettings.builder(name("a."), name("b.")).refresh(1L << 32).build());
    assertThrows(
        IllegalArgumentException.class,
        () -> SoaSettings.builder(name("a."), Name.fromConstantString("relative")).build());
  }

  // ---- ALIAS ----

  @Test
  void aliasBecomesAAndAaaaAtItsOwnerWithTheAliasTtlWhenTheTargetTtlIsUnknown() {
    HostZone zone = aliasAtApex();

    ExportResult result =
        exportResolving(
            zone,
            LB,
            TargetResolution.resolved(
                List.of(ip("2001:db8::1"), ip("192.0.2.1"), ip("192.0.2.2"))));

    List<Record> as = at(result, "example.com.", Type.A);
    List<Record> aaaas = at(result, "example.com.", Type.AAAA);
    assertEquals(
        Set.of(ip("192.0.2.1"), ip("192.0.2.2")),
        as.stream().map(r -> ((ARecord) r).getAddress()).collect(Collectors.toSet()));
    assertEquals(ip("2001:db8::1"), ((AAAARecord) aaaas.get(0)).getAddress());
    assertTrue(
        result.snapshot().records().stream()
            .filter(r -> r.getType() == Type.A || r.getType() == Type.AAAA)
            .allMatch(r -> r.getTTL() == 600));
    ExportFinding info =
        withCode(result.findings(), ExportFindingCode.VIRTUAL_RECORD_FLATTENED).get(0);
    assertEquals(ExportSeverity.INFO, info.severity());
    assertEquals(ORIGIN, info.name());
    assertEquals(
        Map.of(
            LB,
            TargetResolution.resolved(
                List.of(ip("192.0.2.2"), ip("192.0.2.1"), ip("2001:db8::1")))),
        result.targetValues());
  }

  @Test
  void aliasTtlIsLoweredToTheTargetTtlButNeverRaised() {
    HostZone zone = aliasAtApex();

    ExportResult shorter =
        exportResolving(zone, LB, TargetResolution.resolved(List.of(ip("192.0.2.1")), 30));
    assertEquals(30, at(shorter, "example.com.", Type.A).get(0).getTTL());

    ExportResult longer =
        exportResolving(zone, LB, TargetResolution.resolved(List.of(ip("192.0.2.1")), 86400));
    assertEquals(600, at(longer, "example.com.", Type.A).get(0).getTTL());
  }

  @Test
  void unresolvedAliasWithoutLastGoodValuesIsLeftOutAndReported() {
    HostZone zone = aliasAtApex();

    ExportResult result = exportResolving(zone, LB, TargetResolution.unresolved("SERVFAIL"));

    assertTrue(at(result, "example.com.", Type.A).isEmpty());
    assertTrue(at(result, "example.com.", Type.AAAA).isEmpty());
    ExportFinding f =
        withCode(result.findings(), ExportFindingCode.ALIAS_TARGET_UNRESOLVED_OMITTED).get(0);
    assertEquals(ExportSeverity.WARNING, f.severity());
    assertEquals(ORIGIN, f.name());
    assertContains("SERVFAIL", f.message());
    assertContains("ALIAS lb.cdn.net.", f.subject());
    assertTrue(result.targetValues().isEmpty());
  }

  @Test
  void aliasWithoutAnyGivenResolutionCountsAsUnresolved() {
    HostZone zone =
        HostZone.builder(hostSoa(7))
            .virtualRecord(new AliasRecord(ORIGIN, 600, name("lb.cdn.net.")))
            .build();
    ExportResult result = exporter.export(request(zone).build());
    assertEquals(
        1, withCode(result.findings(), ExportFindingCode.ALIAS_TARGET_UNRESOLVED_OMITTED).size());
    assertEquals(Set.of(name("lb.cdn.net.")), zone.aliasTargets());
  }

  @Test
  void unresolvedAliasKeepsTheLastGoodValuesOfThePreviousExportAndSaysSo() {
    HostZone zone = aliasAtApex();
    ExportResult good =
        exportResolving(zone, LB, TargetResolution.resolved(List.of(ip("192.0.2.1")), 300));

    ExportResult failed =
        exporter.export(
            request(zone)
                .resolution(name("LB.CDN.NET."), TargetResolution.unresolved("time-out"))
                .previous(good)
                .build());

    assertEquals(
        ip("192.0.2.1"), ((ARecord) at(failed, "example.com.", Type.A).get(0)).getAddress());
    assertEquals(300, at(failed, "example.com.", Type.A).get(0).getTTL());
    ExportFinding f =
        withCode(failed.findings(), ExportFindingCode.ALIAS_TARGET_UNRESOLVED_LAST_GOOD).get(0);
    assertEquals(ORIGIN, f.name());
    assertContains("time-out", f.message());
    assertContains("192.0.2.1", f.message());
    // Nothing changed for the secondaries: same snapshot, same serial, nothing to publish.
    assertFalse(failed.contentChanged());
    assertEquals(good.snapshot(), failed.snapshot());
    assertEquals(good.serial(), failed.serial());

    // The last good values carry on through a chain of failed exports.
    ExportResult stillFailing = exporter.export(request(zone).previous(failed).build());
    assertEquals(1, at(stillFailing, "example.com.", Type.A).size());
    assertEquals(
        1,
        withCode(stillFailing.findings(), ExportFindingCode.ALIAS_TARGET_UNRESOLVED_LAST_GOOD)
            .size());
  }

  @Test
  void aliasBesideACnameIsAnErrorNamingTheName() {
    HostZone zone =
        HostZone.builder(hostSoa(7))
            .record(
                new CNAMERecord(
                    name("shop.example.com."), DClass.IN, 60, name("shops.example.net.")))
            .virtualRecord(new AliasRecord(name("shop.example.com."), 60, name("lb.cdn.net.")))
            .build();

    ExportException e = failing(() -> exporter.export(request(zone).build()));

    assertEquals(1, e.errors().size());
    ExportFinding f = e.errors().get(0);
    assertEquals(ExportFindingCode.ALIAS_BESIDE_CNAME, f.code());
    assertEquals(name("shop.example.com."), f.name());
    assertContains("shop.example.com.", e.getMessage());
  }

  @Test
  void twoAliasesAtOneNameAreAnError() {
    HostZone zone =
        HostZone.builder(hostSoa(7))
            .virtualRecord(new AliasRecord(ORIGIN, 60, name("a.cdn.net.")))
            .virtualRecord(new AliasRecord(name("EXAMPLE.com."), 60, name("b.cdn.net.")))
            .build();
    ExportException e = failing(() -> exporter.export(request(zone).build()));
    assertEquals(ExportFindingCode.MULTIPLE_ALIASES, e.errors().get(0).code());
  }

  // ---- URL ----

  @Test
  void urlBecomesTheRedirectorsAddressesWithTheUrlTtl() {
    HostZone zone =
        HostZone.builder(hostSoa(7))
            .virtualRecord(
                new UrlRecord(name("go.example.com."), 120, "https://example.org/landing"))
            .build();

    ExportResult result =
        exporter.export(
            request(zone).redirector(List.of(ip("203.0.113.5"), ip("2001:db8::5"))).build());

    assertEquals(
        ip("203.0.113.5"), ((ARecord) at(result, "go.example.com.", Type.A).get(0)).getAddress());
    assertEquals(
        ip("2001:db8::5"),
        ((AAAARecord) at(result, "go.example.com.", Type.AAAA).get(0)).getAddress());
    assertEquals(120, at(result, "go.example.com.", Type.A).get(0).getTTL());
    assertEquals(1, withCode(result.findings(), ExportFindingCode.VIRTUAL_RECORD_FLATTENED).size());
  }

  @Test
  void urlWithoutRedirectorOrBesideACnameIsAnError() {
    HostZone zone =
        HostZone.builder(hostSoa(7))
            .virtualRecord(new UrlRecord(name("go.example.com."), 120, "https://example.org/"))
            .build();
    assertEquals(
        ExportFindingCode.URL_WITHOUT_REDIRECTOR,
        failing(() -> exporter.export(request(zone).build())).errors().get(0).code());

    HostZone withCname =
        HostZone.builder(hostSoa(7))
            .record(new CNAMERecord(name("go.example.com."), DClass.IN, 60, name("x.example.net.")))
            .virtualRecord(new UrlRecord(name("go.example.com."), 120, "https://example.org/"))
            .build();
    assertEquals(
        ExportFindingCode.URL_BESIDE_CNAME,
        failing(
                () ->
                    exporter.export(
                        request(withCname).redirector(List.of(ip("203.0.113.5"))).build()))
            .errors()
            .get(0)
            .code());
  }

  // ---- host kinds ----

  @Test
  void aHostKindIsExpandedByTheExpanderItWasTaught() {
    ZoneExporter taught =
        ZoneExporter.builder(clockAt(0))
            .expander(
                PoolRecord.class,
                (pool, ctx) ->
                    List.of(
                        new ARecord(
                            pool.name(), ctx.dclass(), pool.ttl(), ip(pool.members().get(0)))))
            .build();
    HostZone zone =
        HostZone.builder(hostSoa(7))
            .virtualRecord(
                new PoolRecord(name("pool.example.com."), 45, List.of("192.0.2.77", "192.0.2.78")))
            .build();

    ExportResult result = taught.export(request(zone).build());

    List<Record> as = at(result, "pool.example.com.", Type.A);
    assertEquals(1, as.size());
    assertEquals(ip("192.0.2.77"), ((ARecord) as.get(0)).getAddress());
    assertEquals(45, as.get(0).getTTL());
  }

  /** A host kind that serves the resolved addresses of a named backend. */
  record BackendRecord(Name name, long ttl, Name backend) implements VirtualRecord {}

  @Test
  void anExpanderReadsResolvedValuesFromItsContext() {
    VirtualRecordExpander<BackendRecord> expander =
        (r, ctx) ->
            ctx.resolution(r.backend())
                .filter(TargetResolution.Resolved.class::isInstance)
                .map(
                    res ->
                        ((TargetResolution.Resolved) res)
                            .addresses().stream()
                                .map(
                                    addr ->
                                        (Record) new ARecord(r.name(), ctx.dclass(), r.ttl(), addr))
                                .toList())
                .orElse(List.of());
    Name backend = name("app.internal.net.");
    // Hosts can unit-test an expander on its own.
    assertEquals(
        1,
        expander
            .expand(
                new BackendRecord(name("app.example.com."), 60, backend),
                ExpansionContext.of(
                    ORIGIN,
                    DClass.IN,
                    Map.of(backend, TargetResolution.resolved(List.of(ip("192.0.2.44"))))))
            .size());

    ZoneExporter taught =
        ZoneExporter.builder(clockAt(0)).expander(BackendRecord.class, expander).build();
    HostZone zone =
        HostZone.builder(hostSoa(7))
            .virtualRecord(new BackendRecord(name("app.example.com."), 60, backend))
            .build();
    ExportResult result =
        taught.export(
            request(zone)
                .resolution(backend, TargetResolution.resolved(List.of(ip("192.0.2.44"))))
                .build());
    assertEquals(
        ip("192.0.2.44"), ((ARecord) at(result, "app.example.com.", Type.A).get(0)).getAddress());
  }

  @Test
  void aPreviousExportRestoredFromStorageGivesSerialAndLastGoodValues() {
    HostZone zone = aliasAtApex();
    ExportResult before =
        exportResolving(zone, LB, TargetResolution.resolved(List.of(ip("192.0.2.1"))));

    // After a restart the host has only what it stored: the snapshot and the LB values.
    ExportResult after =
        ZoneExporter.create(clockAt(1_788_969_000L))
            .export(
                request(zone)
                    .resolution(LB, TargetResolution.unresolved("time-out"))
                    .previous(before.snapshot(), Map.copyOf(before.targetValues()))
                    .build());
    assertFalse(after.contentChanged());
    assertEquals(before.serial(), after.serial());

    HostZone otherZone =
        HostZone.builder(
                new SOARecord(
                    name("example.org."),
                    DClass.IN,
                    300,
                    NS1,
                    name("h.example.org."),
                    1,
                    1,
                    1,
                    1,
                    1))
            .build();
    assertThrows(IllegalArgumentException.class, () -> request(otherZone).previous(before).build());
  }

  @Test
  void aVirtualRecordOfAnUntaughtKindIsAnErrorNamingTheRecord() {
    HostZone zone =
        HostZone.builder(hostSoa(7))
            .virtualRecord(new GeoRecord(name("geo.example.com."), 60))
            .build();

    ExportException e = failing(() -> exporter.export(request(zone).build()));

    ExportFinding f = e.errors().get(0);
    assertEquals(ExportFindingCode.UNKNOWN_VIRTUAL_KIND, f.code());
    assertEquals(name("geo.example.com."), f.name());
    assertContains(GeoRecord.class.getName(), f.message());
    assertContains("geo.example.com.", e.getMessage());
  }

  @Test
  void aFailingOrMisbehavingExpanderIsAnErrorNamingTheRecord() {
    ZoneExporter throwing =
        ZoneExporter.builder(clockAt(0))
            .expander(
                PoolRecord.class,
                (pool, ctx) -> {
                  throw new IllegalStateException("pool has no healthy member");
                })
            .build();
    HostZone zone =
        HostZone.builder(hostSoa(7))
            .virtualRecord(new PoolRecord(name("pool.example.com."), 45, List.of()))
            .build();
    ExportException e = failing(() -> throwing.export(request(zone).build()));
    assertEquals(ExportFindingCode.EXPANSION_FAILED, e.errors().get(0).code());
    assertContains("pool has no healthy member", e.getMessage());
    assertEquals(1, e.getSuppressed().length);

    ZoneExporter soaMaking =
        ZoneExporter.builder(clockAt(0))
            .expander(PoolRecord.class, (pool, ctx) -> List.of(hostSoa(9)))
            .build();
    assertEquals(
        ExportFindingCode.EXPANSION_FAILED,
        failing(() -> soaMaking.export(request(zone).build())).errors().get(0).code());

    ZoneExporter escaping =
        ZoneExporter.builder(clockAt(0))
            .expander(
                PoolRecord.class, (pool, ctx) -> List.of(a("pool.example.org.", 60, "192.0.2.1")))
            .build();
    ExportFinding outside = failing(() -> escaping.export(request(zone).build())).errors().get(0);
    assertEquals(ExportFindingCode.RECORD_OUTSIDE_ZONE, outside.code());
    assertContains("PoolRecord", outside.subject());
  }

  @Test
  void builtInKindsCannotBeReplacedNorAKindTaughtTwice() {
    assertThrows(
        IllegalArgumentException.class,
        () -> ZoneExporter.builder(clockAt(0)).expander(AliasRecord.class, (r, c) -> List.of()));
    ZoneExporter.Builder b =
        ZoneExporter.builder(clockAt(0)).expander(PoolRecord.class, (r, c) -> List.of());
    assertThrows(
        IllegalArgumentException.class, () -> b.expander(PoolRecord.class, (r, c) -> List.of()));
  }

  // ---- errors are all listed at once ----

  @Test
  void everyErrorIsListedInOneException() {
    Record outside = a("www.example.org.", 60, "192.0.2.1");
    Record privateType = Record.newRecord(ORIGIN, 65401, DClass.IN, 60, new byte[] {1, 2});
    Record metaType = Record.newRecord(name("x.example.com."), Type.TKEY, DClass.IN, 60);
    HostZone zone =
        HostZone.builder(hostSoa(7))
            .record(
                new CNAMERecord(name("shop.example.com."), DClass.IN, 60, name("x.example.net.")))
            .record(outside)
            .record(privateType)
            .record(metaType)
            .virtualRecord(new AliasRecord(name("shop.example.com."), 60, name("lb.cdn.net.")))
            .virtualRecord(new GeoRecord(name("geo.example.com."), 60))
            .build();

    ExportException e = failing(() -> exporter.export(request(zone).build()));

    assertEquals(
        List.of(
            ExportFindingCode.RECORD_OUTSIDE_ZONE,
            ExportFindingCode.PRIVATE_TYPE_RECORD,
            ExportFindingCode.META_TYPE_RECORD,
            ExportFindingCode.ALIAS_BESIDE_CNAME,
            ExportFindingCode.UNKNOWN_VIRTUAL_KIND),
        e.errors().stream().map(ExportFinding::code).toList());
    assertContains("5 errors", e.getMessage());
    assertEquals(Optional.of("every secondary"), e.errors().get(1).affects());
    assertEquals("www.example.org. 60 IN A 192.0.2.1", e.errors().get(0).subject());
  }

  // ---- what secondaries refuse ----

  @Test
  void aCnameBesideOtherDataIsReportedWithTheSecondariesItAffects() {
    Name shop = name("shop.example.com.");
    HostZone zone =
        HostZone.builder(hostSoa(7))
            .record(new CNAMERecord(shop, DClass.IN, 60, name("x.example.net.")))
            .record(new TXTRecord(shop, DClass.IN, 60, "hello"))
            .build();

    ExportResult result = exporter.export(request(zone).build());

    ExportFinding f = withCode(result.findings(), ExportFindingCode.CNAME_BESIDE_OTHER_DATA).get(0);
    assertEquals(shop, f.name());
    assertEquals(ExportSeverity.WARNING, f.severity());
    assertContains("TXT", f.message());
    assertContains("BIND", f.affects().orElseThrow());

    HostZone plain =
        HostZone.builder(hostSoa(7))
            .record(new CNAMERecord(shop, DClass.IN, 60, name("x.example.net.")))
            .build();
    assertTrue(exporter.export(request(plain).build()).findings().isEmpty());
  }

  @Test
  void anOwnersRecordsApartInTheZoneAreJudgedTogetherAndOwnersOfOneHashApart() {
    // "an" and "c0" have the same owner hash (31 * 'a' + 'n' == 31 * 'c' + '0'): their runs are
    // chained together, and only the owner's own runs are joined.
    Name an = name("an.example.com.");
    HostZone zone =
        HostZone.builder(hostSoa(7))
            .record(new CNAMERecord(an, DClass.IN, 60, name("x.example.net.")))
            .record(a("c0.example.com.", 60, "192.0.2.1"))
            .record(new TXTRecord(name("AN.example.com."), DClass.IN, 60, "hello"))
            .record(a("c0.example.com.", 300, "192.0.2.2"))
            .record(a("other.example.com.", 60, "192.0.2.3"))
            .build();

    ExportResult result = exporter.export(request(zone).build());

    List<ExportFinding> cname =
        withCode(result.findings(), ExportFindingCode.CNAME_BESIDE_OTHER_DATA);
    assertEquals(1, cname.size(), result.findings().toString());
    assertEquals("an.example.com.", cname.get(0).name().toString(), "the first spelling");
    assertContains("TXT", cname.get(0).message());
    List<ExportFinding> ttls = withCode(result.findings(), ExportFindingCode.RRSET_TTL_MISMATCH);
    assertEquals(1, ttls.size(), result.findings().toString());
    assertEquals(name("c0.example.com."), ttls.get(0).name());
    assertContains("[60, 300]", ttls.get(0).message());
  }

  @Test
  void txtStringsOver255OctetsAreSplitAndReported() {
    String dkim = "v=DKIM1; k=rsa; p=" + "A".repeat(400);
    Name key = name("sel._domainkey.example.com.");
    HostZone zone =
        HostZone.builder(hostSoa(7))
            .text(new HostTxtRecord(key, 300, List.of(dkim)))
            .text(new HostTxtRecord(name("ok.example.com."), 300, List.of("x".repeat(255), "")))
            .build();

    ExportResult result = exporter.export(request(zone).build());

    TXTRecord txt = (TXTRecord) at(result, "sel._domainkey.example.com.", Type.TXT).get(0);
    List<byte[]> strings = txt.getStringsAsByteArrays();
    assertEquals(2, strings.size());
    assertEquals(255, strings.get(0).length);
    assertEquals(
        dkim,
        strings.stream()
            .map(b -> new String(b, StandardCharsets.UTF_8))
            .collect(Collectors.joining()));
    List<ExportFinding> tooLong =
        withCode(result.findings(), ExportFindingCode.TXT_STRING_TOO_LONG);
    assertEquals(1, tooLong.size());
    assertEquals(key, tooLong.get(0).name());
    assertEquals(Optional.of("every secondary"), tooLong.get(0).affects());
    TXTRecord ok = (TXTRecord) at(result, "ok.example.com.", Type.TXT).get(0);
    assertEquals(2, ok.getStringsAsByteArrays().size());
  }

  @Test
  void txtSplittingNeverCutsAUtf8Sequence() {
    byte[] text = ("a" + "é".repeat(200)).getBytes(StandardCharsets.UTF_8); // 401 octets
    List<byte[]> pieces = ZoneExporter.splitCharacterString(text);
    assertEquals(2, pieces.size());
    assertEquals(255, pieces.get(0).length); // "a" + 127 two-octet characters
    assertEquals(
        new String(text, StandardCharsets.UTF_8),
        pieces.stream()
            .map(b -> new String(b, StandardCharsets.UTF_8))
            .collect(Collectors.joining()));
    assertEquals(1, ZoneExporter.splitCharacterString(new byte[0]).size());
  }

  @Test
  void anRrsetOfMoreThan100RecordsIsReportedForBind() {
    List<Record> many = new ArrayList<>();
    for (int i = 0; i < 101; i++) {
      many.add(a("big.example.com.", 60, "10.0." + (i / 256) + "." + (i % 256)));
    }
    ExportFinding f = findingsOf(many, ExportFindingCode.RRSET_TOO_LARGE).get(0);
    assertEquals(name("big.example.com."), f.name());
    assertContains("101", f.message());
    assertContains("BIND 9.18", f.affects().orElseThrow());

    assertTrue(findingsOf(many.subList(0, 100), ExportFindingCode.RRSET_TOO_LARGE).isEmpty());
  }

  @Test
  void aNameWithMoreThan100TypesIsReportedForBind() {
    List<Record> types = new ArrayList<>();
    for (int t = 1000; t < 1101; t++) { // unassigned, not private-use types
      types.add(Record.newRecord(name("odd.example.com."), t, DClass.IN, 60, new byte[] {7}));
    }
    ExportFinding f = findingsOf(types, ExportFindingCode.TOO_MANY_TYPES_AT_NAME).get(0);
    assertEquals(name("odd.example.com."), f.name());
    assertContains("max-types-per-name", f.affects().orElseThrow());

    assertTrue(
        findingsOf(types.subList(0, 100), ExportFindingCode.TOO_MANY_TYPES_AT_NAME).isEmpty());
  }

  @Test
  void theApexIsJudgedWithItsSoa() {
    // A CNAME at the apex is beside the SOA; with the apex NS set, the SOA is the 101st type of an
    // apex of 99 others.
    HostZone cname =
        HostZone.builder(hostSoa(7))
            .record(new CNAMERecord(ORIGIN, DClass.IN, 60, name("x.example.net.")))
            .build();
    ExportFinding f =
        withCode(
                exporter.export(request(cname).build()).findings(),
                ExportFindingCode.CNAME_BESIDE_OTHER_DATA)
            .get(0);
    assertEquals(ORIGIN, f.name());
    assertContains("SOA", f.message());
    for (int count : List.of(98, 99)) {
      HostZone.Builder types = HostZone.builder(hostSoa(7));
      for (int t = 1000; t < 1000 + count; t++) {
        types.record(Record.newRecord(ORIGIN, t, DClass.IN, 60, new byte[] {7}));
      }
      List<ExportFinding> found =
          withCode(
              exporter.export(request(types.build()).build()).findings(),
              ExportFindingCode.TOO_MANY_TYPES_AT_NAME);
      assertEquals(count == 99 ? 1 : 0, found.size(), count + " types, NS and SOA: " + found);
    }
    HostZone plain =
        HostZone.builder(hostSoa(7))
            .record(a("example.com.", 60, "192.0.2.9"))
            .record(a("example.com.", 60, "192.0.2.10"))
            .record(new TXTRecord(ORIGIN, DClass.IN, 300, "v=spf1 -all"))
            .build();
    assertTrue(exporter.export(request(plain).build()).findings().isEmpty());
  }

  @Test
  void anAliasMergedWithTheHostsOwnAddressRecordsOfAnotherTtlIsReported() {
    Name target = name("lb.cdn.net.");
    HostZone zone =
        HostZone.builder(hostSoa(7))
            .record(a("example.com.", 3600, "192.0.2.9"))
            .virtualRecord(new AliasRecord(ORIGIN, 60, target))
            .build();
    ExportResult result =
        exportResolving(zone, target, TargetResolution.resolved(List.of(ip("192.0.2.1"))));
    assertEquals(2, at(result, "example.com.", Type.A).size());
    ExportFinding f = withCode(result.findings(), ExportFindingCode.RRSET_TTL_MISMATCH).get(0);
    assertEquals(ORIGIN, f.name());
    assertContains("[60, 3600]", f.message());

    HostZone sameTtl =
        HostZone.builder(hostSoa(7))
            .record(a("example.com.", 60, "192.0.2.9"))
            .virtualRecord(new AliasRecord(ORIGIN, 60, target))
            .build();
    assertTrue(
        withCode(
                exportResolving(
                        sameTtl, target, TargetResolution.resolved(List.of(ip("192.0.2.1"))))
                    .findings(),
                ExportFindingCode.RRSET_TTL_MISMATCH)
            .isEmpty());
  }

  /** An RRSIG by the zone's key 1234 (algorithm 13) over the RRset of {@code covered}. */
  private static Record rrsig(Name owner, int covered, byte[] signature) {
    return new RRSIGRecord(
        owner,
        DClass.IN,
        60,
        covered,
        13,
        60,
        java.time.Instant.ofEpochSecond(2_000_000_000L),
        java.time.Instant.ofEpochSecond(1_000_000_000L),
        1234,
        ORIGIN,
        signature);
  }

  @Test
  void dnssecSignaturesAreDroppedAndReportedOnce() {
    Record www = a("www.example.com.", 60, "192.0.2.1");
    Record sig1 = rrsig(name("www.example.com."), Type.A, new byte[] {1, 2, 3});
    Record sig2 = rrsig(ORIGIN, Type.SOA, new byte[] {4, 5, 6});
    ExportResult result =
        exporter.export(
            request(HostZone.builder(hostSoa(7)).record(www).record(sig1).record(sig2).build())
                .build());
    assertTrue(result.snapshot().records().stream().noneMatch(r -> r.getType() == Type.RRSIG));
    assertEquals(1, withCode(result.findings(), ExportFindingCode.DNSSEC_RECORDS_DROPPED).size());
  }

  @Test
  void theHostZoneRefusesAnSoaAmongItsRecords() {
    assertThrows(
        IllegalArgumentException.class, () -> HostZone.builder(hostSoa(7)).record(hostSoa(8)));
  }

  @Test
  void everyCodeHasAFixedSeverity() {
    for (ExportFindingCode c : ExportFindingCode.values()) {
      assertSame(c.severity(), ExportFinding.of(c, ORIGIN, "x", "y").severity());
    }
    assertTrue(
        Arrays.stream(ExportFindingCode.values())
            .filter(c -> c.name().startsWith("ALIAS_TARGET"))
            .allMatch(c -> c.severity() == ExportSeverity.WARNING));
  }
}
