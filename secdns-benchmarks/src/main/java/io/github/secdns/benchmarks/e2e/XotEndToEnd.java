package io.github.secdns.benchmarks.e2e;

import io.github.secdns.benchmarks.e2e.ServerProcess.Kind;
import io.github.secdns.benchmarks.zone.ZoneGenerator;
import io.github.secdns.testkit.TestCertificate;
import io.github.secdns.testkit.TestCertificates;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * XoT against BIND (issue 18): one generated zone served by the embedded responder ({@link
 * XotPrimary}) and by named, each over plain TCP and over TLS 1.3 (ALPN dot) on 127.0.0.1, all
 * transferred by the same {@link TransferClient} (TLS sockets of the JDK for XoT, the handshake
 * counted in each transfer's time). Per server and transport: the first transfer, then p50 and p99
 * of the repetitions (TCP and TLS alternate), records per second, and the server's CPU per transfer
 * from {@code /proc}; the CPU cost of TLS is the difference of the CPU medians. Ratios are
 * secdns/named.
 *
 * <p>Options: {@code --size 1000000 --reps 20 --servers secdns,named --out FILE --server-jvm
 * "OPTIONS"}. Writes a Markdown report to {@code --out} and to standard output.
 */
public final class XotEndToEnd {

  private static final long SEED = 20261124L;
  private static final Duration START_DEADLINE = Duration.ofMinutes(3);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(120);

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
    options.put(
        "server-jvm",
        "-XX:+UseSerialGC -Xmx1g -Xmn32m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20");
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--") || !options.containsKey(args[i].substring(2))) {
        throw new IllegalArgumentException("unknown option " + args[i]);
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    new XotEndToEnd(options).run(String.join(" ", args));
  }

  /** One server under test: its process, plain and TLS addresses. */
  private record Server(Kind kind, Process process, InetSocketAddress tcp, InetSocketAddress tls) {}

  /** The samples of one server over one transport. */
  private record Samples(
      TransferClient.Result first, long firstCpuNanos, List<Long> nanos, List<Long> cpuNanos) {}

  private void run(String commandLine) throws Exception {
    int size = Integer.parseInt(options.get("size"));
    int reps = Integer.parseInt(options.get("reps"));
    List<Kind> kinds = new ArrayList<>();
    for (String s : options.get("servers").split(",")) {
      kinds.add(s.trim().equals("named") ? Kind.BIND : Kind.SECDNS);
    }
    Path work = Files.createTempDirectory("secdns-xot-");
    TestCertificates.Authority ca = TestCertificates.authority("secdns XoT benchmark CA");
    TestCertificate cert =
        ca.server("xot.bench.example").ipAddress(InetAddress.getLoopbackAddress()).issue();
    Path chain = work.resolve("chain.pem");
    Path key = work.resolve("key.pem");
    cert.writePem(chain, key);
    Path zoneFile = work.resolve("bench.zone");
    ZoneGenerator.writeMasterFile(ZoneGenerator.generate(size, 1, SEED), zoneFile);
    long expected = size + 1L;
    SocketFactory tlsSockets = tlsSockets(ca);

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
            + " samples is their largest");
    line("");
    line(
        "| server | transport | first (ms) | p50 (ms) | p99 (ms) | records/s (p50) |"
            + " server CPU/transfer p50 (ms) | CPU of TLS per transfer (ms) |");
    line("|---|---|---|---|---|---|---|---|");
    Map<Kind, Map<String, Samples>> all = new LinkedHashMap<>();
    try {
      for (Kind kind : kinds) {
        Server server = start(kind, work, zoneFile, size, chain, key);
        try {
          Map<String, Samples> byTransport = new LinkedHashMap<>();
          Map<String, SocketFactory> transports = new LinkedHashMap<>();
          transports.put("TCP", SocketFactory.getDefault());
          transports.put("TLS", tlsSockets);
          Map<String, List<Long>> nanos = new LinkedHashMap<>();
          Map<String, List<Long>> cpu = new LinkedHashMap<>();
          Map<String, TransferClient.Result> first = new LinkedHashMap<>();
          Map<String, Long> firstCpu = new LinkedHashMap<>();
          for (int rep = -1; rep < reps; rep++) {
            for (Map.Entry<String, SocketFactory> t : transports.entrySet()) {
              InetSocketAddress to = t.getKey().equals("TLS") ? server.tls() : server.tcp();
              long cpuBefore = ProcStats.cpuNanos(server.process().pid());
              TransferClient.Result r =
                  TransferClient.axfr(
                      to, ZoneGenerator.ORIGIN, expected, READ_TIMEOUT, t.getValue());
              long cpuUsed = ProcStats.cpuNanos(server.process().pid()) - cpuBefore;
              if (rep < 0) {
                first.put(t.getKey(), r);
                firstCpu.put(t.getKey(), cpuUsed);
              } else {
                nanos.computeIfAbsent(t.getKey(), k -> new ArrayList<>()).add(r.nanos());
                cpu.computeIfAbsent(t.getKey(), k -> new ArrayList<>()).add(cpuUsed);
              }
            }
          }
          for (String t : transports.keySet()) {
            byTransport.put(
                t, new Samples(first.get(t), firstCpu.get(t), nanos.get(t), cpu.get(t)));
          }
          all.put(kind, byTransport);
          long tcpCpu = percentile(byTransport.get("TCP").cpuNanos(), 50);
          for (Map.Entry<String, Samples> e : byTransport.entrySet()) {
            Samples s = e.getValue();
            long p50 = percentile(s.nanos(), 50);
            long cpu50 = percentile(s.cpuNanos(), 50);
            line(
                String.format(
                    Locale.ROOT,
                    "| %s | %s | %.0f | %.0f | %.0f | %.0f | %.0f | %s |",
                    kind.label,
                    e.getKey(),
                    s.first().nanos() / 1e6,
                    p50 / 1e6,
                    percentile(s.nanos(), 99) / 1e6,
                    expected * 1e9 / p50,
                    cpu50 / 1e6,
                    e.getKey().equals("TLS")
                        ? String.format(Locale.ROOT, "%.0f", (cpu50 - tcpCpu) / 1e6)
                        : "-"));
          }
        } finally {
          stop(server);
        }
      }
      if (all.containsKey(Kind.SECDNS) && all.containsKey(Kind.BIND)) {
        line("");
        for (String t : List.of("TCP", "TLS")) {
          line(
              String.format(
                  Locale.ROOT,
                  "- %s: secdns/named p50 time %.2f, p50 server CPU %.2f",
                  t,
                  ratio(all, t, Samples::nanos),
                  ratio(all, t, Samples::cpuNanos)));
        }
      }
    } finally {
      deleteRecursively(work);
    }
    Path out = Path.of(options.get("out"));
    if (out.getParent() != null) {
      Files.createDirectories(out.getParent());
    }
    Files.writeString(out, report, StandardCharsets.UTF_8);
    System.out.println();
    System.out.println(report);
    System.err.println("report written to " + out.toAbsolutePath());
  }

  private static double ratio(
      Map<Kind, Map<String, Samples>> all,
      String transport,
      java.util.function.Function<Samples, List<Long>> what) {
    return (double) percentile(what.apply(all.get(Kind.SECDNS).get(transport)), 50)
        / percentile(what.apply(all.get(Kind.BIND).get(transport)), 50);
  }

  private Server start(Kind kind, Path work, Path zoneFile, int size, Path chain, Path key)
      throws IOException, InterruptedException {
    Path dir = Files.createDirectories(work.resolve(kind.label));
    int port = freePort();
    int tlsPort = freePort();
    List<String> command = new ArrayList<>();
    if (kind == Kind.SECDNS) {
      command.add(ProcessHandle.current().info().command().orElse("java"));
      command.addAll(Arrays.asList(options.get("server-jvm").trim().split("\\s+")));
      command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
      command.add("-cp");
      command.add(
          Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
              .map(e -> Path.of(e).toAbsolutePath().toString())
              .collect(Collectors.joining(File.pathSeparator)));
      command.add(XotPrimary.class.getName());
      command.addAll(
          List.of(
              Integer.toString(size),
              Long.toString(SEED),
              Integer.toString(port),
              Integer.toString(tlsPort),
              chain.toString(),
              key.toString()));
    } else {
      Path conf = dir.resolve("named.conf");
      Files.writeString(
          conf,
          String.join(
              "\n",
              "tls bench { cert-file \""
                  + chain
                  + "\"; key-file \""
                  + key
                  + "\";"
                  + " protocols { TLSv1.3; }; };",
              "options {",
              "  directory \"" + dir + "\";",
              "  listen-on port " + port + " { 127.0.0.1; };",
              "  listen-on port " + tlsPort + " tls bench { 127.0.0.1; };",
              "  listen-on-v6 { none; };",
              "  pid-file \"" + dir.resolve("named.pid") + "\";",
              "  session-keyfile \"" + dir.resolve("session.key") + "\";",
              "  managed-keys-directory \"" + dir + "\";",
              "  recursion no;",
              "  dnssec-validation no;",
              "  notify no;",
              "};",
              "controls { };",
              "zone \"" + ZoneGenerator.ORIGIN + "\" {",
              "  type primary;",
              "  file \"" + zoneFile + "\";",
              "  allow-transfer { 127.0.0.0/8; };",
              "};",
              ""));
      command.addAll(List.of("named", "-g", "-c", conf.toString()));
    }
    Process process =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(
                kind == Kind.SECDNS
                    ? ProcessBuilder.Redirect.PIPE
                    : ProcessBuilder.Redirect.to(dir.resolve("named.log").toFile()))
            .start();
    InetAddress loopback = InetAddress.getLoopbackAddress();
    Server server =
        new Server(
            kind,
            process,
            new InetSocketAddress(loopback, port),
            new InetSocketAddress(loopback, tlsPort));
    long deadline = System.nanoTime() + START_DEADLINE.toNanos();
    try {
      if (kind == Kind.SECDNS) {
        BufferedReader out =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
        String ready = out.readLine();
        if (!"READY".equals(ready)) {
          throw new IOException("the XoT primary did not start: " + ready);
        }
      }
      while (true) {
        try {
          if (TransferClient.soaSerial(server.tcp(), ZoneGenerator.ORIGIN, Duration.ofSeconds(2))
              == 1) {
            break;
          }
        } catch (IOException notYet) {
          // not answering yet
        }
        if (!process.isAlive() || System.nanoTime() > deadline) {
          throw new IOException(kind.label + " did not serve the zone in time (see " + dir + ")");
        }
        TimeUnit.MILLISECONDS.sleep(100); // polling a process that loads a zone file
      }
    } catch (IOException | RuntimeException e) {
      stop(server);
      throw e;
    }
    return server;
  }

  private static void stop(Server server) throws InterruptedException {
    if (server.kind() == Kind.SECDNS) {
      try {
        server.process().getOutputStream().close(); // end of input: the primary quits
      } catch (IOException e) {
        // it has gone already
      }
    } else {
      server.process().destroy();
    }
    if (!server.process().waitFor(30, TimeUnit.SECONDS)) {
      server.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** TLS 1.3 client sockets offering ALPN dot and verifying the server against the test CA. */
  private static SocketFactory tlsSockets(TestCertificates.Authority ca) throws Exception {
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
        throw new UnsupportedOperationException("connect an unconnected socket");
      }

      @Override
      public Socket createSocket(String host, int port, InetAddress local, int localPort) {
        throw new UnsupportedOperationException("connect an unconnected socket");
      }

      @Override
      public Socket createSocket(InetAddress host, int port) {
        throw new UnsupportedOperationException("connect an unconnected socket");
      }

      @Override
      public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) {
        throw new UnsupportedOperationException("connect an unconnected socket");
      }
    };
  }

  private static long percentile(List<Long> values, int p) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Collections.reverseOrder()).collect(Collectors.toList())) {
        Files.deleteIfExists(p);
      }
    }
  }

  private void line(String text) {
    report.append(text).append('\n');
    System.err.println(text);
  }
}
