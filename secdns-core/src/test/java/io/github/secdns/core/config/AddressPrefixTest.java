package io.github.secdns.core.config;

import static io.github.secdns.testsupport.Addresses.ip;
import static io.github.secdns.testsupport.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.testsupport.Edges;
import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

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
  void anEndpointIsWrittenCompressedAndIpv6InBrackets() throws Exception {
    assertEquals("192.0.2.1:53", AddressPrefix.hostPort(ip("192.0.2.1"), 53));
    assertEquals("[::1]:5300", AddressPrefix.hostPort(ip("::1"), 5300));
    assertEquals("[2001:db8::1:0:0:1]:53", AddressPrefix.hostPort(ip("2001:db8:0:0:1:0:0:1"), 53));
    assertEquals(
        "[fe80::1]:53",
        AddressPrefix.hostPort(
            java.net.Inet6Address.getByAddress(
                null, ip("fe80::1").getAddress(), 2), // a scope: not written
            53));
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
  void anIpv4MappedIpv6PrefixIsTheIpv4PrefixItMaps() {
    assertEquals(AddressPrefix.parse("192.0.2.0/24"), AddressPrefix.parse("::ffff:192.0.2.0/120"));
    assertEquals(AddressPrefix.parse("192.0.2.1"), AddressPrefix.parse("::ffff:192.0.2.1/128"));
    assertEquals(AddressPrefix.parse("192.0.2.1"), AddressPrefix.parse("::FFFF:C000:201"));
    assertTrue(AddressPrefix.parse("::ffff:0:0/96").isEverything());
    assertTrue(AddressPrefix.parse("::ffff:192.0.2.0/120").contains(ip("::ffff:192.0.2.9")));
    // Shorter than /96 it is an IPv6 network like any other.
    assertFalse(AddressPrefix.parse("::/80").isIpv4());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> AddressPrefix.parse("::ffff:0:0/80"));
    assertTrue(e.getMessage().contains("did you mean ::/80"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> AddressPrefix.parse("::ffff:192.0.2.1/129"));
    assertTrue(e.getMessage().contains("above 128 for an IPv6 address"), e.getMessage());
  }

  @Test
  void anIpv4PrefixContainsExactlyTheAddressesSharingItsLeadingBits() {
    qt().withExamples(2000)
        .forAll(Edges.ipv4Addresses(), Edges.ipv4Addresses(), Edges.prefixLengths(32))
        .checkAssert(
            (net, probe, len) -> {
              AddressPrefix p =
                  AddressPrefix.parse(Edges.literal(Edges.network(net, len), false) + "/" + len);
              assertEquals(Edges.sameLeadingBits(probe, net, len), p.contains(address(probe)));
              assertEquals(p, AddressPrefix.parse(p.toString()));
            });
  }

  /**
   * IPv6 prefixes, IPv4-mapped ones included (written compressed, in full or dotted): a prefix
   * holds exactly the addresses of its family sharing its leading bits, where an IPv4-mapped prefix
   * of /96 or longer is the IPv4 prefix it maps (the JDK reports IPv4-mapped clients as IPv4).
   */
  @Test
  void anIpv6PrefixContainsExactlyTheAddressesSharingItsLeadingBits() {
    AtomicInteger mapped = new AtomicInteger();
    qt().withExamples(3000)
        .forAll(
            Edges.ipv6Addresses(),
            Edges.ipv6Addresses(),
            Edges.prefixLengths(128),
            Generate.booleans())
        .checkAssert(
            (net, probe, len, dotted) -> {
              byte[] network = Edges.network(net, len);
              AddressPrefix p = AddressPrefix.parse(Edges.literal(network, dotted) + "/" + len);
              InetAddress client = address(probe); // as the JDK hands it to the responder
              boolean prefixMapped = isMapped(network) && len >= 96;
              boolean clientIsV4 = client.getAddress().length == 4;
              assertEquals(prefixMapped, p.isIpv4(), p::toString);
              assertEquals(prefixMapped ? len - 96 : len, p.length(), p::toString);
              assertEquals(
                  prefixMapped == clientIsV4 && Edges.sameLeadingBits(probe, network, len),
                  p.contains(client),
                  () -> p + " contains " + client.getHostAddress());
              assertEquals(p, AddressPrefix.parse(p.toString()));
              if (prefixMapped) {
                mapped.incrementAndGet();
              }
            });
    assertTrue(mapped.get() > 0, "no IPv4-mapped prefix was generated");
  }

  private static boolean isMapped(byte[] a) {
    return Edges.literal(a, true).startsWith("::ffff:");
  }

  private static InetAddress address(byte[] octets) {
    try {
      return InetAddress.getByAddress(octets);
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }
}
