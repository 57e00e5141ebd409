package io.github.secdns.axfr;

import io.github.secdns.core.config.NotifyTarget;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;

/**
 * A NOTIFY target on a loopback address for tests with many NOTIFYs: counts every datagram cheaply,
 * answers it (NOERROR, by setting QR on the query's own octets) when told to, and hands the parsed
 * NOTIFYs of the zones a test watches to a queue, in arrival order with the count received before.
 */
final class NotifySink implements AutoCloseable {

  /** A NOTIFY the test watches for: zone, serial, and how many datagrams came before it. */
  record Seen(Name zone, long serial, int receivedBefore) {}

  private final DatagramChannel channel;
  private final Thread thread;
  private final boolean answers;
  private final AtomicInteger received = new AtomicInteger();
  private final List<Predicate<Name>> watched = new CopyOnWriteArrayList<>();
  private final BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();

  /**
   * Opens the sink.
   *
   * @param address a loopback address, for example 127.0.0.2
   * @param answers whether each NOTIFY is acknowledged (a slow provider never answers)
   */
  NotifySink(String address, boolean answers) throws IOException {
    this.answers = answers;
    channel = DatagramChannel.open();
    channel.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
    thread = new Thread(this::run, "notify-sink-" + address);
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    ByteBuffer buffer = ByteBuffer.allocate(1024);
    try {
      while (true) {
        buffer.clear();
        InetSocketAddress from = (InetSocketAddress) channel.receive(buffer);
        buffer.flip();
        int before = received.getAndIncrement();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        if (!watched.isEmpty()) {
          inspect(bytes, before);
        }
        if (answers && bytes.length > 3) {
          bytes[2] |= (byte) 0x80; // QR: the query's own octets are a valid NOERROR answer
          channel.send(ByteBuffer.wrap(bytes), from);
        }
      }
    } catch (IOException closed) {
      // closed
    }
  }

  private void inspect(byte[] bytes, int before) {
    try {
      Message m = new Message(bytes);
      Name zone = m.getQuestion().getName();
      for (Predicate<Name> p : watched) {
        if (p.test(zone)) {
          long serial = ((SOARecord) m.getSection(Section.ANSWER).get(0)).getSerial();
          seen.add(new Seen(zone, serial, before));
          return;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not a NOTIFY we watch
    }
  }

  /** Watches the NOTIFYs of one zone. */
  NotifySink watch(Name zone) {
    watched.add(zone::equals);
    return this;
  }

  /** Watches the NOTIFYs of every zone. */
  NotifySink watchAll() {
    watched.add(zone -> true);
    return this;
  }

  /** The next watched NOTIFY, waiting up to the bound. */
  Optional<Seen> next(long seconds) throws InterruptedException {
    return Optional.ofNullable(seen.poll(seconds, TimeUnit.SECONDS));
  }

  /** The watched NOTIFYs seen so far, without waiting. */
  List<Seen> drain() {
    List<Seen> out = new java.util.ArrayList<>();
    seen.drainTo(out);
    return out;
  }

  int received() {
    return received.get();
  }

  /** Waits until at least n datagrams arrived. */
  boolean awaitReceived(int n, long seconds) {
    return Resources.await(() -> received.get() >= n, seconds, TimeUnit.SECONDS);
  }

  InetSocketAddress address() throws IOException {
    return (InetSocketAddress) channel.getLocalAddress();
  }

  NotifyTarget target() throws IOException {
    InetSocketAddress a = address();
    return new NotifyTarget(a.getAddress(), a.getPort(), Optional.empty());
  }

  @Override
  public void close() throws Exception {
    channel.close();
    thread.join(10_000);
  }
}
