package io.github.secdns.benchmarks.e2e;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import javax.net.SocketFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The one lightweight AXFR client used against every server: sends an AXFR query over TCP, reads
 * length-prefixed messages and sums ANCOUNT from each 12-octet header, without parsing records.
 *
 * <p>A transfer is complete when the sum reaches the expected count (the zone's records plus the
 * closing SOA). Any RCODE other than NOERROR, a foreign message ID, more records than expected or a
 * closed connection fails the transfer. This is why it is fair: every server pays for sending, none
 * for the client's printing (dig spends more time printing than the servers spend sending). Not
 * thread-safe per call; calls are independent and may run in parallel.
 */
public final class TransferClient {

  /**
   * The outcome of one transfer.
   *
   * @param records answer records received (sum of ANCOUNT)
   * @param messages DNS messages received
   * @param bytes octets received, length prefixes included
   * @param nanos from connecting to the last octet
   * @param firstMessageNanos from connecting to the first complete message
   */
  public record Result(
      long records, long messages, long bytes, long nanos, long firstMessageNanos) {

    /**
     * Records per second.
     *
     * @return the rate
     */
    public double recordsPerSecond() {
      return records * 1e9 / nanos;
    }
  }

  private TransferClient() {}

  /**
   * Transfers a zone by AXFR and counts its records.
   *
   * @param server the server's TCP address
   * @param zone the zone
   * @param expectedRecords the records the transfer must carry (zone size + 1)
   * @param timeout read timeout
   * @return the counts and times
   * @throws IOException on a network error, an error RCODE or a wrong count
   */
  public static Result axfr(
      InetSocketAddress server, Name zone, long expectedRecords, Duration timeout)
      throws IOException {
    return axfr(server, zone, expectedRecords, timeout, SocketFactory.getDefault());
  }

  /**
   * Transfers a zone by AXFR over sockets of a factory (for example TLS sockets for XoT, whose
   * handshake then counts in the transfer's time) and counts its records.
   *
   * @param server the server's address
   * @param zone the zone
   * @param expectedRecords the records the transfer must carry (zone size + 1)
   * @param timeout read timeout
   * @param sockets makes the unconnected socket
   * @return the counts and times
   * @throws IOException on a network error, an error RCODE or a wrong count
   */
  public static Result axfr(
      InetSocketAddress server,
      Name zone,
      long expectedRecords,
      Duration timeout,
      SocketFactory sockets)
      throws IOException {
    byte[] query = query(zone, Type.AXFR);
    int id = ((query[0] & 0xff) << 8) | (query[1] & 0xff);
    long start = System.nanoTime();
    try (Socket socket = sockets.createSocket()) {
      socket.setReceiveBufferSize(1 << 20);
      socket.setTcpNoDelay(true);
      socket.connect(server, (int) timeout.toMillis());
      socket.setSoTimeout((int) timeout.toMillis());
      send(socket, query);
      DataInputStream in =
          new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 17));
      byte[] buffer = new byte[65535];
      long records = 0;
      long messages = 0;
      long bytes = 0;
      long first = 0;
      while (records < expectedRecords) {
        int length = in.readUnsignedShort();
        in.readFully(buffer, 0, length);
        if (length < 12) {
          throw new IOException("message shorter than a header: " + length);
        }
        int messageId = ((buffer[0] & 0xff) << 8) | (buffer[1] & 0xff);
        int rcode = buffer[3] & 0x0f;
        if (messageId != id || rcode != 0) {
          throw new IOException("message " + messages + ": id " + messageId + " rcode " + rcode);
        }
        records += ((buffer[6] & 0xff) << 8) | (buffer[7] & 0xff);
        bytes += length + 2;
        if (messages++ == 0) {
          first = System.nanoTime() - start;
        }
      }
      long nanos = System.nanoTime() - start;
      if (records != expectedRecords) {
        throw new IOException("expected " + expectedRecords + " records, got " + records);
      }
      return new Result(records, messages, bytes, nanos, first);
    }
  }

  /**
   * Reads the SOA serial a server answers over TCP, or -1 when it gives no SOA.
   *
   * @param server the server's TCP address
   * @param zone the zone
   * @param timeout connect and read timeout
   * @return the serial, or -1
   * @throws IOException on a network error
   */
  public static long soaSerial(InetSocketAddress server, Name zone, Duration timeout)
      throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(server, (int) timeout.toMillis());
      socket.setSoTimeout((int) timeout.toMillis());
      send(socket, query(zone, Type.SOA));
      DataInputStream in = new DataInputStream(socket.getInputStream());
      byte[] message = new byte[in.readUnsignedShort()];
      in.readFully(message);
      for (Record r : new Message(message).getSection(Section.ANSWER)) {
        if (r instanceof SOARecord soa) {
          return soa.getSerial();
        }
      }
      return -1;
    }
  }

  /**
   * Reads the serial of the first message of an AXFR and closes the connection, measuring the time
   * to that message: how soon a newly published version is being served.
   *
   * @param server the server's TCP address
   * @param zone the zone
   * @param timeout connect and read timeout
   * @return {nanoseconds to the first message, serial in it}
   * @throws IOException on a network error or a message without SOA
   */
  public static long[] firstMessageSerial(InetSocketAddress server, Name zone, Duration timeout)
      throws IOException {
    long start = System.nanoTime();
    try (Socket socket = new Socket()) {
      socket.connect(server, (int) timeout.toMillis());
      socket.setSoTimeout((int) timeout.toMillis());
      send(socket, query(zone, Type.AXFR));
      DataInputStream in = new DataInputStream(socket.getInputStream());
      byte[] message = new byte[in.readUnsignedShort()];
      in.readFully(message);
      long nanos = System.nanoTime() - start;
      List<Record> answer = new Message(message).getSection(Section.ANSWER);
      if (answer.isEmpty() || !(answer.get(0) instanceof SOARecord soa)) {
        throw new IOException("first message without SOA");
      }
      return new long[] {nanos, soa.getSerial()};
    }
  }

  private static byte[] query(Name zone, int type) {
    return Message.newQuery(Record.newRecord(zone, type, DClass.IN)).toWire();
  }

  private static void send(Socket socket, byte[] query) throws IOException {
    OutputStream out = socket.getOutputStream();
    ByteBuffer framed = ByteBuffer.allocate(query.length + 2);
    framed.putShort((short) query.length).put(query);
    out.write(framed.array());
    out.flush();
  }
}
