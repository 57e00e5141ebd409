package io.github.secdns.axfr.probe;

import static io.github.secdns.axfr.probe.LoopbackServers.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class RootHintsTest {

  @Test
  void theBuiltInCopyOfNamedRootHasThe13RootServersIpv4First() {
    List<InetAddress> roots = RootHints.iana();
    assertEquals(26, roots.size());
    assertEquals(ip("198.41.0.4"), roots.get(0), "a.root-servers.net");
    assertTrue(roots.contains(ip("170.247.170.2")), "b.root-servers.net since 2023-11-27");
    assertTrue(roots.contains(ip("2001:dc3::35")), "m.root-servers.net over IPv6");
    for (int i = 0; i < 13; i++) {
      assertEquals(4, roots.get(i).getAddress().length, roots.toString());
    }
  }

  @Test
  void aHintsFileGivesTheAddressesOfTheRootsNameServersOnly() {
    String text =
        """
        .  3600000  NS  a.root.test.
        .  3600000  NS  b.root.test.
        a.root.test.  3600000  AAAA  ::2
        a.root.test.  3600000  A  127.0.0.2
        b.root.test.  3600000  A  127.0.0.3
        other.test.  3600000  A  127.0.0.9
        """;
    assertEquals(List.of(ip("127.0.0.2"), ip("127.0.0.3"), ip("::2")), RootHints.parse(text));
  }

  @Test
  void badHintsSayWhatIsWrong() {
    IllegalArgumentException none =
        assertThrows(
            IllegalArgumentException.class,
            () -> RootHints.parse(".  3600000  NS  a.root.test.\n"));
    assertTrue(none.getMessage().contains("no root server with an address"), none.getMessage());
    IllegalArgumentException garbage =
        assertThrows(IllegalArgumentException.class, () -> RootHints.parse(". 1 NS\n"));
    assertTrue(
        garbage.getMessage().startsWith("the root hints do not parse"), garbage.getMessage());
    IllegalArgumentException include =
        assertThrows(
            IllegalArgumentException.class, () -> RootHints.parse("$INCLUDE /etc/passwd\n"));
    assertTrue(
        include.getMessage().startsWith("the root hints do not parse"), include.getMessage());
  }
}
