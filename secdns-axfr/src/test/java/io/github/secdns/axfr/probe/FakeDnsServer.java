package io.github.secdns.axfr.probe;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Optional;
import java.util.function.Function;
import org.xbill.DNS.Message;

/**
 * A DNS server for tests on one loopback address and port, UDP and TCP, answering with a handler; a
 * handler that returns empty makes the server silent. {@link #close()} stops both threads and
 * closes every socket.
 */
public final class FakeDnsServer implements AutoCloseable {

  private final DatagramSocket udp;
  private final ServerSocket tcp;
  private final Thread udpThread;
  private final Thread tcpThread;
  private final Function<Message, Optional<Message>> handler;
  private volatile Socket current;

  public FakeDnsServer(InetAddress address, int port, Function<Message, Optional<Message>> handler)
      throws IOException {
    this.handler = handler;
    this.udp = new DatagramSocket(null);
    this.tcp = new ServerSocket();
    try {
      udp.bind(new InetSocketAddress(address, port));
      tcp.setReuseAddress(true);
      tcp.bind(new InetSocketAddress(address, port));
    } catch (IOException e) {
      udp.close();
      tcp.close();
      throw e;
    }
    this.udpThread = new Thread(this::serveUdp, "fake-dns-udp-" + address.getHostAddress());
    this.tcpThread = new Thread(this::serveTcp, "fake-dns-tcp-" + address.getHostAddress());
    udpThread.start();
    tcpThread.start();
  }

  public int port() {
    return udp.getLocalPort();
  }

  private void serveUdp() {
    byte[] buffer = new byte[65_535];
    while (!udp.isClosed()) {
      try {
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        udp.receive(packet);
        byte[] data = java.util.Arrays.copyOf(buffer, packet.getLength());
        Optional<Message> answer = handler.apply(new Message(data));
        if (answer.isPresent()) {
          byte[] out = answer.get().toWire();
          udp.send(new DatagramPacket(out, out.length, packet.getSocketAddress()));
        }
      } catch (IOException e) {
        // closed, or a malformed query: keep serving until closed
      }
    }
  }

  private void serveTcp() {
    while (!tcp.isClosed()) {
      try (Socket s = tcp.accept()) {
        current = s;
        DataInputStream in = new DataInputStream(s.getInputStream());
        OutputStream out = s.getOutputStream();
        while (true) {
          int length = in.readUnsignedShort();
          byte[] data = new byte[length];
          in.readFully(data);
          Optional<Message> answer = handler.apply(new Message(data));
          if (answer.isPresent()) {
            byte[] wire = answer.get().toWire();
            out.write(new byte[] {(byte) (wire.length >>> 8), (byte) wire.length});
            out.write(wire);
            out.flush();
          }
        }
      } catch (EOFException e) {
        // the client closed the connection
      } catch (IOException e) {
        // closed
      }
    }
  }

  @Override
  public void close() {
    udp.close();
    try {
      tcp.close();
      Socket s = current;
      if (s != null) {
        s.close();
      }
    } catch (IOException e) {
      // closing anyway
    }
    try {
      udpThread.join(5_000);
      tcpThread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
