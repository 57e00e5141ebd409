package io.github.secdns.benchmarks.jmh;

import io.github.secdns.axfr.internal.RenderedZone;
import io.github.secdns.axfr.internal.TransferMessageProducer;
import io.github.secdns.axfr.internal.ZoneRenderer;
import io.github.secdns.benchmarks.zone.ZoneGenerator;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The transfer path per client from the render cache: a {@code TransferMessageProducer} over an
 * already rendered version hands out every framed message (per-client header and question, shared
 * body), and each is copied into a 1 MiB direct buffer standing for the socket's send buffer (the
 * copy a socket write makes). The auxiliary counters give bytes and records per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TransferPathBenchmark extends LargeZoneBenchmark {

  private RenderedZone rendered;
  private byte[] question;
  private final ByteBuffer sink = ByteBuffer.allocateDirect(1 << 20);

  /** Bytes and records sent, per second (JMH auxiliary counters). */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Sent {
    /** Octets written to the sink, length prefixes included. */
    public long bytes;

    /** Records in the messages written. */
    public long records;

    /** Clears the counters for each iteration. */
    @Setup(Level.Iteration)
    public void clear() {
      bytes = 0;
      records = 0;
    }
  }

  /** Renders the version once, as the cache does. */
  @Setup
  public void setUp() {
    rendered = new ZoneRenderer(16384).render(ZoneGenerator.generate(size, 1, 42));
    byte[] name = ZoneGenerator.ORIGIN.toWire();
    question = new byte[name.length + 4];
    System.arraycopy(name, 0, question, 0, name.length);
    question[name.length + 1] = (byte) 252; // AXFR
    question[name.length + 3] = 1; // IN
  }

  /** One client's whole transfer into the sink. */
  @Benchmark
  public long transfer(Sent sent) {
    TransferMessageProducer producer =
        new TransferMessageProducer(rendered, 4711, false, question, Optional.empty());
    long written = 0;
    while (producer.hasNext()) {
      for (ByteBuffer b : producer.next()) {
        if (sink.remaining() < b.remaining()) {
          sink.clear();
        }
        written += b.remaining();
        sink.put(b);
      }
    }
    sent.bytes += written;
    sent.records += producer.recordsProduced();
    return written;
  }
}
