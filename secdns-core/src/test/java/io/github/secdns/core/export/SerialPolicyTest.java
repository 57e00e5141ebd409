package io.github.secdns.core.export;

import static io.github.secdns.core.export.Fixtures.ORIGIN;
import static io.github.secdns.core.export.Fixtures.a;
import static io.github.secdns.core.export.Fixtures.clockAt;
import static io.github.secdns.core.export.Fixtures.hostSoa;
import static io.github.secdns.core.export.Fixtures.name;
import static io.github.secdns.core.export.Fixtures.request;
import static io.github.secdns.testsupport.Addresses.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.serial.SerialComparison;
import io.github.secdns.core.serial.SerialNumber;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

class SerialPolicyTest {

  private static final Name TARGET = name("lb.cdn.net.");

  /** A zone with one A record (whose address varies) and an ALIAS at the apex. */
  private static HostZone zone(long hostSerial, String wwwAddress) {
    return HostZone.builder(hostSoa(hostSerial))
        .record(a("www.example.com.", 300, wwwAddress))
        .virtualRecord(new AliasRecord(ORIGIN, 300, TARGET))
        .build();
  }

  private static ExportResult export(
      Clock clock,
      SerialPolicy policy,
      HostZone zone,
      String aliasAddress,
      Optional<ExportResult> previous) {
    ExportRequest.Builder b =
        request(zone)
            .serialPolicy(policy)
            .resolution(TARGET, TargetResolution.resolved(List.of(ip(aliasAddress))));
    previous.ifPresent(b::previous);
    return ZoneExporter.create(clock).export(b.build());
  }

  private static ExportResult first(SerialPolicy policy, Clock clock, long hostSerial) {
    return export(clock, policy, zone(hostSerial, "192.0.2.1"), "198.51.100.1", Optional.empty());
  }

  /**
   * The export after {@code previous}: the zone with host serial {@code hostSerial} and its A
   * record at {@code wwwAddress}, the ALIAS target unchanged.
   */
  private static ExportResult next(
      Clock clock, SerialPolicy policy, ExportResult previous, long hostSerial, String wwwAddress) {
    return export(
        clock, policy, zone(hostSerial, wwwAddress), "198.51.100.1", Optional.of(previous));
  }

  private static void assertNewer(ExportResult newer, ExportResult older) {
    assertEquals(
        SerialComparison.GREATER,
        newer.serial().compareWith(older.serial()),
        newer.serial() + " should be greater than " + older.serial());
  }

  // ---- KEEP_HOST ----

  @Test
  void keepHostUsesTheHostsSerialWhenItMovesForward() {
    Clock clock = clockAt(0);
    ExportResult one = first(SerialPolicy.KEEP_HOST, clock, 100);
    assertEquals(SerialNumber.of(100), one.serial());

    ExportResult two = next(clock, SerialPolicy.KEEP_HOST, one, 105, "192.0.2.2");
    assertEquals(SerialNumber.of(105), two.serial());
    assertTrue(two.findings(ExportSeverity.WARNING).isEmpty());
  }

  @Test
  void keepHostStillMovesForwardWhenOnlyTheFlattenedValuesChanged() {
    Clock clock = clockAt(0);
    ExportResult one = first(SerialPolicy.KEEP_HOST, clock, 100);

    // Same host zone and serial; the ALIAS target now resolves elsewhere.
    ExportResult two =
        export(
            clock,
            SerialPolicy.KEEP_HOST,
            zone(100, "192.0.2.1"),
            "198.51.100.2",
            Optional.of(one));

    assertTrue(two.contentChanged());
    assertEquals(SerialNumber.of(101), two.serial());
    assertEquals(
        ExportFindingCode.HOST_SERIAL_NOT_KEPT, two.findings(ExportSeverity.WARNING).get(0).code());
  }

  @Test
  void keepHostFollowsAHostSerialThatWrappedPast2To32() {
    Clock clock = clockAt(0);
    ExportResult one = first(SerialPolicy.KEEP_HOST, clock, 0xFFFF_FFF0L);
    ExportResult two = next(clock, SerialPolicy.KEEP_HOST, one, 5, "192.0.2.2");
    assertEquals(SerialNumber.of(5), two.serial());
    assertNewer(two, one);
  }

  @Test
  void aHostSerialExactlyHalfTheSpaceAheadIsNotTrusted() {
    Clock clock = clockAt(0);
    ExportResult one = first(SerialPolicy.KEEP_HOST, clock, 10);
    ExportResult two = next(clock, SerialPolicy.KEEP_HOST, one, 10 + 0x8000_0000L, "192.0.2.2");
    assertEquals(SerialNumber.of(11), two.serial());
    assertNewer(two, one);
  }

  // ---- UNIX_TIME ----

  @Test
  void unixTimeUsesTheClockAndCountsOnWithinTheSameSecond() {
    ExportResult one = first(SerialPolicy.UNIX_TIME, clockAt(1_788_969_600L), 1);
    assertEquals(SerialNumber.of(1_788_969_600L), one.serial());

    ExportResult sameSecond =
        next(clockAt(1_788_969_600L), SerialPolicy.UNIX_TIME, one, 1, "192.0.2.2");
    assertEquals(SerialNumber.of(1_788_969_601L), sameSecond.serial());

    ExportResult later =
        next(clockAt(1_788_970_000L), SerialPolicy.UNIX_TIME, sameSecond, 1, "192.0.2.3");
    assertEquals(SerialNumber.of(1_788_970_000L), later.serial());
  }

  @Test
  void unixTimeNeverGoesBackWhenTheClockDoes() {
    ExportResult one = first(SerialPolicy.UNIX_TIME, clockAt(1_788_969_600L), 1);
    ExportResult back = next(clockAt(1_700_000_000L), SerialPolicy.UNIX_TIME, one, 1, "192.0.2.2");
    assertEquals(SerialNumber.of(1_788_969_601L), back.serial());
  }

  @Test
  void unixTimeWrapsModulo2To32AfterTheYear2106() {
    long after2106 = (1L << 32) + 1000;
    ExportResult one = first(SerialPolicy.UNIX_TIME, clockAt(after2106 - 2000), 1);
    assertEquals(SerialNumber.of(SerialNumber.MAX_VALUE - 999), one.serial());
    ExportResult two = next(clockAt(after2106), SerialPolicy.UNIX_TIME, one, 1, "192.0.2.2");
    assertEquals(SerialNumber.of(1000), two.serial());
    assertNewer(two, one);
  }

  // ---- DATE_COUNTER ----

  @Test
  void dateCounterStartsAtZeroAndCountsWithinTheDay() {
    Clock day = clockAt("2026-11-24T10:00:00Z");
    ExportResult one = first(SerialPolicy.DATE_COUNTER, day, 1);
    assertEquals(SerialNumber.of(2026112400L), one.serial());
    ExportResult two = next(day, SerialPolicy.DATE_COUNTER, one, 1, "192.0.2.2");
    assertEquals(SerialNumber.of(2026112401L), two.serial());
    ExportResult nextDay =
        next(clockAt("2026-11-25T00:00:01Z"), SerialPolicy.DATE_COUNTER, two, 1, "192.0.2.3");
    assertEquals(SerialNumber.of(2026112500L), nextDay.serial());
  }

  @Test
  void dateCounterRollsPast99IntoTheNextDaysNumberAndStaysGreater() {
    Clock day = clockAt("2026-11-24T10:00:00Z");
    // A previous export that already used nn = 99 today.
    ExportResult at99 = first(SerialPolicy.KEEP_HOST, day, 2026112499L);

    ExportResult rolled = next(day, SerialPolicy.DATE_COUNTER, at99, 1, "192.0.2.2");
    assertEquals(SerialNumber.of(2026112500L), rolled.serial());
    assertNewer(rolled, at99);

    // The next real day starts at 2026112500, already used: it counts on and stays greater.
    ExportResult tomorrow =
        next(clockAt("2026-11-25T08:00:00Z"), SerialPolicy.DATE_COUNTER, rolled, 1, "192.0.2.3");
    assertEquals(SerialNumber.of(2026112501L), tomorrow.serial());
    assertNewer(tomorrow, rolled);
  }

  // ---- INCREMENT ----

  @Test
  void incrementStartsFromTheHostSerialAndAddsOne() {
    Clock clock = clockAt(0);
    ExportResult one = first(SerialPolicy.INCREMENT, clock, 41);
    assertEquals(SerialNumber.of(41), one.serial());
    ExportResult two = next(clock, SerialPolicy.INCREMENT, one, 41, "192.0.2.2");
    assertEquals(SerialNumber.of(42), two.serial());
  }

  @Test
  void incrementWrapsNear2To32SkippingZero() {
    Clock clock = clockAt(0);
    ExportResult one = first(SerialPolicy.INCREMENT, clock, 0xFFFF_FFFEL);
    ExportResult two = next(clock, SerialPolicy.INCREMENT, one, 1, "192.0.2.2");
    assertEquals(SerialNumber.of(0xFFFF_FFFFL), two.serial());
    ExportResult three = next(clock, SerialPolicy.INCREMENT, two, 1, "192.0.2.3");
    assertEquals(SerialNumber.of(1), three.serial());
    assertNewer(two, one);
    assertNewer(three, two);
  }

  // ---- unchanged content ----

  @Test
  void unchangedContentKeepsThePreviousSerialUnderEveryPolicy() {
    for (SerialPolicy policy : SerialPolicy.values()) {
      ExportResult one = first(policy, clockAt("2026-11-24T10:00:00Z"), 7);
      // Later clock and a raised host serial, but the same records: nothing to transfer.
      ExportResult again = next(clockAt("2026-11-26T10:00:00Z"), policy, one, 9, "192.0.2.1");
      assertFalse(again.contentChanged(), policy.toString());
      assertEquals(one.serial(), again.serial(), policy.toString());
      assertEquals(one.snapshot(), again.snapshot(), policy.toString());
    }
  }

  @Test
  void aTtlOrLetterCaseChangeAloneIsAChange() {
    Clock clock = clockAt(0);
    HostZone base =
        HostZone.builder(hostSoa(1)).record(a("www.example.com.", 300, "192.0.2.1")).build();
    ExportResult one =
        ZoneExporter.create(clock)
            .export(request(base).serialPolicy(SerialPolicy.INCREMENT).build());

    HostZone ttl =
        HostZone.builder(hostSoa(1)).record(a("www.example.com.", 600, "192.0.2.1")).build();
    ExportResult two =
        ZoneExporter.create(clock)
            .export(request(ttl).serialPolicy(SerialPolicy.INCREMENT).previous(one).build());
    assertTrue(two.contentChanged());
    assertNewer(two, one);

    HostZone upper =
        HostZone.builder(hostSoa(1)).record(a("WWW.example.com.", 600, "192.0.2.1")).build();
    ExportResult three =
        ZoneExporter.create(clock)
            .export(request(upper).serialPolicy(SerialPolicy.INCREMENT).previous(two).build());
    assertTrue(three.contentChanged());
    assertNewer(three, two);
    Record www =
        three.snapshot().records().stream()
            .filter(r -> r.getName().equals(name("www.example.com.")))
            .findFirst()
            .orElseThrow();
    assertEquals("WWW.example.com.", www.getName().toString());
  }

  @Test
  void aChangedSoaSettingIsAChange() {
    Clock clock = clockAt(0);
    HostZone zone = HostZone.builder(hostSoa(1)).build();
    ExportResult one =
        ZoneExporter.create(clock)
            .export(request(zone).serialPolicy(SerialPolicy.INCREMENT).build());
    SoaSettings other =
        SoaSettings.builder(name("axfr.host.net."), name("admin.host.net.")).refresh(43200).build();
    ExportResult two =
        ZoneExporter.create(clock)
            .export(
                ExportRequest.builder(zone, other)
                    .primaryNameServers(List.of(Fixtures.NS1, Fixtures.NS2))
                    .secondaryNameServers(List.of(Fixtures.SEC1, Fixtures.SEC2))
                    .serialPolicy(SerialPolicy.INCREMENT)
                    .previous(one)
                    .build());
    assertTrue(two.contentChanged());
    assertNewer(two, one);
  }
}
