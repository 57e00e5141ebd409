package io.github.secdns.core.diagnostics;

import static io.github.secdns.testsupport.Addresses.ip;
import static io.github.secdns.testsupport.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.secdns.core.config.AddressPrefix;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.serial.SerialNumber;
import io.github.secdns.core.zone.ZoneDigest;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;

class DiagnosticEnginePropertiesTest {

  private static final Gen<RandomSetup> SETUPS = longs().all().map(RandomSetup::new);

  @Test
  void totalForAnyMixOfPresentMissingAndOddObservations() {
    qt().withExamples(2_000)
        .forAll(SETUPS)
        .checkAssert(
            setup -> {
              DiagnosticReport report = setup.report(new Random(1));
              List<Finding> sorted = new ArrayList<>(report.findings());
              sorted.sort(Finding.ORDER);
              assertEquals(sorted, report.findings(), "findings are in report order");
              Severity worst =
                  report.findings().stream()
                      .map(Finding::severity)
                      .max(Enum::compareTo)
                      .orElse(Severity.INFO);
              assertEquals(ReportStatus.of(worst), report.status());
              for (NameServerReport ns : report.nameServers()) {
                boolean named =
                    report.findings().stream()
                        .anyMatch(
                            f ->
                                f.concerns(ns.name())
                                    && f.severity().compareTo(Severity.PENDING) >= 0);
                assertEquals(named, ns.status().isWarningSign(), ns.toString());
              }
              report
                  .findings()
                  .forEach(
                      f -> {
                        assertTrue(!f.message().isBlank() && !f.remedy().isBlank(), f.toString());
                      });
            });
  }

  @Test
  void sameInputInAnyOrderGivesAnEqualReport() {
    qt().withExamples(1_000)
        .forAll(SETUPS, longs().all(), longs().all())
        .checkAssert(
            (setup, a, b) -> {
              DiagnosticReport first = setup.report(new Random(a));
              DiagnosticReport second = setup.report(new Random(b));
              assertEquals(first, second);
              assertEquals(first.findings(), second.findings());
              assertEquals(first.toString(), second.toString());
            });
  }

  @Test
  void fullyConsistentSetupYieldsNoWarning() {
    qt().withExamples(500)
        .forAll(longs().all(), integers().between(1, 4), integers().between(1, 3))
        .checkAssert(
            (seed, secondaries, primaries) -> {
              Random r = new Random(seed);
              SecondaryDnsConfiguration.Builder config =
                  SecondaryDnsConfiguration.builder()
                      .zone("zone" + r.nextInt(100) + ".example")
                      .addAclEntry("192.0.2.0/24")
                      .revision(r.nextInt(50));
              long serial = r.nextLong() & SerialNumber.MAX_VALUE;
              long refresh = 14_400L + r.nextInt(86_400);
              long retry = 3_600L + r.nextInt((int) (refresh - 3_600));
              long expire = Math.max(604_800, refresh) + r.nextInt(2_000_000);
              long minimum = 300L + r.nextInt(86_100);
              SoaData soa = new SoaData(SerialNumber.of(serial), refresh, retry, expire, minimum);
              byte[] octets = new byte[48];
              r.nextBytes(octets);
              ZoneDigest digest = ZoneDigest.of(SerialNumber.of(serial), 1, 1, octets);
              Instant now = Instant.ofEpochSecond(1_700_000_000L + r.nextInt(100_000_000));
              List<Name> all = new ArrayList<>();
              List<Name> primaryNames = new ArrayList<>();
              Observations.Builder obs = Observations.builder();
              List<NotifyOutcome> outcomes = new ArrayList<>();
              for (int i = 0; i < secondaries + primaries; i++) {
                String host =
                    (i < secondaries ? "ns" + i + ".secondary" : "ns" + i + ".primary")
                        + r.nextInt(10)
                        + ".net.";
                Name ns = RandomSetup.name(host, r);
                all.add(ns);
                if (i < secondaries) {
                  config.addSecondaryNameServer(host);
                } else {
                  primaryNames.add(ns);
                }
                List<InetAddress> addresses = new ArrayList<>();
                int count = 1 + r.nextInt(3);
                for (int k = 0; k < count; k++) {
                  String text =
                      r.nextBoolean()
                          ? "192.0.2." + (10 * i + k + 1)
                          : "2001:db8::" + Integer.toHexString(10 * i + k + 1);
                  InetAddress a = ip(text);
                  addresses.add(a);
                  for (Transport t : List.of(Transport.UDP, Transport.TCP)) {
                    obs.soaProbe(
                        SoaProbe.answered(
                            RandomSetup.name(host, r),
                            a,
                            t,
                            Rcode.NOERROR,
                            true,
                            Optional.of(soa)));
                  }
                  obs.contentProbes(
                      List.of(
                          ContentProbe.digest(
                              RandomSetup.name(host, r),
                              a,
                              r.nextBoolean()
                                  ? ContentProbe.Method.ZONEMD
                                  : ContentProbe.Method.TRANSFER,
                              digest)));
                  if (i < secondaries && k == 0 && a.getAddress().length == 4) {
                    config.addNotifyTarget(text);
                    outcomes.add(NotifyOutcome.answered(a, 53, Rcode.NOERROR, now));
                  }
                }
                obs.nameServerAddresses(RandomSetup.name(host, r), addresses);
              }
              if (outcomes.isEmpty()) {
                config.addNotifyTarget("192.0.2.250");
                outcomes.add(NotifyOutcome.answered(ip("192.0.2.250"), 53, Rcode.NOERROR, now));
              }
              if (r.nextBoolean()) {
                config.addTsigKey(
                    "key.example.",
                    "hmac-sha256",
                    Base64.getEncoder().encodeToString(new byte[32 + r.nextInt(32)]));
              }
              Collections.shuffle(all, r);
              obs.parentDelegation(all).apexNameServers(all);
              SecondaryDnsConfiguration built = config.build();
              HostFacts facts =
                  HostFacts.builder(Clock.fixed(now, ZoneOffset.UTC))
                      .appliedRevision(built.revision() + r.nextInt(2))
                      .dnssecEnabled(false)
                      .primarySoa(soa, now.minusSeconds(r.nextInt(10_000_000)))
                      .primaryNameServers(primaryNames)
                      .primaryTransferAddresses(List.of(ip("198.51.100.1")))
                      .secondaryAcceptsIpv6Primary(r.nextBoolean())
                      .secondaryTransferSources(
                          List.of(AddressPrefix.parse("192.0.2." + (200 + r.nextInt(50)))))
                      .notifyOutcomes(outcomes)
                      .primaryZoneDigest(digest, r.nextBoolean())
                      .build();
              DiagnosticReport report = DiagnosticEngine.diagnose(built, facts, obs.build());
              assertEquals(List.of(), report.findings());
              assertEquals(ReportStatus.OK, report.status());
              assertEquals(secondaries + primaries, report.nameServers().size());
              report.nameServers().forEach(n -> assertEquals(ServerStatus.OK, n.status()));
            });
  }
}
