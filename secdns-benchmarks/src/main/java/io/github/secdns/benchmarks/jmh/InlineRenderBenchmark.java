package io.github.secdns.benchmarks.jmh;

import io.github.secdns.axfr.internal.RenderedZone;
import io.github.secdns.axfr.internal.ZoneRenderer;
import io.github.secdns.benchmarks.zone.ZoneGenerator;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Where a small version's first rendering should run (the responder's {@code
 * RenderCache.INLINE_RECORDS}, 256): on the I/O thread that asks ({@link #inline}), or handed to a
 * render thread whose completion is posted back to the I/O thread ({@link #handOff}, the path of a
 * larger rendering). The threshold belongs where the two meet; below it the I/O thread's stall is
 * the inline score. Scores are microseconds per rendering, sampled (p50/p99 in the output).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class InlineRenderBenchmark extends HeavyBenchmark {

  /** Records in the version (the SOA and one NS besides). */
  @Param({"20", "100", "256", "1000"})
  public int records;

  private ZoneSnapshot zone;
  private final ZoneRenderer renderer = new ZoneRenderer(16384);
  private ThreadPoolExecutor renderPool;
  private ExecutorService ioThread;

  /** Generates the version and starts the two threads of the hand-off. */
  @Setup
  public void setUp() {
    zone = ZoneGenerator.generate(records, 1, 42);
    renderPool = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
    ioThread = Executors.newSingleThreadExecutor();
  }

  /** Stops the threads. */
  @TearDown
  public void tearDown() {
    renderPool.shutdownNow();
    ioThread.shutdownNow();
  }

  /** Renders on the calling thread. */
  @Benchmark
  public RenderedZone inline() {
    return renderer.render(zone);
  }

  /** Renders on a render thread and resumes on the I/O thread, as a larger rendering does. */
  @Benchmark
  public RenderedZone handOff() throws Exception {
    CompletableFuture<RenderedZone> back = new CompletableFuture<>();
    // A failed rendering reaches back (and get() throws it); nothing waits on this stage.
    var unused =
        CompletableFuture.supplyAsync(() -> renderer.render(zone), renderPool)
            .whenComplete(
                (r, e) ->
                    ioThread.execute(
                        () -> {
                          if (e != null) {
                            back.completeExceptionally(e);
                          } else {
                            back.complete(r);
                          }
                        }));
    return back.get(10, TimeUnit.SECONDS);
  }
}
