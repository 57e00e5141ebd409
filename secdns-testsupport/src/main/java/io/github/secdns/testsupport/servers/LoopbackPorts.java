package io.github.secdns.testsupport.servers;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Chooses listening ports for the servers a test starts.
 *
 * <p>Ports come from 20000-32767, below Linux's default ephemeral range (32768-60999), so that a
 * port we hand to a server is never taken meanwhile by some process's outgoing connection. A port
 * is handed out only when both TCP and UDP can bind it on the given address, and never twice in one
 * JVM. A server that still loses the race fails to start and says so in its log.
 */
public final class LoopbackPorts {

  private static final int LOW = 20000;
  private static final int HIGH = 32767;
  private static final Set<Integer> HANDED_OUT = new HashSet<>();

  private LoopbackPorts() {}

  /**
   * A port free on TCP and UDP at the address, never handed out before in this JVM.
   *
   * @param address the loopback address the server will bind
   * @return the port
   */
  public static synchronized int free(InetAddress address) {
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(LOW, HIGH + 1);
      if (HANDED_OUT.contains(port)) {
        continue;
      }
      if (bindable(address, port)) {
        HANDED_OUT.add(port);
        return port;
      }
    }
    throw new AssertionError(
        "no free TCP+UDP port on "
            + address.getHostAddress()
            + " in "
            + LOW
            + "-"
            + HIGH
            + " after 200 attempts");
  }

  private static boolean bindable(InetAddress address, int port) {
    try (ServerSocket tcp = new ServerSocket()) {
      tcp.setReuseAddress(false);
      tcp.bind(new InetSocketAddress(address, port));
      try (DatagramSocket udp = new DatagramSocket(null)) {
        udp.setReuseAddress(false);
        udp.bind(new InetSocketAddress(address, port));
        return true;
      }
    } catch (IOException e) {
      return false;
    }
  }
}
