package io.github.secdns.benchmarks.e2e;

import io.github.secdns.benchmarks.zone.SmallZones;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * SOA queries over UDP for the zones {@code z<i>.example.}, the same client for every server: one
 * non-blocking socket, a window of queries in flight, each answer matched by its ID and checked
 * (NOERROR, one answer). Queries are built once per zone; a query is lost after one second.
 *
 * <p>Not thread-safe: one instance per measurement.
 */
final class UdpSoaClient implements AutoCloseable {

  /**
   * What a load run gave.
   *
   * @param answered answers received and correct
   * @param lost queries without a correct answer within a second
   * @param nanos the run's wall time
   * @param latencies the latency of every answered query, nanoseconds, sorted
   */
  record Load(long answered, long lost, long nanos, long[] latencies) {
    double perSecond() {
      return answered * 1e9 / nanos;
    }

    long percentile(double p) {
      return latencies.length == 0
          ? -1
          : latencies[Math.min(latencies.length - 1, (int) (p * latencies.length))];
    }
  }

  private static final long LOST_NANOS = 1_000_000_000L;

  private final InetSocketAddress server;
  private final byte[][] queries;
  private final DatagramChannel channel;
  private final Selector selector;
  private final ByteBuffer in = ByteBuffer.allocateDirect(4096);
  private final ByteBuffer out = ByteBuffer.allocateDirect(512);

  UdpSoaClient(InetSocketAddress server, int zones) throws IOException {
    this.server = server;
    this.queries = new byte[zones][];
    for (int i = 0; i < zones; i++) {
      org.xbill.DNS.Message m = new org.xbill.DNS.Message(0);
      m.addRecord(Record.newRecord(SmallZones.origin(i), Type.SOA, DClass.IN), Section.QUESTION);
      queries[i] = m.toWire();
    }
    channel = DatagramChannel.open();
    channel.configureBlocking(false);
    channel.connect(server);
    selector = Selector.open();
    channel.register(selector, SelectionKey.OP_READ);
  }

  /**
   * Sends SOA queries for random zones (or, with {@code sweep}, each zone once in order until every
   * one answered) with up to {@code window} in flight.
   *
   * @param duration how long (ignored for a sweep)
   * @param window queries in flight at most
   * @param sweep ask every zone until each answered once
   * @param seed picks the zones
   * @return the counts and latencies
   */
  Load run(Duration duration, int window, boolean sweep, long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    long[] sentAt = new long[0x10000];
    int[] zoneOf = new int[0x10000];
    boolean[] busy = new boolean[0x10000];
    boolean[] done = sweep ? new boolean[queries.length] : null;
    int remaining = sweep ? queries.length : Integer.MAX_VALUE;
    int nextSweep = 0;
    int inFlight = 0;
    int id = 0;
    long answered = 0;
    long lost = 0;
    long[] latencies = new long[1 << 16];
    int samples = 0;
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    long lastExpiry = start;
    while (sweep ? remaining > 0 : System.nanoTime() < end) {
      while (inFlight < window) {
        int zone;
        if (sweep) {
          int tries = 0;
          while (done[nextSweep] && tries++ < queries.length) {
            nextSweep = (nextSweep + 1) % queries.length;
          }
          zone = nextSweep;
          nextSweep = (nextSweep + 1) % queries.length;
        } else {
          zone = random.nextInt(queries.length);
        }
        id = (id + 1) & 0xFFFF;
        if (busy[id]) {
          break;
        }
        byte[] q = queries[zone];
        q[0] = (byte) (id >>> 8);
        q[1] = (byte) id;
        out.clear();
        out.put(q).flip();
        if (channel.write(out) == 0) {
          break;
        }
        busy[id] = true;
        zoneOf[id] = zone;
        sentAt[id] = System.nanoTime();
        inFlight++;
      }
      selector.select(1);
      selector.selectedKeys().clear();
      while (true) {
        in.clear();
        int n;
        try {
          n = channel.read(in);
        } catch (java.net.PortUnreachableException e) {
          continue;
        }
        if (n <= 0) {
          break;
        }
        int answerId = ((in.get(0) & 0xFF) << 8) | (in.get(1) & 0xFF);
        if (!busy[answerId]) {
          continue;
        }
        boolean good = n >= 12 && (in.get(3) & 0x0F) == 0 && in.get(7) == 1 && in.get(6) == 0;
        busy[answerId] = false;
        inFlight--;
        if (!good) {
          lost++;
          continue;
        }
        answered++;
        long latency = System.nanoTime() - sentAt[answerId];
        if (samples == latencies.length) {
          latencies = Arrays.copyOf(latencies, samples * 2);
        }
        latencies[samples++] = latency;
        if (sweep && !done[zoneOf[answerId]]) {
          done[zoneOf[answerId]] = true;
          remaining--;
        }
      }
      long now = System.nanoTime();
      if (now - lastExpiry > LOST_NANOS / 10) {
        lastExpiry = now;
        for (int i = 0; i < busy.length && inFlight > 0; i++) {
          if (busy[i] && now - sentAt[i] > LOST_NANOS) {
            busy[i] = false;
            inFlight--;
            lost++;
          }
        }
      }
    }
    long[] sorted = Arrays.copyOf(latencies, samples);
    Arrays.sort(sorted);
    return new Load(answered, lost, System.nanoTime() - start, sorted);
  }

  /**
   * Asks one zone's SOA and waits for the answer (up to a second).
   *
   * @param zone the zone's index
   * @return the latency in nanoseconds
   * @throws IOException when no correct answer comes
   */
  long once(int zone) throws IOException {
    int id = (int) (System.nanoTime() & 0xFFFF);
    byte[] q = queries[zone];
    q[0] = (byte) (id >>> 8);
    q[1] = (byte) id;
    out.clear();
    out.put(q).flip();
    long start = System.nanoTime();
    channel.write(out);
    long end = start + LOST_NANOS;
    while (System.nanoTime() < end) {
      selector.select(10);
      selector.selectedKeys().clear();
      in.clear();
      int n = channel.read(in);
      if (n >= 12 && (((in.get(0) & 0xFF) << 8) | (in.get(1) & 0xFF)) == id) {
        if ((in.get(3) & 0x0F) != 0 || in.get(7) != 1) {
          throw new IOException("SOA of zone " + zone + ": RCODE " + (in.get(3) & 0x0F));
        }
        return System.nanoTime() - start;
      }
    }
    throw new IOException("no SOA answer for zone " + zone + " within a second");
  }

  @Override
  public void close() throws IOException {
    selector.close();
    channel.close();
  }

  @Override
  public String toString() {
    return "UdpSoaClient[" + server + "]";
  }
}
