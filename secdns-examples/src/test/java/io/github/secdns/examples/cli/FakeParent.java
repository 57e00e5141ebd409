package io.github.secdns.examples.cli;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Arrays;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Section;

/**
 * A parent zone's server on loopback over UDP: answers every query with a referral to the given
 * name servers. Closed (socket and thread) by {@link #close()}.
 */
final class FakeParent implements AutoCloseable {

  private final DatagramSocket socket;
  private final Thread thread;

  FakeParent(Name zone, List<String> delegation) throws IOException {
    this(zone, delegation, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
  }

  /** A parent listening on a given loopback address and port (UDP). */
  FakeParent(Name zone, List<String> delegation, InetSocketAddress bind) throws IOException {
    socket = new DatagramSocket(bind);
    thread = new Thread(() -> serve(zone, delegation), "fake-parent");
    thread.start();
  }

  InetSocketAddress address() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  private void serve(Name zone, List<String> delegation) {
    byte[] buffer = new byte[4096];
    while (!socket.isClosed()) {
      try {
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.receive(packet);
        Message query = new Message(Arrays.copyOf(packet.getData(), packet.getLength()));
        Message reply = new Message(query.getHeader().getID());
        reply.getHeader().setFlag(Flags.QR);
        reply.addRecord(query.getQuestion(), Section.QUESTION);
        for (String ns : delegation) {
          reply.addRecord(
              new NSRecord(zone, DClass.IN, 172800, Name.fromString(ns)), Section.AUTHORITY);
        }
        byte[] wire = reply.toWire();
        socket.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
      } catch (SocketException closed) {
        return;
      } catch (IOException e) {
        // a malformed query: ignore it, as a parent would
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    socket.close();
    thread.join(10_000);
  }
}
