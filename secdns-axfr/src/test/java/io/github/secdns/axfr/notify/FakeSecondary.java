package io.github.secdns.axfr.notify;

import io.github.secdns.core.config.NotifyTarget;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;

/**
 * A secondary on a loopback address that receives NOTIFYs over UDP and answers as its behaviour
 * says. Counts what it receives; closes its socket and thread on {@link #close()}.
 */
public final class FakeSecondary implements AutoCloseable {

  /** Decides the reply to the n-th NOTIFY (1-based); an empty result means drop it. */
  public interface Behaviour {
    Optional<byte[]> reply(int n, byte[] query, Message parsed, FakeSecondary self)
        throws IOException;
  }

  private final DatagramSocket socket;
  private final Thread thread;
  private final Behaviour behaviour;
  private final AtomicInteger received = new AtomicInteger();
  public final List<byte[]> queries = new CopyOnWriteArrayList<>();
  final List<Throwable> failures = new CopyOnWriteArrayList<>();

  public FakeSecondary(String address, Behaviour behaviour) throws IOException {
    this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(address), 0));
    this.behaviour = behaviour;
    this.thread = new Thread(this::run, "fake-secondary-" + address);
    thread.setDaemon(true);
    thread.start();
  }

  public NotifyTarget target() {
    return target(Optional.empty());
  }

  NotifyTarget target(Optional<Name> keyName) {
    return new NotifyTarget(socket.getLocalAddress(), socket.getLocalPort(), keyName);
  }

  public int received() {
    return received.get();
  }

  /** Waits until at least {@code n} NOTIFYs arrived, or fails after the deadline. */
  public void awaitReceived(int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    synchronized (received) {
      while (received.get() < n) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("expected " + n + " NOTIFYs, got " + received.get());
        }
        received.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
      }
    }
  }

  /** Sends a datagram from this secondary's own socket. */
  void send(byte[] bytes, InetSocketAddress to) throws IOException {
    socket.send(new DatagramPacket(bytes, bytes.length, to));
  }

  InetSocketAddress lastSender;

  private void run() {
    byte[] buf = new byte[65535];
    while (!socket.isClosed()) {
      DatagramPacket packet = new DatagramPacket(buf, buf.length);
      try {
        socket.receive(packet);
      } catch (SocketException closed) {
        return;
      } catch (IOException e) {
        failures.add(e);
        return;
      }
      byte[] query = java.util.Arrays.copyOf(packet.getData(), packet.getLength());
      lastSender = (InetSocketAddress) packet.getSocketAddress();
      int n;
      synchronized (received) {
        queries.add(query);
        n = received.incrementAndGet();
        received.notifyAll();
      }
      try {
        Optional<byte[]> reply = behaviour.reply(n, query, new Message(query), this);
        if (reply.isPresent()) {
          send(reply.get(), lastSender);
        }
      } catch (IOException | RuntimeException | AssertionError e) {
        failures.add(e);
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    socket.close();
    thread.join(10_000);
  }
}
