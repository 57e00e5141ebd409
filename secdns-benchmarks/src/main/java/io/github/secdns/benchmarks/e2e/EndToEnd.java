package io.github.secdns.benchmarks.e2e;

import io.github.secdns.benchmarks.e2e.BenchServer.Kind;
import io.github.secdns.benchmarks.zone.ZoneGenerator;
import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.testsupport.servers.MasterFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.xbill.DNS.Name;

/**
 * The end-to-end comparison (issue 10): generated zones of several sizes served by the embedded
 * responder and by knotd, nsd and named as primaries on loopback, all transferred by the same
 * {@link TransferClient}. Servers alternate (the order rotates each repetition); medians are
 * reported with the ratio to the fastest peer, plus 8 parallel transfers, server CPU per transfer,
 * memory of each server process, and the time from publishing a new version to serving it (embedded
 * responder).
 *
 * <p>Options: {@code --sizes 10000,100000,1000000 --reps 7 --warmups 3 --warmup-records 2000000
 * --parallel 8 --parallel-reps 3 --publish-reps 3 --bind-secondary true --servers
 * secdns,knotd,nsd,named --out FILE --workdir DIR --server-jvm "OPTIONS"}. Writes a Markdown report
 * to {@code --out} and to standard output.
 */
public final class EndToEnd {

  private static final long SEED = 20261124L;
  private static final Name ZONE = ZoneGenerator.ORIGIN;
  private static final Duration LOAD_DEADLINE = Duration.ofMinutes(3);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

  private final Harness.Options options;
  private final StringBuilder report = new StringBuilder();

  private EndToEnd(Harness.Options options) {
    this.options = options;
  }

  /**
   * Runs the comparison.
   *
   * @param args options (see the class description)
   * @throws Exception when a server cannot be started or a transfer fails
   */
  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("sizes", "10000,100000,1000000");
    options.put("reps", "20");
    options.put("warmups", "3");
    options.put("warmup-records", "2000000");
    options.put("parallel", "8");
    options.put("parallel-reps", "3");
    options.put("publish-reps", "20");
    options.put("bind-secondary", "true");
    options.put("servers", "secdns,knotd,nsd,named");
    options.put("out", "target/e2e-results.md");
    options.put("server-jvm", Harness.SERVER_JVM);
    options.put("workdir", "");
    new EndToEnd(Harness.options(options, args)).run(String.join(" ", args));
  }

  private int intOption(String name) {
    return Integer.parseInt(options.get(name));
  }

  private void run(String commandLine) throws Exception {
    List<Kind> kinds = Harness.servers(options.get("servers"));
    List<String> java = Harness.childJava(options.get("server-jvm"));

    line("## Results of " + Instant.now().toString().substring(0, 19) + "Z");
    line("");
    line("- command: `bench/run-e2e.sh " + commandLine + "`");
    line("- machine: " + Machine.describe());
    line("- versions: " + Machine.versions(kinds));
    line("- embedded responder JVM options: `" + options.get("server-jvm") + "`");
    line(
        "- client: `TransferClient` (one TCP connection per transfer, sums ANCOUNT from "
            + "headers) in the harness JVM on the same machine; servers alternate, the order "
            + "rotates every repetition; "
            + options.get("reps")
            + " sequential repetitions after "
            + "warm-up transfers of at least "
            + options.get("warmup-records")
            + " records and "
            + options.get("warmups")
            + " transfers per server (the first one's time is shown), "
            + "medians shown");
    line("");
    // Zone files of up to 62 MiB: deleted at the end unless --workdir keeps them with the logs.
    try (Harness.WorkDir work = new Harness.WorkDir(options.get("workdir"), "secdns-e2e-")) {
      for (String s : options.get("sizes").split(",", -1)) {
        runSize(Integer.parseInt(s.trim()), kinds, work.path(), java);
      }
    }
    Harness.writeReport(options.get("out"), report);
  }

  private void runSize(int size, List<Kind> kinds, Path work, List<String> java) throws Exception {
    long t0 = System.nanoTime();
    ZoneSnapshot zone = ZoneGenerator.generate(size, 1, SEED);
    long t1 = System.nanoTime();
    Path zoneFile = work.resolve("bench-" + size + ".zone");
    MasterFiles.write(zone.soa(), zone.records(), zoneFile);
    long t2 = System.nanoTime();
    if (zone.size() != size) {
      throw new IllegalStateException("generated " + zone.size() + " records, not " + size);
    }
    long expected = zone.size() + 1L; // the SOA opens and closes the transfer
    progress(
        "%d records: generated in %.2f s, master file (%d MiB) in %.2f s",
        size, (t1 - t0) / 1e9, Files.size(zoneFile) >> 20, (t2 - t1) / 1e9);
    zone = null; // the harness does not need it any longer; keep its heap small

    Map<Kind, BenchServer> servers = new EnumMap<>(Kind.class);
    Map<Kind, Long> loadNanos = new EnumMap<>(Kind.class);
    Map<Kind, List<Long>> cpu = new EnumMap<>(Kind.class);
    Map<Kind, List<TransferClient.Result>> results = new EnumMap<>(Kind.class);
    Map<Kind, TransferClient.Result> warmups = new EnumMap<>(Kind.class);
    Map<Kind, List<double[]>> parallel = new EnumMap<>(Kind.class);
    Map<Kind, ProcStats.Memory> memory = new EnumMap<>(Kind.class);
    Map<Kind, ProcStats.Memory> memoryLoaded = new EnumMap<>(Kind.class);
    ProcStats.Memory[] memoryPublished = new ProcStats.Memory[1];
    List<Long> freshTransfers = new ArrayList<>();
    List<long[]> publishes = new ArrayList<>();
    List<Long> converged = new ArrayList<>();
    boolean withSecondary =
        kinds.contains(Kind.SECDNS) && Boolean.parseBoolean(options.get("bind-secondary"));
    int secondaryPort = withSecondary ? Harness.freePort() : 0;
    BenchServer secondary = null;
    try {
      for (Kind kind : kinds) {
        // One at a time, so that loading zones does not compete with each other for the cores.
        BenchServer server =
            BenchServer.start(
                kind,
                work.resolve(kind.label + "-" + size),
                ZONE,
                zoneFile,
                size,
                SEED,
                Harness.freePort(),
                java,
                secondaryPort);
        servers.put(kind, server);
        loadNanos.put(kind, server.awaitSerial(ZONE, 1, LOAD_DEADLINE));
        memoryLoaded.put(kind, ProcStats.memory(server.pid()));
        warmups.put(kind, TransferClient.axfr(server.address(), ZONE, expected, READ_TIMEOUT));
        // At least --warmups transfers and --warmup-records records: a JVM's JIT needs a few
        // hundred small transfers before it is warm, as a long-running server is.
        long warmupTransfers =
            Math.max(intOption("warmups"), Long.parseLong(options.get("warmup-records")) / size);
        for (int i = 1; i < warmupTransfers; i++) {
          // Servers run for months: measure them warm (the JVM's JIT, every server's caches).
          TransferClient.axfr(server.address(), ZONE, expected, READ_TIMEOUT);
        }
        progress(
            "  %s: serving after %.2f s, first transfer %.3f s",
            kind.label,
            Harness.measured(loadNanos, kind) / 1e9,
            Harness.measured(warmups, kind).nanos() / 1e9);
        cpu.put(kind, new ArrayList<>());
        results.put(kind, new ArrayList<>());
        parallel.put(kind, new ArrayList<>());
      }
      int reps = intOption("reps");
      for (int rep = 0; rep < reps; rep++) {
        for (Kind kind : rotate(kinds, rep)) {
          BenchServer server = Harness.measured(servers, kind);
          long c0 = ProcStats.cpuNanos(server.pid());
          TransferClient.Result r =
              TransferClient.axfr(server.address(), ZONE, expected, READ_TIMEOUT);
          long c1 = ProcStats.cpuNanos(server.pid());
          Harness.measured(results, kind).add(r);
          Harness.measured(cpu, kind).add(c1 - c0);
        }
      }
      progress("  sequential done: %s", summary(results));
      int n = intOption("parallel");
      ExecutorService pool = Executors.newFixedThreadPool(n);
      try {
        for (int rep = 0; rep < intOption("parallel-reps"); rep++) {
          for (Kind kind : rotate(kinds, rep)) {
            BenchServer server = Harness.measured(servers, kind);
            long c0 = ProcStats.cpuNanos(server.pid());
            long start = System.nanoTime();
            List<Future<TransferClient.Result>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
              futures.add(
                  pool.submit(
                      () -> TransferClient.axfr(server.address(), ZONE, expected, READ_TIMEOUT)));
            }
            long records = 0;
            for (Future<TransferClient.Result> f : futures) {
              records += f.get().records();
            }
            long wall = System.nanoTime() - start;
            long c1 = ProcStats.cpuNanos(server.pid());
            Harness.measured(parallel, kind)
                .add(new double[] {records * 1e9 / wall, (c1 - c0) / (double) n});
          }
        }
      } finally {
        pool.shutdownNow();
      }
      for (Kind kind : kinds) {
        memory.put(kind, ProcStats.memory(Harness.measured(servers, kind).pid()));
      }
      long serial = 1;
      if (servers.containsKey(Kind.SECDNS)) {
        BenchServer server = Harness.measured(servers, Kind.SECDNS);
        for (int i = 0; i < intOption("publish-reps"); i++) {
          long[] p = server.publishOneChange();
          long[] first;
          do {
            first = TransferClient.firstMessageSerial(server.address(), ZONE, READ_TIMEOUT);
          } while (first[1] != p[0]);
          long servedAt = System.nanoTime();
          // publishedAt (p[3]) and servedAt are both CLOCK_MONOTONIC readings.
          publishes.add(new long[] {p[1], p[2], servedAt - p[3]});
          // The whole new version, as the first secondary to ask gets it: its rendering began
          // with the serial check above and streams as it grows (never a cached version).
          freshTransfers.add(
              TransferClient.axfr(server.address(), ZONE, expected, READ_TIMEOUT).nanos());
          serial = p[0];
        }
        memoryPublished[0] = ProcStats.memory(server.pid());
        if (withSecondary) {
          // A real BIND secondary of the embedded responder: the responder's NOTIFY (sent once
          // the version's IXFR history is ready), SOA query, IXFR answered incrementally from
          // the history, then BIND serves the serial.
          secondary =
              BenchServer.startBindSecondary(
                  work.resolve("named-secondary-" + size),
                  ZONE,
                  server.address().getPort(),
                  secondaryPort);
          secondary.awaitSerial(ZONE, serial, LOAD_DEADLINE);
          for (int i = 0; i < intOption("publish-reps"); i++) {
            // Changes a second apart: named delays a refresh (~0.45 s) when a NOTIFY arrives
            // right after the transfer it triggered before; real edits are not back to back.
            TimeUnit.SECONDS.sleep(1);
            long[] p = server.publishOneChange();
            long servedAt = secondary.awaitSerialTightly(ZONE, p[0], LOAD_DEADLINE);
            converged.add(servedAt - p[3]);
            serial = p[0];
          }
        }
      }
    } finally {
      if (secondary != null) {
        secondary.close();
      }
      for (BenchServer s : servers.values()) {
        s.close();
      }
    }
    write(
        size,
        kinds,
        loadNanos,
        warmups,
        results,
        cpu,
        parallel,
        new Memories(memoryLoaded, memory, Optional.ofNullable(memoryPublished[0])),
        publishes,
        freshTransfers,
        converged);
  }

  private static String summary(Map<Kind, List<TransferClient.Result>> results) {
    return results.entrySet().stream()
        .map(
            e ->
                String.format(
                    Locale.ROOT,
                    "%s %.0f rec/s",
                    e.getKey().label,
                    median(
                        e.getValue().stream()
                            .mapToDouble(TransferClient.Result::recordsPerSecond)
                            .toArray())))
        .collect(Collectors.joining(", "));
  }

  private void write(
      int size,
      List<Kind> kinds,
      Map<Kind, Long> loadNanos,
      Map<Kind, TransferClient.Result> warmups,
      Map<Kind, List<TransferClient.Result>> results,
      Map<Kind, List<Long>> cpu,
      Map<Kind, List<double[]>> parallel,
      Memories memories,
      List<long[]> publishes,
      List<Long> freshTransfers,
      List<Long> converged) {
    Map<Kind, ProcStats.Memory> memory = memories.afterTransfers();
    Map<Kind, Double> rate = new EnumMap<>(Kind.class);
    Map<Kind, Double> parallelRate = new EnumMap<>(Kind.class);
    for (Kind k : kinds) {
      rate.put(
          k,
          median(
              Harness.measured(results, k).stream()
                  .mapToDouble(TransferClient.Result::recordsPerSecond)
                  .toArray()));
      parallelRate.put(
          k, median(Harness.measured(parallel, k).stream().mapToDouble(a -> a[0]).toArray()));
    }
    double bestPeer =
        kinds.stream()
            .filter(k -> k != Kind.SECDNS)
            .mapToDouble(rate::get)
            .max()
            .orElse(Double.NaN);
    double bestParallelPeer =
        kinds.stream()
            .filter(k -> k != Kind.SECDNS)
            .mapToDouble(parallelRate::get)
            .max()
            .orElse(Double.NaN);
    TransferClient.Result any = Harness.measured(results, kinds.get(0)).get(0);
    line(String.format(Locale.ROOT, "### %,d records (%,d per AXFR)", size, any.records()));
    line("");
    line(
        "| server | p50 s | p99 s | median records/s | × fastest peer | MiB/s | messages "
            + "| server CPU ms / transfer | "
            + options.get("parallel")
            + " parallel: aggregate records/s | × fastest peer "
            + "| CPU ms / transfer | load → serving s | first transfer s | VmRSS MiB | Pss MiB |");
    line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (Kind k : kinds) {
      List<TransferClient.Result> rs = Harness.measured(results, k);
      double[] transferSeconds = rs.stream().mapToDouble(r -> r.nanos() / 1e9).toArray();
      double seconds = percentile(transferSeconds, 0.5);
      double mib =
          median(rs.stream().mapToDouble(r -> r.bytes() / 1048576.0 / (r.nanos() / 1e9)).toArray());
      double cpuMs = median(Harness.measured(cpu, k).stream().mapToDouble(c -> c / 1e6).toArray());
      double parallelCpu =
          median(Harness.measured(parallel, k).stream().mapToDouble(a -> a[1] / 1e6).toArray());
      ProcStats.Memory m = Harness.measured(memory, k);
      line(
          String.format(
              Locale.ROOT,
              "| %s | %.3f | %.3f | %,.0f | %.2f | %.1f | %d | %.1f | %,.0f | %.2f | %.1f | %.2f "
                  + "| %.3f | %.0f | %.0f |",
              k.label,
              seconds,
              percentile(transferSeconds, 0.99),
              Harness.measured(rate, k),
              Harness.measured(rate, k) / bestPeer,
              mib,
              rs.get(0).messages(),
              cpuMs,
              Harness.measured(parallelRate, k),
              Harness.measured(parallelRate, k) / bestParallelPeer,
              parallelCpu,
              Harness.measured(loadNanos, k) / 1e9,
              Harness.measured(warmups, k).nanos() / 1e9,
              m.rssKib() / 1024.0,
              m.pssKib() / 1024.0));
    }
    line("");
    line(
        "Per-repetition records/s: "
            + kinds.stream()
                .map(
                    k ->
                        k.label
                            + " "
                            + Harness.measured(results, k).stream()
                                .map(r -> String.format(Locale.ROOT, "%.0f", r.recordsPerSecond()))
                                .collect(Collectors.joining("/")))
                .collect(Collectors.joining("; "))
            + ".");
    line("");
    line(
        "Memory of each server's process tree, VmRSS / Pss MiB: after loading (before any"
            + " transfer) "
            + memoryLine(kinds, memories.afterLoading())
            + "; after the transfers above "
            + memoryLine(kinds, memory)
            + memories
                .afterPublishes()
                .map(
                    m ->
                        String.format(
                            Locale.ROOT,
                            "; secdns after the %d publishes below %.0f / %.0f",
                            publishes.size(),
                            m.rssKib() / 1024.0,
                            m.pssKib() / 1024.0))
                .orElse("")
            + ".");
    if (!freshTransfers.isEmpty()) {
      double[] fresh = freshTransfers.stream().mapToDouble(n -> n / 1e9).toArray();
      line("");
      line(
          String.format(
              Locale.ROOT,
              "Embedded responder, a version never transferred before (%d publishes of one"
                  + " change; the whole AXFR by the first client, rendering included and"
                  + " streamed as it grows): p50 %.3f s, p99 %.3f s, next to the cached"
                  + " figure above (p50 %.3f s).",
              fresh.length,
              percentile(fresh, 0.5),
              percentile(fresh, 0.99),
              percentile(
                  Harness.measured(results, Kind.SECDNS).stream()
                      .mapToDouble(r -> r.nanos() / 1e9)
                      .toArray(),
                  0.5)));
    }
    if (!publishes.isEmpty()) {
      line("");
      line(
          "Embedded responder, new version with one record changed ("
              + publishes.size()
              + " times): host builds the `ZoneSnapshot` (copy of the record list + "
              + "`ZoneSnapshot.of`) median "
              + ms(median(publishes.stream().mapToDouble(p -> p[0]).toArray()))
              + " ms; "
              + "`PublishedZones.publish` median "
              + ms(median(publishes.stream().mapToDouble(p -> p[1]).toArray()))
              + " ms; "
              + "published → first message of the new version at a client (includes the lazy "
              + "render) median "
              + ms(median(publishes.stream().mapToDouble(p -> p[2]).toArray()))
              + " ms (each: "
              + publishes.stream().map(p -> ms((double) p[2])).collect(Collectors.joining(", "))
              + " ms).");
    }
    if (!converged.isEmpty()) {
      line("");
      line(
          "A real BIND secondary (named, NOTIFY sent by the embedded responder once the "
              + "version's IXFR history is ready) serving a one-record change: published → the "
              + "secondary answers the new "
              + "serial, median "
              + ms(median(converged.stream().mapToDouble(c -> c).toArray()))
              + " ms (each: "
              + converged.stream().map(c -> ms(c)).collect(Collectors.joining(", "))
              + " ms).");
    }
    line("");
  }

  private static String ms(double nanos) {
    return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
  }

  private static List<Kind> rotate(List<Kind> kinds, int by) {
    List<Kind> out = new ArrayList<>(kinds);
    java.util.Collections.rotate(out, -(by % kinds.size()));
    return out;
  }

  /** Memory of each server after loading, after the transfers, and secdns after publishes. */
  private record Memories(
      Map<Kind, ProcStats.Memory> afterLoading,
      Map<Kind, ProcStats.Memory> afterTransfers,
      Optional<ProcStats.Memory> afterPublishes) {}

  private static String memoryLine(List<Kind> kinds, Map<Kind, ProcStats.Memory> memory) {
    return kinds.stream()
        .map(
            k ->
                String.format(
                    Locale.ROOT,
                    "%s %.0f / %.0f",
                    k.label,
                    Harness.measured(memory, k).rssKib() / 1024.0,
                    Harness.measured(memory, k).pssKib() / 1024.0))
        .collect(Collectors.joining(", "));
  }

  /**
   * The nearest-rank percentile: the smallest value with at least {@code p} of the values at or
   * below it (so p99 of 20 samples is the largest: say so rather than interpolate).
   */
  static double percentile(double[] values, double p) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] v = values.clone();
    Arrays.sort(v);
    int rank = (int) Math.ceil(p * v.length);
    return v[Math.max(0, Math.min(v.length, rank) - 1)];
  }

  static double median(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] v = values.clone();
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private void line(String s) {
    report.append(s).append('\n');
  }

  private static void progress(String format, Object... args) {
    System.err.println(String.format(Locale.ROOT, format, args));
  }

  /** Machine and software description for the report. */
  static final class Machine {

    private Machine() {}

    static String describe() {
      return "cores "
          + onlineCores()
          + ", memory "
          + memTotal()
          + ", kernel "
          + read("/proc/sys/kernel/osrelease")
          + ", CPU "
          + cpuModel();
    }

    static String versions(List<Kind> kinds) {
      List<String> out = new ArrayList<>();
      out.add("Java " + System.getProperty("java.vm.version"));
      for (Kind k : kinds) {
        switch (k) {
          case KNOT -> out.add(exec("knotd", "--version"));
          case NSD -> out.add(exec("nsd", "-v"));
          case BIND -> out.add(exec("named", "-v"));
          default -> out.add("secdns at git " + exec("git", "describe", "--always", "--dirty"));
        }
      }
      return String.join("; ", out);
    }

    /**
     * The machine's online CPUs, not the ones this process may use (a pinned harness sees one:
     * {@code nproc} would say 1).
     */
    static int onlineCores() {
      try {
        return CpuPinning.count(read("/sys/devices/system/cpu/online"));
      } catch (UncheckedIOException | IllegalArgumentException e) {
        return Runtime.getRuntime().availableProcessors();
      }
    }

    private static String memTotal() {
      String line =
          lines("/proc/meminfo").stream()
              .filter(l -> l.startsWith("MemTotal:"))
              .findFirst()
              .orElse("MemTotal: 0 kB");
      long kib = Long.parseLong(line.replaceAll("\\D+", ""));
      return String.format(Locale.ROOT, "%.1f GiB", kib / 1048576.0);
    }

    private static String cpuModel() {
      return lines("/proc/cpuinfo").stream()
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst()
          .orElse("unknown");
    }

    private static String read(String file) {
      return String.join(" ", lines(file)).trim();
    }

    private static List<String> lines(String file) {
      try {
        return Files.readAllLines(Path.of(file));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static String exec(String... command) {
      try {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out.lines().findFirst().orElse(command[0]).trim();
      } catch (IOException e) {
        return command[0] + " (not found)";
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return command[0];
      }
    }
  }
}
