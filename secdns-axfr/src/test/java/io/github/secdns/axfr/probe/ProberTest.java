package io.github.secdns.axfr.probe;

import static io.github.secdns.testsupport.Addresses.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.diagnostics.DiagnosticCode;
import io.github.secdns.core.diagnostics.DiagnosticEngine;
import io.github.secdns.core.diagnostics.DiagnosticReport;
import io.github.secdns.core.diagnostics.HostFacts;
import io.github.secdns.core.diagnostics.Observations;
import io.github.secdns.core.diagnostics.ServerStatus;
import io.github.secdns.core.diagnostics.SoaData;
import io.github.secdns.core.diagnostics.SoaProbe;
import io.github.secdns.core.diagnostics.Transport;
import io.github.secdns.core.serial.SerialNumber;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class ProberTest {

  private static final Name ZONE = Name.fromConstantString("example.test.");
  private static final Name PRIMARY = Name.fromConstantString("ns.primary.test.");
  private static final Name SAME = Name.fromConstantString("ns1.sec.test.");
  private static final Name OLDER = Name.fromConstantString("ns2.sec.test.");
  private static final Name REFUSING = Name.fromConstantString("ns3.sec.test.");
  private static final Name SILENT = Name.fromConstantString("ns4.sec.test.");
  private static final Name NO_AA = Name.fromConstantString("ns5.sec.test.");
  private static final List<Name> ALL = List.of(PRIMARY, SAME, OLDER, REFUSING, SILENT, NO_AA);
  private static final long SERIAL = 2026112401L;

  private LoopbackServers servers;
  private int port;

  @AfterEach
  void stopServers() {
    if (servers != null) {
      servers.close();
    }
  }

  /** Starts one fake server per loopback address 127.0.0.2, .3, ... on one shared port. */
  @SafeVarargs
  private void start(Function<Message, Optional<Message>>... handlers) throws IOException {
    servers = LoopbackServers.start(handlers);
    port = servers.port();
  }

  private static SecondaryDnsConfiguration config() {
    SecondaryDnsConfiguration.Builder b =
        SecondaryDnsConfiguration.builder()
            .zone("example.test")
            .addAclEntry("127.0.0.0/8")
            .addNotifyTarget("127.0.0.4");
    for (Name n : List.of(SAME, OLDER, REFUSING, SILENT, NO_AA)) {
      b.addSecondaryNameServer(n.toString());
    }
    return b.build();
  }

  /** Loopback address per name server: parent .2, primary .3, then the secondaries .4 to .8. */
  private static NameServerResolver loopbackResolver() {
    return NameServerResolver.fixed(
        Map.of(
            PRIMARY,
            Set.of(ip("127.0.0.3")),
            SAME,
            Set.of(ip("127.0.0.4")),
            OLDER,
            Set.of(ip("127.0.0.5")),
            REFUSING,
            Set.of(ip("127.0.0.6")),
            SILENT,
            Set.of(ip("127.0.0.7")),
            NO_AA,
            Set.of(ip("127.0.0.8"))));
  }

  private Prober.Builder prober() {
    return Prober.builder()
        .port(port)
        .resolver(loopbackResolver())
        .parentServers(List.of(new InetSocketAddress(ip("127.0.0.2"), port)))
        .queryTimeout(Duration.ofMillis(700))
        .budget(Duration.ofSeconds(20));
  }

  private void startTheWholeSetup() throws IOException {
    start(
        delegating(ALL),
        authoritative(SERIAL, true),
        authoritative(SERIAL, true),
        authoritative(SERIAL - 1, true),
        rcode(Rcode.REFUSED),
        q -> Optional.empty(),
        authoritative(SERIAL, false));
  }

  @Test
  void gathersEveryObservationFromFakeServersOnLoopback() throws IOException {
    startTheWholeSetup();
    Observations obs = prober().build().probe(config(), List.of(PRIMARY));

    assertEquals(Optional.of(Set.copyOf(ALL)), obs.parentDelegation());
    assertEquals(Optional.of(Set.copyOf(ALL)), obs.apexNameServers());
    assertEquals(Set.of(ip("127.0.0.5")), obs.nameServerAddresses().get(OLDER));
    assertEquals(12, obs.soaProbes().size(), "UDP and TCP for each of six addresses");
    for (Transport t : List.of(Transport.UDP, Transport.TCP)) {
      SoaProbe same = probe(obs, SAME, t);
      assertTrue(same.isAuthoritativeAnswer());
      assertEquals(SerialNumber.of(SERIAL), same.soa().orElseThrow().serial());
      assertEquals(SerialNumber.of(SERIAL - 1), probe(obs, OLDER, t).soa().orElseThrow().serial());
      assertEquals(Optional.of(Rcode.REFUSED), probe(obs, REFUSING, t).rcode());
      assertEquals(SoaProbe.Outcome.TIMED_OUT, probe(obs, SILENT, t).outcome());
      SoaProbe noAa = probe(obs, NO_AA, t);
      assertTrue(noAa.isAnswered());
      assertFalse(noAa.authoritative());
    }
  }

  @Test
  void observationsFeedTheEngine() throws IOException {
    startTheWholeSetup();
    Observations obs = prober().build().probe(config(), List.of(PRIMARY));
    HostFacts facts =
        HostFacts.builder(Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC))
            .primarySoa(
                new SoaData(SerialNumber.of(SERIAL), 14_400, 3_600, 1_209_600, 3_600),
                Instant.parse("2026-11-24T11:00:00Z"))
            .primaryNameServers(List.of(PRIMARY))
            .build();
    DiagnosticReport report = DiagnosticEngine.diagnose(config(), facts, obs);

    assertEquals(ServerStatus.OK, report.nameServer(PRIMARY).orElseThrow().status());
    assertEquals(ServerStatus.OK, report.nameServer(SAME).orElseThrow().status());
    assertEquals(ServerStatus.PENDING, report.nameServer(OLDER).orElseThrow().status());
    assertEquals(ServerStatus.WARNING, report.nameServer(REFUSING).orElseThrow().status());
    assertEquals(ServerStatus.WARNING, report.nameServer(SILENT).orElseThrow().status());
    assertEquals(ServerStatus.WARNING, report.nameServer(NO_AA).orElseThrow().status());
    assertEquals(List.of(OLDER), servers(report, DiagnosticCode.NAME_SERVER_PROPAGATING));
    assertEquals(List.of(REFUSING, NO_AA), servers(report, DiagnosticCode.NAME_SERVER_LAME));
    assertEquals(List.of(SILENT), servers(report, DiagnosticCode.NAME_SERVER_UNREACHABLE));
    assertFalse(report.has(DiagnosticCode.DELEGATION_MISSING_NAME_SERVERS));
    assertFalse(report.has(DiagnosticCode.DELEGATION_NOT_OBSERVED));
  }

  @Test
  void queriesRunInParallel() throws IOException {
    // Each server answers UDP only once all five name servers have been asked at the same time;
    // probing one after the other would leave them silent, and the probes timed out.
    java.util.concurrent.CountDownLatch together = new java.util.concurrent.CountDownLatch(5);
    Function<Message, Optional<Message>> meeting =
        q -> {
          if (q.getQuestion().getType() == Type.SOA) {
            together.countDown();
            try {
              if (!together.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
                return Optional.empty();
              }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return Optional.empty();
            }
          }
          return authoritative(SERIAL, true).apply(q);
        };
    start(
        delegating(ALL), authoritative(SERIAL, true), meeting, meeting, meeting, meeting, meeting);
    Observations obs =
        prober().queryTimeout(Duration.ofSeconds(15)).build().probe(config(), List.of(PRIMARY));
    for (Name ns : List.of(SAME, OLDER, REFUSING, SILENT, NO_AA)) {
      assertTrue(probe(obs, ns, Transport.UDP).isAuthoritativeAnswer(), ns.toString());
    }
  }

  @Test
  void failuresBecomeMissingObservationsNotExceptions() throws IOException {
    // The parent is silent; one name has no address; one cannot be resolved at all; the resolver
    // of another throws.
    start(q -> Optional.empty(), authoritative(SERIAL, true));
    NameServerResolver resolver =
        name -> {
          if (name.equals(PRIMARY)) {
            return Optional.of(Set.of(ip("127.0.0.3")));
          }
          if (name.equals(SAME)) {
            return Optional.of(Set.of());
          }
          if (name.equals(OLDER)) {
            throw new IllegalStateException("resolver bug");
          }
          return Optional.empty();
        };
    Observations obs = prober().resolver(resolver).build().probe(config(), List.of(PRIMARY));
    assertEquals(Optional.empty(), obs.parentDelegation());
    assertEquals(Optional.of(Set.copyOf(ALL)), obs.apexNameServers());
    assertEquals(Set.of(), obs.nameServerAddresses().get(SAME));
    assertFalse(obs.nameServerAddresses().containsKey(OLDER));
    assertFalse(obs.nameServerAddresses().containsKey(SILENT));
    assertEquals(2, obs.soaProbes().size());
  }

  @Test
  void closedPortIsANetworkErrorOrTimeOut() throws IOException {
    start(delegating(ALL)); // nothing listens on 127.0.0.3 to .8
    Observations obs = prober().build().probe(config(), List.of(PRIMARY));
    for (SoaProbe p : obs.soaProbes()) {
      assertFalse(p.isAnswered(), p.toString());
    }
    assertEquals(12, obs.soaProbes().size());
  }

  @Test
  void theBudgetBoundsTheWholeProbeAndNoThreadIsLeft() throws Exception {
    start(q -> Optional.empty(), q -> Optional.empty());
    Observations obs =
        prober()
            .queryTimeout(Duration.ofSeconds(30))
            .budget(Duration.ofMillis(300))
            .build()
            .probe(config(), List.of(PRIMARY));
    assertEquals(Optional.empty(), obs.parentDelegation());
    // The silent primary at 127.0.0.3 times out; nothing listens at the secondaries' addresses.
    obs.soaProbes().forEach(p -> assertFalse(p.isAnswered(), p.toString()));
    for (Transport t : List.of(Transport.UDP, Transport.TCP)) {
      assertEquals(SoaProbe.Outcome.TIMED_OUT, probe(obs, PRIMARY, t).outcome());
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (probeThreadsAlive() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertFalse(probeThreadsAlive());
  }

  @Test
  void dnsResolverAsksARecursiveServerOnLoopback() throws IOException {
    start(
        q -> {
          Message r = reply(q);
          Record question = q.getQuestion();
          if (question.getType() == Type.A) {
            r.addRecord(
                new ARecord(question.getName(), DClass.IN, 60, ip("127.0.0.4")), Section.ANSWER);
          } else {
            r.addRecord(
                new AAAARecord(question.getName(), DClass.IN, 60, ip("::1")), Section.ANSWER);
          }
          assertTrue(q.getHeader().getFlag(Flags.RD));
          return Optional.of(r);
        });
    NameServerResolver resolver =
        NameServerResolver.dns(
            List.of(new InetSocketAddress(ip("127.0.0.2"), port)), Duration.ofSeconds(2));
    assertEquals(Optional.of(Set.of(ip("127.0.0.4"), ip("::1"))), resolver.addresses(SAME));
    NameServerResolver dead =
        NameServerResolver.dns(
            List.of(new InetSocketAddress(ip("127.0.0.9"), port)), Duration.ofMillis(300));
    assertEquals(Optional.empty(), dead.addresses(SAME));
  }

  private static boolean probeThreadsAlive() {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.isAlive() && t.getName().startsWith("secdns-probe-"));
  }

  private static List<Name> servers(DiagnosticReport report, DiagnosticCode code) {
    return report.findings(code).stream()
        .flatMap(f -> f.nameServers().stream())
        .collect(Collectors.toList());
  }

  private static SoaProbe probe(Observations obs, Name ns, Transport t) {
    List<SoaProbe> found =
        obs.soaProbes().stream()
            .filter(p -> p.nameServer().equals(ns) && p.transport() == t)
            .collect(Collectors.toList());
    assertEquals(1, found.size(), ns + " " + t);
    return found.get(0);
  }

  // ---- fake server behaviour

  private static Message reply(Message query) {
    Message r = new Message(query.getHeader().getID());
    r.getHeader().setFlag(Flags.QR);
    r.addRecord(query.getQuestion(), Section.QUESTION);
    return r;
  }

  /** A parent that refers the zone to the given name servers (no AA, NS in authority). */
  private static Function<Message, Optional<Message>> delegating(List<Name> nameServers) {
    return q -> {
      Message r = reply(q);
      for (Name ns : nameServers) {
        r.addRecord(new NSRecord(ZONE, DClass.IN, 86_400, ns), Section.AUTHORITY);
      }
      return Optional.of(r);
    };
  }

  /** A server of the zone: SOA with the serial, apex NS set, with or without the AA bit. */
  private static Function<Message, Optional<Message>> authoritative(long serial, boolean aa) {
    return q -> {
      Message r = reply(q);
      if (aa) {
        r.getHeader().setFlag(Flags.AA);
      }
      int type = q.getQuestion().getType();
      if (type == Type.SOA) {
        r.addRecord(
            new SOARecord(
                ZONE,
                DClass.IN,
                3_600,
                PRIMARY,
                Name.fromConstantString("hostmaster.example.test."),
                serial,
                14_400,
                3_600,
                1_209_600,
                3_600),
            Section.ANSWER);
      } else if (type == Type.NS) {
        for (Name ns : ALL) {
          r.addRecord(new NSRecord(ZONE, DClass.IN, 3_600, ns), Section.ANSWER);
        }
      }
      return Optional.of(r);
    };
  }

  private static Function<Message, Optional<Message>> rcode(int rcode) {
    return q -> {
      Message r = reply(q);
      r.getHeader().setRcode(rcode);
      return Optional.of(r);
    };
  }
}
