package io.github.secdns.benchmarks.e2e;

import io.github.secdns.benchmarks.e2e.BenchServer.Kind;
import io.github.secdns.benchmarks.zone.SmallZones;
import io.github.secdns.testsupport.servers.ServerConfig.PrimaryZone;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The memory of a DNS host's shape over many starts (issue 13's goal: RSS and PSS after loading and
 * after a round of transfers at most half of Knot's): {@code --zones} small zones from the same
 * master files as {@link ManyZones}, served by each server of {@code --servers} in turn, {@code
 * --starts} times (interleaved: every server once, then again), with nothing else measured, so that
 * each reading has p50 and p99 over the starts on both sides of the ratio.
 *
 * <p>Per start: the server is started as {@link ManyZones} starts it ({@code secdns serve} as an
 * operator does, plain {@code java -jar}; knotd and nsd with one zone clause per zone), unpinned;
 * once every zone answered its SOA over UDP (a sweep of all zones, where {@link ManyZones} reads
 * "after load"), RSS and PSS; again {@value #SETTLE_SECONDS} s later; then every zone is
 * transferred once over TCP in a random order ({@link AxfrLoad}, {@code --axfr-window} in flight,
 * each answer checked), RSS and PSS right after, and again {@value #SETTLE_SECONDS} s later. The
 * report gives p50 / p99 / min per server and reading, and each server's p50 and p99 against the
 * first peer's (knotd by default).
 *
 * <p>Options: {@code --zones 100000 --servers "secdns serve,knotd" --starts 20 --axfr-window 16
 * --zones-dir DIR (master files written there when missing) --serve-jar JAR --workdir DIR --out
 * FILE}. Run by {@code bench/run-many-zones-memory.sh}.
 */
public final class ManyZonesMemory {

  /** Seconds between a reading and the same reading settled. */
  static final int SETTLE_SECONDS = 15;

  private static final Duration LOAD_DEADLINE = Duration.ofMinutes(20);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  /** The readings of one start, in the order they are taken. */
  static final List<String> READINGS =
      List.of(
          "every zone answered",
          "+" + SETTLE_SECONDS + " s",
          "after every zone's AXFR",
          "+" + SETTLE_SECONDS + " s after the AXFRs");

  private final Harness.Options options;

  private ManyZonesMemory(Harness.Options options) {
    this.options = options;
  }

  /**
   * Runs the starts and writes the report.
   *
   * @param args options (see the class description)
   * @throws Exception when a server cannot be started or a transfer fails
   */
  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("zones", "100000");
    options.put("servers", "secdns serve,knotd");
    options.put("starts", "20");
    options.put("axfr-window", "16");
    options.put("zones-dir", "");
    options.put("serve-jar", "secdns-examples/target/secdns.jar");
    options.put("workdir", "");
    options.put("out", "target/many-zones-memory.md");
    new ManyZonesMemory(Harness.options(options, args)).run(String.join(" ", args));
  }

  private void run(String commandLine) throws Exception {
    List<Kind> kinds = Harness.servers(options.get("servers"));
    int count = Integer.parseInt(options.get("zones"));
    int starts = Integer.parseInt(options.get("starts"));
    // Per server, per reading, per start: RSS and PSS in KiB.
    Map<Kind, long[][][]> samples = new LinkedHashMap<>();
    for (Kind kind : kinds) {
      samples.put(kind, new long[READINGS.size()][2][starts]);
    }
    try (Harness.WorkDir work = new Harness.WorkDir(options.get("workdir"), "secdns-memory-")) {
      Path zonesDir =
          options.get("zones-dir").isEmpty()
              ? work.path().resolve("zones-" + count)
              : Path.of(options.get("zones-dir"));
      if (!Files.exists(zonesDir.resolve(SmallZones.origin(count - 1) + "zone"))) {
        SmallZones.writeAll(zonesDir, count);
      }
      List<PrimaryZone> zoneFiles = SmallZones.primaryZones(zonesDir, count);
      for (int start = 0; start < starts; start++) {
        for (Kind kind : kinds) {
          ProcStats.Memory[] read =
              measure(kind, zoneFiles, zonesDir, work.path(), count, 20261205L + start);
          long[][][] mine = Objects.requireNonNull(samples.get(kind));
          for (int r = 0; r < read.length; r++) {
            mine[r][0][start] = read[r].rssKib();
            mine[r][1][start] = read[r].pssKib();
          }
          System.err.printf(
              "%s start %d: RSS MiB %s%n",
              kind.label,
              start + 1,
              Arrays.stream(read).map(m -> Long.toString(m.rssKib() >> 10)).toList());
        }
      }
    }
    Harness.writeReport(options.get("out"), report(commandLine, count, starts, samples));
  }

  /** One start of one server: the four readings. */
  private ProcStats.Memory[] measure(
      Kind kind, List<PrimaryZone> zoneFiles, Path zonesDir, Path work, int count, long seed)
      throws Exception {
    ProcStats.Memory[] read = new ProcStats.Memory[READINGS.size()];
    Path dir = Files.createTempDirectory(work, kind.label.replace(' ', '-') + "-");
    try (BenchServer server =
            BenchServer.startMany(
                kind,
                dir,
                zoneFiles,
                zonesDir,
                Harness.freePort(),
                List.of("java"),
                new CpuPinning(""),
                0,
                0,
                LOAD_DEADLINE,
                Path.of(options.get("serve-jar")).toAbsolutePath());
        UdpSoaClient client = new UdpSoaClient(server.address(), count)) {
      ManyZones.awaitLastZone(server, count);
      client.run(Duration.ZERO, 64, true, 1);
      read[0] = ProcStats.memory(server.pid());
      TimeUnit.SECONDS.sleep(SETTLE_SECONDS);
      read[1] = ProcStats.memory(server.pid());
      int[] order = new SplittableRandom(seed).ints(0, count).distinct().limit(count).toArray();
      AxfrLoad.Result load =
          ManyZones.axfrClient(server, count)
              .run(order, Integer.parseInt(options.get("axfr-window")), READ_TIMEOUT);
      if (load.transfers() != count) {
        throw new IllegalStateException(
            kind.label + ": " + load.transfers() + " of " + count + " zones transferred");
      }
      read[2] = ProcStats.memory(server.pid());
      TimeUnit.SECONDS.sleep(SETTLE_SECONDS);
      read[3] = ProcStats.memory(server.pid());
    }
    return read;
  }

  /** The report: per server and reading, p50 / p99 / min, and the ratios to the first peer. */
  static String report(String commandLine, int count, int starts, Map<Kind, long[][][]> samples) {
    StringBuilder out = new StringBuilder();
    out.append("## Many zones, memory over starts: results of ")
        .append(Instant.now().toString(), 0, 19)
        .append("Z\n\n");
    out.append("- command: `bench/run-many-zones-memory.sh ").append(commandLine).append("`\n");
    out.append("- machine: ").append(EndToEnd.Machine.describe()).append('\n');
    out.append("- ")
        .append(count)
        .append(" zones of ")
        .append(SmallZones.RECORDS)
        .append(" records, the same master files for every server; ")
        .append(starts)
        .append(" starts per server, interleaved; unpinned; MiB\n\n");
    out.append("| server | reading | RSS p50 / p99 (min) | PSS p50 / p99 (min) |");
    List<Kind> kinds = new ArrayList<>(samples.keySet());
    Kind reference =
        kinds.stream()
            .filter(k -> k != Kind.SECDNS_SERVE && k != Kind.SECDNS)
            .findFirst()
            .orElse(null);
    out.append(reference == null ? "\n|---|---|---:|---:|\n" : " RSS vs " + reference.label);
    if (reference != null) {
      out.append(" p50 / p99 |\n|---|---|---:|---:|---:|\n");
    }
    long[][][] peers = reference == null ? null : samples.get(reference);
    for (Map.Entry<Kind, long[][][]> server : samples.entrySet()) {
      Kind kind = server.getKey();
      for (int r = 0; r < READINGS.size(); r++) {
        long[] rss = server.getValue()[r][0];
        long[] pss = server.getValue()[r][1];
        out.append("| ")
            .append(kind.label)
            .append(" | ")
            .append(READINGS.get(r))
            .append(" | ")
            .append(figure(rss))
            .append(" | ")
            .append(figure(pss))
            .append(" |");
        if (peers != null) {
          long[] peer = peers[r][0];
          out.append(
              String.format(
                  " %.2fx / %.2fx |",
                  percentile(rss, 0.5) / (double) percentile(peer, 0.5),
                  percentile(rss, 0.99) / (double) percentile(peer, 0.99)));
        }
        out.append('\n');
      }
    }
    return out.toString();
  }

  private static String figure(long[] kib) {
    return (percentile(kib, 0.5) >> 10)
        + " / "
        + (percentile(kib, 0.99) >> 10)
        + " ("
        + (Arrays.stream(kib).min().orElse(0) >> 10)
        + ")";
  }

  /** The nearest-rank percentile. */
  static long percentile(long[] values, double p) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
  }
}
