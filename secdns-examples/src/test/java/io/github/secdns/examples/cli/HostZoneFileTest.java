package io.github.secdns.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.export.AliasRecord;
import io.github.secdns.core.export.UrlRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

class HostZoneFileTest {

  private static final Name ORIGIN = Name.fromConstantString("example.com.");

  private static Name name(String text) {
    return Name.fromConstantString(text);
  }

  private static String error(String text) {
    return assertThrows(UsageException.class, () -> HostZoneFile.parse(text, "z.db", ORIGIN))
        .getMessage();
  }

  @Test
  void theSampleZoneHasAliasAndUrlBesideStandardRecords() throws Exception {
    HostZoneFile.Loaded loaded =
        HostZoneFile.parse(ServedZone.sampleText(), "sample", ServeOptions.SAMPLE_ORIGIN);
    assertEquals(
        List.of(name("ns1.example.com."), name("ns2.example.com.")), loaded.primaryNameServers());
    assertEquals(2026112401L, loaded.zone().soa().getSerial());
    assertEquals(
        List.of(
            new AliasRecord(ORIGIN, 3600, name("app.cdn.example.net.")),
            new UrlRecord(name("go.example.com."), 3600, "https://www.example.org/welcome")),
        loaded.zone().virtualRecords());
    assertTrue(loaded.zone().records().stream().anyMatch(r -> r.getType() == Type.MX));
  }

  @Test
  void originTtlAndRelativeNamesApplyToVirtualRecords() throws Exception {
    String text =
        """
        $TTL 600
        @ IN SOA ns1 host 1 7200 3600 1209600 300
        @ NS ns1
        ns1 A 192.0.2.1
        $ORIGIN shop.example.com.
        @ 120 IN ALIAS cdn ; the shop's apex
        old IN 60 URL "https://example.org/a;b"
        www CNAME @
        """;
    HostZoneFile.Loaded loaded = HostZoneFile.parse(text, "z.db", ORIGIN);
    assertEquals(
        List.of(
            new AliasRecord(name("shop.example.com."), 120, name("cdn.shop.example.com.")),
            new UrlRecord(name("old.shop.example.com."), 60, "https://example.org/a;b")),
        loaded.zone().virtualRecords());
    assertTrue(
        loaded.zone().records().stream()
            .anyMatch(r -> r.getName().equals(name("www.shop.example.com.")) && r.getTTL() == 600));
  }

  @Test
  void errorsNameTheFileAndLine() {
    String soa = "@ IN SOA ns1 host 1 2 3 4 5\n@ NS ns1\n";
    assertEquals("z.db:3: Invalid address: not-an-ip", error(soa + "www A not-an-ip\n"));
    assertTrue(
        error(soa + "  IN ALIAS x\n")
            .startsWith("z.db:3: an ALIAS record needs its owner name on the same line"));
    assertEquals(
        "z.db:3: ALIAS needs exactly one value: the target host name",
        error(soa + "www ALIAS a b\n"));
    assertEquals("z.db:1: $INCLUDE is not supported", error("$INCLUDE /etc/passwd\n" + soa));
    assertEquals("z.db: no SOA record at the zone's apex example.com.", error("@ NS ns1\n"));
    assertEquals(
        "z.db: no NS record at the zone's apex example.com. (the primary name servers)",
        error("@ IN SOA ns1 host 1 2 3 4 5\n"));
    assertEquals(
        "z.db: more than one SOA record at example.com.",
        error(soa + "@ IN SOA ns2 host 1 2 3 4 5\n"));
  }

  @Test
  void parenthesesAreNotMistakenForVirtualRecords() throws Exception {
    String text = "@ IN SOA ns1 host (\n 1 ; URL ALIAS\n 2 3 4 5 )\n@ NS ns1\n";
    assertEquals(1L, HostZoneFile.parse(text, "z.db", ORIGIN).zone().soa().getSerial());
  }

  @Test
  void aZoneKeepsOneOriginNameUnlessItsFileWritesItInAnotherCase() throws Exception {
    Name origin = Name.fromString("example.com.");
    String rest = " 3600 IN SOA ns1 host 1 2 3 4 5\n@ NS ns1\n";
    HostZoneFile.Loaded asGiven = HostZoneFile.parse("example.com." + rest, "z.db", origin);
    assertSame(origin, asGiven.zone().soa().getName());
    HostZoneFile.Loaded relative = HostZoneFile.parse("@" + rest, "z.db", origin);
    assertSame(origin, relative.zone().soa().getName());
    // Another case is kept as written: the zone is served as its file says.
    HostZoneFile.Loaded upper = HostZoneFile.parse("EXAMPLE.Com." + rest, "z.db", origin);
    assertNotSame(origin, upper.zone().soa().getName());
    assertEquals("EXAMPLE.Com.", upper.zone().soa().getName().toString());
    assertEquals(asGiven.zone().soa().rdataToString(), upper.zone().soa().rdataToString());
  }

  @Test
  void zonesNamingTheSameNameServersShareOneNameOfEachAndKeepTheirTtls() throws Exception {
    NameServerNames names = new NameServerNames(NameServerNames.MAX);
    String soa = "@ 3600 IN SOA ns1.host.example. host 1 2 3 4 5\n";
    HostZoneFile.Loaded a =
        HostZoneFile.parse(
            soa + "@ 600 NS ns1.host.example.\n@ 300 NS ns2.host.example.\n",
            "a.db",
            Name.fromString("a.example."),
            names);
    HostZoneFile.Loaded b =
        HostZoneFile.parse(
            soa + "@ 90000 NS ns2.host.example.\n@ 120000 NS ns1.host.example.\n",
            "b.db",
            Name.fromString("b.example."),
            names);
    assertEquals(
        List.of(name("ns1.host.example."), name("ns2.host.example.")), a.primaryNameServers());
    assertSame(a.primaryNameServers().get(0), b.primaryNameServers().get(1));
    assertSame(a.primaryNameServers().get(1), b.primaryNameServers().get(0));
    assertEquals(300, a.apexNsTtl());
    assertEquals(
        90000,
        b.apexNsTtl()); // b's own TTLs (above 16 bits), though its names were found, not decoded
    assertEquals(2, names.size());
    // Equal but for case: a name of its own, as written.
    HostZoneFile.Loaded c =
        HostZoneFile.parse(
            soa + "@ 600 NS NS1.Host.Example.\n", "c.db", Name.fromString("c.example."), names);
    assertEquals(a.primaryNameServers().get(0), c.primaryNameServers().get(0));
    assertNotSame(a.primaryNameServers().get(0), c.primaryNameServers().get(0));
    assertEquals("NS1.Host.Example.", c.primaryNameServers().get(0).toString());
    assertEquals(3, names.size());
    // The same names in the same order: one list for every zone that has them; another order, or
    // another case, is a list of its own.
    HostZoneFile.Loaded d =
        HostZoneFile.parse(
            soa + "@ 60 NS ns1.host.example.\n@ 60 NS ns2.host.example.\n",
            "d.db",
            Name.fromString("d.example."),
            names);
    assertSame(a.primaryNameServers(), d.primaryNameServers());
    assertEquals(
        List.of(name("ns2.host.example."), name("ns1.host.example.")), b.primaryNameServers());
    assertNotSame(a.primaryNameServers(), b.primaryNameServers());
    HostZoneFile.Loaded e =
        HostZoneFile.parse(
            soa + "@ 600 NS NS1.Host.Example.\n", "e.db", Name.fromString("e.example."), names);
    assertSame(c.primaryNameServers(), e.primaryNameServers());
    assertNotSame(
        c.primaryNameServers(),
        onlyNameServers(names, "f.example.", "ns1.host.example."),
        "the same name in another case");
    assertEquals(4, names.listCount());
  }

  @Test
  void pastItsBoundNoNameIsKeptAndNamesKeptStayShared() throws Exception {
    NameServerNames names = new NameServerNames(2);
    List<List<Name>> first = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      first.add(onlyNameServers(names, "z" + i + ".example.", "ns" + i + ".host.example."));
    }
    assertEquals(2, names.size());
    for (int i = 0; i < 4; i++) {
      List<Name> again = onlyNameServers(names, "y" + i + ".example.", "ns" + i + ".host.example.");
      assertEquals(first.get(i), again);
      if (i < 2) {
        assertSame(first.get(i).get(0), again.get(0), "kept: " + i);
        assertSame(first.get(i), again, "list kept: " + i);
      } else {
        assertNotSame(first.get(i).get(0), again.get(0), "not kept: " + i);
        assertNotSame(first.get(i), again, "list not kept: " + i);
      }
    }
    assertEquals(2, names.size());
    assertEquals(2, names.listCount());
  }

  /** The apex NS targets of a zone whose only NS record names {@code nameServer}. */
  private static List<Name> onlyNameServers(NameServerNames names, String origin, String nameServer)
      throws Exception {
    String text = "@ 3600 IN SOA ns1 host 1 2 3 4 5\n@ NS " + nameServer + "\n";
    return HostZoneFile.parse(text, "z.db", Name.fromString(origin), names).primaryNameServers();
  }
}
