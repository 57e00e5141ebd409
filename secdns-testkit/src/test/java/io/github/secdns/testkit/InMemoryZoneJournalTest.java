package io.github.secdns.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.serial.SerialNumber;
import io.github.secdns.core.zone.HistoryLookup;
import io.github.secdns.core.zone.ZoneHistory;
import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.testsupport.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TXTRecord;

/**
 * A zone's history survives a restart through the journal, and a journal that does not lead to the
 * current version is not trusted. (These are tests of {@code ZoneHistory.restore} with a journal;
 * they live beside the one in-memory journal because secdns-core's own tests cannot depend on a
 * module that depends on secdns-core.)
 */
class InMemoryZoneJournalTest {

  private static final Name ORIGIN = Name.fromConstantString("example.com.");
  private static final int BASE = 0xFFFF;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

  /** Version {@code serial}: TXT records "r0".."r31" of the bits set in {@code mask}. */
  private static ZoneSnapshot snapshot(long serial, int mask) {
    List<Record> records = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      if ((mask >>> i & 1) != 0) {
        records.add(new TXTRecord(ORIGIN, DClass.IN, 300, "r" + i));
      }
    }
    Name ns = Name.fromConstantString("ns1.example.com.");
    return ZoneSnapshot.of(
        new SOARecord(ORIGIN, DClass.IN, 3600, ns, ns, serial, 3600, 600, 1_209_600, 300), records);
  }

  @Test
  void historySurvivesARestartThroughTheJournal() {
    InMemoryZoneJournal journal = new InMemoryZoneJournal();
    ZoneHistory h =
        ZoneHistory.start(snapshot(1, BASE), clock)
            .withVersion(snapshot(2, BASE ^ 0b1), journal)
            .withVersion(snapshot(3, BASE ^ 0b11), journal);
    assertEquals(h.entries(), journal.load(ORIGIN));

    ZoneHistory restored = ZoneHistory.restore(snapshot(3, BASE ^ 0b11), journal, clock);

    assertEquals(h.entries(), restored.entries());
    assertEquals(h.lookup(SerialNumber.of(1)), restored.lookup(SerialNumber.of(1)));
    // A version larger than the zone's bound empties the journal too.
    restored.withVersion(snapshot(4, ~BASE), journal);
    assertTrue(journal.load(ORIGIN).isEmpty());
  }

  @Test
  void aJournalThatDoesNotEndAtTheCurrentVersionIsNotTrusted() {
    InMemoryZoneJournal journal = new InMemoryZoneJournal();
    ZoneHistory.start(snapshot(1, BASE), clock)
        .withVersion(snapshot(2, BASE ^ 0b1), journal)
        .withVersion(snapshot(3, BASE ^ 0b11), journal);
    // The host restarts at serial 5: the journal missed the versions in between.
    ZoneHistory restored = ZoneHistory.restore(snapshot(5, BASE), journal, clock);
    assertTrue(restored.entries().isEmpty());
    assertTrue(journal.load(ORIGIN).isEmpty());
    assertInstanceOf(HistoryLookup.FullZone.class, restored.lookup(SerialNumber.of(2)));
  }

  @Test
  void aJournalWhoseNewestDeltaContradictsTheCurrentContentIsNotTrusted() {
    InMemoryZoneJournal journal = new InMemoryZoneJournal();
    ZoneHistory.start(snapshot(1, BASE), clock)
        .withVersion(snapshot(2, BASE ^ 0b1), journal)
        .withVersion(snapshot(3, BASE ^ 0b1 ^ (1 << 20)), journal);
    // Serial 3 again, but without the record that 2 -> 3 added: the serial names other content.
    ZoneHistory restored = ZoneHistory.restore(snapshot(3, BASE ^ 0b1), journal, clock);
    assertTrue(restored.entries().isEmpty());
  }

  @Test
  void zonesAreKeptApartAndKeepNewestDropsTheOldest() {
    InMemoryZoneJournal journal = new InMemoryZoneJournal();
    Name other = Name.fromConstantString("other.example.");
    ZoneHistory.start(snapshot(1, BASE), clock)
        .withVersion(snapshot(2, BASE ^ 0b1), journal)
        .withVersion(snapshot(3, BASE ^ 0b11), journal);
    assertEquals(List.of(), journal.load(other));
    journal.keepNewest(other, 0);
    journal.keepNewest(ORIGIN, 1);
    assertEquals(1, journal.load(ORIGIN).size());
    assertEquals(3, journal.load(ORIGIN).get(0).delta().toSerial().value());
    assertThrows(IllegalArgumentException.class, () -> journal.keepNewest(ORIGIN, -1));
  }
}
