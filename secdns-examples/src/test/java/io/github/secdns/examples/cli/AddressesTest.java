package io.github.secdns.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

class AddressesTest {

  private static String endpointError(String text, boolean allowZero) {
    return assertThrows(UsageException.class, () -> Addresses.endpoint(text, "--listen", allowZero))
        .getMessage();
  }

  @Test
  void endpointsInIpv4AndBracketedIpv6() throws Exception {
    InetSocketAddress v4 = Addresses.endpoint("127.0.0.1:5353", "--listen", false);
    assertEquals("127.0.0.1:5353", Addresses.format(v4));
    InetSocketAddress v6 = Addresses.endpoint("[::1]:53", "--listen", false);
    assertEquals("[::1]:53", Addresses.format(v6));
    InetSocketAddress full = Addresses.endpoint("[2001:db8:0:0:1:0:0:1]:53", "--listen", false);
    assertEquals("[2001:db8::1:0:0:1]:53", Addresses.format(full), "RFC 5952 section 4.2.3");
    assertEquals(0, Addresses.endpoint("127.0.0.1:0", "--listen", true).getPort());
  }

  @Test
  void badEndpointsSayWhatIsWrong() {
    assertEquals("--listen: '127.0.0.1' needs a port: ADDR:PORT", endpointError("127.0.0.1", true));
    assertEquals(
        "--listen: '::1:53': write IPv6 addresses in brackets, e.g. [::1]:5353",
        endpointError("::1:53", true));
    assertEquals("--listen: '[::1]' is not ADDR:PORT ([IPv6]:PORT)", endpointError("[::1]", true));
    assertEquals("--listen: port 70000 is outside 0-65535", endpointError("127.0.0.1:70000", true));
    assertEquals("--listen: port 0 is outside 1-65535", endpointError("127.0.0.1:0", false));
    assertEquals("--listen: port 'x' is not a number", endpointError("127.0.0.1:x", true));
  }

  @Test
  void hostNamesAreNeverResolved() {
    String message = endpointError("localhost:53", true);
    assertEquals(true, message.startsWith("--listen: 'localhost' is not an IP address"), message);
    assertThrows(UsageException.class, () -> Addresses.literal("192.0.2.0/24", "--redirector"));
  }

  @Test
  void tablesOfNamesAndAddresses() throws Exception {
    var table =
        Addresses.table(
            List.of("ns1.example.com=192.0.2.1,2001:db8::1", "NS1.example.com.=192.0.2.2"),
            "--resolve");
    assertEquals(
        Set.of(
            Addresses.literal("192.0.2.1", "t"),
            Addresses.literal("2001:db8::1", "t"),
            Addresses.literal("192.0.2.2", "t")),
        table.get(Name.fromString("ns1.example.com.")));
    assertEquals(
        "--resolve: 'ns1.example.com' is not NAME=ADDR[,ADDR...]",
        assertThrows(
                UsageException.class,
                () -> Addresses.table(List.of("ns1.example.com"), "--resolve"))
            .getMessage());
  }
}
