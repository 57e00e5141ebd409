package io.github.secdns.benchmarks.e2e;

import io.github.secdns.benchmarks.e2e.BenchServer.Kind;
import io.github.secdns.benchmarks.zone.ZoneGenerator;
import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.testkit.TestCertificate;
import io.github.secdns.testkit.TestCertificates;
import io.github.secdns.testsupport.Addresses;
import io.github.secdns.testsupport.servers.MasterFiles;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.KeyStore;
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
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

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
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(120);
  private static final List<String> TRANSPORTS = List.of("TCP", "TLS");

  private final Map<String, String> options;
  private final StringBuilder report = new StringBuilder();

  private XotEndToEnd(Map<String, String> options) {
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
    Map<String, SocketFactory> sockets = Map.of("TCP", SocketFactory.getDefault(), "TLS", tls(ca));

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
                    at.get(t), ZoneGenerator.ORIGIN, size + 1L, READ_TIMEOUT, sockets.get(t));
            long cpu = ProcStats.cpuNanos(server.pid()) - cpuBefore;
            if (rep < 0) {
              samples.put(t, new Samples(r, new ArrayList<>(), new ArrayList<>()));
            } else {
              samples.get(t).nanos().add(r.nanos());
              samples.get(t).cpuNanos().add(cpu);
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
    long tcpCpu = percentile(samples.get("TCP").cpuNanos(), 50);
    for (String t : TRANSPORTS) {
      Samples s = samples.get(t);
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
    return (double) percentile(what.apply(all.get(Kind.SECDNS).get(transport)), 50)
        / percentile(what.apply(all.get(Kind.BIND).get(transport)), 50);
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

  /** TLS 1.3 client sockets offering ALPN dot and verifying the server against the test CA. */
  private static SocketFactory tls(TestCertificates.Authority ca) throws Exception {
    KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
    anchors.load(null, null);
    anchors.setCertificateEntry("ca", ca.certificate());
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(anchors);
    SSLContext context = SSLContext.getInstance("TLSv1.3");
    context.init(null, tmf.getTrustManagers(), null);
    return new SocketFactory() {
      @Override
      public Socket createSocket() throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
        SSLParameters p = socket.getSSLParameters();
        p.setProtocols(new String[] {"TLSv1.3"});
        p.setApplicationProtocols(new String[] {"dot"});
        socket.setSSLParameters(p);
        return socket;
      }

      @Override
      public Socket createSocket(String host, int port) {
        throw new UnsupportedOperationException("TransferClient connects an unconnected socket");
      }

      @Override
      public Socket createSocket(String host, int port, InetAddress local, int localPort) {
        return createSocket(host, port);
      }

      @Override
      public Socket createSocket(InetAddress host, int port) {
        return createSocket(host.getHostAddress(), port);
      }

      @Override
      public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) {
        return createSocket(host.getHostAddress(), port);
      }
    };
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
