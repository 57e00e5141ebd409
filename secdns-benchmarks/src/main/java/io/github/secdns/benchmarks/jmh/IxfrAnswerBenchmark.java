package io.github.secdns.benchmarks.jmh;

import io.github.secdns.axfr.internal.IxfrRequest;
import io.github.secdns.axfr.internal.IxfrResponsePlan;
import io.github.secdns.axfr.internal.RenderedZone;
import io.github.secdns.axfr.internal.ZoneRenderer;
import io.github.secdns.benchmarks.zone.ZoneGenerator;
import io.github.secdns.core.zone.ZoneHistory;
import io.github.secdns.core.zone.ZoneSnapshot;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * IXFR answer production for a one-record change of a 100k-record zone, as the responder does it:
 * once per published version its background thread folds the version into the zone's history
 * ({@code ZoneHistory.withVersion}: the difference to the previous version), and once per (zone,
 * client serial, version) it plans and renders the incremental answer ({@code
 * IxfrResponsePlan.plan} + {@code ZoneRenderer.renderIncremental}, from the packed deltas), which
 * every client asking from that serial then shares.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class IxfrAnswerBenchmark extends LargeZoneBenchmark {

  private ZoneSnapshot previous;
  private ZoneSnapshot next;
  private ZoneHistory before;
  private ZoneHistory after;
  private IxfrRequest request;

  /** Two versions one A record apart, sharing every other record instance (as a host builds). */
  @Setup
  public void setUp() {
    previous = ZoneGenerator.generate(size, 1, 42);
    next = ZoneGenerator.withOneChange(previous, 4711);
    before = ZoneHistory.start(previous, Clock.systemUTC());
    after = before.withVersion(next);
    request =
        new IxfrRequest(
            Record.newRecord(ZoneGenerator.ORIGIN, Type.IXFR, DClass.IN), previous.soa());
  }

  /** Once per published version: the history takes the new version (computes the delta). */
  @Benchmark
  public ZoneHistory historyWithVersion() {
    return before.withVersion(next);
  }

  /** Once per (zone, client serial, version): plan and render the incremental answer. */
  @Benchmark
  public RenderedZone incrementalAnswer() {
    IxfrResponsePlan.Incremental plan =
        (IxfrResponsePlan.Incremental) IxfrResponsePlan.plan(after, request, false, true);
    return new ZoneRenderer(16384).renderIncremental(next, plan.chain(), null);
  }
}
