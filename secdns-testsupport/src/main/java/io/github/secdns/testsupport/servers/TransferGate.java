package io.github.secdns.testsupport.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.annotation.Nullable;

/**
 * A loopback relay between secondaries and a primary that makes transfers overlap by construction:
 * it holds every transfer a few KiB in until {@code arrivals} transfers are held at the same
 * moment, then lets everything flow. A test that reads {@link Opening#ARRIVALS} from {@link
 * #awaitOpening} knows that this many transfers were under way at once, whatever the load of the
 * machine; no timing is involved.
 *
 * <p>It listens on UDP and TCP at one address and port and relays to the upstream (the primary):
 *
 * <ul>
 *   <li>UDP datagrams (SOA queries) both ways as they are, through one upstream socket per client
 *       address and port (the 256 most recent);
 *   <li>TCP client-to-server octets at once;
 *   <li>TCP server-to-client octets freely for the first {@code heldAfterBytes} of a connection (an
 *       SOA answer over TCP, the start of a transfer). A connection that has received that many
 *       octets <em>arrives at the gate</em>: the relay stops reading its upstream (the primary's
 *       send buffer fills and it waits) until {@code arrivals} connections are at the gate at the
 *       same time, or until {@code deadline} has passed since the first arrival. Then the gate is
 *       open for good and every connection flows freely.
 * </ul>
 *
 * <p>A connection whose client closes while held leaves the gate (closed both ways). The relay's
 * upstream sockets are bound to the gate's own address, so the primary sees requests from that
 * address (place the gate on the secondaries' address, e.g. 127.0.0.1 on another port, and a NOTIFY
 * source check of the secondaries still passes: NOTIFY goes from the primary to the secondaries
 * directly).
 *
 * <p>One thread ({@code transfer-gate-<port>}) does all the relaying; {@link #close()} closes every
 * socket the gate opened and joins the thread. Thread-safe.
 */
public final class TransferGate implements AutoCloseable {

  /** Why the gate opened. */
  public enum Opening {
    /** The required number of connections were held at the gate at the same moment. */
    ARRIVALS,
    /** The deadline since the first arrival passed first. */
    DEADLINE
  }

  private static final int BUFFER = 16 * 1024;
  private static final int MAX_UDP_CLIENTS = 256;
  private static final Duration JOIN = Duration.ofSeconds(10);

  private final InetSocketAddress upstream;
  private final int arrivals;
  private final long heldAfterBytes;
  private final Duration deadline;
  private final Selector selector;
  private final ServerSocketChannel tcp;
  private final DatagramChannel udp;
  private final InetSocketAddress bound;
  // One upstream socket per client address and port, the least recently used closed beyond a bound
  // (BIND sends each query from a new port).
  private final Map<InetSocketAddress, DatagramChannel> udpUpstreams =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<InetSocketAddress, DatagramChannel> eldest) {
          if (size() <= MAX_UDP_CLIENTS) {
            return false;
          }
          closeQuietly(eldest.getValue());
          return true;
        }
      };
  private final List<Relay> relays = new ArrayList<>();
  private final CountDownLatch opened = new CountDownLatch(1);
  private final Thread thread;
  private final ByteBuffer datagram = ByteBuffer.allocate(65_535);

  // Written by the relay thread only; volatile for the readers of the accessors.
  @Nullable private volatile Opening opening;
  @Nullable private volatile Throwable failure;
  // Written by the gate's thread only, read by the test's: atomics make each update one step.
  private final AtomicInteger heldNow = new AtomicInteger();
  private final AtomicInteger mostHeld = new AtomicInteger();
  private volatile boolean closing;
  private long firstArrivalNanos;
  private boolean anyArrived;

  private TransferGate(
      InetSocketAddress listen,
      InetSocketAddress upstream,
      int arrivals,
      long heldAfterBytes,
      Duration deadline)
      throws IOException {
    this.upstream = upstream;
    this.arrivals = arrivals;
    this.heldAfterBytes = heldAfterBytes;
    this.deadline = deadline;
    Selector s = Selector.open();
    ServerSocketChannel t = null;
    DatagramChannel u = null;
    try {
      t = ServerSocketChannel.open();
      t.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      t.bind(listen);
      InetSocketAddress tcpBound = (InetSocketAddress) t.getLocalAddress();
      u = DatagramChannel.open();
      // UDP on the same port as TCP, as a DNS server.
      u.bind(tcpBound);
      t.configureBlocking(false);
      u.configureBlocking(false);
      t.register(s, SelectionKey.OP_ACCEPT);
      u.register(s, SelectionKey.OP_READ);
      this.bound = tcpBound;
    } catch (IOException | RuntimeException e) {
      closeQuietly(u);
      closeQuietly(t);
      closeQuietly(s);
      throw new IOException("the transfer gate cannot listen on " + listen + ": " + e, e);
    }
    this.selector = s;
    this.tcp = t;
    this.udp = u;
    this.thread = new Thread(this::run, "transfer-gate-" + bound.getPort());
    this.thread.setDaemon(true);
  }

  /**
   * Starts a gate.
   *
   * @param listen where it listens on UDP and TCP (port 0: any free port, the same for both)
   * @param upstream the primary it relays to
   * @param arrivals how many connections must be held at once to open the gate (at least 1)
   * @param heldAfterBytes server-to-client octets a connection receives before it is held (at least
   *     1; more than an SOA answer, less than the transfer)
   * @param deadline the gate opens anyway this long after the first arrival
   * @return the gate, relaying
   * @throws IOException when it cannot bind {@code listen}
   * @throws IllegalArgumentException when {@code arrivals} or {@code heldAfterBytes} is below 1, or
   *     the deadline is not positive
   */
  public static TransferGate start(
      InetSocketAddress listen,
      InetSocketAddress upstream,
      int arrivals,
      long heldAfterBytes,
      Duration deadline)
      throws IOException {
    Objects.requireNonNull(listen, "listen");
    Objects.requireNonNull(upstream, "upstream");
    Objects.requireNonNull(deadline, "deadline");
    if (arrivals < 1) {
      throw new IllegalArgumentException("arrivals must be at least 1: " + arrivals);
    }
    if (heldAfterBytes < 1) {
      throw new IllegalArgumentException("heldAfterBytes must be at least 1: " + heldAfterBytes);
    }
    if (deadline.isNegative() || deadline.isZero()) {
      throw new IllegalArgumentException("the deadline must be positive: " + deadline);
    }
    TransferGate gate = new TransferGate(listen, upstream, arrivals, heldAfterBytes, deadline);
    gate.thread.start();
    return gate;
  }

  /**
   * Where the gate listens (UDP and TCP).
   *
   * @return the bound address and port
   */
  public InetSocketAddress endpoint() {
    return bound;
  }

  /**
   * Why the gate opened, if it has.
   *
   * @return the reason, empty while it is closed to held connections
   */
  public Optional<Opening> opening() {
    return Optional.ofNullable(opening);
  }

  /**
   * Connections held at the gate now (0 once it is open).
   *
   * @return the count
   */
  public int heldNow() {
    return heldNow.get();
  }

  /**
   * The most connections that were held at the gate at the same moment.
   *
   * @return the count
   */
  public int mostHeldAtOnce() {
    return mostHeld.get();
  }

  /**
   * Waits until the gate opens.
   *
   * @param timeout the upper bound of the wait
   * @return why it opened
   * @throws AssertionError when it did not open in time (saying how many connections it held), or
   *     the relay failed or was closed first
   */
  public Opening awaitOpening(Duration timeout) {
    try {
      if (!opened.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        throw new AssertionError(
            "the transfer gate did not open within "
                + timeout
                + ": "
                + heldNow.get()
                + " of "
                + arrivals
                + " connections held now, at most "
                + mostHeld.get()
                + " at once");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for the transfer gate", e);
    }
    Opening o = opening;
    if (o == null) {
      Throwable f = failure;
      throw new AssertionError(
          f == null ? "the transfer gate was closed before it opened" : "the relay failed: " + f,
          f);
    }
    return o;
  }

  /**
   * Closes every socket of the gate and joins its thread. Idempotent.
   *
   * @throws IllegalStateException when the thread does not end, or the relay had failed (what
   *     failed is the cause): the connections through it were cut
   */
  @Override
  public void close() {
    closing = true;
    selector.wakeup();
    try {
      thread.join(JOIN.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      throw new IllegalStateException(thread.getName() + " did not end within " + JOIN);
    }
    Throwable f = failure;
    if (f != null) {
      throw new IllegalStateException("the transfer gate's relay failed: " + f, f);
    }
  }

  @Override
  public String toString() {
    return "TransferGate["
        + bound
        + " -> "
        + upstream
        + ", "
        + arrivals
        + " arrivals after "
        + heldAfterBytes
        + " octets, "
        + opening().map(Opening::toString).orElse("closed")
        + "]";
  }

  private void run() {
    try {
      while (!closing) {
        long wait = 0;
        if (opening == null && anyArrived) {
          long left = firstArrivalNanos + deadline.toNanos() - System.nanoTime();
          if (left <= 0) {
            open(Opening.DEADLINE);
          } else {
            wait = Math.max(1, TimeUnit.NANOSECONDS.toMillis(left));
          }
        }
        selector.select(wait);
        if (closing) {
          break;
        }
        for (SelectionKey key : new ArrayList<>(selector.selectedKeys())) {
          selector.selectedKeys().remove(key);
          if (key.isValid()) {
            handle(key);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      failure = e;
    } finally {
      for (Relay r : new ArrayList<>(relays)) {
        r.close();
      }
      udpUpstreams.values().forEach(TransferGate::closeQuietly);
      closeQuietly(udp);
      closeQuietly(tcp);
      closeQuietly(selector);
      // Wakes a waiter: it finds no opening and says the gate closed or failed.
      opened.countDown();
    }
  }

  private void handle(SelectionKey key) throws IOException {
    Object attachment = key.attachment();
    if (key.channel() == tcp) {
      accept();
    } else if (key.channel() == udp) {
      fromClientDatagram();
    } else if (attachment instanceof InetSocketAddress client) {
      fromUpstreamDatagram((DatagramChannel) key.channel(), client);
    } else if (attachment instanceof Relay relay) {
      relay.step();
    }
  }

  private void accept() throws IOException {
    SocketChannel client = tcp.accept();
    if (client == null) {
      return;
    }
    SocketChannel server = SocketChannel.open();
    try {
      server.bind(new InetSocketAddress(bound.getAddress(), 0));
      // Loopback: the connect completes (or is refused) at once.
      server.connect(upstream);
      client.configureBlocking(false);
      server.configureBlocking(false);
    } catch (IOException e) {
      // The primary is not there: the client sees its connection closed, as it would.
      closeQuietly(server);
      closeQuietly(client);
      return;
    }
    Relay relay = new Relay(client, server, selector);
    relays.add(relay);
    relay.updateInterest();
  }

  private void fromClientDatagram() throws IOException {
    datagram.clear();
    InetSocketAddress client = (InetSocketAddress) udp.receive(datagram);
    if (client == null) {
      return;
    }
    datagram.flip();
    DatagramChannel out = udpUpstreams.get(client);
    if (out == null) {
      out = DatagramChannel.open();
      try {
        out.bind(new InetSocketAddress(bound.getAddress(), 0));
        out.connect(upstream);
        out.configureBlocking(false);
        out.register(selector, SelectionKey.OP_READ, client);
      } catch (IOException e) {
        closeQuietly(out);
        throw new UncheckedIOException("cannot open a UDP socket to " + upstream, e);
      }
      udpUpstreams.put(client, out);
    }
    try {
      out.write(datagram);
    } catch (IOException unreachable) {
      // A datagram lost, as on a network: the client retries.
    }
  }

  private void fromUpstreamDatagram(DatagramChannel from, InetSocketAddress client)
      throws IOException {
    datagram.clear();
    try {
      if (from.read(datagram) <= 0) {
        return;
      }
    } catch (IOException unreachable) {
      return;
    }
    datagram.flip();
    udp.send(datagram, client);
  }

  private void arrived(Relay relay) {
    relay.held = true;
    mostHeld.accumulateAndGet(heldNow.incrementAndGet(), Math::max);
    if (!anyArrived) {
      anyArrived = true;
      firstArrivalNanos = System.nanoTime();
    }
    if (heldNow.get() >= arrivals) {
      open(Opening.ARRIVALS);
    }
  }

  private void open(Opening why) {
    opening = why;
    heldNow.set(0);
    for (Relay r : relays) {
      r.held = false;
      r.updateInterest();
    }
    opened.countDown();
  }

  private static void closeQuietly(@Nullable AutoCloseable c) {
    if (c != null) {
      try {
        c.close();
      } catch (Exception e) {
        // closing anyway
      }
    }
  }

  /** One TCP connection: client to gate, gate to upstream. */
  private final class Relay {
    private final SocketChannel client;
    private final SocketChannel server;
    // Pending octets in read mode: empty when nothing is waiting to be written.
    private final ByteBuffer toServer = ByteBuffer.allocate(BUFFER).flip();
    private final ByteBuffer toClient = ByteBuffer.allocate(BUFFER).flip();
    private final SelectionKey clientKey;
    private final SelectionKey serverKey;
    private long relayedToClient;
    private boolean clientDone;
    private boolean serverDone;
    private boolean held;
    private boolean closed;

    Relay(SocketChannel client, SocketChannel server, Selector selector)
        throws ClosedChannelException {
      this.client = client;
      this.server = server;
      // No interest until updateInterest(): the relay is complete before the selector sees it.
      this.clientKey = client.register(selector, 0, this);
      this.serverKey = server.register(selector, 0, this);
    }

    /** Moves whatever can be moved now, both ways; a broken side closes the connection. */
    void step() {
      try {
        if (!toServer.hasRemaining() && !clientDone) {
          toServer.clear();
          int n = client.read(toServer);
          toServer.flip();
          if (n < 0) {
            clientDone = true;
            if (held) {
              // A held client cannot be told from one that left until octets flow to it again;
              // DNS clients do not half-close while they wait for a transfer: it left the gate.
              close();
              return;
            }
          }
        }
        if (toServer.hasRemaining()) {
          server.write(toServer);
        }
        if (clientDone && !toServer.hasRemaining()) {
          server.shutdownOutput();
        }
        if (!toClient.hasRemaining() && !serverDone && !held) {
          toClient.clear();
          if (opening == null) {
            // Up to the threshold exactly, so that a held connection has received no more.
            toClient.limit((int) Math.min(BUFFER, heldAfterBytes - relayedToClient));
          }
          int n = server.read(toClient);
          toClient.flip();
          if (n < 0) {
            serverDone = true;
          } else {
            relayedToClient += n;
          }
        }
        if (toClient.hasRemaining()) {
          client.write(toClient);
        }
        if (serverDone && !toClient.hasRemaining()) {
          client.shutdownOutput();
        }
        if (opening == null && !held && relayedToClient >= heldAfterBytes) {
          arrived(this);
        }
        if (clientDone && serverDone && !toServer.hasRemaining() && !toClient.hasRemaining()) {
          close();
          return;
        }
        updateInterest();
      } catch (IOException e) {
        close();
      }
    }

    void updateInterest() {
      if (closed) {
        return;
      }
      try {
        clientKey.interestOps(
            (clientDone || toServer.hasRemaining() ? 0 : SelectionKey.OP_READ)
                | (toClient.hasRemaining() ? SelectionKey.OP_WRITE : 0));
        serverKey.interestOps(
            (serverDone || held || toClient.hasRemaining() ? 0 : SelectionKey.OP_READ)
                | (toServer.hasRemaining() ? SelectionKey.OP_WRITE : 0));
      } catch (CancelledKeyException e) {
        close();
      }
    }

    void close() {
      if (closed) {
        return;
      }
      closed = true;
      relays.remove(this);
      if (held) {
        held = false;
        heldNow.decrementAndGet();
      }
      closeQuietly(client);
      closeQuietly(server);
    }
  }
}
