package io.github.secdns.core.config;

import static io.github.secdns.testsupport.Addresses.ip;
import static io.github.secdns.testsupport.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;

import org.junit.jupiter.api.Test;

class AddressPrefixTest {

  @Test
  void parsesAddressesAndPrefixesOfBothFamilies() {
    assertEquals("192.0.2.0/24", AddressPrefix.parse(" 192.0.2.0/24 ").toString());
    assertEquals("2001:db8::/32", AddressPrefix.parse("2001:0DB8:0000::/32").toString());
    assertEquals("2001:db8::1", AddressPrefix.parse("2001:db8:0:0:0:0:0:1").toString());
    assertEquals(
        "::",
        AddressPrefix.parse("::/0").network().getHostAddress().replace("0:0:0:0:0:0:0:0", "::"));
    assertTrue(AddressPrefix.parse("0.0.0.0/0").isEverything());
    assertTrue(AddressPrefix.parse("192.0.2.1").isSingleAddress());
  }

  @Test
  void containsRespectsFamilyAndPrefixBits() {
    AddressPrefix p = AddressPrefix.parse("10.1.128.0/17");
    assertTrue(p.contains(ip("10.1.200.3")));
    assertFalse(p.contains(ip("10.1.127.255")));
    assertFalse(AddressPrefix.parse("::/0").contains(ip("10.0.0.1")));
    assertTrue(AddressPrefix.parse("2001:db8::/33").contains(ip("2001:db8:7fff::1")));
    assertFalse(AddressPrefix.parse("2001:db8::/33").contains(ip("2001:db8:8000::1")));
  }

  @Test
  void rejectsWhatIsNotALiteralWithoutAskingAResolver() {
    for (String bad :
        new String[] {
          "localhost",
          "example.com",
          "1.2.3",
          "1.2.3.4/",
          "1.2.3.4/x",
          "::1/129",
          "1.2.3.4/33",
          "fe80::1%eth0",
          "",
          "1.2.3.4/-1"
        }) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> AddressPrefix.parse(bad), bad);
      assertFalse(e.getMessage().isBlank());
    }
  }

  @Test
  void hostBitsSetIsRejectedWithASuggestion() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> AddressPrefix.parse("2001:db8::1/64"));
    assertTrue(e.getMessage().contains("did you mean 2001:db8::/64"), e.getMessage());
  }

  @Test
  void anIpv4PrefixContainsExactlyTheAddressesSharingItsLeadingBits() {
    qt().forAll(integers().all(), integers().all(), integers().between(0, 32))
        .checkAssert(
            (net, probe, len) -> {
              int mask = len == 0 ? 0 : -1 << (32 - len);
              AddressPrefix p = AddressPrefix.parse(dotted(net & mask) + "/" + len);
              assertEquals((probe & mask) == (net & mask), p.contains(ip(dotted(probe))));
              assertEquals(p, AddressPrefix.parse(p.toString()));
            });
  }

  static String dotted(int v) {
    return ((v >>> 24) & 0xFF)
        + "."
        + ((v >>> 16) & 0xFF)
        + "."
        + ((v >>> 8) & 0xFF)
        + "."
        + (v & 0xFF);
  }
}
