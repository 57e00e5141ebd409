package io.github.secdns.benchmarks.e2e;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.Name;

/**
 * One primary under test, running as its own process on 127.0.0.1 at a high port: the embedded
 * responder (a child JVM running {@link EmbeddedPrimary}), knotd, nsd or named. Configurations are
 * generated into a temporary directory; no root privileges, system services or fixed ports are
 * used. Stopped by its process id (SIGTERM, then SIGKILL after 10 s).
 *
 * <p>Not thread-safe; owned by the harness thread.
 */
final class ServerProcess implements AutoCloseable {

  /** The servers compared. */
  enum Kind {
    SECDNS("secdns"),
    SECDNS_SERVE("secdns serve"),
    KNOT("knotd"),
    NSD("nsd"),
    BIND("named");

    final String label;

    Kind(String label) {
      this.label = label;
    }
  }

  /** Started and not yet closed; stopped by a shutdown hook if the harness is interrupted. */
  private static final java.util.Set<Process> RUNNING =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(ServerProcess::stopAll, "stop-servers"));
  }

  /**
   * Stops every server still running (with their children) and waits up to ten seconds for them to
   * end, so that their work directories can be deleted afterwards. For shutdown hooks.
   */
  static void stopAll() {
    for (Process p : RUNNING) {
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    for (Process p : RUNNING) {
      try {
        if (!p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
          p.descendants().forEach(ProcessHandle::destroyForcibly);
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private final Kind kind;
  private final Process process;
  private final InetSocketAddress address;
  private final Path dir;
  private final long startedNanos;
  private BufferedReader stdout;
  private BufferedWriter stdin;

  private ServerProcess(
      Kind kind, Process process, InetSocketAddress address, Path dir, long startedNanos) {
    this.kind = kind;
    this.process = process;
    this.address = address;
    this.dir = dir;
    this.startedNanos = startedNanos;
  }

  /**
   * Starts a server for the generated zone.
   *
   * @param kind which server
   * @param dir an empty directory for its configuration, state and log
   * @param zoneFile the master file (peers)
   * @param size zone size (embedded responder, which generates the zone itself)
   * @param seed generator seed (embedded responder)
   * @param port the TCP/UDP port on 127.0.0.1
   * @param javaCommand java launcher and options for the embedded responder's JVM
   * @param notifyPort embedded responder: where on 127.0.0.1 to send NOTIFY after each publish (0:
   *     nowhere)
   * @return the running process (not necessarily serving yet: see {@link #awaitSerial})
   * @throws IOException when it cannot be started
   */
  static ServerProcess start(
      Kind kind,
      Path dir,
      Path zoneFile,
      int size,
      long seed,
      int port,
      List<String> javaCommand,
      int notifyPort)
      throws IOException {
    Files.createDirectories(dir);
    List<String> command = new ArrayList<>();
    switch (kind) {
      case SECDNS -> {
        command.addAll(javaCommand);
        command.add("io.github.secdns.benchmarks.e2e.EmbeddedPrimary");
        command.add(Integer.toString(size));
        command.add(Long.toString(seed));
        command.add(Integer.toString(port));
        if (notifyPort > 0) {
          command.add(Integer.toString(notifyPort));
        }
      }
      case KNOT -> {
        Files.createDirectories(dir.resolve("db"));
        Files.writeString(
            dir.resolve("knot.conf"),
            String.join(
                "\n",
                "server:",
                "    rundir: \"" + dir + "\"",
                "    listen: 127.0.0.1@" + port,
                "database:",
                "    storage: \"" + dir.resolve("db") + "\"",
                "log:",
                "  - target: stderr",
                "    any: warning",
                "acl:",
                "  - id: loopback",
                "    address: 127.0.0.0/8",
                "    action: transfer",
                "template:",
                "  - id: default",
                "    storage: \"" + dir + "\"",
                "    journal-content: none",
                "    zonefile-sync: -1",
                "    semantic-checks: off",
                "zone:",
                "  - domain: bench.example.",
                "    file: \"" + zoneFile + "\"",
                "    acl: loopback",
                ""));
        command.addAll(List.of("knotd", "-c", dir.resolve("knot.conf").toString()));
      }
      case NSD -> {
        Files.writeString(
            dir.resolve("nsd.conf"),
            String.join(
                "\n",
                "server:",
                "    ip-address: 127.0.0.1",
                "    port: " + port,
                "    do-ip6: no",
                // One server process per core, as knotd and named use one thread per core.
                "    server-count: " + Runtime.getRuntime().availableProcessors(),
                "    username: \"\"",
                "    chroot: \"\"",
                "    zonesdir: \"" + dir + "\"",
                "    database: \"\"",
                "    zonelistfile: \"" + dir.resolve("zone.list") + "\"",
                "    xfrdfile: \"" + dir.resolve("xfrd.state") + "\"",
                "    xfrdir: \"" + dir + "\"",
                "    pidfile: \"" + dir.resolve("nsd.pid") + "\"",
                "    logfile: \"" + dir.resolve("nsd.log") + "\"",
                "    verbosity: 0",
                "remote-control:",
                "    control-enable: no",
                "zone:",
                "    name: bench.example.",
                "    zonefile: \"" + zoneFile + "\"",
                "    provide-xfr: 127.0.0.0/8 NOKEY",
                ""));
        command.addAll(List.of("nsd", "-d", "-c", dir.resolve("nsd.conf").toString()));
      }
      case BIND -> {
        command.addAll(
            named(
                dir,
                port,
                "type primary;",
                "file \"" + zoneFile + "\";",
                "allow-transfer { 127.0.0.0/8; };"));
      }
      default -> throw new IllegalStateException(kind.toString());
    }
    return launch(kind, command, dir, port);
  }

  /**
   * Starts {@code secdns serve} on a zone file as an operator runs it: {@code java [jvm options]
   * -jar secdns.jar serve --zone-file F --origin bench.example. --quiet}, listening on 127.0.0.1.
   * Without secondaries the file is served as written: the served zone has exactly its records.
   *
   * @param dir an empty directory for its log
   * @param zoneFile the master file
   * @param port the TCP/UDP port on 127.0.0.1
   * @param java the java launcher and its options (none for plain {@code java -jar})
   * @param jar secdns-examples/target/secdns.jar
   * @return the running process (serving once {@link #awaitSerial} returns)
   * @throws IOException when it cannot be started
   */
  static ServerProcess startServe(Path dir, Path zoneFile, int port, List<String> java, Path jar)
      throws IOException {
    Files.createDirectories(dir);
    List<String> command = new ArrayList<>(java);
    command.addAll(
        List.of(
            "-jar",
            jar.toString(),
            "serve",
            "--zone-file",
            zoneFile.toString(),
            "--origin",
            "bench.example.",
            "--listen",
            "127.0.0.1:" + port,
            "--quiet"));
    return launch(Kind.SECDNS_SERVE, command, dir, port);
  }

  /**
   * Starts named as a secondary of the zone, transferring from a primary on 127.0.0.1 and accepting
   * its NOTIFY; it keeps the zone in memory (no file).
   *
   * @param dir an empty directory for its configuration
   * @param primaryPort the primary's port on 127.0.0.1
   * @param port the secondary's own port on 127.0.0.1
   * @return the running process
   * @throws IOException when it cannot be started
   */
  static ServerProcess startBindSecondary(Path dir, int primaryPort, int port) throws IOException {
    Files.createDirectories(dir);
    return launch(
        Kind.BIND,
        named(
            dir,
            port,
            "type secondary;",
            "primaries { 127.0.0.1 port " + primaryPort + "; };",
            "allow-notify { 127.0.0.1; };"),
        dir,
        port);
  }

  /** Writes named.conf (no rndc, no recursion, loopback only) and returns the command line. */
  private static List<String> named(Path dir, int port, String... zoneStatements)
      throws IOException {
    List<String> lines =
        new ArrayList<>(
            List.of(
                "options {",
                "  directory \"" + dir + "\";",
                "  listen-on port " + port + " { 127.0.0.1; };",
                "  listen-on-v6 { none; };",
                "  pid-file \"" + dir.resolve("named.pid") + "\";",
                "  session-keyfile \"" + dir.resolve("session.key") + "\";",
                "  managed-keys-directory \"" + dir + "\";",
                "  recursion no;",
                "  dnssec-validation no;",
                "  notify no;",
                "};",
                "controls { };",
                "zone \"bench.example.\" {"));
    for (String statement : zoneStatements) {
      lines.add("  " + statement);
    }
    lines.add("};");
    lines.add("");
    Path conf = dir.resolve("named.conf");
    Files.writeString(conf, String.join("\n", lines));
    return List.of("named", "-g", "-c", conf.toString());
  }

  private static ServerProcess launch(Kind kind, List<String> command, Path dir, int port)
      throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectError(dir.resolve("stderr.log").toFile());
    if (kind == Kind.SECDNS) {
      pb.redirectOutput(ProcessBuilder.Redirect.PIPE);
    } else {
      pb.redirectOutput(dir.resolve("stdout.log").toFile());
    }
    long started = System.nanoTime();
    Process p = pb.start();
    RUNNING.add(p);
    ServerProcess server =
        new ServerProcess(
            kind, p, new InetSocketAddress(InetAddress.getLoopbackAddress(), port), dir, started);
    if (kind == Kind.SECDNS) {
      server.stdout =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII));
      server.stdin =
          new BufferedWriter(
              new OutputStreamWriter(p.getOutputStream(), StandardCharsets.US_ASCII));
    } else {
      p.getOutputStream().close();
    }
    return server;
  }

  Kind kind() {
    return kind;
  }

  long pid() {
    return process.pid();
  }

  InetSocketAddress address() {
    return address;
  }

  /**
   * Waits until the server answers the serial over TCP.
   *
   * @return nanoseconds from process start to serving it
   */
  long awaitSerial(Name zone, long serial, Duration deadline) throws IOException {
    long end = System.nanoTime() + deadline.toNanos();
    IOException last = null;
    while (System.nanoTime() < end) {
      if (!process.isAlive()) {
        throw new IOException(
            kind.label
                + " exited with "
                + process.exitValue()
                + "; see "
                + dir.resolve("stderr.log")
                + ": "
                + tail(dir.resolve("stderr.log")));
      }
      try {
        if (TransferClient.soaSerial(address, zone, Duration.ofSeconds(2)) == serial) {
          return System.nanoTime() - startedNanos;
        }
      } catch (IOException e) {
        last = e;
      }
      pollPause();
    }
    throw new IOException(
        kind.label
            + " did not serve serial "
            + serial
            + " within "
            + deadline
            + (last == null ? "" : ": " + last),
        last);
  }

  /**
   * Asks the embedded responder to publish the next version (one record changed).
   *
   * @return {serial, build nanos, publish nanos, nanoTime when published}
   */
  long[] publishOneChange() throws IOException {
    if (kind != Kind.SECDNS) {
      throw new IllegalStateException("only the embedded responder publishes on request");
    }
    stdin.write("publish\n");
    stdin.flush();
    String line;
    while ((line = stdout.readLine()) != null) {
      if (line.startsWith("PUBLISHED ")) {
        String[] f = line.split(" ");
        return new long[] {
          Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4])
        };
      }
    }
    throw new IOException("the embedded responder ended without publishing");
  }

  /**
   * Polls the SOA serial every millisecond until it is the expected one.
   *
   * @return the {@code System.nanoTime()} at which the answer with that serial arrived
   */
  long awaitSerialTightly(Name zone, long serial, Duration deadline) throws IOException {
    long end = System.nanoTime() + deadline.toNanos();
    while (System.nanoTime() < end) {
      try {
        if (TransferClient.soaSerial(address, zone, Duration.ofSeconds(2)) == serial) {
          return System.nanoTime();
        }
      } catch (IOException e) {
        // named answers SERVFAIL or closes while it loads a new version: ask again
      }
      java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
    }
    throw new IOException(kind.label + " did not serve serial " + serial + " within " + deadline);
  }

  private static void pollPause() {
    // Polling a server that is still loading its zone; a condition we cannot be told about.
    try {
      TimeUnit.MILLISECONDS.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public void close() {
    try {
      if (stdin != null) {
        try {
          stdin.write("quit\n");
          stdin.flush();
        } catch (IOException e) {
          // already gone
        }
      }
      if (stdin == null || !process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroy();
      }
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    } catch (UncheckedIOException e) {
      process.destroyForcibly();
    } finally {
      RUNNING.remove(process);
    }
  }
}
