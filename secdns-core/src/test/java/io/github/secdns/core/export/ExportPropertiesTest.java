package io.github.secdns.core.export;

import static io.github.secdns.core.export.Fixtures.ORIGIN;
import static io.github.secdns.core.export.Fixtures.clockAt;
import static io.github.secdns.core.export.Fixtures.hostSoa;
import static io.github.secdns.core.export.Fixtures.name;
import static io.github.secdns.testsupport.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.secdns.core.serial.SerialNumber;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

class ExportPropertiesTest {

  /** A host kind for the properties: serves one fixed address. */
  record FixedRecord(Name name, long ttl, int lastOctet) implements VirtualRecord {}

  private static final List<String> OWNERS =
      List.of(
          "example.com.",
          "www.example.com.",
          "Mail.example.com.",
          "a.b.example.com.",
          "api.example.com.",
          "WWW.example.com.");
  private static final List<Name> TARGETS =
      List.of(name("lb1.cdn.net."), name("lb2.cdn.net."), name("LB1.cdn.net."));
  private static final List<InetAddress> REDIRECTOR =
      List.of(address(new byte[] {(byte) 203, 0, 113, 5}));
  private static final Set<Integer> STANDARD_TYPES =
      Set.of(Type.NS, Type.A, Type.AAAA, Type.TXT, Type.MX);

  private static InetAddress address(byte[] bytes) {
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static ZoneExporter exporter(long clockSeconds) {
    return ZoneExporter.builder(clockAt(clockSeconds))
        .expander(
            FixedRecord.class,
            (r, ctx) ->
                List.of(
                    new ARecord(
                        r.name(),
                        ctx.dclass(),
                        r.ttl(),
                        address(new byte[] {10, 9, 9, (byte) r.lastOctet()}))))
        .build();
  }

  /** A host zone and its resolutions, built deterministically from seeds. */
  record Scenario(long zoneSeed, long resolutionSeed, long hostSerial) {

    HostZone zone() {
      Random r = new Random(zoneSeed);
      HostZone.Builder b = HostZone.builder(hostSoa(hostSerial));
      int standard = r.nextInt(8);
      for (int i = 0; i < standard; i++) {
        Name owner = name(OWNERS.get(r.nextInt(OWNERS.size())));
        long ttl = List.of(60L, 300L, 3600L).get(r.nextInt(3));
        switch (r.nextInt(3)) {
          case 0 ->
              b.record(
                  new ARecord(
                      owner,
                      DClass.IN,
                      ttl,
                      address(new byte[] {(byte) 192, 0, 2, (byte) r.nextInt(256)})));
          case 1 -> b.record(new TXTRecord(owner, DClass.IN, ttl, "t" + r.nextInt(5)));
          default ->
              b.record(
                  new MXRecord(
                      owner,
                      DClass.IN,
                      ttl,
                      r.nextInt(20),
                      name("mx" + r.nextInt(3) + ".example.net.")));
        }
      }
      // Virtual records at distinct owners (two ALIASes at one name would be an error).
      List<String> free =
          new ArrayList<>(
              List.of(
                  "example.com.", "alias.example.com.", "go.example.com.", "pool.example.com."));
      int virtual = r.nextInt(4);
      for (int i = 0; i < virtual && !free.isEmpty(); i++) {
        Name owner = name(free.remove(r.nextInt(free.size())));
        long ttl = 30L + r.nextInt(600);
        switch (r.nextInt(3)) {
          case 0 ->
              b.virtualRecord(new AliasRecord(owner, ttl, TARGETS.get(r.nextInt(TARGETS.size()))));
          case 1 -> b.virtualRecord(new UrlRecord(owner, ttl, "https://example.org/" + i));
          default -> b.virtualRecord(new FixedRecord(owner, ttl, r.nextInt(256)));
        }
      }
      return b.build();
    }

    Map<Name, TargetResolution> resolutions() {
      Random r = new Random(resolutionSeed);
      Map<Name, TargetResolution> m = new LinkedHashMap<>();
      for (Name target : TARGETS) {
        switch (r.nextInt(4)) {
          case 0 -> {} // no value given
          case 1 -> m.put(target, TargetResolution.unresolved("time-out"));
          default -> {
            List<InetAddress> addresses = new ArrayList<>();
            int n = 1 + r.nextInt(3);
            for (int i = 0; i < n; i++) {
              addresses.add(
                  r.nextBoolean()
                      ? address(new byte[] {(byte) 198, 51, 100, (byte) r.nextInt(4)})
                      : address(
                          new byte[] {
                            0x20,
                            1,
                            0x0d,
                            (byte) 0xb8,
                            0,
                            0,
                            0,
                            0,
                            0,
                            0,
                            0,
                            0,
                            0,
                            0,
                            0,
                            (byte) r.nextInt(4)
                          }));
            }
            m.put(
                target,
                new TargetResolution.Resolved(
                    addresses,
                    r.nextBoolean() ? OptionalLong.empty() : OptionalLong.of(r.nextInt(900))));
          }
        }
      }
      return m;
    }

    ExportRequest.Builder request(SerialPolicy policy) {
      return Fixtures.request(zone())
          .serialPolicy(policy)
          .resolutions(resolutions())
          .redirector(REDIRECTOR);
    }
  }

  private static Gen<Long> seeds() {
    return longs().between(0, 50);
  }

  private static Gen<Long> hostSerials() {
    // Every serial, with extra weight right below the wrap at 2^32.
    return longs()
        .between(0, SerialNumber.MAX_VALUE)
        .mix(longs().between(SerialNumber.MAX_VALUE - 3, SerialNumber.MAX_VALUE), 40);
  }

  private static Gen<Scenario> scenarios() {
    return seeds().zip(seeds(), hostSerials(), Scenario::new);
  }

  private static Gen<SerialPolicy> policies() {
    return arbitrary().enumValues(SerialPolicy.class);
  }

  private static Gen<Long> clocks() {
    // Unix time from 1970 well past the 32-bit wrap in 2106.
    return longs().between(0, 1L << 33);
  }

  @Test
  void theExportNeverContainsAVirtualRecord() {
    qt().forAll(scenarios(), policies(), clocks())
        .checkAssert(
            (s, policy, clock) -> {
              HostZone zone = s.zone();
              ExportResult result = exporter(clock).export(s.request(policy).build());
              Set<Name> virtualOwners = new HashSet<>();
              zone.virtualRecords().forEach(v -> virtualOwners.add(v.name()));
              for (Record r : result.snapshot().records()) {
                assertTrue(STANDARD_TYPES.contains(r.getType()), r.toString());
                boolean fromHost = zone.records().contains(r);
                boolean apexNs = r.getType() == Type.NS && r.getName().equals(ORIGIN);
                boolean flattened =
                    (r.getType() == Type.A || r.getType() == Type.AAAA)
                        && virtualOwners.contains(r.getName());
                assertTrue(fromHost || apexNs || flattened, "unexpected record " + r);
              }
              // Every virtual record is accounted for: flattened, or reported as left out.
              long accounted =
                  result.findings().stream()
                      .filter(
                          f ->
                              f.code() == ExportFindingCode.VIRTUAL_RECORD_FLATTENED
                                  || f.code() == ExportFindingCode.ALIAS_TARGET_UNRESOLVED_OMITTED)
                      .count();
              assertEquals(zone.virtualRecords().size(), accounted);
            });
  }

  @Test
  void anExportWhoseContentChangedAlwaysHasAGreaterSerial() {
    qt().forAll(scenarios(), integers().between(0, 3), policies(), clocks())
        .checkAssert(
            (s, mutation, policy, clock) -> {
              // The first export keeps the host's serial so that the previous serial is arbitrary,
              // including right below the wrap.
              ExportResult previous =
                  exporter(clock).export(s.request(SerialPolicy.KEEP_HOST).build());
              Scenario next =
                  switch (mutation) {
                    case 0 -> s; // the same input
                    case 1 -> new Scenario(s.zoneSeed(), s.resolutionSeed() + 1, s.hostSerial());
                    case 2 ->
                        new Scenario(
                            s.zoneSeed(),
                            s.resolutionSeed(),
                            (s.hostSerial() + 1) & SerialNumber.MAX_VALUE);
                    default ->
                        new Scenario(s.zoneSeed() + 1, s.resolutionSeed() + 1, s.hostSerial());
                  };
              ExportResult result =
                  exporter(clock + mutation)
                      .export(next.request(policy).previous(previous).build());
              if (result.contentChanged()) {
                assertTrue(
                    result.serial().isNewerThan(previous.serial()),
                    result.serial() + " is not greater than " + previous.serial());
                assertFalse(sameApartFromSerial(previous.snapshot(), result.snapshot()));
              } else {
                assertEquals(previous.serial(), result.serial());
                assertEquals(previous.snapshot(), result.snapshot());
                assertTrue(sameApartFromSerial(previous.snapshot(), result.snapshot()));
              }
            });
  }

  @Test
  void exportingTheSameInputTwiceGivesTheSameSnapshot() {
    qt().forAll(scenarios(), policies(), clocks())
        .checkAssert(
            (s, policy, clock) -> {
              ExportResult one = exporter(clock).export(s.request(policy).build());
              ExportResult two = exporter(clock).export(s.request(policy).build());
              assertEquals(one.snapshot(), two.snapshot());
              assertEquals(one.serial(), two.serial());
              assertEquals(one.snapshot().records(), two.snapshot().records());
              assertTrue(sameApartFromSerial(one.snapshot(), two.snapshot()));
              assertEquals(one.findings(), two.findings());

              // Exporting it again on top of itself, even later, changes nothing.
              ExportResult again =
                  exporter(clock + 86_400).export(s.request(policy).previous(one).build());
              assertFalse(again.contentChanged());
              assertEquals(one.snapshot(), again.snapshot());
              assertEquals(one.serial(), again.serial());
            });
  }

  /** The same version once both carry the same serial: the content test the exporter makes. */
  private static boolean sameApartFromSerial(
      io.github.secdns.core.zone.ZoneSnapshot a, io.github.secdns.core.zone.ZoneSnapshot b) {
    org.xbill.DNS.SOARecord s = b.soa();
    return a.sameVersionAs(
        b.withSoa(
            new org.xbill.DNS.SOARecord(
                s.getName(),
                s.getDClass(),
                s.getTTL(),
                s.getHost(),
                s.getAdmin(),
                a.soa().getSerial(),
                s.getRefresh(),
                s.getRetry(),
                s.getExpire(),
                s.getMinimum())));
  }
}
