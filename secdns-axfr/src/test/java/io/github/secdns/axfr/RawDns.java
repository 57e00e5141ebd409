package io.github.secdns.axfr;

import static io.github.secdns.testsupport.Addresses.ip;

import io.github.secdns.testsupport.zones.TestRecords;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Raw-socket DNS client for tests where dnsjava's clients are too lenient. */
final class RawDns implements AutoCloseable {

  static final int TIMEOUT_MS = 10_000;

  private final Socket socket;
  private final DataInputStream in;
  private final DataOutputStream out;

  private RawDns(Socket socket) throws IOException {
    this.socket = socket;
    socket.setSoTimeout(TIMEOUT_MS);
    this.in = new DataInputStream(socket.getInputStream());
    this.out = new DataOutputStream(socket.getOutputStream());
  }

  static RawDns connect(InetSocketAddress server) throws IOException {
    return connect(server, null);
  }

  static RawDns connect(InetSocketAddress server, String localAddress) throws IOException {
    return connect(server, localAddress, 0);
  }

  /**
   * Connects, optionally from a given local address and with a small receive buffer (so that a
   * client that stops reading stalls the server's writes soon).
   */
  static RawDns connect(InetSocketAddress server, String localAddress, int receiveBuffer)
      throws IOException {
    Socket s = new Socket();
    if (receiveBuffer > 0) {
      s.setReceiveBufferSize(receiveBuffer);
    }
    if (localAddress != null) {
      s.bind(new InetSocketAddress(ip(localAddress), 0));
    }
    s.connect(server, TIMEOUT_MS);
    return new RawDns(s);
  }

  /** A client over an already connected socket, for example a TLS socket after its handshake. */
  static RawDns over(Socket socket) throws IOException {
    return new RawDns(socket);
  }

  static byte[] query(int id, String qname, int qtype, boolean edns) {
    Message m = Message.newQuery(Record.newRecord(TestRecords.name(qname), qtype, DClass.IN));
    m.getHeader().setID(id);
    if (edns) {
      m.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
    }
    return m.toWire();
  }

  void send(byte[] message) throws IOException {
    out.writeShort(message.length);
    out.write(message);
    out.flush();
  }

  void sendRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  byte[] receive() throws IOException {
    int length = in.readUnsignedShort();
    byte[] message = new byte[length];
    in.readFully(message);
    return message;
  }

  /** Reads messages until one whose answer ends with an SOA after the first (or an error). */
  List<byte[]> receiveTransfer() throws IOException {
    return receiveTransfer(0);
  }

  /** The same, when {@code soasSeen} SOAs of the transfer were read already. */
  List<byte[]> receiveTransfer(int soasSeen) throws IOException {
    List<byte[]> messages = new ArrayList<>();
    int soas = soasSeen;
    while (true) {
      byte[] wire = receive();
      messages.add(wire);
      Message m = new Message(wire);
      if (m.getRcode() != 0) {
        return messages;
      }
      for (Record r : m.getSection(Section.ANSWER)) {
        if (r.getType() == Type.SOA) {
          soas++;
        }
      }
      if (soas >= 2) {
        return messages;
      }
    }
  }

  /**
   * Reads every complete message until the server closes the connection (end of stream or a reset);
   * a message cut short by the close is dropped. Fails when the socket's timeout passes first: the
   * server kept the connection open.
   */
  List<byte[]> receiveUntilClosed() throws IOException {
    List<byte[]> messages = new ArrayList<>();
    while (true) {
      try {
        messages.add(receive());
      } catch (java.io.EOFException | java.net.SocketException closed) {
        return messages;
      }
    }
  }

  /** True when the server closed the connection (read returns end of stream). */
  boolean closedByServer() throws IOException {
    try {
      return in.read() < 0;
    } catch (java.net.SocketException e) {
      return true;
    }
  }

  /**
   * Starts an AXFR of a zone too large for the socket buffers, reads its first message and then
   * stops reading, so that the transfer stays in flight until the client closes.
   */
  static RawDns stalledTransfer(InetSocketAddress server, String zone) throws IOException {
    RawDns c = connect(server, null, 4096);
    c.send(query(0x5151, zone, Type.AXFR, false));
    c.receive();
    return c;
  }

  /** Reads and discards until the server closes the connection; true when it did. */
  boolean closedByServerAfterDraining() throws IOException {
    byte[] buffer = new byte[65536];
    try {
      while (in.read(buffer) >= 0) {
        // discard
      }
      return true;
    } catch (java.net.SocketException e) {
      return true; // reset by the server
    }
  }

  /**
   * Transfers a zone over a new connection (optionally from a given local address) and returns
   * every answer record of every message; fails when a message is not NOERROR.
   */
  static List<Record> axfrRecords(
      InetSocketAddress server, String zone, String localAddress, int id) throws IOException {
    List<Record> records = new ArrayList<>();
    try (RawDns c = connect(server, localAddress)) {
      c.send(query(id, zone, Type.AXFR, false));
      for (byte[] wire : c.receiveTransfer()) {
        Message m = new Message(wire);
        if (m.getRcode() != 0) {
          throw new AssertionError(
              "AXFR of " + zone + " answered " + org.xbill.DNS.Rcode.string(m.getRcode()));
        }
        records.addAll(m.getSection(Section.ANSWER));
      }
    }
    return records;
  }

  /**
   * Reads datagrams until one the predicate accepts, handing the others to {@code others}.
   *
   * @return false when the socket's timeout passed first
   */
  static boolean receiveDatagramUntil(
      DatagramSocket socket,
      java.util.function.Predicate<byte[]> wanted,
      java.util.function.Consumer<byte[]> others)
      throws IOException {
    byte[] buffer = new byte[65535];
    while (true) {
      DatagramPacket p = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(p);
      } catch (java.net.SocketTimeoutException e) {
        return false;
      }
      byte[] wire = java.util.Arrays.copyOf(buffer, p.getLength());
      if (wanted.test(wire)) {
        return true;
      }
      others.accept(wire);
    }
  }

  Socket socket() {
    return socket;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  static byte[] udpExchange(InetSocketAddress server, byte[] query) throws IOException {
    return udpExchange(server, query, "127.0.0.1");
  }

  static byte[] udpExchange(InetSocketAddress server, byte[] query, String localAddress)
      throws IOException {
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(ip(localAddress), 0))) {
      s.setSoTimeout(TIMEOUT_MS);
      s.send(new DatagramPacket(query, query.length, server));
      byte[] buffer = new byte[65535];
      DatagramPacket p = new DatagramPacket(buffer, buffer.length);
      s.receive(p);
      return java.util.Arrays.copyOf(buffer, p.getLength());
    }
  }

  static int id(byte[] wire) {
    return ((wire[0] & 0xFF) << 8) | (wire[1] & 0xFF);
  }

  static int flags(byte[] wire) {
    return ((wire[2] & 0xFF) << 8) | (wire[3] & 0xFF);
  }

  static int count(byte[] wire, int section) {
    int offset = 4 + 2 * section;
    return ((wire[offset] & 0xFF) << 8) | (wire[offset + 1] & 0xFF);
  }

  static Name nameOf(String text) {
    return TestRecords.name(text);
  }
}
