package io.github.secdns.axfr.internal;

import static io.github.secdns.testsupport.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.secdns.axfr.ServedVersion;
import io.github.secdns.core.config.NotifyTarget;
import io.github.secdns.core.serial.SerialNumber;
import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.testsupport.zones.GeneratedZone;
import io.github.secdns.testsupport.zones.ZoneGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

/**
 * One entry per zone (issue 13): the served version, the history, the applied version and the
 * NOTIFY serial kept in primitive fields give back exactly what was put in, and a withdrawal takes
 * all of it.
 */
class ZoneEntryTest {

  private static final Name ZONE = Name.fromConstantString("z1.example.");
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-02T00:00:00Z"), ZoneOffset.UTC);

  private static ServedVersion version(
      long serial, Optional<Long> revision, long second, int nano) {
    return new ServedVersion(
        ZONE,
        SerialNumber.of(serial),
        revision.map(OptionalLong::of).orElseGet(OptionalLong::empty),
        Instant.ofEpochSecond(second, nano));
  }

  @Test
  void anyAppliedVersionComesBackEqualAndReplacesOnlyWhatWasRead() {
    qt().forAll(
            longs().between(0, 0xFFFF_FFFFL),
            longs().all().toOptionals(30),
            longs().between(-31_557_014_167_219_200L, 31_556_889_864_403_199L),
            integers().between(0, 999_999_999))
        .checkAssert(
            (serial, revision, second, nano) -> {
              ZoneEntry entry = new ZoneEntry();
              assertEquals(Optional.empty(), entry.servedVersion());
              ServedVersion version = version(serial, revision, second, nano);
              entry.apply(version);
              assertEquals(Optional.of(version), entry.servedVersion());
              ServedVersion other = version(serial, Optional.of(7L), second, nano);
              ServedVersion next = version((serial + 1) & 0xFFFF_FFFFL, revision, second, nano);
              if (!other.equals(version)) {
                assertFalse(entry.replace(other, next), "only the version read is replaced");
                assertEquals(Optional.of(version), entry.servedVersion());
              }
              assertTrue(entry.replace(version, next));
              assertEquals(Optional.of(next), entry.servedVersion());
            });
  }

  @Test
  void theTargetsThatAcknowledgedTheNewestSerialAreRememberedAndANewSerialForgetsThem() {
    qt().forAll(longs().between(0, 0xFFFF_FFFFL), integers().between(1, 6))
        .checkAssert(
            (serial, count) -> {
              ZoneEntry entry = new ZoneEntry();
              SerialNumber s = SerialNumber.of(serial);
              java.util.List<NotifyTarget> targets = new java.util.ArrayList<>();
              for (int i = 0; i < count; i++) {
                targets.add(
                    new NotifyTarget(
                        java.net.InetAddress.getLoopbackAddress(), 5300 + i, Optional.empty()));
              }
              for (int i = 0; i < count; i++) {
                for (int j = 0; j < count; j++) {
                  assertEquals(j < i, entry.wasAcknowledged(s, targets.get(j)), i + "/" + j);
                }
                entry.acknowledged(s, targets.get(i));
                entry.acknowledged(s, targets.get(i)); // twice: remembered once
              }
              targets.forEach(t -> assertTrue(entry.wasAcknowledged(s, t)));
              SerialNumber next = s.plus(1);
              targets.forEach(t -> assertFalse(entry.wasAcknowledged(next, t)));
              entry.acknowledged(next, targets.get(0));
              assertTrue(entry.wasAcknowledged(next, targets.get(0)));
              targets.forEach(t -> assertFalse(entry.wasAcknowledged(s, t), "only the newest"));
            });
  }

  @Test
  void eachSerialIsNotifiedOnceAndNeverAnOlderOneAfterANewerOne() {
    qt().forAll(longs().between(0, 0xFFFF_FFFFL), integers().between(1, 0x7FFF_FFFF))
        .checkAssert(
            (serial, step) -> {
              ZoneEntry entry = new ZoneEntry();
              SerialNumber first = SerialNumber.of(serial);
              SerialNumber newer = first.plus(step);
              assertFalse(entry.wasNotified(first));
              assertTrue(entry.notifyIfNewer(first));
              assertTrue(entry.wasNotified(first));
              assertFalse(entry.notifyIfNewer(first), "once per serial");
              assertTrue(entry.notifyIfNewer(newer));
              assertFalse(entry.notifyIfNewer(first), "never older after newer");
              assertFalse(entry.wasNotified(first));
              entry.notified(first); // a NOTIFY the host asked for
              assertTrue(entry.wasNotified(first));
              // The applied version keeps the NOTIFY serial and the other way round.
              ServedVersion v = version(serial, Optional.empty(), 0, 0);
              entry.apply(v);
              assertTrue(entry.wasNotified(first));
              assertEquals(Optional.of(v), entry.servedVersion());
            });
  }

  @Test
  void theServedVersionsAndTheHistoriesShareOneEntryThatAWithdrawalRemoves() {
    ZoneEntries entries = new ZoneEntries();
    ServedZones served = new ServedZones(entries);
    ZoneHistories histories = new ZoneHistories(entries, Runnable::run, Optional.empty(), CLOCK);
    GeneratedZone generated = ZoneGenerator.small(ZONE, 1, 1);
    ZoneSnapshot snapshot = ZoneSnapshot.of(generated.soa(), generated.records());
    assertTrue(served.apply(ZONE, Optional.of(snapshot)) instanceof ServedZones.Added);
    assertTrue(histories.observe(snapshot).isDone());
    ZoneEntry entry = entries.find(ZONE);
    assertSame(snapshot, entry.served().orElseThrow());
    assertSame(snapshot, histories.ready(snapshot).orElseThrow().current());
    assertEquals(1, served.size());
    assertTrue(
        served.apply(ZONE, Optional.of(snapshot)) instanceof ServedZones.Unchanged,
        "the same version again");
    assertTrue(served.apply(ZONE, Optional.empty()) instanceof ServedZones.Withdrawn);
    assertNull(entries.find(ZONE), "history and reports went with the zone");
    assertTrue(histories.ready(snapshot).isEmpty());
    assertEquals(0, served.size());
    assertTrue(served.apply(ZONE, Optional.empty()) instanceof ServedZones.NotServed);
  }
}
