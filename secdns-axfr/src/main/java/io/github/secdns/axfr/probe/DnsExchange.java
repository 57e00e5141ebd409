package io.github.secdns.axfr.probe;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * One DNS query and its answer over plain blocking sockets.
 *
 * <p>dnsjava's {@code SimpleResolver} is not used: it shares a static selector thread the prober
 * could not stop, and it retries truncated answers over TCP on its own, which would hide whether
 * UDP works. Answers whose ID or question do not match are ignored (UDP) or rejected (TCP).
 */
final class DnsExchange {

  private static final Logger LOG = LoggerFactory.getLogger(DnsExchange.class);
  private static final int MAX_UDP = 65_535;

  private DnsExchange() {}

  /** Builds a query with a random ID; recursion desired only when asked. */
  static Message query(Name name, int type, boolean recursionDesired) {
    Message query = Message.newQuery(Record.newRecord(name, type, org.xbill.DNS.DClass.IN));
    query.getHeader().setID(ThreadLocalRandom.current().nextInt(0x10000));
    if (!recursionDesired) {
      query.getHeader().unsetFlag(Flags.RD);
    }
    return query;
  }

  /**
   * Sends over UDP and waits for the matching answer.
   *
   * @throws SocketTimeoutException when no matching answer came in time
   * @throws IOException when the network refused (for example ICMP port unreachable)
   */
  static Message udp(InetSocketAddress server, Message query, Duration timeout) throws IOException {
    byte[] out = query.toWire();
    long deadline = System.nanoTime() + timeout.toNanos();
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.connect(server);
      socket.send(new DatagramPacket(out, out.length));
      byte[] in = new byte[MAX_UDP];
      while (true) {
        int wait = remainingMillis(deadline);
        socket.setSoTimeout(wait);
        DatagramPacket packet = new DatagramPacket(in, in.length);
        socket.receive(packet);
        Message answer;
        try {
          byte[] data = new byte[packet.getLength()];
          System.arraycopy(in, 0, data, 0, packet.getLength());
          answer = new Message(data);
        } catch (IOException malformed) {
          continue; // not an answer to us; keep waiting until the deadline
        }
        if (matches(query, answer)) {
          return answer;
        }
      }
    }
  }

  /**
   * Sends over TCP (RFC 7766 framing) and reads the answer.
   *
   * @throws SocketTimeoutException when connecting or reading took too long
   * @throws IOException when the connection was refused or reset, or the answer does not match
   */
  static Message tcp(InetSocketAddress server, Message query, Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Socket socket = connect(server, query, deadline)) {
      Message answer = readFramed(socket, deadline);
      if (!matches(query, answer)) {
        throw new IOException("the answer does not match the query (ID or question)");
      }
      return answer;
    }
  }

  /**
   * One query over UDP, repeated over TCP when the answer is truncated; each within the time left
   * before the deadline, at most {@code cap}.
   *
   * @throws SocketTimeoutException when the deadline passed or no answer came in time
   * @throws IOException when the network refused or the answer does not match
   */
  static Message ask(InetSocketAddress server, Message query, long deadline, Duration cap)
      throws IOException {
    Message m = udp(server, query, remaining(deadline, cap));
    if (m.getHeader().getFlag(Flags.TC)) {
      m = tcp(server, query, remaining(deadline, cap));
    }
    return m;
  }

  /**
   * As {@link #ask}, but a failure is logged at debug level and gives an empty result.
   *
   * @return the answer, or empty on any failure
   */
  static Optional<Message> tryAsk(
      InetSocketAddress server, Message query, long deadline, Duration cap) {
    try {
      return Optional.of(ask(server, query, deadline, cap));
    } catch (IOException | RuntimeException e) {
      LOG.debug(
          "{} query for {} to {} failed: {}",
          Type.string(query.getQuestion().getType()),
          query.getQuestion().getName(),
          server,
          e.toString());
      return Optional.empty();
    }
  }

  /**
   * The time a query may take: what is left before the deadline ({@link System#nanoTime()}), at
   * most {@code cap}.
   *
   * @throws SocketTimeoutException when the deadline has passed
   */
  static Duration remaining(long deadline, Duration cap) throws SocketTimeoutException {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw new SocketTimeoutException("the probe's time budget is spent");
    }
    return Duration.ofNanos(Math.min(left, cap.toNanos()));
  }

  /** Connects over TCP and sends the query with its two-octet length (RFC 7766). */
  static Socket connect(InetSocketAddress server, Message query, long deadline) throws IOException {
    byte[] out = query.toWire();
    Socket socket = new Socket();
    try {
      socket.connect(server, remainingMillis(deadline));
      socket.setSoTimeout(remainingMillis(deadline));
      OutputStream os = socket.getOutputStream();
      byte[] framed = new byte[out.length + 2];
      framed[0] = (byte) (out.length >>> 8);
      framed[1] = (byte) out.length;
      System.arraycopy(out, 0, framed, 2, out.length);
      os.write(framed);
      os.flush();
      return socket;
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /** Reads one length-prefixed message from a TCP connection, before the deadline. */
  static Message readFramed(Socket socket, long deadline) throws IOException {
    socket.setSoTimeout(remainingMillis(deadline));
    DataInputStream is = new DataInputStream(socket.getInputStream());
    int length = is.readUnsignedShort();
    byte[] in = new byte[length];
    socket.setSoTimeout(remainingMillis(deadline));
    is.readFully(in);
    return new Message(in);
  }

  static boolean matches(Message query, Message answer) {
    if (answer.getHeader().getID() != query.getHeader().getID()
        || !answer.getHeader().getFlag(Flags.QR)) {
      return false;
    }
    Record q = query.getQuestion();
    Record a = answer.getQuestion();
    // A server may omit the question in an error answer (FORMERR, NOTIMP); accept that.
    return a == null
        || (a.getName().equals(q.getName())
            && a.getType() == q.getType()
            && a.getDClass() == q.getDClass());
  }

  private static int remainingMillis(long deadline) throws SocketTimeoutException {
    long left = (deadline - System.nanoTime()) / 1_000_000;
    if (left <= 0) {
      throw new SocketTimeoutException("time-out");
    }
    return (int) Math.min(Integer.MAX_VALUE, left);
  }
}
