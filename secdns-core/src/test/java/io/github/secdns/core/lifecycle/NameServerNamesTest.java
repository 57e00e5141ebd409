package io.github.secdns.core.lifecycle;

import static io.github.secdns.core.lifecycle.Fixtures.names;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

class NameServerNamesTest {

  @Test
  void namesCompareIgnoringCaseAndOrder() {
    assertEquals(
        names("ns1.example.net", "NS2.Example.Net"), names("ns2.example.net.", "NS1.EXAMPLE.NET"));
    assertEquals(names("a.example.net").hashCode(), names("A.EXAMPLE.NET").hashCode());
    assertEquals(1, names("ns1.example.net", "NS1.example.net").size());
  }

  @Test
  void listsInCanonicalDnsOrderWithoutTrailingDots() {
    NameServerNames n =
        names("ns2.secondary.com", "ns1.dnsimple.com", "ns1.secondary.com", "ns2.dnsimple.com");

    assertEquals(
        List.of("ns1.dnsimple.com", "ns2.dnsimple.com", "ns1.secondary.com", "ns2.secondary.com"),
        n.hostNames());
    assertEquals(
        "[ns1.dnsimple.com, ns2.dnsimple.com, ns1.secondary.com, ns2.secondary.com]", n.toString());
    assertEquals(Name.fromConstantString("ns1.dnsimple.com."), n.names().get(0));
  }

  @Test
  void unionKeepsTheLeftSpellingAndMinusIgnoresCase() {
    NameServerNames left = names("NS1.Example.NET");
    NameServerNames union = left.union(names("ns1.example.net", "ns2.example.net"));

    assertEquals(List.of("NS1.Example.NET", "ns2.example.net"), union.hostNames());
    assertEquals(names("ns2.example.net"), union.minus(names("ns1.EXAMPLE.net")));
    assertTrue(union.containsAll(left));
    assertTrue(union.intersects(names("NS2.EXAMPLE.NET")));
    assertFalse(union.contains(Name.fromConstantString("ns3.example.net.")));
    assertTrue(union.minus(union).isEmpty());
  }

  @Test
  void relativeNamesAreRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> NameServerNames.of(Name.fromConstantString("ns1.example.net")));
  }
}
