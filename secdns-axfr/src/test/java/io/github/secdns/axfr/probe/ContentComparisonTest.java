package io.github.secdns.axfr.probe;

import static io.github.secdns.axfr.probe.LoopbackServers.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.axfr.AxfrResponder;
import io.github.secdns.axfr.PublishedZones;
import io.github.secdns.axfr.TransferDecision;
import io.github.secdns.axfr.TransferPolicy;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.diagnostics.ContentProbe;
import io.github.secdns.core.diagnostics.DiagnosticCode;
import io.github.secdns.core.diagnostics.DiagnosticEngine;
import io.github.secdns.core.diagnostics.DiagnosticReport;
import io.github.secdns.core.diagnostics.Finding;
import io.github.secdns.core.diagnostics.HostFacts;
import io.github.secdns.core.diagnostics.Observations;
import io.github.secdns.core.diagnostics.ServerStatus;
import io.github.secdns.core.diagnostics.SoaData;
import io.github.secdns.core.export.ExportRequest;
import io.github.secdns.core.export.HostZone;
import io.github.secdns.core.export.SerialPolicy;
import io.github.secdns.core.export.SoaSettings;
import io.github.secdns.core.export.ZoneExporter;
import io.github.secdns.core.zone.ZoneDigest;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * "Not serving the same zone data": on loopback, a fake secondary that serves the primary's serial
 * with other data is caught, by the ZONEMD it serves or by a zone transfer from it; one that serves
 * the same data passes; one that refuses transfers of a zone without ZONEMD is "only serials".
 */
class ContentComparisonTest {

  private static final Name ZONE = Name.fromConstantString("example.test.");
  private static final Name PRIMARY = Name.fromConstantString("ns.primary.test.");
  private static final Name SAME = Name.fromConstantString("ns1.sec.test.");
  private static final Name OTHER = Name.fromConstantString("ns2.sec.test.");
  private static final Name REFUSING = Name.fromConstantString("ns3.sec.test.");
  private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  private static final long SERIAL = 2026112401L;

  private final List<AxfrResponder> responders = new ArrayList<>();
  private LoopbackServers fakes;

  @AfterEach
  void stop() throws InterruptedException {
    responders.forEach(AxfrResponder::close);
    if (fakes != null) {
      fakes.close();
    }
    assertEquals(Set.of(), threads("secdns-axfr-"), "responder threads left");
    assertEquals(Set.of(), threads("secdns-probe-"), "prober threads left");
  }

  /** The zone as the primary exports it: with or without its ZONEMD record. */
  private static ZoneSnapshot zone(String text, boolean digest) {
    SOARecord hostSoa =
        new SOARecord(
            ZONE,
            DClass.IN,
            3600,
            PRIMARY,
            Name.fromConstantString("hostmaster.example.test."),
            SERIAL,
            14_400,
            3_600,
            1_209_600,
            3_600);
    HostZone host =
        HostZone.builder(hostSoa)
            .record(
                new ARecord(
                    Name.fromConstantString("www.example.test."), DClass.IN, 300, ip("192.0.2.10")))
            .record(new TXTRecord(ZONE, DClass.IN, 300, text))
            .build();
    return ZoneExporter.create(Clock.fixed(NOW, ZoneOffset.UTC))
        .export(
            ExportRequest.builder(host, SoaSettings.fromHostSoa(PRIMARY, hostSoa))
                .primaryNameServers(List.of(PRIMARY))
                .secondaryNameServers(List.of(SAME, OTHER, REFUSING))
                .serialPolicy(SerialPolicy.KEEP_HOST)
                .publishZoneDigest(digest)
                .build())
        .snapshot();
  }

  private static SecondaryDnsConfiguration config() {
    return SecondaryDnsConfiguration.builder()
        .zone("example.test")
        .addSecondaryNameServer(SAME.toString())
        .addSecondaryNameServer(OTHER.toString())
        .addSecondaryNameServer(REFUSING.toString())
        .addAclEntry("127.0.0.0/8")
        .addNotifyTarget("127.0.0.3")
        .build();
  }

  /** Primary .2, the secondary with the same data .3, with other data .4, refusing .5. */
  private static NameServerResolver resolver() {
    return NameServerResolver.fixed(
        Map.of(
            PRIMARY, Set.of(ip("127.0.0.2")),
            SAME, Set.of(ip("127.0.0.3")),
            OTHER, Set.of(ip("127.0.0.4")),
            REFUSING, Set.of(ip("127.0.0.5"))));
  }

  private Prober.Builder prober(int port) {
    return Prober.builder()
        .port(port)
        .resolver(resolver())
        .queryTimeout(Duration.ofSeconds(2))
        .budget(Duration.ofSeconds(20));
  }

  private static DiagnosticReport diagnose(
      Observations obs, ZoneSnapshot primary, boolean published) {
    HostFacts facts =
        HostFacts.builder(Clock.fixed(NOW, ZoneOffset.UTC))
            .primarySoa(SoaData.of(primary.soa()), NOW.minusSeconds(3600))
            .primaryZoneDigest(ZoneDigest.compute(primary), published)
            .primaryNameServers(List.of(PRIMARY))
            .build();
    return DiagnosticEngine.diagnose(config(), facts, obs);
  }

  @Test
  void theZonemdEachSecondaryServesIsComparedWithThePrimarys() throws IOException {
    ZoneSnapshot primary = zone("v=spf1 -all", true);
    ZoneSnapshot other = zone("v=spf1 +all", true); // the same serial, other data
    assertEquals(primary.serial(), other.serial());
    fakes =
        LoopbackServers.start(serving(primary), serving(primary), serving(other), serving(primary));

    Observations obs = prober(fakes.port()).build().probe(config(), List.of(PRIMARY));

    assertEquals(4, obs.contentProbes().size(), obs.contentProbes().toString());
    for (ContentProbe p : obs.contentProbes()) {
      assertEquals(ContentProbe.Method.ZONEMD, p.method(), p.toString());
      assertEquals(ContentProbe.Outcome.DIGEST, p.outcome(), p.toString());
    }
    DiagnosticReport report = diagnose(obs, primary, true);
    Finding differs = report.findings(DiagnosticCode.NAME_SERVER_DATA_DIFFERS).get(0);
    assertEquals(List.of(OTHER), differs.nameServers());
    assertEquals(List.of(ip("127.0.0.4")), differs.addresses());
    assertTrue(differs.message().contains("in its ZONEMD record"), differs.message());
    assertEquals(1, report.findings(DiagnosticCode.NAME_SERVER_DATA_DIFFERS).size());
    assertEquals(ServerStatus.ERROR, report.nameServer(OTHER).orElseThrow().status());
    assertEquals(ServerStatus.OK, report.nameServer(SAME).orElseThrow().status());
    assertEquals(ServerStatus.OK, report.nameServer(REFUSING).orElseThrow().status());
    assertEquals(ServerStatus.OK, report.nameServer(PRIMARY).orElseThrow().status());
    assertFalse(report.has(DiagnosticCode.CONTENT_NOT_COMPARED));
  }

  @Test
  void withoutZonemdATransferIsComparedWhereTheSecondaryAllowsOne() throws IOException {
    ZoneSnapshot primary = zone("v=spf1 -all", false);
    ZoneSnapshot other = zone("v=spf1 +all", false);
    int port =
        startResponders(
            List.of(primary, primary, other, primary),
            List.of(allowAll(), allowAll(), allowAll(), TransferPolicy.denyAll()));

    Observations obs = prober(port).build().probe(config(), List.of(PRIMARY));

    // The responder answers only SOA and transfers: the ZONEMD query is refused, the AXFR not.
    assertEquals(
        ContentProbe.Outcome.DIGEST, content(obs, SAME, ContentProbe.Method.TRANSFER).outcome());
    assertEquals(
        Optional.of(ZoneDigest.compute(primary)),
        content(obs, SAME, ContentProbe.Method.TRANSFER).digest());
    assertEquals(
        ContentProbe.Outcome.REFUSED,
        content(obs, REFUSING, ContentProbe.Method.TRANSFER).outcome());

    DiagnosticReport report = diagnose(obs, primary, false);
    Finding differs = report.findings(DiagnosticCode.NAME_SERVER_DATA_DIFFERS).get(0);
    assertEquals(List.of(OTHER), differs.nameServers());
    assertTrue(differs.message().contains("of a zone transfer from it"), differs.message());
    assertEquals(ServerStatus.OK, report.nameServer(SAME).orElseThrow().status());
    List<Finding> onlySerials = report.findings(DiagnosticCode.CONTENT_NOT_COMPARED);
    assertEquals(1, onlySerials.size(), onlySerials.toString());
    assertEquals(List.of(REFUSING), onlySerials.get(0).nameServers());
    assertTrue(
        onlySerials
            .get(0)
            .message()
            .startsWith("Only the serials were compared for" + " ns3.sec.test"),
        onlySerials.get(0).message());
    assertTrue(
        onlySerials.get(0).message().contains("refused a zone transfer"),
        onlySerials.get(0).message());
  }

  @Test
  void zonemdOnlyNeverTransfersAndOffProbesNothing() throws IOException {
    ZoneSnapshot primary = zone("v=spf1 -all", false);
    int port =
        startResponders(
            List.of(primary, primary, primary, primary),
            List.of(allowAll(), allowAll(), allowAll(), allowAll()));

    Observations zonemdOnly =
        prober(port)
            .contentComparison(ContentComparison.ZONEMD)
            .build()
            .probe(config(), List.of(PRIMARY));
    assertEquals(4, zonemdOnly.contentProbes().size());
    zonemdOnly
        .contentProbes()
        .forEach(p -> assertEquals(ContentProbe.Method.ZONEMD, p.method(), p.toString()));

    Observations off =
        prober(port)
            .contentComparison(ContentComparison.OFF)
            .build()
            .probe(config(), List.of(PRIMARY));
    assertEquals(List.of(), off.contentProbes());
    DiagnosticReport report = diagnose(off, primary, false);
    assertTrue(report.has(DiagnosticCode.CONTENT_NOT_COMPARED));

    Observations tooLarge =
        prober(port).maxTransferRecords(3).build().probe(config(), List.of(PRIMARY));
    assertEquals(
        ContentProbe.Outcome.FAILED,
        content(tooLarge, SAME, ContentProbe.Method.TRANSFER).outcome());
  }

  private static ContentProbe content(Observations obs, Name ns, ContentProbe.Method method) {
    List<ContentProbe> found =
        obs.contentProbes().stream()
            .filter(p -> p.nameServer().equals(ns) && p.method() == method)
            .collect(Collectors.toList());
    assertEquals(1, found.size(), obs.contentProbes().toString());
    return found.get(0);
  }

  private static TransferPolicy allowAll() {
    return request -> TransferDecision.allow("test");
  }

  /** Starts one responder per zone on 127.0.0.2, .3, ... sharing one port; returns the port. */
  private int startResponders(List<ZoneSnapshot> zones, List<TransferPolicy> policies)
      throws IOException {
    for (int attempt = 0; attempt < 20; attempt++) {
      int port;
      try (DatagramSocket probe = new DatagramSocket(0, ip("127.0.0.2"))) {
        port = probe.getLocalPort();
      }
      try {
        for (int i = 0; i < zones.size(); i++) {
          PublishedZones published = new PublishedZones();
          published.publish(zones.get(i));
          AxfrResponder r =
              AxfrResponder.builder()
                  .listen(new InetSocketAddress(ip("127.0.0." + (i + 2)), port))
                  .zoneSource(published)
                  .policy(policies.get(i))
                  .build();
          responders.add(r);
          r.start();
        }
        return port;
      } catch (IOException taken) {
        responders.forEach(AxfrResponder::close);
        responders.clear();
      }
    }
    throw new IOException("no free port shared by every loopback address");
  }

  /** A fake authoritative server of one zone version: SOA, ZONEMD and AXFR (in one message). */
  private static Function<Message, Optional<Message>> serving(ZoneSnapshot zone) {
    return q -> {
      Message r = new Message(q.getHeader().getID());
      r.getHeader().setFlag(Flags.QR);
      r.getHeader().setFlag(Flags.AA);
      r.addRecord(q.getQuestion(), Section.QUESTION);
      int type = q.getQuestion().getType();
      if (type == Type.AXFR) {
        r.addRecord(zone.soa(), Section.ANSWER);
        zone.records().forEach(x -> r.addRecord(x, Section.ANSWER));
        r.addRecord(zone.soa(), Section.ANSWER);
      } else if (type == Type.SOA) {
        r.addRecord(zone.soa(), Section.ANSWER);
      } else {
        for (Record x : zone.records()) {
          if (x.getType() == type && x.getName().equals(q.getQuestion().getName())) {
            r.addRecord(x, Section.ANSWER);
          }
        }
      }
      return Optional.of(r);
    };
  }

  /**
   * Names the threads named {@code prefix...} still alive once each has had up to 10 s to end: a
   * pool's worker thread can still be alive for a moment after the pool reported its termination
   * (it ends after signalling it), and a check made at once saw one (a leak never ends).
   */
  private static Set<String> threads(String prefix) throws InterruptedException {
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith(prefix)) {
        t.join(TimeUnit.SECONDS.toMillis(10));
      }
    }
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(n -> n.startsWith(prefix))
        .collect(Collectors.toSet());
  }
}
