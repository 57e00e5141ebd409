package io.github.secdns.core.store;

import static io.github.secdns.testsupport.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.github.secdns.core.serial.SerialNumber;
import io.github.secdns.core.zone.HistoryEntry;
import io.github.secdns.core.zone.ZoneDiff;
import io.github.secdns.core.zone.ZoneHistory;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;

class VersionWriteTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);
  private static final Name ORIGIN = Name.fromConstantString("example.com.");

  /** A version with the A records 192.0.2.i for every bit i set in {@code mask} (32 bits). */
  static ZoneSnapshot version(long serial, int mask) {
    List<Record> records = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      if ((mask >>> i & 1) != 0) {
        records.add(a(i));
      }
    }
    return ZoneSnapshot.of(soa(ORIGIN, serial), records);
  }

  static SOARecord soa(Name origin, long serial) {
    return new SOARecord(
        origin,
        DClass.IN,
        3600,
        Name.fromConstantString("ns1.example.com."),
        Name.fromConstantString("hostmaster.example.com."),
        serial,
        7200,
        900,
        1209600,
        300);
  }

  static ARecord a(int i) {
    try {
      return new ARecord(
          Name.fromConstantString("h" + i + ".example.com."),
          DClass.IN,
          300,
          InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, (byte) i}));
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * The compare-and-set every store applies: the stored version again writes nothing, another
   * content under the stored serial or a stored serial not the expected one loses; the stored
   * content is only asked about when the serials are equal.
   */
  @Test
  void aWriteIsDecidedAgainstWhatTheStoreHolds() {
    ZoneHistory before = ZoneHistory.start(version(1, 0b01), CLOCK);
    VersionWrite next = VersionWrite.between(before, before.withVersion(version(2, 0b11)));
    VersionWrite.StoredContent<RuntimeException> neverAsked =
        () -> {
          throw new AssertionError("the content is compared only under the same serial");
        };

    assertEquals(Optional.empty(), next.decide(Optional.of(SerialNumber.of(1)), 5, neverAsked));
    assertEquals(
        Optional.of(new PublishReceipt(ORIGIN, SerialNumber.of(2), false, 9)),
        next.decide(Optional.of(SerialNumber.of(2)), 9, () -> true));
    VersionConflictException taken =
        assertThrows(
            VersionConflictException.class,
            () -> next.decide(Optional.of(SerialNumber.of(2)), 9, () -> false));
    assertEquals(VersionConflictException.Reason.SERIAL_TAKEN, taken.reason());
    VersionConflictException moved =
        assertThrows(
            VersionConflictException.class,
            () -> next.decide(Optional.of(SerialNumber.of(3)), 9, neverAsked));
    assertEquals(VersionConflictException.Reason.CURRENT_MOVED, moved.reason());
    assertEquals(
        VersionConflictException.Reason.CURRENT_MOVED,
        assertThrows(
                VersionConflictException.class, () -> next.decide(Optional.empty(), 0, neverAsked))
            .reason(),
        "a withdrawn or absent zone is not the version expected");
    VersionWrite first = VersionWrite.first(version(7, 0b1));
    assertEquals(Optional.empty(), first.decide(Optional.empty(), 0, neverAsked));
  }

  @Test
  void theFirstVersionOfAZoneExpectsNoVersionAndWritesNoJournal() {
    VersionWrite w = VersionWrite.first(version(7, 0xFF));
    assertEquals(Optional.empty(), w.expectedSerial());
    assertEquals(Optional.empty(), w.journalEntry());
    assertEquals(0, w.journalKeep());
  }

  @Test
  void betweenTwoHistoriesCarriesTheNewEntryAndTheBounds() {
    ZoneHistory h1 = ZoneHistory.start(version(1, 0xFFFF), CLOCK);
    ZoneHistory h2 = h1.withVersion(version(2, 0xFFFE));
    ZoneHistory h3 = h2.withVersion(version(3, 0xFFFC));

    VersionWrite w = VersionWrite.between(h2, h3);

    assertEquals(Optional.of(SerialNumber.of(2)), w.expectedSerial());
    assertEquals(h3.current(), w.version());
    assertEquals(
        ZoneDiff.between(h2.current(), h3.current()), w.journalEntry().orElseThrow().delta());
    assertEquals(2, w.journalKeep());
  }

  @Test
  void theSameContentAgainIsARepublishOfTheCurrentSerial() {
    ZoneHistory h1 = ZoneHistory.start(version(1, 0xFF), CLOCK);
    ZoneHistory h2 = h1.withVersion(version(2, 0xFE));
    VersionWrite w = VersionWrite.between(h2, h2.withVersion(version(2, 0xFE)));
    assertEquals(Optional.of(SerialNumber.of(2)), w.expectedSerial());
    assertEquals(SerialNumber.of(2), w.version().serial());
    assertEquals(Optional.empty(), w.journalEntry());
    assertEquals(1, w.journalKeep());
  }

  @Test
  void aDeltaLargerThanTheZoneEmptiesTheJournal() {
    ZoneHistory h1 = ZoneHistory.start(version(1, 0x0F), CLOCK);
    VersionWrite w = VersionWrite.between(h1, h1.withVersion(version(2, 0xF0)));
    assertEquals(Optional.empty(), w.journalEntry());
    assertEquals(0, w.journalKeep());
  }

  @Test
  void partsThatDoNotFitAreRefusedWithTheirSerials() {
    ZoneSnapshot v1 = version(1, 0xFF);
    ZoneSnapshot v2 = version(2, 0xFE);
    HistoryEntry delta12 = new HistoryEntry(ZoneDiff.between(v1, v2), CLOCK.instant());

    IllegalArgumentException back =
        assertThrows(
            IllegalArgumentException.class,
            () -> new VersionWrite(v1, Optional.of(SerialNumber.of(2)), Optional.empty(), 0));
    assertEquals(
        "zone example.com.: serial 1 is not newer than the current serial 2 (RFC 1982); a serial"
            + " names one content, raise the serial",
        back.getMessage());
    IllegalArgumentException wrongStart =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new VersionWrite(
                    version(3, 0xFC), Optional.of(SerialNumber.of(2)), Optional.of(delta12), 1));
    assertEquals(
        "zone example.com.: the journal entry leads from 1 to 2, not from 2 to 3",
        wrongStart.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> new VersionWrite(v2, Optional.empty(), Optional.of(delta12), 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> new VersionWrite(v2, Optional.of(SerialNumber.of(1)), Optional.of(delta12), 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> new VersionWrite(v2, Optional.of(SerialNumber.of(1)), Optional.empty(), -1));
    // 2^31 apart is undefined in RFC 1982: not newer.
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new VersionWrite(
                version(0x8000_0001L, 0xFF), Optional.of(SerialNumber.of(1)), Optional.empty(), 0));
  }

  @Test
  void historiesOfDifferentZonesOrThatDoNotContinueAreRefused() {
    ZoneHistory h1 = ZoneHistory.start(version(1, 0xFF), CLOCK);
    ZoneHistory other =
        ZoneHistory.start(
            ZoneSnapshot.of(soa(Name.fromConstantString("example.net."), 2), List.of()), CLOCK);
    assertThrows(IllegalArgumentException.class, () -> VersionWrite.between(h1, other));
    ZoneHistory elsewhere =
        ZoneHistory.start(version(5, 0xFF), CLOCK).withVersion(version(6, 0xFE));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> VersionWrite.between(h1, elsewhere));
    assertEquals(
        "zone example.com.: the newer history does not continue the older one (its newest delta"
            + " starts at serial 5, not at 1); build it with before.withVersion(next)",
        e.getMessage());
  }

  /**
   * Property: a store that applies each write (append the entry, keep the newest journalKeep) holds
   * exactly the publisher's history, so every node that restores from it answers IXFR the same way
   * as the publisher.
   */
  @Test
  void applyingTheWritesKeepsTheJournalEqualToThePublishersHistory() {
    qt().forAll(lists().of(integers().all()).ofSizeBetween(1, 30), integers().between(1, 3))
        .checkAssert(
            (masks, step) -> {
              long serial = 1;
              ZoneHistory history = ZoneHistory.start(version(serial, masks.get(0)), CLOCK);
              List<HistoryEntry> journal = new ArrayList<>();
              for (int mask : masks.subList(1, masks.size())) {
                serial += step;
                ZoneHistory after = history.withVersion(version(serial, mask));
                VersionWrite w = VersionWrite.between(history, after);
                w.journalEntry().ifPresent(journal::add);
                journal =
                    new ArrayList<>(
                        journal.subList(
                            journal.size() - Math.min(journal.size(), w.journalKeep()),
                            journal.size()));
                assertEquals(after.entries(), journal);
                assertEquals(
                    after.entries(),
                    new StoredZone(after.current(), journal, 0, List.of())
                        .history(CLOCK)
                        .entries());
                history = after;
              }
            });
  }

  @Test
  void aConflictSaysWhoWonAndWhatToDo() {
    VersionConflictException taken =
        new VersionConflictException(
            ORIGIN,
            VersionConflictException.Reason.SERIAL_TAKEN,
            Optional.of(SerialNumber.of(5)),
            Optional.of(SerialNumber.of(4)),
            Optional.of(SerialNumber.of(5)));
    assertEquals(
        "zone example.com.: serial 5 already names other content in the store; nothing was"
            + " written (publish the change with a new serial)",
        taken.getMessage());
    VersionConflictException fresh =
        new VersionConflictException(
            ORIGIN,
            VersionConflictException.Reason.CURRENT_MOVED,
            Optional.of(SerialNumber.of(1)),
            Optional.empty(),
            Optional.of(SerialNumber.of(9)));
    assertEquals(
        "zone example.com.: the store holds serial 9 but this publish of serial 1 expected a new"
            + " zone; another publisher changed it first and nothing was written (load the current"
            + " version and try again)",
        fresh.getMessage());
  }
}
