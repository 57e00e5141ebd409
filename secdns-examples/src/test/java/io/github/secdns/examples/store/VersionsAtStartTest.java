package io.github.secdns.examples.store;

import static io.github.secdns.testsupport.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.github.secdns.core.store.StoredZone;
import io.github.secdns.core.store.VersionWrite;
import io.github.secdns.core.zone.ZoneHistory;
import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.testkit.InMemoryZoneVersionStore;
import io.github.secdns.testsupport.zones.TestRecords;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * {@link VersionsAtStart}'s read, handed on to the source that serves the store, is what the store
 * holds after the start's writes: the versions and the journals a load of each zone returns, so a
 * node serving from it answers as a node that reads the store itself.
 */
class VersionsAtStartTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);

  /** Zone {@code i}'s version {@code serial}: one more www address per serial. */
  private static ZoneSnapshot version(int zone, long serial) {
    String origin = "z" + zone + ".example.";
    Name name = TestRecords.name(origin);
    List<Record> records = new ArrayList<>();
    records.add(new NSRecord(name, DClass.IN, 3600, TestRecords.name("ns1.host.example.")));
    for (long s = 1; s <= serial; s++) {
      try {
        records.add(
            new ARecord(
                TestRecords.name("www" + s + "." + origin),
                DClass.IN,
                300,
                InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, (byte) s})));
      } catch (UnknownHostException e) {
        throw new AssertionError(e);
      }
    }
    return ZoneSnapshot.of(TestRecords.soa(origin, serial), records);
  }

  /**
   * Each zone is a number: how many versions the store holds (0: none), whether its journal is
   * damaged (odd tens), and the file's version (hundreds: 0 the stored one, 1 the next, 2 no file).
   * Whatever the mix, the read handed on equals a load of every zone after the start.
   */
  @Test
  void theReadHandedOnIsWhatTheStoreHoldsAfterTheStart() {
    qt().withExamples(200)
        .forAll(lists().of(integers().between(0, 299)).ofSizeBetween(1, 8))
        .checkAssert(
            zones -> {
              InMemoryZoneVersionStore store = new InMemoryZoneVersionStore();
              List<ZoneSnapshot> files = new ArrayList<>();
              for (int i = 0; i < zones.size(); i++) {
                int stored = zones.get(i) % 10 % 5;
                for (long s = 1; s <= stored; s++) {
                  store.publishNext(version(i, s), CLOCK);
                }
                if (stored > 0 && zones.get(i) / 10 % 2 == 1) {
                  store.corruptJournal(version(i, 1).origin());
                }
                int file = zones.get(i) / 100;
                if (file < 2) {
                  files.add(version(i, Math.max(1, stored + file)));
                }
              }
              VersionsAtStart.Outcome outcome =
                  VersionsAtStart.publish(
                      store,
                      files,
                      (version, held) -> {
                        ZoneHistory before = held.history(CLOCK);
                        return Optional.of(
                            VersionWrite.between(before, before.withVersion(version)));
                      });
              assertEquals(List.of(), outcome.left());
              Map<Name, StoredZone> read = new LinkedHashMap<>();
              outcome.read().zones().forEach(z -> read.put(z.snapshot().origin(), z));
              Map<Name, StoredZone> loaded = new LinkedHashMap<>();
              store.loadAll(z -> loaded.put(z.snapshot().origin(), z), w -> {});
              assertEquals(loaded.keySet(), read.keySet(), "the zones");
              for (Name zone : loaded.keySet()) {
                StoredZone held = store.load(zone).orElseThrow();
                assertEquals(held, read.get(zone), zone + " as a load returns it");
                assertEquals(
                    held.history(CLOCK).entries(),
                    read.get(zone).history(CLOCK).entries(),
                    zone + "'s history");
              }
            });
  }
}
