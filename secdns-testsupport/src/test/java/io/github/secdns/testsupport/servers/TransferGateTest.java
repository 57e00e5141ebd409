package io.github.secdns.testsupport.servers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.testsupport.Addresses;
import io.github.secdns.testsupport.Closer;
import io.github.secdns.testsupport.FakeDnsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The transfer gate: connections are held a few KiB in until enough are held at once, or until the
 * deadline; small answers and UDP pass; every socket and the thread are gone after close.
 */
class TransferGateTest {

  private static final int HELD_AFTER = 1024;
  private static final Duration NEVER = Duration.ofMinutes(10);
  private static final Duration WAIT = Duration.ofSeconds(60);

  /** What the stand-in primary streams on every connection: many times the threshold. */
  private static final byte[] BLOB = blob(256 * 1024);

  private final Closer opened = new Closer();

  @AfterEach
  void closeAndCheckThreads() throws Exception {
    opened.close();
    assertEquals(
        List.of(),
        Thread.getAllStackTraces().keySet().stream()
            .filter(Thread::isAlive)
            .map(Thread::getName)
            .filter(n -> n.startsWith("transfer-gate-") || n.startsWith("blob-server"))
            .toList(),
        "threads left behind");
  }

  @Test
  void connectionsAreHeldUntilTheSecondArrivesThenBothReceiveEverything() throws Exception {
    BlobServer server = closing(new BlobServer());
    TransferGate gate = closing(TransferGate.start(any(), server.endpoint(), 2, HELD_AFTER, NEVER));

    Socket first = transfer(gate);
    byte[] firstStart = first.getInputStream().readNBytes(HELD_AFTER);
    awaitHeld(gate, 1);
    assertEquals(Optional.empty(), gate.opening(), "one arrival does not open the gate");
    assertEquals(0, first.getInputStream().available(), "nothing past the threshold yet");

    Socket second = transfer(gate);
    assertEquals(TransferGate.Opening.ARRIVALS, gate.awaitOpening(WAIT));
    assertEquals(2, gate.mostHeldAtOnce());
    assertEquals(0, gate.heldNow(), "an open gate holds nothing");
    assertArrayEquals(BLOB, concat(firstStart, first.getInputStream().readAllBytes()));
    assertArrayEquals(BLOB, second.getInputStream().readAllBytes());
  }

  @Test
  void theDeadlineOpensTheGateWhenTooFewArrive() throws Exception {
    BlobServer server = closing(new BlobServer());
    TransferGate gate =
        closing(
            TransferGate.start(any(), server.endpoint(), 2, HELD_AFTER, Duration.ofMillis(200)));

    Socket only = transfer(gate);
    assertEquals(TransferGate.Opening.DEADLINE, gate.awaitOpening(WAIT));
    assertEquals(1, gate.mostHeldAtOnce());
    assertArrayEquals(BLOB, only.getInputStream().readAllBytes());
  }

  @Test
  void aHeldConnectionThatClosesLeavesTheGate() throws Exception {
    BlobServer server = closing(new BlobServer());
    TransferGate gate = closing(TransferGate.start(any(), server.endpoint(), 2, HELD_AFTER, NEVER));

    Socket quitter = transfer(gate);
    quitter.getInputStream().readNBytes(HELD_AFTER);
    awaitHeld(gate, 1);
    quitter.close();
    awaitHeld(gate, 0);

    Socket first = transfer(gate);
    first.getInputStream().readNBytes(HELD_AFTER);
    awaitHeld(gate, 1);
    assertEquals(Optional.empty(), gate.opening(), "the one that left does not count");
    Socket second = transfer(gate);
    assertEquals(TransferGate.Opening.ARRIVALS, gate.awaitOpening(WAIT));
    assertEquals(2, gate.mostHeldAtOnce());
    assertEquals(BLOB.length - HELD_AFTER, first.getInputStream().readAllBytes().length);
    assertArrayEquals(BLOB, second.getInputStream().readAllBytes());
  }

  @Test
  void udpAndSmallTcpAnswersPassWithoutAnArrival() throws Exception {
    FakeDnsServer dns =
        closing(FakeDnsServer.udpAndTcp(Addresses.LOOPBACK_1, 0, FakeDnsServer.refusing()));
    TransferGate gate = closing(TransferGate.start(any(), dns.endpoint(), 1, 4096, NEVER));

    SimpleResolver resolver = new SimpleResolver(gate.endpoint());
    resolver.setTimeout(Duration.ofSeconds(10));
    Message query = Message.newQuery(Record.newRecord(Name.root, Type.SOA, DClass.IN));
    assertEquals(Rcode.REFUSED, resolver.send(query).getRcode());
    resolver.setTCP(true);
    assertEquals(Rcode.REFUSED, resolver.send(query).getRcode());
    assertEquals(
        List.of(false, true), dns.queries().stream().map(FakeDnsServer.Query::tcp).toList());
    assertEquals(
        List.of(Addresses.LOOPBACK_1, Addresses.LOOPBACK_1),
        dns.queries().stream().map(q -> q.sender().getAddress()).toList(),
        "the upstream sees the gate's address");
    assertEquals(Optional.empty(), gate.opening());
    assertEquals(0, gate.mostHeldAtOnce());
  }

  @Test
  void badSettingsAndATakenPortAreRefusedWithTheReason() throws Exception {
    InetSocketAddress up = new InetSocketAddress(Addresses.LOOPBACK_1, 53);
    IllegalArgumentException arrivals =
        assertThrows(
            IllegalArgumentException.class, () -> TransferGate.start(any(), up, 0, 1, NEVER));
    assertTrue(arrivals.getMessage().contains("arrivals"), arrivals.getMessage());
    assertThrows(IllegalArgumentException.class, () -> TransferGate.start(any(), up, 1, 0, NEVER));
    assertThrows(
        IllegalArgumentException.class, () -> TransferGate.start(any(), up, 1, 1, Duration.ZERO));
    try (ServerSocket taken = new ServerSocket(0, 1, Addresses.LOOPBACK_1)) {
      InetSocketAddress busy = new InetSocketAddress(Addresses.LOOPBACK_1, taken.getLocalPort());
      IOException e =
          assertThrows(IOException.class, () -> TransferGate.start(busy, up, 1, 1, NEVER));
      assertTrue(e.getMessage().contains(busy.toString()), e.getMessage());
    }
  }

  private <T extends AutoCloseable> T closing(T resource) {
    return opened.register(resource);
  }

  private static InetSocketAddress any() {
    return new InetSocketAddress(Addresses.LOOPBACK_1, 0);
  }

  /** Connects through the gate and asks the blob server for its blob. */
  private Socket transfer(TransferGate gate) throws IOException {
    Socket s = closing(new Socket());
    s.connect(gate.endpoint());
    s.getOutputStream().write(1);
    s.getOutputStream().flush();
    return s;
  }

  private static void awaitHeld(TransferGate gate, int count) {
    Waits.until(
        count + " connection(s) held at the gate",
        WAIT,
        gate::heldNow,
        n -> n == count,
        n -> n + " held, " + gate);
  }

  private static byte[] blob(int size) {
    byte[] b = new byte[size];
    for (int i = 0; i < size; i++) {
      b[i] = (byte) (i * 31 + (i >>> 8));
    }
    return b;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /**
   * Stands in for a primary streaming a transfer: each connection sends one octet and receives
   * {@link #BLOB}, then the server closes it. One thread per connection, all joined on close.
   */
  private static final class BlobServer implements AutoCloseable {
    private final ServerSocket listener;
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    BlobServer() throws IOException {
      listener = new ServerSocket(0, 50, Addresses.LOOPBACK_1);
      start(this::accept);
    }

    InetSocketAddress endpoint() {
      return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    private void start(Runnable task) {
      Thread t = new Thread(task, "blob-server-" + threads.size());
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }

    private void accept() {
      while (!listener.isClosed()) {
        try {
          Socket s = listener.accept();
          sockets.add(s);
          start(() -> serve(s));
        } catch (IOException closed) {
          return;
        }
      }
    }

    private static void serve(Socket s) {
      try (s) {
        InputStream in = s.getInputStream();
        if (in.read() >= 0) {
          s.getOutputStream().write(BLOB);
        }
      } catch (IOException peerGone) {
        // the client left, as the quitter does
      }
    }

    @Override
    public void close() throws IOException {
      listener.close();
      for (Socket s : sockets) {
        s.close();
      }
      try {
        for (Thread t : threads) {
          t.join(10_000);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while joining the blob server's threads");
      }
    }
  }
}
