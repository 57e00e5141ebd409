package io.github.secdns.core.catalog;

import static io.github.secdns.core.catalog.CatalogFixtures.CATALOG;
import static io.github.secdns.core.catalog.CatalogFixtures.name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.zone.ZoneSnapshot;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TXTRecord;

/** The checker the properties rely on must see every broken catalog it claims to see. */
class Rfc9432CheckerTest {

  private static SOARecord soa(int dclass) {
    return new SOARecord(
        CATALOG, dclass, 0, name("invalid."), name("invalid."), 1, 3600, 600, 2147483646L, 0);
  }

  private static List<Record> valid(int dclass) {
    List<Record> r = new ArrayList<>();
    r.add(new NSRecord(CATALOG, dclass, 0, name("invalid.")));
    r.add(new TXTRecord(name("version.catalog.example."), dclass, 0, "2"));
    r.add(new PTRRecord(name("a.zones.catalog.example."), dclass, 0, name("a.test.")));
    return r;
  }

  private static List<String> check(List<Record> records) {
    return Rfc9432Checker.violations(ZoneSnapshot.of(soa(DClass.IN), records));
  }

  @Test
  void aValidCatalogPasses() {
    assertEquals(List.of(), check(valid(DClass.IN)));
  }

  @Test
  void eachBrokenRuleIsSeen() {
    List<Record> twoPtr = valid(DClass.IN);
    twoPtr.add(new PTRRecord(name("a.zones.catalog.example."), DClass.IN, 0, name("b.test.")));
    assertTrue(check(twoPtr).toString().contains("holds 2 PTR records"), check(twoPtr).toString());

    List<Record> sameTarget = valid(DClass.IN);
    sameTarget.add(new PTRRecord(name("b.zones.catalog.example."), DClass.IN, 0, name("A.test.")));
    assertTrue(check(sameTarget).toString().contains("both point to a.test."));

    List<Record> noVersion = valid(DClass.IN);
    noVersion.remove(1);
    assertTrue(check(noVersion).toString().contains("has 0 records"));

    List<Record> versionOne = valid(DClass.IN);
    versionOne.set(1, new TXTRecord(name("version.catalog.example."), DClass.IN, 0, "1"));
    assertTrue(check(versionOne).toString().contains("not \"2\""));

    List<Record> twoVersions = valid(DClass.IN);
    twoVersions.add(new TXTRecord(name("version.catalog.example."), DClass.IN, 0, "3"));
    assertTrue(check(twoVersions).toString().contains("has 2 records"));

    List<Record> noNs = valid(DClass.IN);
    noNs.remove(0);
    assertTrue(check(noNs).toString().contains("no NS record"));

    List<Record> twoCoo = valid(DClass.IN);
    twoCoo.add(new PTRRecord(name("coo.a.zones.catalog.example."), DClass.IN, 0, name("x.")));
    twoCoo.add(new PTRRecord(name("coo.a.zones.catalog.example."), DClass.IN, 0, name("y.")));
    assertTrue(check(twoCoo).toString().contains("coo property of a holds 2"));

    List<String> chaos =
        Rfc9432Checker.violations(ZoneSnapshot.of(soa(DClass.CH), valid(DClass.CH)));
    assertTrue(chaos.toString().contains("SOA is not class IN"), chaos.toString());
  }

  @Test
  void serialArithmeticIsRfc1982() {
    assertTrue(Rfc9432Checker.serialGreater(1, 0xFFFF_FFFFL));
    assertTrue(Rfc9432Checker.serialGreater(0x7FFF_FFFFL, 0));
    assertFalse(Rfc9432Checker.serialGreater(0x8000_0000L, 0));
    assertFalse(Rfc9432Checker.serialGreater(5, 5));
    assertFalse(Rfc9432Checker.serialGreater(4, 5));
  }
}
