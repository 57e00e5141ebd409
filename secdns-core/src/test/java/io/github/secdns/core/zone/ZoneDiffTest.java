package io.github.secdns.core.zone;

import static io.github.secdns.core.zone.TestZones.name;
import static io.github.secdns.core.zone.TestZones.snapshot;
import static io.github.secdns.core.zone.TestZones.soa;
import static io.github.secdns.testsupport.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;

class ZoneDiffTest {

  private static final Record TXT_UPPER = new TXTRecord(name("www"), DClass.IN, 300, "Hello");
  private static final Record TXT_LOWER = new TXTRecord(name("www"), DClass.IN, 300, "hello");
  private static final Record A1 = new ARecord(name("www"), DClass.IN, 300, TestZones.address(1));

  @Test
  void caseOnlyChangeInsideTxtIsADeletionPlusAnAddition() {
    ZoneSnapshot v1 = ZoneSnapshot.of(soa(1), List.of(A1, TXT_UPPER));
    ZoneSnapshot v2 = ZoneSnapshot.of(soa(2), List.of(A1, TXT_LOWER));

    ZoneDelta delta = ZoneDiff.between(v1, v2);

    assertEquals(List.of(TXT_UPPER), delta.deleted());
    assertEquals(List.of(TXT_LOWER), delta.added());
    assertEquals(List.of("Hello"), ((TXTRecord) delta.deleted().get(0)).getStrings());
    assertEquals(List.of("hello"), ((TXTRecord) delta.added().get(0)).getStrings());
    assertEquals(1, delta.fromSerial().value());
    assertEquals(2, delta.toSerial().value());
    assertEquals(4, delta.size());
  }

  @Test
  void changedTtlAndRecasedOwnerAreChangesToo() {
    Record a600 = new ARecord(name("www"), DClass.IN, 600, TestZones.address(1));
    Record upperOwner = new ARecord(name("WWW"), DClass.IN, 300, TestZones.address(1));

    ZoneDelta ttl =
        ZoneDiff.between(
            ZoneSnapshot.of(soa(1), List.of(A1)), ZoneSnapshot.of(soa(2), List.of(a600)));
    ZoneDelta recased =
        ZoneDiff.between(
            ZoneSnapshot.of(soa(1), List.of(A1)), ZoneSnapshot.of(soa(2), List.of(upperOwner)));

    assertEquals(List.of(A1), ttl.deleted());
    assertEquals(List.of(a600), ttl.added());
    assertEquals(1, recased.added().size());
    assertEquals("WWW.example.com.", recased.added().get(0).getName().toString());
  }

  @Test
  void serialOnlyChangeGivesAnEmptyDelta() {
    ZoneDelta delta =
        ZoneDiff.between(
            ZoneSnapshot.of(soa(1), List.of(A1)), ZoneSnapshot.of(soa(2), List.of(A1)));
    assertTrue(delta.deleted().isEmpty());
    assertTrue(delta.added().isEmpty());
  }

  @Test
  void versionsOfDifferentZonesAreRefused() {
    ZoneSnapshot other =
        ZoneSnapshot.of(
            new org.xbill.DNS.SOARecord(
                org.xbill.DNS.Name.fromConstantString("example.org."),
                DClass.IN,
                60,
                name("ns1"),
                name("h"),
                2,
                1,
                1,
                1,
                1),
            List.of());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ZoneDiff.between(ZoneSnapshot.of(soa(1), List.of()), other));
    assertTrue(e.getMessage().contains("example.org."), e.getMessage());
  }

  @Test
  void applyingADeltaToAnotherVersionIsRefused() {
    ZoneDelta delta = ZoneDiff.between(snapshot(1, 1), snapshot(2, 2));
    assertThrows(IllegalArgumentException.class, () -> delta.applyTo(snapshot(3, 1)));
  }

  @Test
  void applyingTheDeltaToTheOldVersionGivesTheNewOneExactly() {
    qt().forAll(longs().all(), longs().all())
        .checkAssert(
            (a, b) -> {
              ZoneSnapshot v1 = snapshot(10, a);
              ZoneSnapshot v2 = snapshot(11, b);
              ZoneSnapshot result = ZoneDiff.between(v1, v2).applyTo(v1);
              assertEquals(v2, result);
              assertEquals(exact(v2), exact(result));
            });
  }

  @Test
  void theResultDoesNotDependOnSharedInstancesOrOrder() {
    qt().forAll(longs().all(), longs().all(), integers().between(0, 63))
        .checkAssert(
            (a, b, rotation) -> {
              ZoneSnapshot v1 = snapshot(10, a);
              ZoneSnapshot shared = snapshot(11, b);
              // The same content built from fresh Record instances, in a rotated order.
              List<Record> copies = new ArrayList<>();
              for (Record r : shared.records()) {
                copies.add(copy(r));
              }
              java.util.Collections.rotate(copies, rotation);
              ZoneSnapshot fresh = ZoneSnapshot.of(soa(11), copies);
              ZoneDelta viaShared = ZoneDiff.between(v1, shared);
              ZoneDelta viaFresh = ZoneDiff.between(v1, fresh);
              assertEquals(exact(shared), exact(viaFresh.applyTo(v1)));
              assertEquals(
                  new HashSet<>(hexes(viaShared.deleted())),
                  new HashSet<>(hexes(viaFresh.deleted())));
              assertEquals(
                  new HashSet<>(hexes(viaShared.added())), new HashSet<>(hexes(viaFresh.added())));
            });
  }

  private static Record copy(Record r) {
    try {
      return Record.fromWire(r.toWire(Section.ANSWER), Section.ANSWER);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static List<String> hexes(List<Record> records) {
    List<String> out = new ArrayList<>();
    for (Record r : records) {
      out.add(hex(r.toWire(Section.ANSWER)));
    }
    return out;
  }

  @Test
  void condensedChainHasTheSameEffectAsTheChain() {
    qt().forAll(lists().of(longs().all()).ofSizeBetween(2, 8), integers().between(0, 5))
        .checkAssert(
            (masks, ignored) -> {
              List<ZoneSnapshot> versions = new ArrayList<>();
              for (int i = 0; i < masks.size(); i++) {
                versions.add(snapshot(100 + i, masks.get(i)));
              }
              List<ZoneDelta> chain = new ArrayList<>();
              for (int i = 1; i < versions.size(); i++) {
                chain.add(ZoneDiff.between(versions.get(i - 1), versions.get(i)));
              }
              ZoneDelta condensed = ZoneDiff.condense(chain);
              ZoneSnapshot last = versions.get(versions.size() - 1);
              assertEquals(exact(last), exact(condensed.applyTo(versions.get(0))));
              assertTrue(condensed.size() <= chain.stream().mapToLong(ZoneDelta::size).sum());
            });
  }

  @Test
  void aBrokenChainCannotBeCondensed() {
    ZoneDelta d12 = ZoneDiff.between(snapshot(1, 1), snapshot(2, 2));
    ZoneDelta d34 = ZoneDiff.between(snapshot(3, 1), snapshot(4, 2));
    assertThrows(IllegalArgumentException.class, () -> ZoneDiff.condense(List.of(d12, d34)));
    assertThrows(IllegalArgumentException.class, () -> ZoneDiff.condense(List.of()));
  }

  @Test
  void aDeltaNeverHoldsAnSoa() {
    assertThrows(
        IllegalArgumentException.class,
        () -> ZoneDelta.of(soa(1), soa(2), List.of(soa(1)), List.of()));
  }

  /** The exact content of a snapshot, letter case and TTL included. */
  static Set<String> exact(ZoneSnapshot snapshot) {
    Set<String> out = new HashSet<>();
    out.add(hex(snapshot.soa().toWire(Section.ANSWER)));
    for (Record r : snapshot.records()) {
      out.add(hex(r.toWire(Section.ANSWER)));
    }
    return out;
  }

  private static String hex(byte[] bytes) {
    return java.util.HexFormat.of().formatHex(bytes);
  }
}
