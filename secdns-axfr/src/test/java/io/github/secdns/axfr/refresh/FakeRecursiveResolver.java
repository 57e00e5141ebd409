package io.github.secdns.axfr.refresh;

import io.github.secdns.testsupport.Addresses;
import io.github.secdns.testsupport.FakeDnsServer;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A recursive resolver stand-in on a loopback address (ephemeral port) answering A and AAAA from a
 * mutable table, CNAMEs from another; names in neither get NXDOMAIN. It can be made silent.
 */
final class FakeRecursiveResolver implements AutoCloseable {

  static final long TTL = 120;

  final Map<Name, List<InetAddress>> addresses = new ConcurrentHashMap<>();
  final Map<Name, Name> cnames = new ConcurrentHashMap<>();
  final AtomicBoolean silent = new AtomicBoolean();
  final AtomicInteger queries = new AtomicInteger();
  private final InetAddress address;
  private final FakeDnsServer server;

  FakeRecursiveResolver(String literal) throws IOException {
    this.address = Addresses.ip(literal);
    this.server = FakeDnsServer.udpAndTcp(address, 0, FakeDnsServer.answering(this::answer));
  }

  InetAddress address() {
    return address;
  }

  int port() {
    return server.port();
  }

  private Optional<Message> answer(Message query) {
    queries.incrementAndGet();
    if (silent.get()) {
      return Optional.empty();
    }
    Record question = query.getQuestion();
    Message reply = new Message(query.getHeader().getID());
    reply.getHeader().setFlag(Flags.QR);
    reply.getHeader().setFlag(Flags.RD);
    reply.getHeader().setFlag(Flags.RA);
    reply.addRecord(question, Section.QUESTION);
    Name name = question.getName();
    int hops = 0;
    while (cnames.containsKey(name) && hops++ < 10) {
      Name next = cnames.get(name);
      reply.addRecord(new CNAMERecord(name, DClass.IN, TTL / 2, next), Section.ANSWER);
      name = next;
    }
    List<InetAddress> known = addresses.get(name);
    if (known == null) {
      if (hops == 0) {
        reply.getHeader().setRcode(Rcode.NXDOMAIN);
      }
      return Optional.of(reply);
    }
    for (InetAddress a : known) {
      if (question.getType() == Type.A && a instanceof Inet4Address) {
        reply.addRecord(new ARecord(name, DClass.IN, TTL, a), Section.ANSWER);
      } else if (question.getType() == Type.AAAA && a instanceof Inet6Address) {
        reply.addRecord(new AAAARecord(name, DClass.IN, TTL, a), Section.ANSWER);
      }
    }
    return Optional.of(reply);
  }

  @Override
  public void close() {
    server.close();
  }
}
