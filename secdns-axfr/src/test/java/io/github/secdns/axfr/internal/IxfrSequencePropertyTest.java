package io.github.secdns.axfr.internal;

import static io.github.secdns.testsupport.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.github.secdns.core.zone.ZoneHistory;
import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.testsupport.Edges;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * A secondary that reads the incremental sequence the way RFC 1995 section 4 describes (SOA
 * delimited: old SOA, deletions, new SOA, additions, until the current SOA closes it) ends with
 * exactly the current version, letter case and TTL included.
 */
class IxfrSequencePropertyTest {

  private static final Name ORIGIN = Name.fromConstantString("example.com.");
  private static final List<Record> UNIVERSE = new ArrayList<>();

  static {
    for (String owner : new String[] {"a", "A", "b"}) {
      for (String text : new String[] {"Hello", "hello", "x"}) {
        for (long ttl : new long[] {60, 120}) {
          UNIVERSE.add(
              new TXTRecord(
                  Name.fromConstantString(owner + ".example.com."), DClass.IN, ttl, text));
        }
      }
    }
  }

  private static SOARecord soa(long serial) {
    return new SOARecord(ORIGIN, DClass.IN, 3600, ORIGIN, ORIGIN, serial, 1, 1, 1_000_000, 1);
  }

  private static ZoneSnapshot version(long serial, int mask) {
    List<Record> records = new ArrayList<>();
    for (int i = 0; i < UNIVERSE.size(); i++) {
      if ((mask >>> i & 1) != 0) {
        records.add(UNIVERSE.get(i));
      }
    }
    return ZoneSnapshot.of(soa(serial), records);
  }

  private static final java.util.concurrent.atomic.AtomicInteger CHECKED =
      new java.util.concurrent.atomic.AtomicInteger();
  private static final java.util.concurrent.atomic.AtomicInteger SKIPPED =
      new java.util.concurrent.atomic.AtomicInteger();
  private static final java.util.concurrent.atomic.AtomicInteger ACROSS_THE_WRAP =
      new java.util.concurrent.atomic.AtomicInteger();
  private static final Clock CLOCK =
      Clock.fixed(java.time.Instant.parse("2026-11-24T00:00:00Z"), java.time.ZoneOffset.UTC);

  @Test
  void readingTheSequenceLikeASecondaryGivesTheCurrentVersion() {
    qt().forAll(
            lists().of(integers().all()).ofSizeBetween(2, 10),
            // Weighted right below 2^32 - 1: the sequence's serials wrap past 0.
            Edges.serialsBeforeTheWrap(10, 1),
            integers().between(0, 8))
        .checkAssert(
            (masks, first, pick) -> {
              List<ZoneSnapshot> versions = new ArrayList<>();
              long serial = first;
              ZoneHistory history = null;
              int mask = masks.get(0) | 1;
              for (int j = 0; j < masks.size(); j++) {
                if (j > 0) {
                  // Small changes (one or two records), so that the chain usually stays in history.
                  int m = masks.get(j);
                  mask ^=
                      1 << Math.floorMod(m, UNIVERSE.size())
                          | 1 << Math.floorMod(m >> 8, UNIVERSE.size());
                }
                ZoneSnapshot v = version(serial, mask);
                versions.add(v);
                history = history == null ? ZoneHistory.start(v, CLOCK) : history.withVersion(v);
                serial = (serial + 1) & 0xFFFF_FFFFL;
              }
              ZoneSnapshot client = versions.get(Math.min(pick, versions.size() - 2));
              IxfrResponsePlan plan =
                  IxfrResponsePlan.plan(
                      history,
                      new IxfrRequest(Record.newRecord(ORIGIN, Type.IXFR, DClass.IN), client.soa()),
                      false,
                      true);
              if (history.entries().size() < versions.size() - 1
                  && !(plan instanceof IxfrResponsePlan.Incremental)) {
                SKIPPED.incrementAndGet();
                return; // dropped from history by the size bound: the full zone, tested elsewhere
              }
              List<Record> sequence =
                  assertInstanceOf(IxfrResponsePlan.Incremental.class, plan).records();
              assertEquals(exact(history.current()), applyLikeASecondary(client, sequence));
              CHECKED.incrementAndGet();
              if (history.current().soa().getSerial() < client.soa().getSerial()) {
                ACROSS_THE_WRAP.incrementAndGet();
              }
            });
    assertTrue(CHECKED.get() > SKIPPED.get(), CHECKED + " checked, " + SKIPPED + " skipped");
    assertTrue(ACROSS_THE_WRAP.get() > 0, "no incremental answer crossed the 2^32 wrap");
  }

  private static Set<String> applyLikeASecondary(ZoneSnapshot start, List<Record> sequence) {
    SOARecord current = (SOARecord) sequence.get(0);
    Map<String, Record> zone = new LinkedHashMap<>();
    for (Record r : start.records()) {
      zone.put(key(r), r);
    }
    long serial = start.soa().getSerial();
    int i = 1;
    while (true) {
      SOARecord oldSoa = (SOARecord) sequence.get(i++);
      if (key(oldSoa).equals(key(current)) && i == sequence.size()) {
        break;
      }
      assertEquals(serial, oldSoa.getSerial());
      while (sequence.get(i).getType() != Type.SOA) {
        assertTrue(zone.remove(key(sequence.get(i++))) != null);
      }
      SOARecord newSoa = (SOARecord) sequence.get(i++);
      while (sequence.get(i).getType() != Type.SOA) {
        Record added = sequence.get(i++);
        assertTrue(zone.put(key(added), added) == null);
      }
      serial = newSoa.getSerial();
    }
    assertEquals(current.getSerial(), serial);
    Set<String> out = new TreeSet<>(zone.keySet());
    out.add(key(current));
    return out;
  }

  private static Set<String> exact(ZoneSnapshot snapshot) {
    Set<String> out = new TreeSet<>();
    for (Record r : snapshot.records()) {
      out.add(key(r));
    }
    out.add(key(snapshot.soa()));
    return out;
  }

  private static String key(Record r) {
    return HexFormat.of().formatHex(r.toWire(Section.ANSWER));
  }
}
