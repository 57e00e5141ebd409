package io.github.secdns.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** The shared fake DNS server: UDP and TCP on one port, queries counted, closed cleanly. */
class FakeDnsServerTest {

  @Test
  void answersOverUdpAndTcpOnTheSamePortAndCountsWhatArrived() throws Exception {
    try (FakeDnsServer server =
        FakeDnsServer.udpAndTcp(Addresses.LOOPBACK_1, 0, FakeDnsServer.refusing())) {
      SimpleResolver resolver = new SimpleResolver(server.endpoint());
      resolver.setTimeout(Duration.ofSeconds(5));
      Message query = Message.newQuery(Record.newRecord(Name.root, Type.SOA, DClass.IN));
      assertEquals(Rcode.REFUSED, resolver.send(query).getRcode());
      resolver.setTCP(true);
      assertEquals(Rcode.REFUSED, resolver.send(query).getRcode());
      server.awaitReceived(2, Duration.ofSeconds(5));
      assertEquals(List.of(false, true), server.queries().stream().map(q -> q.tcp()).toList());
      assertEquals(List.of(), server.failures());
    }
  }

  @Test
  void manyServersOnEphemeralPortsEachGetOneThatIsFreeForBothTransports() throws Exception {
    List<FakeDnsServer> servers = new ArrayList<>();
    try {
      for (int i = 0; i < 50; i++) {
        servers.add(FakeDnsServer.udpAndTcp(Addresses.LOOPBACK_1, 0, query -> Optional.empty()));
      }
      assertEquals(50, servers.stream().map(FakeDnsServer::port).distinct().count());
    } finally {
      servers.forEach(FakeDnsServer::close);
    }
  }
}
