package io.github.secdns.examples.cli;

import io.github.secdns.testsupport.FakeDnsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Section;

/**
 * A parent zone's server on loopback over UDP (the shared {@link FakeDnsServer}): answers every
 * query with a referral to the given name servers. Closed (socket and thread) by {@link #close()}.
 */
final class FakeParent implements AutoCloseable {

  private final FakeDnsServer server;

  FakeParent(Name zone, List<String> delegation) throws IOException {
    List<Name> names = delegation.stream().map(Name::fromConstantString).toList();
    server =
        FakeDnsServer.udp(
            InetAddress.getLoopbackAddress(),
            0,
            FakeDnsServer.answering(query -> Optional.of(referral(query, zone, names))));
  }

  private static Message referral(Message query, Name zone, List<Name> delegation) {
    Message reply = new Message(query.getHeader().getID());
    reply.getHeader().setFlag(Flags.QR);
    reply.addRecord(query.getQuestion(), Section.QUESTION);
    for (Name ns : delegation) {
      reply.addRecord(new NSRecord(zone, DClass.IN, 172800, ns), Section.AUTHORITY);
    }
    return reply;
  }

  InetSocketAddress address() {
    return server.endpoint();
  }

  @Override
  public void close() {
    server.close();
  }
}
