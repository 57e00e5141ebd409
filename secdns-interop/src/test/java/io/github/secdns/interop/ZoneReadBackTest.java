package io.github.secdns.interop;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.zone.ZoneSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * The read-back comparison, checked without any server (runs in every build): it must catch what
 * the interop tests are there to catch.
 */
class ZoneReadBackTest {

  private static final ZoneSnapshot ZONE = InteropZones.firstVersion();

  private static List<Record> asTransferred(ZoneSnapshot zone) {
    List<Record> out = new ArrayList<>();
    out.add(zone.soa());
    out.addAll(zone.records());
    out.add(zone.soa());
    return out;
  }

  @Test
  void theSameZoneIsEqualInBothModes() {
    ZoneReadBack.assertSameZone(ZONE, asTransferred(ZONE), ZoneReadBack.NameCase.EXACT, "same");
    ZoneReadBack.assertSameZone(ZONE, asTransferred(ZONE), ZoneReadBack.NameCase.FOLDED, "same");
  }

  @Test
  void aMissingRecordIsReported() {
    List<Record> transferred = asTransferred(ZONE);
    Record dropped = transferred.remove(transferred.size() / 2);
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () ->
                ZoneReadBack.assertSameZone(ZONE, transferred, ZoneReadBack.NameCase.FOLDED, "x"));
    assertTrue(e.getMessage().contains("missing (1)"), e::getMessage);
    assertTrue(
        e.getMessage().contains(ZoneReadBack.presentation(dropped, ZoneReadBack.NameCase.FOLDED)),
        e::getMessage);
  }

  @Test
  void nameCaseCountsInExactModeOnly() throws Exception {
    List<Record> transferred = asTransferred(ZONE);
    int index = indexOfMixedCaseOwner(transferred);
    Record r = transferred.get(index);
    Name lowered = Name.fromString(r.getName().toString().toLowerCase(Locale.ROOT));
    transferred.set(index, r.withName(lowered));

    assertThrows(
        AssertionError.class,
        () -> ZoneReadBack.assertSameZone(ZONE, transferred, ZoneReadBack.NameCase.EXACT, "x"));
    ZoneReadBack.assertSameZone(ZONE, transferred, ZoneReadBack.NameCase.FOLDED, "x");
  }

  @Test
  void caseInTxtDataCountsEvenWithFoldedNames() {
    List<Record> transferred = asTransferred(ZONE);
    for (int i = 0; i < transferred.size(); i++) {
      Record r = transferred.get(i);
      if (r.getType() == Type.TXT && ((TXTRecord) r).getStrings().get(0).matches(".*[A-Z].*")) {
        List<String> lowered = new ArrayList<>();
        for (String s : ((TXTRecord) r).getStrings()) {
          lowered.add(s.toLowerCase(Locale.ROOT));
        }
        transferred.set(i, new TXTRecord(r.getName(), r.getDClass(), r.getTTL(), lowered));
        break;
      }
    }
    assertThrows(
        AssertionError.class,
        () -> ZoneReadBack.assertSameZone(ZONE, transferred, ZoneReadBack.NameCase.FOLDED, "x"));
  }

  private static int indexOfMixedCaseOwner(List<Record> records) {
    for (int i = 1; i < records.size() - 1; i++) {
      String owner = records.get(i).getName().toString();
      if (!owner.equals(owner.toLowerCase(Locale.ROOT))) {
        return i;
      }
    }
    throw new AssertionError("no mixed-case owner in the generated zone");
  }
}
