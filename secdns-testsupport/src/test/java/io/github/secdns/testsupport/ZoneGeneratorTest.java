package io.github.secdns.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.testsupport.servers.ZoneNames;
import io.github.secdns.testsupport.zones.GeneratedZone;
import io.github.secdns.testsupport.zones.ZoneGenerator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/** The test zone generators, checked without any server. */
class ZoneGeneratorTest {

  private static final org.xbill.DNS.Name ORIGIN = ZoneNames.absolute("interop.test");
  private static final GeneratedZone ZONE = ZoneGenerator.mixedCase(ORIGIN, 2026112401L, 300, 7);

  @Test
  void theSameSeedGivesTheSameZoneRecordForRecord() {
    GeneratedZone again = ZoneGenerator.mixedCase(ORIGIN, 2026112401L, 300, 7);
    assertEquals(
        ZONE.records().stream().map(Record::toString).collect(Collectors.toList()),
        again.records().stream().map(Record::toString).collect(Collectors.toList()));
  }

  @Test
  void holdsAFewThousandRecordsOfEveryCommonType() {
    assertTrue(ZONE.size() >= 2000 && ZONE.size() <= 5000, () -> "size " + ZONE.size());
    Set<Integer> types = ZONE.records().stream().map(Record::getType).collect(Collectors.toSet());
    for (int type :
        List.of(
            Type.A,
            Type.AAAA,
            Type.CNAME,
            Type.MX,
            Type.TXT,
            Type.SRV,
            Type.CAA,
            Type.NS,
            Type.PTR,
            Type.SSHFP,
            Type.TLSA,
            Type.NAPTR,
            Type.DS)) {
      assertTrue(types.contains(type), () -> "no " + Type.string(type));
    }
  }

  @Test
  void mixesLetterCaseInOwnersAndRdataNames() {
    assertTrue(ZONE.records().stream().anyMatch(r -> hasUpper(r.getName().toString())));
    assertTrue(
        ZONE.records().stream()
            .filter(
                r -> r.getType() == Type.CNAME || r.getType() == Type.MX || r.getType() == Type.SRV)
            .anyMatch(r -> hasUpper(r.rdataToString())));
  }

  @Test
  void hasTxtRecordsLongerThanOneStringSplitIntoStrings() {
    assertTrue(
        ZONE.records().stream()
            .filter(r -> r.getType() == Type.TXT)
            .map(r -> ((TXTRecord) r).getStrings())
            .anyMatch(strings -> strings.size() >= 2 && String.join("", strings).length() > 255));
  }

  @Test
  void delegationsHaveGlueAndSomeADsAtTheCut() {
    Set<String> cuts =
        ZONE.records().stream()
            .filter(r -> r.getType() == Type.NS && !r.getName().equals(ZONE.origin()))
            .map(r -> r.getName().toString().toLowerCase(Locale.ROOT))
            .collect(Collectors.toSet());
    assertTrue(!cuts.isEmpty());
    assertTrue(
        ZONE.records().stream()
            .anyMatch(
                r ->
                    r.getType() == Type.A
                        && cuts.stream()
                            .anyMatch(
                                cut ->
                                    r.getName()
                                        .toString()
                                        .toLowerCase(Locale.ROOT)
                                        .endsWith("." + cut))));
    assertTrue(
        ZONE.records().stream()
            .anyMatch(
                r ->
                    r.getType() == Type.DS
                        && cuts.contains(r.getName().toString().toLowerCase(Locale.ROOT))));
  }

  @Test
  void nextVersionHasTheNextSerialAndASmallDifference() {
    GeneratedZone next = ZoneGenerator.nextVersion(ZONE, 1);
    assertEquals(ZONE.soa().getSerial() + 1, next.soa().getSerial());
    Set<String> before = ZONE.records().stream().map(Record::toString).collect(Collectors.toSet());
    Set<String> after = next.records().stream().map(Record::toString).collect(Collectors.toSet());
    Set<String> removed =
        before.stream().filter(r -> !after.contains(r)).collect(Collectors.toSet());
    Set<String> added = after.stream().filter(r -> !before.contains(r)).collect(Collectors.toSet());
    assertEquals(3, removed.size(), removed::toString);
    assertEquals(3, added.size(), added::toString);
    assertNotEquals(ZONE, next);
  }

  @Test
  void aSizedZoneHasExactlyItsSizeOfDistinctRecordsAndTheSameSeedGivesTheSameZone() {
    GeneratedZone zone = ZoneGenerator.sized(ORIGIN, 20_000, 1, 42);
    assertEquals(20_000, zone.size());
    assertEquals(zone.records().size(), new HashSet<>(zone.records()).size(), "a record twice");
    assertEquals(
        zone.records().stream().map(Record::toString).collect(Collectors.toList()),
        ZoneGenerator.sized(ORIGIN, 20_000, 1, 42).records().stream()
            .map(Record::toString)
            .collect(Collectors.toList()));
  }

  @Test
  void aSizedZoneHandedToASinkGivesTheListsRecordsOneAtATime() {
    List<String> handed = new ArrayList<>();
    ZoneGenerator.sizedRecords(ORIGIN, 5_000, 42, r -> handed.add(r.toString()));
    assertEquals(
        ZoneGenerator.sizedRecords(ORIGIN, 5_000, 42).stream()
            .map(Record::toString)
            .collect(Collectors.toList()),
        handed);
    assertEquals(4_999, handed.size(), "the SOA is not among them");
    assertThrows(
        IllegalArgumentException.class, () -> ZoneGenerator.sizedRecords(ORIGIN, 9, 42, r -> {}));
  }

  @Test
  @SuppressWarnings("ReferenceEquality") // sharing the unchanged record instances is the point
  void withOneChangeChangesOneAddressAndTheSerialAndSharesTheRest() {
    GeneratedZone zone = ZoneGenerator.sized(ORIGIN, 1000, 0xFFFF_FFFFL, 42);
    GeneratedZone next = ZoneGenerator.withOneChange(zone, 17);
    assertEquals(0, next.serial(), "the serial wraps");
    int changed = 0;
    for (int i = 0; i < zone.records().size(); i++) {
      if (zone.records().get(i) != next.records().get(i)) {
        changed++;
        assertEquals(Type.A, next.records().get(i).getType());
      }
    }
    assertEquals(1, changed);
  }

  @Test
  void aSmallZoneHasTwentyDistinctRecordsAndDiffersFromItsNeighbour() {
    org.xbill.DNS.Name origin = ZoneNames.absolute("z7.example");
    GeneratedZone zone = ZoneGenerator.small(origin, 7, 3);
    assertEquals(ZoneGenerator.SMALL_RECORDS, zone.size());
    assertEquals(3, zone.serial());
    assertEquals(zone.records().size(), new HashSet<>(zone.records()).size(), "a record twice");
    assertTrue(zone.records().stream().allMatch(r -> r.getName().subdomain(origin)));
    assertEquals(
        Set.of(Type.NS, Type.A, Type.AAAA, Type.TXT),
        zone.records().stream().map(Record::getType).collect(Collectors.toSet()));
    assertEquals(
        zone.records().stream().map(Record::toString).collect(Collectors.toList()),
        ZoneGenerator.small(origin, 7, 3).records().stream()
            .map(Record::toString)
            .collect(Collectors.toList()));
    Set<String> neighbour =
        ZoneGenerator.small(origin, 8, 3).records().stream()
            .map(Record::rdataToString)
            .collect(Collectors.toSet());
    assertTrue(
        zone.records().stream().map(Record::rdataToString).anyMatch(r -> !neighbour.contains(r)));
  }

  @Test
  void withOneChangeOfASmallZoneChangesItsApexAddress() {
    org.xbill.DNS.Name origin = ZoneNames.absolute("z7.example");
    GeneratedZone zone = ZoneGenerator.small(origin, 7, 3);
    GeneratedZone next = ZoneGenerator.withOneChange(zone, 0);
    assertEquals(4, next.serial());
    List<Record> changed =
        next.records().stream().filter(r -> !zone.records().contains(r)).toList();
    assertEquals(1, changed.size(), changed::toString);
    assertEquals(Type.A, changed.get(0).getType());
    assertEquals(origin, changed.get(0).getName());
  }

  private static boolean hasUpper(String text) {
    return !text.equals(text.toLowerCase(Locale.ROOT));
  }
}
