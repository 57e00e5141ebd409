package io.github.secdns.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.serial.SerialNumber;
import io.github.secdns.core.store.PublishReceipt;
import io.github.secdns.core.store.StoredZone;
import io.github.secdns.core.store.VersionChange;
import io.github.secdns.core.store.VersionConflictException;
import io.github.secdns.core.store.VersionWrite;
import io.github.secdns.core.store.ZoneVersionStore;
import io.github.secdns.core.zone.ZoneHistory;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TXTRecord;

/**
 * The contract of {@link ZoneVersionStore#publishAll} every store must meet, as JUnit 5 tests to
 * inherit: an interface, so that a store's existing test class (which may extend its own base)
 * implements it and names the store under test:
 *
 * <pre>{@code
 * class MyStoreTest implements PublishAllContract {
 *   private final MyStore store = MyStore.empty();
 *   public ZoneVersionStore store() { return store; }
 * }
 * }</pre>
 *
 * <p>It checks that a batch stores every version, readable, with a feed position of its own in the
 * order of the writes; that each write is decided as a single publish decides it (the same content
 * again changes nothing); that one lost compare-and-set leaves nothing of the batch written and is
 * reported for the first such zone; that two writes for one zone are refused; and that an empty
 * batch writes nothing.
 */
public interface PublishAllContract {

  /**
   * Returns the store under test, empty at the start of each test.
   *
   * @return the store
   */
  ZoneVersionStore store();

  /** Every version of a batch is stored, each with its own feed position, in the writes' order. */
  @Test
  default void aBatchStoresEveryVersionWithAFeedPositionOfItsOwnInTheOrderOfTheWrites() {
    List<ZoneSnapshot> versions = List.of(version("b.test.", 1, 3), version("a.test.", 7, 1));
    List<VersionWrite> writes = versions.stream().map(VersionWrite::first).toList();
    long before = position(store());

    List<PublishReceipt> receipts = store().publishAll(writes);

    assertEquals(versions.size(), receipts.size());
    List<VersionChange> expectedFeed = new ArrayList<>();
    for (int i = 0; i < versions.size(); i++) {
      ZoneSnapshot v = versions.get(i);
      PublishReceipt receipt = receipts.get(i);
      assertEquals(v.origin(), receipt.zone(), "receipts in the order of the writes");
      assertEquals(v.serial(), receipt.serial());
      assertTrue(receipt.changed());
      if (i > 0) {
        assertTrue(receipt.position() > receipts.get(i - 1).position(), "positions grow");
      }
      StoredZone stored = store().load(v.origin()).orElseThrow();
      assertTrue(stored.snapshot().sameVersionAs(v), v.origin() + " stored as written");
      assertEquals(receipt.position(), stored.position());
      assertEquals(List.of(), stored.journal());
      expectedFeed.add(new VersionChange(v.origin(), Optional.of(v.serial()), receipt.position()));
    }
    assertEquals(expectedFeed, store().changesSince(before, 100), "the feed, one change a zone");
  }

  /**
   * Each write is decided as {@link ZoneVersionStore#publish} decides it: a next version with its
   * journal entry, a new zone, and exactly the stored content again (a success that writes nothing
   * and keeps the stored position), in one batch.
   */
  @Test
  default void eachWriteOfABatchIsDecidedAsASinglePublishWouldBe() {
    Clock clock = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
    ZoneSnapshot a1 = version("a.test.", 1, 2);
    ZoneSnapshot b1 = version("b.test.", 5, 2);
    store().publish(VersionWrite.first(a1));
    PublishReceipt storedB = store().publish(VersionWrite.first(b1));
    ZoneHistory a = ZoneHistory.start(a1, clock);
    ZoneHistory aNext = a.withVersion(version("a.test.", 2, 4));
    ZoneSnapshot c1 = version("c.test.", 1, 1);
    long before = position(store());

    List<PublishReceipt> receipts =
        store()
            .publishAll(
                List.of(
                    VersionWrite.between(a, aNext),
                    VersionWrite.first(b1),
                    VersionWrite.first(c1)));

    assertTrue(receipts.get(0).changed());
    assertFalse(receipts.get(1).changed(), "the stored content again changes nothing");
    assertEquals(storedB.position(), receipts.get(1).position());
    assertTrue(receipts.get(2).changed());
    StoredZone storedA = store().load(a1.origin()).orElseThrow();
    assertTrue(storedA.snapshot().sameVersionAs(aNext.current()));
    assertEquals(aNext.entries(), storedA.journal(), "the journal entry of the write");
    assertEquals(
        List.of(
            new VersionChange(
                a1.origin(), Optional.of(SerialNumber.of(2)), receipts.get(0).position()),
            new VersionChange(c1.origin(), Optional.of(c1.serial()), receipts.get(2).position())),
        store().changesSince(before, 100));
  }

  /**
   * One write that loses its compare-and-set, between writes that would win, leaves nothing of the
   * batch written, and the exception names the first losing zone in the order of the writes.
   */
  @Test
  default void aLostCompareAndSetInTheMiddleWritesNothingOfTheBatch() {
    ZoneSnapshot m5 = version("m.test.", 5, 2);
    ZoneSnapshot z5 = version("z.test.", 5, 2);
    store().publish(VersionWrite.first(m5));
    store().publish(VersionWrite.first(z5));
    long before = position(store());
    List<VersionWrite> writes =
        List.of(
            VersionWrite.first(version("a.test.", 1, 1)),
            // The store holds m.test. already: another publisher was first.
            VersionWrite.first(version("m.test.", 6, 3)),
            VersionWrite.first(version("n.test.", 1, 1)),
            // Serial 5 of z.test. names other content.
            VersionWrite.first(version("z.test.", 5, 9)));

    VersionConflictException e =
        assertThrows(VersionConflictException.class, () -> store().publishAll(writes));

    assertEquals(m5.origin(), e.zone(), "the first losing write");
    assertEquals(VersionConflictException.Reason.CURRENT_MOVED, e.reason());
    assertEquals(Optional.of(m5.serial()), e.currentSerial());
    assertEquals(List.of(), store().changesSince(before, 100), "nothing in the feed");
    assertEquals(Optional.empty(), store().load(name("a.test.")), "nothing before the conflict");
    assertEquals(Optional.empty(), store().load(name("n.test.")), "nothing after it");
    assertTrue(store().load(m5.origin()).orElseThrow().snapshot().sameVersionAs(m5));
    assertTrue(store().load(z5.origin()).orElseThrow().snapshot().sameVersionAs(z5));
  }

  /** Two writes for one zone, in any letter case, are refused before anything is written. */
  @Test
  default void twoWritesForOneZoneAreRefusedAndNothingIsWritten() {
    long before = position(store());
    List<VersionWrite> writes =
        List.of(
            VersionWrite.first(version("a.test.", 1, 1)),
            VersionWrite.first(version("dup.test.", 1, 1)),
            VersionWrite.first(version("DUP.Test.", 2, 1)));

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> store().publishAll(writes));

    String message = String.valueOf(e.getMessage());
    assertTrue(
        message.toLowerCase(Locale.ROOT).contains("zone dup.test."), "names the zone: " + message);
    assertEquals(List.of(), store().changesSince(before, 100));
    assertEquals(Optional.empty(), store().load(name("a.test.")));
  }

  /** An empty batch returns no receipt and writes nothing. */
  @Test
  default void anEmptyBatchWritesNothing() {
    long before = position(store());
    assertEquals(List.of(), store().publishAll(List.of()));
    assertEquals(List.of(), store().changesSince(before, 100));
  }

  /** The feed position of the store's newest change. */
  private static long position(ZoneVersionStore store) {
    return store.loadAll(zone -> {}, warning -> {});
  }

  private static Name name(String text) {
    return Name.fromConstantString(text);
  }

  /** Version {@code serial} of a zone: TXT records "r1".."r{records}" at the apex. */
  private static ZoneSnapshot version(String origin, long serial, int records) {
    Name zone = name(origin);
    SOARecord soa =
        new SOARecord(
            zone,
            DClass.IN,
            3600,
            name("ns1." + origin),
            name("hostmaster." + origin),
            serial,
            3600,
            600,
            604800,
            300);
    List<Record> txt = new ArrayList<>();
    for (int i = 1; i <= records; i++) {
      txt.add(new TXTRecord(zone, DClass.IN, 300, "r" + i));
    }
    return ZoneSnapshot.of(soa, txt);
  }
}
