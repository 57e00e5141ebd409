package io.github.secdns.benchmarks.e2e;

import io.github.secdns.benchmarks.e2e.BenchServer.Kind;
import io.github.secdns.benchmarks.zone.SmallZones;
import io.github.secdns.testsupport.Addresses;
import io.github.secdns.testsupport.NotifySink;
import io.github.secdns.testsupport.servers.ServerConfig.PrimaryZone;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.xbill.DNS.Name;

/**
 * The many-zones comparison (issue 13): a DNS host's shape, {@code count} zones of 20 records each,
 * loaded from the same master files by the embedded responder (its own JVM, parsing them with
 * dnsjava), knotd and nsd, all measured by the same clients on loopback. Per server, one after the
 * other:
 *
 * <ol>
 *   <li>without NOTIFY: time from process start until every zone answered its SOA over UDP (a sweep
 *       of all zones after the last zone answered); RSS and PSS after loading; a warm-up, the same
 *       for every server ({@code --warmup} AXFRs of zones not measured, then batches of {@value
 *       #WARMUP_BATCH} more until the server's JIT compilers used under {@value #QUIET_PERCENT} %
 *       of its CPU over a batch, at most {@value #MAX_WARMUP_BATCHES} batches, and two seconds of
 *       SOA queries); AXFR per second of {@code --axfr} random zones never transferred before (one
 *       TCP connection each, {@code --axfr-window} in flight: {@link AxfrLoad}), then of the same
 *       zones again in another random order, each with the server's CPU per transfer and the
 *       client's (so that a figure the client limits is said to be); RSS and PSS after the
 *       transfers; SOA queries per second over UDP for random zones ({@code --window} in flight,
 *       for {@code --soa-seconds}) with p50/p99 latency;
 *   <li>with one NOTIFY target per zone (a socket of this harness that never answers: a slow
 *       provider; the embedded responder paces its startup fan-out at {@code --notify-rate} per
 *       second, BIND's {@code startup-notify-rate}): {@code --samples} SOA latencies and AXFR
 *       latencies of random zones while the startup NOTIFYs are still arriving, p50/p99, and how
 *       many had arrived; for the embedded responder, {@code --samples} times the delay from
 *       publishing a new version of a random zone to its NOTIFY arriving.
 * </ol>
 *
 * <p>With {@code --server-cpus LIST} every server runs pinned to those CPUs ({@link CpuPinning}:
 * {@code taskset -c LIST}, workers sized for that many cores); the harness itself is pinned by its
 * launcher ({@code bench/run-many-zones.sh}: server on CPU 0, harness on CPU 1 when the machine has
 * two cores or more). The report's header says both, as the kernel reports them.
 *
 * <p>Options: {@code --zones 10000,100000,300000 --servers secdns,knotd,nsd --axfr 2000 --warmup
 * 40000 --axfr-window 16 --soa-seconds 10 --window 64 --samples 50 --notify-rate 20 --server-cpus
 * LIST --out FILE --workdir DIR --server-jvm "OPTIONS" --serve-jar JAR}. Writes a Markdown report.
 * The server {@code "secdns serve"} (in {@code --servers}, quoted) is {@code java -jar JAR serve
 * --zone-dir} over the same files as an operator starts it (no JVM options; {@code --notify} and
 * {@code --startup-notify} for the NOTIFY part), measured like the peers: its publish to NOTIFY
 * delay is not (it has no host to publish through).
 */
public final class ManyZones {

  private static final Duration LOAD_DEADLINE = Duration.ofMinutes(20);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  /** Busy at least this share of its cores over a run: the side that limits the rate. */
  private static final double BOUND = 0.9;

  /** Other processes used at least this share of the machine over a run: a noisy figure. */
  private static final double OTHERS = 0.2;

  private static final int MACHINE_CORES = EndToEnd.Machine.onlineCores();

  /** AXFRs per extra warm-up batch. */
  static final int WARMUP_BATCH = 10_000;

  /** The JIT is quiet when its compilers used under this share of the server's CPU in a batch. */
  static final int QUIET_PERCENT = 2;

  /** Extra warm-up batches at most. */
  static final int MAX_WARMUP_BATCHES = 6;

  /** Clock ticks of server CPU (10 ms each) read for its kernel share: about 2 % resolution. */
  static final int KERNEL_SHARE_TICKS = 150;

  /** At most this many rounds of the measured zones for the kernel share. */
  static final int KERNEL_SHARE_ROUNDS = 40;

  private final Harness.Options options;
  private final CpuPinning pinning;
  private final StringBuilder report = new StringBuilder();

  private ManyZones(Harness.Options options) {
    this.options = options;
    this.pinning = new CpuPinning(options.get("server-cpus"));
  }

  /**
   * Runs the comparison.
   *
   * @param args options (see the class description)
   * @throws Exception when a server cannot be started or a measurement fails
   */
  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("zones", "10000,100000,300000");
    options.put("servers", "secdns,knotd,nsd");
    options.put("axfr", "2000");
    options.put("warmup", "40000");
    options.put("axfr-window", "16");
    options.put("soa-seconds", "10");
    options.put("window", "64");
    options.put("samples", "50");
    options.put("notify-rate", "20");
    options.put("server-cpus", "");
    options.put("out", "target/many-zones-results.md");
    options.put("workdir", "");
    options.put("serve-jar", "secdns-examples/target/secdns.jar");
    options.put(
        "server-jvm",
        "-XX:+UseSerialGC -Xmx2g -Xmn64m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20");
    new ManyZones(Harness.options(options, args)).run(String.join(" ", args));
  }

  /** The jar {@code secdns serve} runs from (the server {@code "secdns serve"}). */
  private Path serveJar() {
    return Path.of(options.get("serve-jar")).toAbsolutePath();
  }

  private int intOption(String name) {
    return Integer.parseInt(options.get(name));
  }

  private void run(String commandLine) throws Exception {
    List<Kind> kinds = Harness.servers(options.get("servers"));
    if (kinds.contains(Kind.BIND)) {
      throw new IllegalArgumentException("the many-zones comparison is against knotd and nsd");
    }
    List<String> java = Harness.childJava(options.get("server-jvm"));

    line("## Many zones: results of " + Instant.now().toString().substring(0, 19) + "Z");
    line("");
    line("- command: `bench/run-many-zones.sh " + commandLine + "`");
    line("- machine: " + EndToEnd.Machine.describe());
    line("- versions: " + EndToEnd.Machine.versions(kinds));
    line("- embedded responder JVM options: `" + options.get("server-jvm") + "`");
    line(
        "- zones of "
            + SmallZones.RECORDS
            + " records (SOA, two apex NS, A, AAAA, TXT), one master file each, the same files"
            + " for every server; one server at a time; clients in the harness JVM");
    line("- pinning: " + pinningDescription());
    line(
        "- AXFR client: one thread, "
            + options.get("axfr-window")
            + " transfers in flight, one connection per zone (connect, query, read to the closing"
            + " SOA, close), answers checked from their octets (ID, flags, RCODE, SOA first and"
            + " last, "
            + (SmallZones.RECORDS + 1)
            + " answer records); a run is client-bound when the harness's CPU is at least "
            + Math.round(BOUND * 100)
            + "% of its cores' time, server-bound when the server's is");
    line("");
    try (Harness.WorkDir work = new Harness.WorkDir(options.get("workdir"), "secdns-many-")) {
      for (String s : options.get("zones").split(",", -1)) {
        runCount(Integer.parseInt(s.trim()), kinds, work.path(), java);
      }
    }
    Harness.writeReport(options.get("out"), report);
  }

  /** Says where the server and the harness run, as the kernel reports the harness's mask. */
  private String pinningDescription() {
    String harness =
        ProcStats.cpusAllowed(ProcessHandle.current().pid()).orElse("(unknown)")
            + " ("
            + cores(Runtime.getRuntime().availableProcessors())
            + ")";
    int n = pinning.serverCores();
    String workers =
        "; workers sized as each server's own default for "
            + cores(n)
            + ": knotd udp-workers "
            + n
            + ", tcp-workers "
            + Math.max(10, n)
            + ", background-workers "
            + Math.min(10, n)
            + "; nsd server-count "
            + n
            + "; the embedded responder one I/O thread (always), its JVM sized by the CPUs it may"
            + " use";
    if (!pinning.pinned()) {
      return "none (--no-pin): the server and the harness share CPUs " + harness + workers;
    }
    return "the server under test on CPU "
        + pinning.serverCpus()
        + " (`taskset -c "
        + pinning.serverCpus()
        + "`, every server the same way; each one's mask is in the CPU table), the harness and"
        + " its clients on CPU "
        + harness
        + workers;
  }

  private static String cores(int n) {
    return n + (n == 1 ? " core" : " cores");
  }

  /**
   * One AXFR run with the CPU both sides spent on it.
   *
   * @param load what the client measured
   * @param wallNanos the run's wall time (the CPU windows hold it and the /proc reads)
   * @param serverCpuNanos the server's process tree, over the run
   * @param clientCpuNanos the harness's own threads (the client's, the JIT's, the collector's)
   * @param machineCpuNanos every process's and the kernel's CPU over the run (10 ms ticks)
   */
  private record AxfrRun(
      AxfrLoad.Result load,
      long wallNanos,
      long serverCpuNanos,
      long clientCpuNanos,
      long machineCpuNanos) {
    double perSecond() {
      return load.perSecond();
    }

    double serverMicros() {
      return serverCpuNanos / 1e3 / load.transfers();
    }

    double clientMicros() {
      return clientCpuNanos / 1e3 / load.transfers();
    }

    double clientThreadMicros() {
      return load.threadCpuNanos() / 1e3 / load.transfers();
    }

    double serverBusy(int cores) {
      return serverCpuNanos / ((double) wallNanos * cores);
    }

    double clientBusy() {
      return clientCpuNanos / ((double) wallNanos * Runtime.getRuntime().availableProcessors());
    }

    /** What the rest of the machine used, as a share of every core's time over the run. */
    double others() {
      return Math.max(0, machineCpuNanos - serverCpuNanos - clientCpuNanos)
          / ((double) wallNanos * MACHINE_CORES);
    }

    /**
     * Who limits the rate: the client, the server, other work on the machine (at least a fifth of
     * its cores' time: the figure measures the machine), or neither (each waits for the other).
     */
    String bound(int serverCores) {
      if (clientBusy() >= BOUND) {
        return "client";
      }
      if (serverBusy(serverCores) >= BOUND) {
        return "server";
      }
      return others() >= OTHERS ? "other work" : "neither";
    }
  }

  /** One server's figures at one zone count. */
  // A result to print, never compared: the latency arrays need no value semantics.
  @SuppressWarnings("ArrayRecordComponent")
  private record Figures(
      double servableSeconds,
      String serverCpus,
      ProcStats.Memory loaded,
      AxfrRun first,
      AxfrRun repeated,
      double serverKernelShare,
      ProcStats.Memory afterTransfers,
      UdpSoaClient.Load soa,
      long[] soaWhileNotifying,
      long[] axfrWhileNotifying,
      int notifiesBefore,
      int notifiesAfter,
      long[] publishToNotify) {}

  private void runCount(int count, List<Kind> kinds, Path work, List<String> java)
      throws Exception {
    Path zonesDir = work.resolve("zones-" + count);
    long t0 = System.nanoTime();
    SmallZones.writeAll(zonesDir, count);
    progress("%d zones: master files written in %.1f s", count, (System.nanoTime() - t0) / 1e9);
    // Written to disk before any server starts: the kernel's writeback of 300,000 new files took
    // 44 % of the machine's CPU ("others" in the CPU table) while the first server was measured.
    long t1 = System.nanoTime();
    syncFileSystems();
    progress("%d zones: written back to disk in %.1f s", count, (System.nanoTime() - t1) / 1e9);
    Map<Kind, Figures> figures = new LinkedHashMap<>();
    for (Kind kind : kinds) {
      figures.put(kind, measure(kind, count, zonesDir, work, java));
    }
    table(count, figures);
  }

  /** Runs {@code sync(1)}: every file written so far reaches the disk now, not during a run. */
  private static void syncFileSystems() throws IOException, InterruptedException {
    Process sync = new ProcessBuilder("sync").inheritIO().start();
    if (sync.waitFor() != 0) {
      throw new IOException("sync failed with exit code " + sync.exitValue());
    }
  }

  private Figures measure(Kind kind, int count, Path zonesDir, Path work, List<String> java)
      throws Exception {
    SplittableRandom random = new SplittableRandom(20261213L + count);
    List<PrimaryZone> zoneFiles = SmallZones.primaryZones(zonesDir, count);
    double servable;
    String serverCpus;
    ProcStats.Memory loaded;
    AxfrRun first;
    AxfrRun repeated;
    double kernelShare;
    ProcStats.Memory afterTransfers;
    UdpSoaClient.Load soa;
    int warmupBatches;
    try (BenchServer server =
            BenchServer.startMany(
                kind,
                work.resolve(kind.label + "-" + count),
                zoneFiles,
                zonesDir,
                Harness.freePort(),
                java,
                pinning,
                0,
                0,
                LOAD_DEADLINE,
                serveJar());
        UdpSoaClient client = new UdpSoaClient(server.address(), count)) {
      awaitLastZone(server, count);
      serverCpus = ProcStats.cpusAllowed(server.pid()).orElse("?");
      AxfrLoad axfr = axfrClient(server, count);
      UdpSoaClient.Load sweep = client.run(Duration.ZERO, intOption("window"), true, 1);
      // From the process start (a peer's start returns once it answers at all).
      servable = (System.nanoTime() - server.startedNanos()) / 1e9;
      progress(
          "  %s: every zone answered %.1f s after start (%d lost in the sweep)",
          kind.label, servable, sweep.lost());
      loaded = ProcStats.memory(server.pid());
      // Servers run for months: warm every one up the same way (a JVM's JIT needs it) on zones
      // that are not measured, so that "first" means a zone never transferred, not a cold server.
      // Tens of thousands of transfers: pinned to one CPU, the embedded responder's JVM has one C2
      // compiler thread sharing that CPU with the I/O thread, and after 5,000 transfers it was
      // still compiling the transfer path, its CPU counted in the server's (40-75 µs per AXFR
      // on top of the I/O thread's ~25-30); after about 35,000 it had settled.
      int[] order = random.ints(0, count).distinct().limit(count).toArray();
      int[] zones = Arrays.copyOfRange(order, 0, Math.min(count / 2, intOption("axfr")));
      int[] others = Arrays.copyOfRange(order, zones.length, order.length);
      int[] warmup = new int[intOption("warmup")];
      for (int i = 0; i < warmup.length; i++) {
        warmup[i] = others[i % others.length];
      }
      transfers(server, axfr, warmup);
      warmupBatches = untilTheJitIsQuiet(server, axfr, others);
      client.run(Duration.ofSeconds(2), intOption("window"), false, 3);
      first = transfers(server, axfr, zones);
      shuffle(zones, random);
      repeated = transfers(server, axfr, zones);
      kernelShare = kernelShare(server, axfr, zones);
      afterTransfers = ProcStats.memory(server.pid());
      soa = client.run(Duration.ofSeconds(intOption("soa-seconds")), intOption("window"), false, 2);
      progress(
          "  %s (CPUs %s, %d extra warm-up batches): AXFR/s first %.0f (server %.0f µs, client"
              + " %.0f µs per AXFR), repeated %.0f (server %.0f µs, client %.0f µs); SOA/s %.0f",
          kind.label,
          serverCpus,
          warmupBatches,
          first.perSecond(),
          first.serverMicros(),
          first.clientMicros(),
          repeated.perSecond(),
          repeated.serverMicros(),
          repeated.clientMicros(),
          soa.perSecond());
    }
    // The same server again, with one NOTIFY target per zone that never answers.
    try (NotifySink sink = new NotifySink(Addresses.LOOPBACK_1, false);
        BenchServer server =
            BenchServer.startMany(
                kind,
                work.resolve(kind.label + "-" + count + "-notify"),
                zoneFiles,
                zonesDir,
                Harness.freePort(),
                java,
                pinning,
                sink.port(),
                Double.parseDouble(options.get("notify-rate")),
                LOAD_DEADLINE,
                serveJar())) {
      awaitLastZone(server, count);
      int samples = intOption("samples");
      long[] soaLatency = new long[samples];
      long[] axfrLatency = new long[samples];
      int before;
      try (UdpSoaClient client = new UdpSoaClient(server.address(), count)) {
        // Warm as in the first part (the fan-out goes on meanwhile; the counts below show it).
        int[] warmup = new int[intOption("warmup")];
        for (int i = 0; i < warmup.length; i++) {
          warmup[i] = random.nextInt(count);
        }
        transfers(server, axfrClient(server, count), warmup);
        client.run(Duration.ofSeconds(2), intOption("window"), false, 4);
        before = sink.received();
        for (int k = 0; k < samples; k++) {
          soaLatency[k] = client.once(random.nextInt(count));
          int zone = random.nextInt(count);
          long s0 = System.nanoTime();
          TransferClient.axfr(
              server.address(), SmallZones.origin(zone), SmallZones.RECORDS + 1, READ_TIMEOUT);
          axfrLatency[k] = System.nanoTime() - s0;
        }
      }
      long[] delays = new long[0];
      if (kind == Kind.SECDNS) {
        delays = new long[samples];
        for (int k = 0; k < samples; k++) {
          int zone = random.nextInt(count);
          Name origin = SmallZones.origin(zone);
          sink.watch(origin);
          long[] published = server.request("publish " + zone, "PUBLISHED");
          NotifySink.Seen arrived =
              sink.await(origin, published[1], READ_TIMEOUT)
                  .orElseThrow(
                      () ->
                          new IOException(
                              "no NOTIFY for "
                                  + origin
                                  + " serial "
                                  + published[1]
                                  + " within "
                                  + READ_TIMEOUT));
          delays[k] = arrived.arrivedNanos() - published[2];
        }
      }
      int after = sink.received();
      progress(
          "  %s with NOTIFY: %d startup NOTIFYs arrived before the samples, %d after",
          kind.label, before, after);
      Arrays.sort(soaLatency);
      Arrays.sort(axfrLatency);
      Arrays.sort(delays);
      return new Figures(
          servable,
          serverCpus,
          loaded,
          first,
          repeated,
          kernelShare,
          afterTransfers,
          soa,
          soaLatency,
          axfrLatency,
          before,
          after,
          delays);
    }
  }

  /** Waits until the last zone answers its SOA (the embedded responder says READY first). */
  static void awaitLastZone(BenchServer server, int count) throws IOException {
    if (server.kind() == Kind.SECDNS) {
      server.awaitReady();
    }
    server.awaitSerial(SmallZones.origin(count - 1), 1, LOAD_DEADLINE);
  }

  /** The AXFR client of every zone of a server (queries built before any measurement). */
  static AxfrLoad axfrClient(BenchServer server, int count) {
    return new AxfrLoad(server.address(), count, SmallZones::origin, SmallZones.RECORDS + 1);
  }

  /**
   * Warms a server up further, in batches of {@value #WARMUP_BATCH} AXFRs of zones not measured,
   * until its JIT compilers used under {@value #QUIET_PERCENT} % of its CPU over a batch: a JVM
   * still compiling when the measured transfers start puts the compilers' CPU into theirs, and on
   * one pinned core takes the core from the I/O thread (a bimodal "server µs per AXFR" at 10,000
   * zones, docs/BENCHMARKS.md). A server that is no JVM is quiet after one batch.
   *
   * @return the batches run, at least 1 and at most {@value #MAX_WARMUP_BATCHES}
   */
  private int untilTheJitIsQuiet(BenchServer server, AxfrLoad client, int[] others)
      throws IOException {
    int[] batch = new int[WARMUP_BATCH];
    for (int i = 0; i < batch.length; i++) {
      batch[i] = others[i % others.length];
    }
    int batches = 0;
    while (batches < MAX_WARMUP_BATCHES) {
      long compilers = ProcStats.compilerCpuNanos(server.pid());
      long all = ProcStats.cpuNanos(server.pid());
      transfers(server, client, batch);
      batches++;
      compilers = ProcStats.compilerCpuNanos(server.pid()) - compilers;
      all = ProcStats.cpuNanos(server.pid()) - all;
      if (compilers * 100 < all * QUIET_PERCENT) {
        break;
      }
    }
    return batches;
  }

  /** AXFRs of the given zones, one connection each, with the CPU the server and client spent. */
  private AxfrRun transfers(BenchServer server, AxfrLoad client, int[] zones) throws IOException {
    long self = ProcessHandle.current().pid();
    // Nested so that each window holds the run and little else: listing the server's process
    // tree (every process of the machine is looked at) costs the harness milliseconds, outside
    // its own window; the server is idle meanwhile.
    long server0 = ProcStats.cpuNanos(server.pid());
    long client0 = ProcStats.ownCpuNanos(self);
    long machine0 = ProcStats.machineCpuNanos();
    long wall0 = System.nanoTime();
    AxfrLoad.Result load = client.run(zones, intOption("axfr-window"), READ_TIMEOUT);
    long wall = System.nanoTime() - wall0;
    long machine1 = ProcStats.machineCpuNanos();
    long client1 = ProcStats.ownCpuNanos(self);
    long server1 = ProcStats.cpuNanos(server.pid());
    return new AxfrRun(load, wall, server1 - server0, client1 - client0, machine1 - machine0);
  }

  /**
   * The share of the server's CPU spent in the kernel while it transfers zones already transferred
   * (the measured zones again, in rounds, until its process tree has run for at least {@value
   * #KERNEL_SHARE_TICKS} clock ticks or {@value #KERNEL_SHARE_ROUNDS} rounds): the part of the CPU
   * per AXFR that accepting, reading, writing and closing loopback TCP connections costs whatever
   * the server does in user space. Ticks, not schedstat (which has no such split): 10 ms samples,
   * hence the long window.
   *
   * @return the kernel's share, NaN when the server ran too little to tell
   */
  private double kernelShare(BenchServer server, AxfrLoad client, int[] zones) throws IOException {
    ProcStats.UserAndKernelTicks start = ProcStats.userAndKernelTicks(server.pid());
    ProcStats.UserAndKernelTicks spent = start.since(start);
    for (int round = 0;
        round < KERNEL_SHARE_ROUNDS && spent.total() < KERNEL_SHARE_TICKS;
        round++) {
      client.run(zones, intOption("axfr-window"), READ_TIMEOUT);
      spent = ProcStats.userAndKernelTicks(server.pid()).since(start);
    }
    return spent.total() < KERNEL_SHARE_TICKS / 4
        ? Double.NaN
        : spent.kernel() / (double) spent.total();
  }

  private static void shuffle(int[] values, SplittableRandom random) {
    for (int i = values.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = values[i];
      values[i] = values[j];
      values[j] = t;
    }
  }

  private void table(int count, Map<Kind, Figures> figures) {
    line("### " + count + " zones");
    line("");
    line(
        "| server | every zone servable | RSS / PSS after load | RSS / PSS after transfers |"
            + " AXFR/s first | AXFR/s repeated | SOA/s UDP (p50 / p99) |");
    line("|---|---|---|---|---|---|---|");
    double bestServable = best(figures, f -> -f.servableSeconds());
    double bestFirst = best(figures, f -> f.first().perSecond());
    double bestRepeated = best(figures, f -> f.repeated().perSecond());
    double bestSoa = best(figures, f -> f.soa().perSecond());
    for (Map.Entry<Kind, Figures> e : figures.entrySet()) {
      Figures f = e.getValue();
      line(
          String.format(
              Locale.ROOT,
              "| %s | %.1f s (%.2fx) | %d / %d MiB | %d / %d MiB | %.0f (%.2fx) | %.0f (%.2fx) |"
                  + " %.0f (%.2fx; %.0f / %.0f µs) |",
              e.getKey().label,
              f.servableSeconds(),
              f.servableSeconds() / -bestServable,
              f.loaded().rssKib() >> 10,
              f.loaded().pssKib() >> 10,
              f.afterTransfers().rssKib() >> 10,
              f.afterTransfers().pssKib() >> 10,
              f.first().perSecond(),
              f.first().perSecond() / bestFirst,
              f.repeated().perSecond(),
              f.repeated().perSecond() / bestRepeated,
              f.soa().perSecond(),
              f.soa().perSecond() / bestSoa,
              f.soa().percentile(0.5) / 1e3,
              f.soa().percentile(0.99) / 1e3));
    }
    line("");
    cpuTable(figures);
    line(
        "With one NOTIFY target per zone that never answers ("
            + options.get("samples")
            + " samples each, taken one after the other after the same warm-up as above, while the"
            + " startup NOTIFYs are still arriving):");
    line("");
    line(
        "| server | SOA latency p50 / p99 | AXFR latency p50 / p99 | startup NOTIFYs arrived"
            + " before / after the samples | publish → NOTIFY p50 / p99 |");
    line("|---|---|---|---|---|");
    for (Map.Entry<Kind, Figures> e : figures.entrySet()) {
      Figures f = e.getValue();
      line(
          String.format(
              Locale.ROOT,
              "| %s | %.0f / %.0f µs | %.2f / %.2f ms | %d / %d of %d | %s |",
              e.getKey().label,
              pct(f.soaWhileNotifying(), 0.5) / 1e3,
              pct(f.soaWhileNotifying(), 0.99) / 1e3,
              pct(f.axfrWhileNotifying(), 0.5) / 1e6,
              pct(f.axfrWhileNotifying(), 0.99) / 1e6,
              f.notifiesBefore(),
              f.notifiesAfter(),
              count,
              f.publishToNotify().length == 0
                  ? "(not measured)"
                  : String.format(
                      Locale.ROOT,
                      "%.2f / %.2f ms",
                      pct(f.publishToNotify(), 0.5) / 1e6,
                      pct(f.publishToNotify(), 0.99) / 1e6)));
    }
    line("");
  }

  /**
   * CPU per AXFR of each side (schedstat: the server's process tree, the harness's own threads),
   * which does not depend on who limits the rate, and who does.
   */
  private void cpuTable(Map<Kind, Figures> figures) {
    line(
        "CPU per AXFR (first / repeated): the server's process tree and the harness (client thread"
            + " in brackets); busy is the share of the side's cores over the run; the client's"
            + " ceiling is the rate at which its CPU per AXFR fills one core; of it in the"
            + " kernel is the share of the server's CPU spent in kernel mode (utime and stime"
            + " ticks over further rounds of the repeated transfers) and what it makes of the"
            + " repeated CPU per AXFR, the part no user-space work can remove; others is what the"
            + " rest of the machine used, as a share of all its cores (/proc/stat, 10 ms ticks):");
    line("");
    line(
        "| server | server CPUs | server µs / AXFR | of it in the kernel (repeated) | server busy |"
            + " client µs / AXFR | client busy | client ceiling AXFR/s | others | bound by |");
    line("|---|---|---|---|---|---|---|---|---|---|");
    int cores = pinning.serverCores();
    for (Map.Entry<Kind, Figures> e : figures.entrySet()) {
      AxfrRun a = e.getValue().first();
      AxfrRun b = e.getValue().repeated();
      line(
          String.format(
              Locale.ROOT,
              "| %s | %s | %.1f / %.1f | %.0f%% (%.1f µs) | %.0f%% / %.0f%% |"
                  + " %.1f (%.1f) / %.1f (%.1f) |"
                  + " %.0f%% / %.0f%% | %.0f / %.0f | %.0f%% / %.0f%% | %s / %s |",
              e.getKey().label,
              e.getValue().serverCpus(),
              a.serverMicros(),
              b.serverMicros(),
              100 * e.getValue().serverKernelShare(),
              e.getValue().serverKernelShare() * b.serverMicros(),
              100 * a.serverBusy(cores),
              100 * b.serverBusy(cores),
              a.clientMicros(),
              a.clientThreadMicros(),
              b.clientMicros(),
              b.clientThreadMicros(),
              100 * a.clientBusy(),
              100 * b.clientBusy(),
              1e6 / a.clientMicros(),
              1e6 / b.clientMicros(),
              100 * a.others(),
              100 * b.others(),
              a.bound(cores),
              b.bound(cores)));
    }
    line("");
  }

  private static double best(
      Map<Kind, Figures> figures, java.util.function.ToDoubleFunction<Figures> value) {
    return figures.values().stream().mapToDouble(value).max().orElse(Double.NaN);
  }

  private static double pct(long[] sorted, double p) {
    return sorted.length == 0
        ? Double.NaN
        : sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))];
  }

  private void line(String s) {
    report.append(s).append('\n');
  }

  private static void progress(String format, Object... args) {
    System.err.println(String.format(Locale.ROOT, format, args));
  }
}
