package io.github.secdns.benchmarks.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.function.IntFunction;
import javax.annotation.Nullable;
import org.xbill.DNS.Name;

/**
 * The many-zones AXFR client, the same for every server: transfers zones one connection each, as a
 * secondary does (connect, send the query, read the answer until it is whole, close), with a fixed
 * number of transfers in flight, from one thread and one {@link Selector}. The measured operation
 * is that per-zone exchange; no connection is reused and the window does not depend on the server.
 *
 * <p>Cheap per transfer, so that on a core of its own it asks as fast as the fastest servers answer
 * (what is left is mostly the kernel's loopback TCP work in this thread; the many-zones report says
 * when a run was client-bound): the queries are built before the run ({@link RawAxfrQuery}), each
 * slot of the window reuses its buffers, and the answer is checked from its octets ({@link
 * RawAxfrCheck}: ID, response flags, RCODE, SOA first and last, the answer counts adding up to the
 * zone's records plus one) instead of being parsed into records. Per transfer only the socket and
 * its selection key are new.
 *
 * <p>Not thread-safe: one thread runs it.
 */
final class AxfrLoad {

  /**
   * What a run gave.
   *
   * @param transfers complete and checked transfers
   * @param messages DNS messages received
   * @param bytes octets received, length prefixes included
   * @param nanos the run's wall time
   * @param threadCpuNanos the client thread's own CPU time over the run (schedstat)
   */
  record Result(long transfers, long messages, long bytes, long nanos, long threadCpuNanos) {

    /**
     * Transfers per second.
     *
     * @return the rate
     */
    double perSecond() {
      return transfers * 1e9 / nanos;
    }
  }

  /** A frame of the longest message and its prefix, with room for the next frame's start. */
  private static final int BUFFER = 2 * (65535 + 2);

  private final InetSocketAddress server;
  private final byte[][] queries;
  private final long expectedRecords;

  /**
   * Builds the query of every zone.
   *
   * @param server the server's TCP address
   * @param zones how many zones ({@code 0 .. zones-1})
   * @param origin a zone's name from its index
   * @param expectedRecords the records every transfer carries (zone size + 1)
   */
  AxfrLoad(InetSocketAddress server, int zones, IntFunction<Name> origin, long expectedRecords) {
    this.server = server;
    this.expectedRecords = expectedRecords;
    this.queries = new byte[zones][];
    for (int i = 0; i < zones; i++) {
      queries[i] = RawAxfrQuery.framed(origin.apply(i), i);
    }
  }

  /** One transfer in flight: its connection, its buffers (reused), its check (reused). */
  private final class Slot {
    private final ByteBuffer out = ByteBuffer.allocateDirect(512);
    private final ByteBuffer in = ByteBuffer.allocateDirect(BUFFER);
    private final RawAxfrCheck check = new RawAxfrCheck();
    @Nullable private SocketChannel channel;
    private int zone;
    private long octets;
    private long messages;

    void start(int zone, Selector selector) throws IOException {
      this.zone = zone;
      byte[] query = queries[zone];
      out.clear();
      out.put(query).flip();
      in.clear();
      check.start(RawAxfrQuery.id(query), expectedRecords);
      SocketChannel c = SocketChannel.open();
      channel = c;
      c.configureBlocking(false);
      // On loopback the handshake is usually done by the time connect returns (the kernel runs
      // the server's side in this thread): then no selection round is spent on it.
      if (c.connect(server) || c.finishConnect()) {
        send(c);
        c.register(selector, SelectionKey.OP_READ, this);
      } else {
        c.register(selector, SelectionKey.OP_CONNECT, this);
      }
    }

    /** Connected: sends the query and waits for the answer. */
    void connected(SelectionKey key) throws IOException {
      SocketChannel c = (SocketChannel) key.channel();
      if (c.finishConnect()) {
        send(c);
        key.interestOps(SelectionKey.OP_READ);
      }
    }

    /** Writes the query: a few dozen octets always fit a new connection's empty send buffer. */
    private void send(SocketChannel c) throws IOException {
      c.write(out);
      if (out.hasRemaining()) {
        throw new IOException("the query to zone " + zone + " was not sent whole");
      }
    }

    /**
     * Reads what arrived and checks every whole message.
     *
     * @return true once the transfer is complete (its connection is then closed)
     */
    boolean read(SelectionKey key) throws IOException {
      SocketChannel c = (SocketChannel) key.channel();
      int n = c.read(in);
      if (n < 0) {
        throw new IOException(
            "zone " + zone + ": connection closed after " + check.records() + " records");
      }
      octets += n;
      int end = in.position();
      int p = 0;
      while (end - p >= 2) {
        int length = ((in.get(p) & 0xff) << 8) | (in.get(p + 1) & 0xff);
        if (end - p - 2 < length) {
          break;
        }
        boolean complete;
        try {
          complete = check.message(in, p + 2, length);
        } catch (IOException e) {
          throw new IOException("zone " + zone + ": " + e.getMessage(), e);
        }
        p += 2 + length;
        if (complete) {
          if (p != end) {
            throw new IOException("zone " + zone + ": octets after the closing SOA");
          }
          c.close();
          channel = null;
          messages += check.messages();
          return true;
        }
      }
      in.limit(end).position(p);
      in.compact();
      return false;
    }

    void close() throws IOException {
      SocketChannel c = channel;
      channel = null;
      if (c != null) {
        c.close();
      }
    }
  }

  /**
   * Transfers the given zones in that order, {@code window} at a time.
   *
   * @param zones zone indexes (repeats allowed)
   * @param window transfers in flight at most
   * @param timeout how long the run may go without progress
   * @return what it measured
   * @throws IOException on a network error, a wrong answer or no progress within {@code timeout}
   */
  Result run(int[] zones, int window, Duration timeout) throws IOException {
    if (window < 1) {
      throw new IllegalArgumentException("window " + window);
    }
    Slot[] slots = new Slot[Math.min(window, zones.length)];
    for (int i = 0; i < slots.length; i++) {
      slots[i] = new Slot();
    }
    long cpu0 = ProcStats.threadCpuNanos();
    long start = System.nanoTime();
    try (Selector selector = Selector.open()) {
      int next = 0;
      for (Slot s : slots) {
        s.start(zones[next++], selector);
      }
      int done = 0;
      while (done < zones.length) {
        if (selector.select(timeout.toMillis()) == 0) {
          throw new IOException("no progress in " + timeout + " (" + done + " transfers done)");
        }
        for (SelectionKey key : selector.selectedKeys()) {
          Slot s = (Slot) key.attachment();
          if (key.isConnectable()) {
            s.connected(key);
          } else if (key.isReadable() && s.read(key)) {
            done++;
            if (next < zones.length) {
              s.start(zones[next++], selector);
            }
          }
        }
        selector.selectedKeys().clear();
      }
    } finally {
      for (Slot s : slots) {
        s.close();
      }
    }
    long nanos = System.nanoTime() - start;
    long cpu = ProcStats.threadCpuNanos() - cpu0;
    long messages = 0;
    long octets = 0;
    for (Slot s : slots) {
      messages += s.messages;
      octets += s.octets;
    }
    return new Result(zones.length, messages, octets, nanos, cpu);
  }
}
