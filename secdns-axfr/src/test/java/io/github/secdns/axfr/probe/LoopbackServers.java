package io.github.secdns.axfr.probe;

import io.github.secdns.testsupport.Addresses;
import io.github.secdns.testsupport.FakeDnsServer;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.xbill.DNS.Message;

/**
 * Fake DNS servers on 127.0.0.2, .3, ... sharing one ephemeral port, as the prober asks every name
 * server on one port. {@link #close()} stops them all.
 */
final class LoopbackServers implements AutoCloseable {

  private final List<FakeDnsServer> servers = new ArrayList<>();
  private final int port;

  private LoopbackServers(int port) {
    this.port = port;
  }

  /** Starts one server per handler, the first on 127.0.0.2. */
  @SafeVarargs
  static LoopbackServers start(Function<Message, Optional<Message>>... handlers)
      throws IOException {
    for (int attempt = 0; attempt < 20; attempt++) {
      int candidate;
      try (DatagramSocket probe = new DatagramSocket(0, ip("127.0.0.2"))) {
        candidate = probe.getLocalPort();
      }
      LoopbackServers started = new LoopbackServers(candidate);
      try {
        for (int i = 0; i < handlers.length; i++) {
          started.servers.add(
              FakeDnsServer.udpAndTcp(
                  ip("127.0.0." + (i + 2)), candidate, FakeDnsServer.answering(handlers[i])));
        }
        return started;
      } catch (BindException taken) {
        started.close();
      }
    }
    throw new IOException("no free port shared by every loopback address");
  }

  int port() {
    return port;
  }

  @Override
  public void close() {
    servers.forEach(FakeDnsServer::close);
  }

  static InetAddress ip(String literal) {
    return Addresses.ip(literal);
  }
}
