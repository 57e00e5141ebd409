package io.github.secdns.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.zone.ZoneSnapshot;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/** The test zone generator, checked without any server (runs in every build). */
class ZoneGeneratorTest {

  private static final ZoneSnapshot ZONE = SecondaryInteropContract.firstVersion();

  @Test
  void theSameSeedGivesTheSameZoneRecordForRecord() {
    ZoneSnapshot again = SecondaryInteropContract.firstVersion();
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
            .map(r -> r.getName().toString().toLowerCase())
            .collect(Collectors.toSet());
    assertTrue(!cuts.isEmpty());
    assertTrue(
        ZONE.records().stream()
            .anyMatch(
                r ->
                    r.getType() == Type.A
                        && cuts.stream()
                            .anyMatch(
                                cut -> r.getName().toString().toLowerCase().endsWith("." + cut))));
    assertTrue(
        ZONE.records().stream()
            .anyMatch(
                r ->
                    r.getType() == Type.DS && cuts.contains(r.getName().toString().toLowerCase())));
  }

  @Test
  void nextVersionHasTheNextSerialAndASmallDifference() {
    ZoneSnapshot next = ZoneGenerator.nextVersion(ZONE, 1);
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

  private static boolean hasUpper(String text) {
    return !text.equals(text.toLowerCase());
  }
}
