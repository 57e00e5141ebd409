package io.github.secdns.testsupport;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.annotation.Nullable;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

/**
 * A DNS server for tests on one loopback address: UDP, and TCP on the same port when asked for,
 * answering every query with a {@link Handler}. It counts and keeps what it receives, so a test can
 * wait for the n-th query and look at it. A handler that returns empty makes the server silent.
 *
 * <p>Every fake DNS server of the tests (a probed name server, a NOTIFY target, a recursive
 * resolver, a parent zone) is one of these with its own handler. {@link #close()} closes the
 * sockets and joins the threads, so the thread-leak checks of the tests see nothing left.
 * Thread-safe.
 */
public final class FakeDnsServer implements AutoCloseable {

  /**
   * One message as the server received it.
   *
   * @param number 1 for the first message this server received, 2 for the second, ...
   * @param wire the octets as received (over TCP without the length prefix)
   * @param message the message as dnsjava parses it, empty when it does not parse
   * @param sender where it came from
   * @param tcp whether it came over TCP
   */
  // The octets exactly as received; a Query is identified by its number, never compared.
  @SuppressWarnings("ArrayRecordComponent")
  public record Query(
      int number, byte[] wire, Optional<Message> message, InetSocketAddress sender, boolean tcp) {

    /**
     * The parsed message.
     *
     * @return the message
     * @throws AssertionError when it did not parse
     */
    public Message parsed() {
      return message.orElseThrow(() -> new AssertionError("query " + number + " did not parse"));
    }
  }

  /** Decides the reply to one query. */
  @FunctionalInterface
  public interface Handler {
    /**
     * Answers a query.
     *
     * @param query what arrived
     * @return the reply octets, or empty to stay silent
     * @throws IOException counted in {@link #failures()}; the server goes on serving
     */
    Optional<byte[]> reply(Query query) throws IOException;
  }

  private final InetAddress address;
  private final DatagramSocket udp;
  @Nullable private final ServerSocket tcp;
  private final Handler handler;
  private final List<Thread> threads = new ArrayList<>();
  private final List<Query> queries = new CopyOnWriteArrayList<>();
  private final List<Throwable> failures = new CopyOnWriteArrayList<>();
  @Nullable private volatile Socket currentTcp;

  private FakeDnsServer(InetAddress address, int port, boolean withTcp, Handler handler)
      throws IOException {
    this.address = address;
    this.handler = handler;
    DatagramSocket datagrams = null;
    ServerSocket stream = null;
    // With port 0 the kernel picks the UDP port; TCP must get the same number, which another
    // socket may hold: then both are given back and another number is tried.
    for (int attempt = 0; ; attempt++) {
      datagrams = new DatagramSocket(null);
      try {
        datagrams.bind(new InetSocketAddress(address, port));
        if (withTcp) {
          stream = new ServerSocket();
          stream.setReuseAddress(true);
          stream.bind(new InetSocketAddress(address, datagrams.getLocalPort()));
        }
        break;
      } catch (IOException e) {
        datagrams.close();
        if (stream != null) {
          stream.close();
          stream = null;
        }
        if (port != 0 || attempt >= 20) {
          throw e;
        }
      }
    }
    this.udp = datagrams;
    this.tcp = stream;
    String where = address.getHostAddress();
    threads.add(new Thread(this::serveUdp, "fake-dns-udp-" + where));
    if (tcp != null) {
      threads.add(new Thread(this::serveTcp, "fake-dns-tcp-" + where));
    }
    threads.forEach(Thread::start);
  }

  /**
   * Starts a server on UDP only.
   *
   * @param address where to listen (loopback)
   * @param port the port, 0 for an ephemeral one
   * @param handler the replies
   * @return the running server
   * @throws IOException when the port cannot be bound
   */
  public static FakeDnsServer udp(InetAddress address, int port, Handler handler)
      throws IOException {
    return new FakeDnsServer(address, port, false, handler);
  }

  /**
   * Starts a server on UDP and on TCP at the same port; TCP connections are served one at a time.
   *
   * @param address where to listen (loopback)
   * @param port the port, 0 for an ephemeral one (the TCP port is then the UDP one)
   * @param handler the replies
   * @return the running server
   * @throws IOException when the ports cannot be bound
   */
  public static FakeDnsServer udpAndTcp(InetAddress address, int port, Handler handler)
      throws IOException {
    return new FakeDnsServer(address, port, true, handler);
  }

  /**
   * A handler from a function of parsed messages; queries that do not parse get no reply.
   *
   * @param answer the reply to a parsed query, or empty to stay silent
   * @return the handler
   */
  public static Handler answering(Function<Message, Optional<Message>> answer) {
    return query ->
        query.message().isEmpty()
            ? Optional.empty()
            : answer.apply(query.message().get()).map(Message::toWire);
  }

  /**
   * A handler that answers every parsed query REFUSED, echoing its question.
   *
   * @return the handler
   */
  public static Handler refusing() {
    return answering(
        query -> {
          Message reply = new Message(query.getHeader().getID());
          reply.getHeader().setFlag(Flags.QR);
          reply.getHeader().setRcode(Rcode.REFUSED);
          reply.addRecord(query.getQuestion(), Section.QUESTION);
          return Optional.of(reply);
        });
  }

  /**
   * The port (the same for UDP and TCP).
   *
   * @return the bound port
   */
  public int port() {
    return udp.getLocalPort();
  }

  /**
   * The address it listens on.
   *
   * @return the address
   */
  public InetAddress address() {
    return address;
  }

  /**
   * Address and port.
   *
   * @return where it listens
   */
  public InetSocketAddress endpoint() {
    return new InetSocketAddress(address, port());
  }

  /**
   * What it received so far, in order.
   *
   * @return a live, thread-safe view
   */
  public List<Query> queries() {
    return queries;
  }

  /**
   * How many messages it received so far.
   *
   * @return the count
   */
  public int received() {
    return queries.size();
  }

  /**
   * Exceptions of the handler (and of replying), which a test usually expects to be none.
   *
   * @return a live, thread-safe view
   */
  public List<Throwable> failures() {
    return failures;
  }

  /**
   * Waits until at least {@code count} messages arrived.
   *
   * @param count how many
   * @param timeout the upper bound
   * @throws AssertionError when they did not arrive in time
   */
  public void awaitReceived(int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (queries) {
      while (queries.size() < count) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(
              "expected " + count + " messages at " + endpoint() + ", got " + queries.size());
        }
        try {
          queries.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted while waiting for messages", e);
        }
      }
    }
  }

  /**
   * Sends a datagram from this server's UDP socket (a reply the handler decided to send late, or to
   * another address).
   *
   * @param datagram the octets
   * @param to the destination
   * @throws IOException when sending fails
   */
  public void send(byte[] datagram, InetSocketAddress to) throws IOException {
    udp.send(new DatagramPacket(datagram, datagram.length, to));
  }

  private Query received(byte[] wire, InetSocketAddress sender, boolean overTcp) {
    Optional<Message> parsed;
    try {
      parsed = Optional.of(new Message(wire));
    } catch (IOException malformed) {
      parsed = Optional.empty();
    }
    Query query;
    synchronized (queries) {
      query = new Query(queries.size() + 1, wire, parsed, sender, overTcp);
      queries.add(query);
      queries.notifyAll();
    }
    return query;
  }

  private Optional<byte[]> reply(Query query) {
    try {
      return handler.reply(query);
    } catch (IOException | RuntimeException | AssertionError e) {
      failures.add(e);
      return Optional.empty();
    }
  }

  private void serveUdp() {
    byte[] buffer = new byte[65_535];
    while (!udp.isClosed()) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        udp.receive(packet);
      } catch (IOException closed) {
        return;
      }
      Query query =
          received(
              Arrays.copyOf(buffer, packet.getLength()),
              (InetSocketAddress) packet.getSocketAddress(),
              false);
      Optional<byte[]> answer = reply(query);
      if (answer.isPresent()) {
        try {
          send(answer.get(), query.sender());
        } catch (IOException e) {
          if (!udp.isClosed()) {
            failures.add(e);
          }
        }
      }
    }
  }

  private void serveTcp() {
    ServerSocket listener = tcp;
    while (listener != null && !listener.isClosed()) {
      try (Socket s = listener.accept()) {
        currentTcp = s;
        DataInputStream in = new DataInputStream(s.getInputStream());
        OutputStream out = s.getOutputStream();
        while (true) {
          byte[] wire = new byte[in.readUnsignedShort()];
          in.readFully(wire);
          Optional<byte[]> answer =
              reply(received(wire, (InetSocketAddress) s.getRemoteSocketAddress(), true));
          if (answer.isPresent()) {
            byte[] octets = answer.get();
            out.write(new byte[] {(byte) (octets.length >>> 8), (byte) octets.length});
            out.write(octets);
            out.flush();
          }
        }
      } catch (EOFException clientClosed) {
        // next connection
      } catch (IOException closed) {
        // the listener or the connection was closed
      }
    }
  }

  /** Closes the sockets and waits for the threads to end. Idempotent. */
  @Override
  public void close() {
    udp.close();
    try {
      if (tcp != null) {
        tcp.close();
      }
      Socket s = currentTcp;
      if (s != null) {
        s.close();
      }
    } catch (IOException e) {
      // closing anyway
    }
    for (Thread t : threads) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public String toString() {
    return "FakeDnsServer[" + endpoint() + (tcp == null ? ", UDP" : ", UDP+TCP") + "]";
  }
}
