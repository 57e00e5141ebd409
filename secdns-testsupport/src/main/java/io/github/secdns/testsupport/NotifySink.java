package io.github.secdns.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;

/**
 * A NOTIFY target on a loopback address for tests and benchmarks that send NOTIFYs by the hundred
 * thousand (a DNS host's startup fan-out, a slow provider): it counts every datagram cheaply and
 * parses only the NOTIFYs of the zones it is told to watch, which it hands to a queue in arrival
 * order with their arrival time and how many datagrams came before. It answers each NOTIFY
 * (NOERROR, by setting QR on the query's own octets) when told to; a slow provider never answers.
 * It also counts the arrivals of each message ID, so that a sender that reuses an ID still in
 * flight shows.
 *
 * <p>{@link FakeDnsServer} is the other NOTIFY target of the tests: it parses and keeps every
 * message and answers through a handler, which is right for a few NOTIFYs and too slow for these.
 * One receiving thread; {@link #close()} closes the socket and joins it. Thread-safe.
 */
public final class NotifySink implements AutoCloseable {

  /**
   * A watched NOTIFY as it arrived.
   *
   * @param zone the zone in its question
   * @param serial the serial of its SOA hint
   * @param receivedBefore how many datagrams this sink received before it
   * @param arrivedNanos {@link System#nanoTime()} when it was received (CLOCK_MONOTONIC on Linux,
   *     comparable with another process's)
   * @param id its message ID (a retransmission keeps it, another NOTIFY has its own)
   */
  public record Seen(Name zone, long serial, int receivedBefore, long arrivedNanos, int id) {}

  private final DatagramChannel channel;
  private final InetSocketAddress address;
  private final Thread thread;
  private final boolean answers;
  private final AtomicInteger received = new AtomicInteger();
  private final int[] arrivalsPerId = new int[0x10000];
  private final List<Predicate<Name>> watched = new CopyOnWriteArrayList<>();
  private final BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();

  /**
   * Opens the sink on an ephemeral port.
   *
   * @param address a loopback address, for example {@link Addresses#LOOPBACK_2}
   * @param answers whether each NOTIFY is acknowledged (a slow provider never answers)
   * @throws IOException when the socket cannot be bound
   */
  public NotifySink(InetAddress address, boolean answers) throws IOException {
    this.answers = answers;
    channel = DatagramChannel.open();
    try {
      channel.bind(new InetSocketAddress(address, 0));
      this.address = (InetSocketAddress) channel.getLocalAddress();
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    thread = new Thread(this::run, "notify-sink-" + address.getHostAddress());
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    ByteBuffer buffer = ByteBuffer.allocate(1024);
    try {
      while (true) {
        buffer.clear();
        InetSocketAddress from = (InetSocketAddress) channel.receive(buffer);
        long at = System.nanoTime();
        buffer.flip();
        int before = received.getAndIncrement();
        if (buffer.remaining() < 12) {
          continue; // not a DNS message
        }
        int id = ((buffer.get(0) & 0xFF) << 8) | (buffer.get(1) & 0xFF);
        synchronized (arrivalsPerId) {
          arrivalsPerId[id]++;
        }
        if (!watched.isEmpty()) {
          byte[] bytes = new byte[buffer.remaining()];
          buffer.get(bytes);
          inspect(bytes, before, at, id);
          buffer.rewind();
        }
        if (answers) {
          buffer.put(2, (byte) (buffer.get(2) | 0x80)); // QR: the query is a valid NOERROR answer
          channel.send(buffer, from);
        }
      }
    } catch (IOException closed) {
      // closed
    }
  }

  private void inspect(byte[] bytes, int before, long at, int id) {
    try {
      Message m = new Message(bytes);
      Name zone = m.getQuestion().getName();
      for (Predicate<Name> p : watched) {
        if (p.test(zone)) {
          long serial = ((SOARecord) m.getSection(Section.ANSWER).get(0)).getSerial();
          seen.add(new Seen(zone, serial, before, at, id));
          return;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not a NOTIFY with an SOA hint: counted, not watched
    }
  }

  /**
   * Watches the NOTIFYs of one zone (besides those watched already).
   *
   * @param zone the zone
   * @return this sink
   */
  public NotifySink watch(Name zone) {
    watched.add(zone::equals);
    return this;
  }

  /**
   * Watches the NOTIFYs of every zone.
   *
   * @return this sink
   */
  public NotifySink watchAll() {
    watched.add(zone -> true);
    return this;
  }

  /**
   * The next watched NOTIFY, waiting up to the bound.
   *
   * @param timeout the upper bound
   * @return the NOTIFY, empty when none arrived in time
   * @throws InterruptedException when interrupted while waiting
   */
  public Optional<Seen> next(Duration timeout) throws InterruptedException {
    return Optional.ofNullable(seen.poll(timeout.toNanos(), TimeUnit.NANOSECONDS));
  }

  /**
   * The first watched NOTIFY of the zone with this serial, skipping the other watched NOTIFYs that
   * arrive before it.
   *
   * @param zone a watched zone
   * @param serial the serial
   * @param timeout the upper bound
   * @return the NOTIFY, empty when it did not arrive in time
   * @throws InterruptedException when interrupted while waiting
   */
  public Optional<Seen> await(Name zone, long serial, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Seen s = seen.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (s == null || (s.zone().equals(zone) && s.serial() == serial)) {
        return Optional.ofNullable(s);
      }
    }
  }

  /**
   * The watched NOTIFYs up to and including the next one of {@code zone}: a NOTIFY queued to the
   * same target after others tells that those others had their turn (UDP on loopback keeps order).
   *
   * @param zone a watched zone
   * @param timeout the upper bound for each NOTIFY
   * @return them, in arrival order, the one of {@code zone} last
   * @throws InterruptedException when interrupted while waiting
   * @throws AssertionError when no NOTIFY arrives within the bound
   */
  public List<Seen> until(Name zone, Duration timeout) throws InterruptedException {
    List<Seen> out = new ArrayList<>();
    Seen next;
    do {
      next = next(timeout).orElseThrow(() -> new AssertionError("no NOTIFY of " + zone));
      out.add(next);
    } while (!next.zone().equals(zone));
    return out;
  }

  /**
   * The watched NOTIFYs seen so far and not yet taken, without waiting.
   *
   * @return them, in arrival order
   */
  public List<Seen> drain() {
    List<Seen> out = new ArrayList<>();
    seen.drainTo(out);
    return out;
  }

  /**
   * How many datagrams arrived.
   *
   * @return the count
   */
  public int received() {
    return received.get();
  }

  /**
   * Waits until at least {@code n} datagrams arrived.
   *
   * @param n how many
   * @param timeout the upper bound
   * @return whether they arrived in time
   */
  public boolean awaitReceived(int n, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (received.get() < n) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      // Polling a counter the receiving thread moves: the condition, not a duration, ends it.
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
    return true;
  }

  /**
   * The most times one message ID arrived: 1 when every datagram had its own ID.
   *
   * @return the count, 0 before anything arrived
   */
  public int mostArrivalsOfOneId() {
    synchronized (arrivalsPerId) {
      int most = 0;
      for (int n : arrivalsPerId) {
        most = Math.max(most, n);
      }
      return most;
    }
  }

  /**
   * Where it listens.
   *
   * @return the address and port
   */
  public InetSocketAddress address() {
    return address;
  }

  /**
   * The port it listens on.
   *
   * @return the port
   */
  public int port() {
    return address.getPort();
  }

  /** Closes the socket and waits for the receiving thread to end. */
  @Override
  public void close() throws IOException {
    channel.close();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      // The socket is closed, so the thread ends by itself; keep the caller's interrupt.
      Thread.currentThread().interrupt();
    }
  }
}
