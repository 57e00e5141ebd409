package io.github.secdns.benchmarks.e2e;

import io.github.secdns.benchmarks.e2e.BenchServer.Kind;
import io.github.secdns.benchmarks.zone.ZoneGenerator;
import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.testsupport.servers.MasterFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xbill.DNS.Name;

/**
 * Issue 15: a big zone file served as an operator runs {@code serve} ({@code java -jar secdns.jar
 * serve --zone-file F --origin O}, no JVM flags), side by side with the same file loaded by knotd
 * and nsd, and with {@code serve} under the harness's tuned JVM flags. Per size and server, over
 * {@code --reps} fresh starts (the order of servers rotating each round):
 *
 * <ul>
 *   <li>start → serving: from process start until the SOA of the file's serial is answered over TCP
 *       and, for secdns, {@code listening on} is printed (it answers a little before: its
 *       diagnostics are printed while it serves; the later of the two counts);
 *   <li>RSS after loading (sum over the process tree, as {@code VmRSS});
 *   <li>the first AXFR (for secdns: render included) and a second one (cached);
 *   <li>RSS right after the transfers, and again {@link #SETTLE} later with no request meanwhile
 *       (serving, settled: {@code serve} gives back the memory of loading once its first transfers
 *       have ended, so right after them it may still hold it; knotd and nsd hold the same either
 *       way). The goal of issue 15 compares the settled figure.
 * </ul>
 *
 * <p>p50 and p99 of each over the repetitions, and the ratio of the p50 to knotd's. Run it with
 * {@code bench/run-serve-load.sh}; on a busy machine the figures are not worth reporting.
 */
public final class ServeLoad {

  private static final long SEED = 20261124L;
  private static final long SERIAL = 2026112401L;
  private static final Duration LOAD_DEADLINE = Duration.ofMinutes(3);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

  /** How long after the transfers the settled RSS is read. */
  static final Duration SETTLE = Duration.ofSeconds(1);

  private ServeLoad() {}

  /**
   * Runs the comparison.
   *
   * @param args {@code --sizes 100000,1000000 --reps 20 --servers secdns-jar,secdns-tuned,knotd,nsd
   *     --jar secdns-examples/target/secdns.jar --tuned-jvm "-XX:+UseSerialGC -Xmx1g" --out FILE
   *     --workdir DIR}
   */
  public static void main(String[] args) throws Exception {
    Map<String, String> defaults = new LinkedHashMap<>();
    defaults.put("sizes", "100000,1000000");
    defaults.put("reps", "20");
    defaults.put("servers", "secdns-jar,secdns-tuned,knotd,nsd");
    defaults.put("jar", "secdns-examples/target/secdns.jar");
    defaults.put("tuned-jvm", Harness.SERVER_JVM);
    defaults.put("out", "secdns-benchmarks/target/serve-load.md");
    defaults.put("workdir", "");
    Harness.Options o = Harness.options(defaults, args);
    Path jar = Path.of(o.get("jar")).toAbsolutePath();
    List<String> servers = List.of(o.get("servers").split(",", -1));
    int reps = Integer.parseInt(o.get("reps"));
    StringBuilder report = new StringBuilder();
    report.append("# serve: loading a zone file (issue 15)\n\n");
    report.append("- machine: ").append(EndToEnd.Machine.describe()).append('\n');
    report
        .append("- command: `bench/run-serve-load.sh ")
        .append(String.join(" ", args))
        .append("`\n");
    report.append("- tuned JVM: `").append(o.get("tuned-jvm")).append("`\n");
    report.append("- ").append(reps).append(" fresh starts per server and size; p50 / p99\n\n");
    try (Harness.WorkDir workDir = new Harness.WorkDir(o.get("workdir"), "secdns-serve-load-")) {
      Path work = workDir.path();
      for (String sizeText : o.get("sizes").split(",", -1)) {
        int size = Integer.parseInt(sizeText.strip());
        Path zoneFile = work.resolve("zone-" + size + ".db");
        ZoneSnapshot zone = ZoneGenerator.generate(size, SERIAL, SEED);
        MasterFiles.write(zone.soa(), zone.records(), zoneFile);
        long expected = zone.size() + 1L;
        zone = null; // the harness should not hold the zone while servers are measured
        Map<String, List<double[]>> samples = new LinkedHashMap<>();
        for (int rep = 0; rep < reps; rep++) {
          List<String> order = new ArrayList<>(servers);
          java.util.Collections.rotate(order, -(rep % servers.size()));
          for (String server : order) {
            double[] s =
                once(
                    server,
                    o,
                    work.resolve(server + "-" + size + "-" + rep),
                    zoneFile,
                    jar,
                    expected);
            samples.computeIfAbsent(server, k -> new ArrayList<>()).add(s);
            System.err.printf(
                Locale.ROOT,
                "%d records, %s, rep %d: serving after %.2f s, RSS %.0f MiB, first AXFR %.3f s,"
                    + " second %.3f s, RSS %.0f MiB, settled %.0f MiB%n",
                size,
                server,
                rep,
                s[0],
                s[1],
                s[2],
                s[3],
                s[4],
                s[5]);
          }
        }
        table(report, size, expected, samples);
      }
    }
    Harness.writeReport(o.get("out"), report);
  }

  /**
   * One fresh start: {serving s, RSS after load MiB, first AXFR s, second AXFR s, RSS MiB, RSS
   * settled MiB}.
   */
  /**
   * Waits until {@code serve}'s console shows {@code listening on}.
   *
   * @return nanoseconds from process start to the line (within a millisecond)
   */
  private static long awaitListening(BenchServer p, Path console)
      throws IOException, InterruptedException {
    long end = System.nanoTime() + LOAD_DEADLINE.toNanos();
    while (System.nanoTime() < end) {
      if (java.nio.file.Files.exists(console)
          && java.nio.file.Files.readString(console).contains("listening on")) {
        return System.nanoTime() - p.startedNanos();
      }
      Thread.sleep(1);
    }
    throw new IOException("serve printed no 'listening on' within " + LOAD_DEADLINE);
  }

  private static double[] once(
      String server, Harness.Options o, Path dir, Path zoneFile, Path jar, long expected)
      throws IOException, InterruptedException {
    int port = Harness.freePort();
    Name zone = ZoneGenerator.ORIGIN;
    BenchServer p =
        switch (server) {
          case "secdns-jar" ->
              BenchServer.startServe(dir, zone, zoneFile, port, List.of("java"), jar);
          case "secdns-tuned" -> {
            List<String> java = new ArrayList<>(List.of("java"));
            java.addAll(List.of(o.get("tuned-jvm").trim().split("\\s+", -1)));
            yield BenchServer.startServe(dir, zone, zoneFile, port, java, jar);
          }
          case "knotd" ->
              BenchServer.start(Kind.KNOT, dir, zone, zoneFile, 0, SEED, port, List.of(), 0);
          case "nsd" ->
              BenchServer.start(Kind.NSD, dir, zone, zoneFile, 0, SEED, port, List.of(), 0);
          default -> throw new IllegalArgumentException("unknown server " + server);
        };
    try (p) {
      double serving = p.awaitSerial(ZoneGenerator.ORIGIN, SERIAL, LOAD_DEADLINE) / 1e9;
      if (server.startsWith("secdns")) {
        // serve answers once the zone is servable and prints "listening on" after its diagnostics:
        // the later of the two is when it is serving as it says (issue 15 compares the line).
        serving = Math.max(serving, awaitListening(p, dir.resolve("console.log")) / 1e9);
      }
      double rssLoaded = ProcStats.memory(p.pid()).rssKib() / 1024.0;
      TransferClient.Result first =
          TransferClient.axfr(p.address(), ZoneGenerator.ORIGIN, expected, READ_TIMEOUT);
      TransferClient.Result second =
          TransferClient.axfr(p.address(), ZoneGenerator.ORIGIN, expected, READ_TIMEOUT);
      double rssServing = ProcStats.memory(p.pid()).rssKib() / 1024.0;
      Thread.sleep(SETTLE.toMillis());
      double rssSettled = ProcStats.memory(p.pid()).rssKib() / 1024.0;
      return new double[] {
        serving, rssLoaded, first.nanos() / 1e9, second.nanos() / 1e9, rssServing, rssSettled
      };
    }
  }

  private static void table(
      StringBuilder report, int size, long expected, Map<String, List<double[]>> samples) {
    report.append(String.format(Locale.ROOT, "## %,d records (%,d per AXFR)%n%n", size, expected));
    report.append(
        "| server | start → serving s p50 / p99 | × knotd | RSS loaded MiB | × knotd | first AXFR s"
            + " p50 / p99 | × knotd | second AXFR s p50 / p99 | RSS right after MiB p50 / p99 | RSS"
            + " serving (1 s later) MiB p50 / p99 | × knotd |\n");
    report.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    double[] knot = samples.containsKey("knotd") ? p50s(samples.get("knotd")) : null;
    for (Map.Entry<String, List<double[]>> e : samples.entrySet()) {
      double[] p50 = p50s(e.getValue());
      double[] p99 = percentiles(e.getValue(), 0.99);
      report.append(
          String.format(
              Locale.ROOT,
              "| %s | %.2f / %.2f | %s | %.0f | %s | %.3f / %.3f | %s | %.3f / %.3f | %.0f / %.0f |"
                  + " %.0f / %.0f | %s |%n",
              e.getKey(),
              p50[0],
              p99[0],
              ratio(p50[0], knot == null ? Double.NaN : knot[0]),
              p50[1],
              ratio(p50[1], knot == null ? Double.NaN : knot[1]),
              p50[2],
              p99[2],
              ratio(p50[2], knot == null ? Double.NaN : knot[2]),
              p50[3],
              p99[3],
              p50[4],
              p99[4],
              p50[5],
              p99[5],
              ratio(p50[5], knot == null ? Double.NaN : knot[5])));
    }
    report.append('\n');
  }

  private static String ratio(double value, double knot) {
    return Double.isNaN(knot) ? "-" : String.format(Locale.ROOT, "%.2f", value / knot);
  }

  private static double[] p50s(List<double[]> rows) {
    return percentiles(rows, 0.5);
  }

  /** Per column, the nearest-rank percentile. */
  static double[] percentiles(List<double[]> rows, double q) {
    int columns = rows.get(0).length;
    double[] out = new double[columns];
    for (int c = 0; c < columns; c++) {
      double[] v = new double[rows.size()];
      for (int r = 0; r < rows.size(); r++) {
        v[r] = rows.get(r)[c];
      }
      Arrays.sort(v);
      int rank = (int) Math.ceil(q * v.length);
      out[c] = v[Math.max(0, Math.min(v.length - 1, rank - 1))];
    }
    return out;
  }
}
