package io.github.secdns.benchmarks.jmh;

import static io.github.secdns.testsupport.Addresses.ip;

import io.github.secdns.core.config.AddressPrefix;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.diagnostics.DiagnosticEngine;
import io.github.secdns.core.diagnostics.DiagnosticReport;
import io.github.secdns.core.diagnostics.HostFacts;
import io.github.secdns.core.diagnostics.NotifyOutcome;
import io.github.secdns.core.diagnostics.Observations;
import io.github.secdns.core.diagnostics.SoaData;
import io.github.secdns.core.diagnostics.SoaProbe;
import io.github.secdns.core.diagnostics.TransferAttempt;
import io.github.secdns.core.diagnostics.Transport;
import io.github.secdns.core.serial.SerialNumber;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;

/**
 * {@link DiagnosticEngine#diagnose} for a realistic zone: two primary and two secondary name
 * servers (six addresses, IPv4 and IPv6), SOA probes over UDP and TCP for every address, the parent
 * delegation and apex NS set, two NOTIFY outcomes and a transfer attempt; one secondary lags one
 * serial behind, so the report has findings to build, not only an all-clear.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DiagnosticsBenchmark {

  private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  private static final long SERIAL = 2026112401L;

  private SecondaryDnsConfiguration config;
  private HostFacts facts;
  private Observations observations;

  /** Builds the inputs once. */
  @Setup
  public void setUp() throws UnknownHostException {
    config =
        SecondaryDnsConfiguration.builder()
            .zone("example.com")
            .addSecondaryNameServer("ns1.secondary.com")
            .addSecondaryNameServer("ns2.secondary.com")
            .addAclEntry("192.0.2.0/24")
            .addNotifyTarget("192.0.2.1")
            .addNotifyTarget("192.0.2.2")
            .addTsigKey(
                "transfer.example.com",
                "hmac-sha256",
                Base64.getEncoder().encodeToString(new byte[32]))
            .revision(3)
            .build();
    Name p1 = Name.fromConstantString("ns1.dnsimple.com.");
    Name p2 = Name.fromConstantString("ns2.dnsimple.com.");
    Name s1 = Name.fromConstantString("ns1.secondary.com.");
    Name s2 = Name.fromConstantString("ns2.secondary.com.");
    SoaData current = soa(SERIAL);
    facts =
        HostFacts.builder(Clock.fixed(NOW, ZoneOffset.UTC))
            .appliedRevision(3)
            .dnssecEnabled(false)
            .primarySoa(current, NOW.minusSeconds(600))
            .secondaryAcceptsIpv6Primary(false)
            .primaryNameServers(List.of(p1, p2))
            .primaryTransferAddresses(List.of(ip("198.51.100.1")))
            .secondaryTransferSources(
                List.of(AddressPrefix.parse("192.0.2.53"), AddressPrefix.parse("192.0.2.64/28")))
            .notifyOutcomes(
                List.of(
                    NotifyOutcome.answered(
                        ip("192.0.2.1"), 53, Rcode.NOERROR, NOW.minusSeconds(600)),
                    NotifyOutcome.answered(
                        ip("192.0.2.2"), 53, Rcode.NOERROR, NOW.minusSeconds(600))))
            .build();
    Observations.Builder o =
        Observations.builder()
            .parentDelegation(List.of(p1, p2, s1, s2))
            .apexNameServers(List.of(p1, p2, s1, s2));
    List<SoaProbe> probes = new ArrayList<>();
    server(o, probes, p1, SERIAL, "198.51.100.10", "2001:db8:100::10");
    server(o, probes, p2, SERIAL, "198.51.100.11");
    server(o, probes, s1, SERIAL, "192.0.2.1", "2001:db8::1");
    server(o, probes, s2, SERIAL - 1, "192.0.2.2");
    observations =
        o.soaProbes(probes)
            .transferAttempts(
                List.of(
                    new TransferAttempt(
                        ip("192.0.2.1"),
                        TransferAttempt.Result.COMPLETED,
                        Optional.empty(),
                        NOW.minusSeconds(590))))
            .build();
  }

  private static void server(
      Observations.Builder o, List<SoaProbe> probes, Name ns, long serial, String... addresses)
      throws UnknownHostException {
    List<InetAddress> list = new ArrayList<>();
    for (String a : addresses) {
      InetAddress address = ip(a);
      list.add(address);
      for (Transport t : List.of(Transport.UDP, Transport.TCP)) {
        probes.add(
            SoaProbe.answered(ns, address, t, Rcode.NOERROR, true, Optional.of(soa(serial))));
      }
    }
    o.nameServerAddresses(ns, list);
  }

  private static SoaData soa(long serial) {
    return new SoaData(SerialNumber.of(serial), 14_400, 3_600, 1_209_600, 3_600);
  }

  /** One full evaluation. */
  @Benchmark
  public DiagnosticReport diagnose() {
    return DiagnosticEngine.diagnose(config, facts, observations);
  }
}
