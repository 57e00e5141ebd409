package io.github.secdns.benchmarks.e2e;

import io.github.secdns.benchmarks.e2e.BenchServer.Kind;
import io.github.secdns.benchmarks.zone.ZoneGenerator;
import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.testkit.TestCertificate;
import io.github.secdns.testkit.TestCertificates;
import io.github.secdns.testsupport.Addresses;
import io.github.secdns.testsupport.XotClientSockets;
import io.github.secdns.testsupport.servers.MasterFiles;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javax.net.SocketFactory;

/**
 * XoT against BIND (issue 18): one generated zone served by the embedded responder ({@link
 * EmbeddedPrimary} with an XoT listener) and by named, each over plain TCP and over TLS 1.3 (ALPN
 * dot) on 127.0.0.1, all transferred by the same {@link TransferClient} (TLS sockets of the JDK for
 * XoT, the handshake counted in each transfer's time). Per server and transport: the first
 * transfer, then p50 and p99 of the repetitions (TCP and TLS alternate), records per second, and
 * the server's CPU per transfer from {@code /proc}; the CPU cost of TLS is the difference of the
 * CPU medians. Ratios are secdns/named.
 *
 * <p>Options: {@code --size 1000000 --reps 20 --servers secdns,named --out FILE --server-jvm
 * "OPTIONS"}. Writes a Markdown report to {@code --out} and to standard output.
 */
public final class XotEndToEnd {

  private static final long SEED = 20261124L;
  private static final Duration START_DEADLINE = Duration.ofMinutes(3);
  private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);
  private static final List<String> TRANSPORTS = List.of("TCP", "TLS");

  private final Harness.Options options;
  private final StringBuilder report = new StringBuilder();

  private XotEndToEnd(Harness.Options options) {
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
    options.put("size", "1000000");
    options.put("reps", "20");
    options.put("servers", "secdns,named");
    options.put("out", "target/xot-results.md");
    options.put("server-jvm", Harness.SERVER_JVM);
    new XotEndToEnd(Harness.options(options, args)).run(String.join(" ", args));
  }

  /** The samples of one server over one transport; the first transfer apart. */
  private record Samples(TransferClient.Result first, List<Long> nanos, List<Long> cpuNanos) {}

  private void run(String commandLine) throws Exception {
    int size = Integer.parseInt(options.get("size"));
    int reps = Integer.parseInt(options.get("reps"));
    List<Kind> kinds = Harness.servers(options.get("servers"));
    for (Kind kind : kinds) {
      if (kind != Kind.SECDNS && kind != Kind.BIND) {
        throw new IllegalArgumentException(
            "XoT is compared with named only, not with " + kind.label);
      }
    }
    try (Harness.WorkDir work = new Harness.WorkDir("", "secdns-xot-")) {
      measure(commandLine, size, reps, kinds, work.path());
    }
    Harness.writeReport(options.get("out"), report);
  }

  private void measure(String commandLine, int size, int reps, List<Kind> kinds, Path work)
      throws Exception {
    TestCertificates.Authority ca = TestCertificates.authority("secdns XoT benchmark CA");
    TestCertificate cert = ca.server("xot.bench.example").ipAddress(Addresses.LOOPBACK_1).issue();
    Path chain = work.resolve("chain.pem");
    Path key = work.resolve("key.pem");
    cert.writePem(chain, key);
    Path zoneFile = work.resolve("bench.zone");
    ZoneSnapshot zone = ZoneGenerator.generate(size, 1, SEED);
    MasterFiles.write(zone.soa(), zone.records(), zoneFile);
    zone = null; // the harness does not need it any longer; keep its heap small
    Map<String, SocketFactory> sockets =
        Map.of(
            "TCP", SocketFactory.getDefault(), "TLS", XotClientSockets.trusting(ca.certificate()));

    line("## XoT results of " + Instant.now().toString().substring(0, 19) + "Z");
    line("");
    line("- command: `bench/run-xot.sh " + commandLine + "`");
    line("- machine: " + EndToEnd.Machine.describe());
    line("- versions: " + EndToEnd.Machine.versions(kinds));
    line("- embedded responder JVM options: `" + options.get("server-jvm") + "`");
    line(
        "- zone: "
            + size
            + " records; client: `TransferClient` in the harness JVM, one connection per"
            + " transfer (TLS: JDK TLS 1.3, ALPN dot, server certificate verified, handshake"
            + " included); "
            + reps
            + " repetitions per server and transport after the first (shown apart), TCP and TLS"
            + " alternating; p99 of "
            + reps
            + " samples is their largest; server CPU from /proc (the whole process: JIT and GC"
            + " included)");
    line("");
    line(
        "| server | transport | first (ms) | p50 (ms) | p99 (ms) | records/s (p50) |"
            + " server CPU/transfer p50 (ms) | CPU of TLS per transfer (ms) |");
    line("|---|---|---|---|---|---|---|---|");
    Map<Kind, Map<String, Samples>> all = new LinkedHashMap<>();
    for (Kind kind : kinds) {
      int port = Harness.freePort();
      int tlsPort = Harness.freePort();
      Map<String, InetSocketAddress> at =
          Map.of(
              "TCP", new InetSocketAddress(Addresses.LOOPBACK_1, port),
              "TLS", new InetSocketAddress(Addresses.LOOPBACK_1, tlsPort));
      try (BenchServer server = start(kind, work, zoneFile, size, port, tlsPort, chain, key)) {
        server.awaitSerial(ZoneGenerator.ORIGIN, 1, START_DEADLINE);
        Map<String, Samples> samples = new LinkedHashMap<>();
        for (int rep = -1; rep < reps; rep++) {
          for (String t : TRANSPORTS) {
            long cpuBefore = ProcStats.cpuNanos(server.pid());
            TransferClient.Result r =
                TransferClient.axfr(
                    Harness.measured(at, t),
                    ZoneGenerator.ORIGIN,
                    size + 1L,
                    READ_TIMEOUT,
                    Harness.measured(sockets, t));
            long cpu = ProcStats.cpuNanos(server.pid()) - cpuBefore;
            if (rep < 0) {
              samples.put(t, new Samples(r, new ArrayList<>(), new ArrayList<>()));
            } else {
              Harness.measured(samples, t).nanos().add(r.nanos());
              Harness.measured(samples, t).cpuNanos().add(cpu);
            }
          }
        }
        all.put(kind, samples);
        report(kind, samples, size + 1L);
      }
    }
    if (all.containsKey(Kind.SECDNS) && all.containsKey(Kind.BIND)) {
      line("");
      for (String t : TRANSPORTS) {
        line(
            String.format(
                Locale.ROOT,
                "- %s: secdns/named p50 time %.2f, p50 server CPU %.2f",
                t,
                ratio(all, t, Samples::nanos),
                ratio(all, t, Samples::cpuNanos)));
      }
    }
  }

  private void report(Kind kind, Map<String, Samples> samples, long records) {
    long tcpCpu = percentile(Harness.measured(samples, "TCP").cpuNanos(), 50);
    for (String t : TRANSPORTS) {
      Samples s = Harness.measured(samples, t);
      long p50 = percentile(s.nanos(), 50);
      long cpu = percentile(s.cpuNanos(), 50);
      line(
          String.format(
              Locale.ROOT,
              "| %s | %s | %.0f | %.0f | %.0f | %.0f | %.0f | %s |",
              kind.label,
              t,
              s.first().nanos() / 1e6,
              p50 / 1e6,
              percentile(s.nanos(), 99) / 1e6,
              records * 1e9 / p50,
              cpu / 1e6,
              t.equals("TLS") ? String.format(Locale.ROOT, "%.0f", (cpu - tcpCpu) / 1e6) : "-"));
    }
  }

  private static double ratio(
      Map<Kind, Map<String, Samples>> all, String transport, Function<Samples, List<Long>> what) {
    return (double)
            percentile(
                what.apply(Harness.measured(Harness.measured(all, Kind.SECDNS), transport)), 50)
        / percentile(what.apply(Harness.measured(Harness.measured(all, Kind.BIND), transport)), 50);
  }

  /** The embedded responder (EmbeddedPrimary with its XoT listener) or named, serving both ways. */
  private BenchServer start(
      Kind kind, Path work, Path zoneFile, int size, int port, int tlsPort, Path chain, Path key) {
    Path dir = work.resolve(kind.label);
    if (kind == Kind.BIND) {
      return BenchServer.startBindXot(
          dir, ZoneGenerator.ORIGIN, zoneFile, port, tlsPort, chain, key);
    }
    List<String> java = Harness.childJava(options.get("server-jvm"));
    int beforeClassPath = java.indexOf("-cp");
    java.addAll(
        beforeClassPath,
        List.of(
            "-Dsecdns.bench.xot.port=" + tlsPort,
            "-Dsecdns.bench.xot.chain=" + chain,
            "-Dsecdns.bench.xot.key=" + key));
    return BenchServer.start(kind, dir, ZoneGenerator.ORIGIN, zoneFile, size, SEED, port, java, 0);
  }

  private static long percentile(List<Long> values, int p) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  private void line(String text) {
    report.append(text).append('\n');
    System.err.println(text);
  }
}
