package io.github.secdns.benchmarks.e2e;

import io.github.secdns.testsupport.Addresses;
import io.github.secdns.testsupport.servers.ServerConfig;
import io.github.secdns.testsupport.servers.ServerKind;
import io.github.secdns.testsupport.servers.ServerProcess;
import io.github.secdns.testsupport.servers.TlsListener;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.annotation.Nullable;
import org.xbill.DNS.Name;

/**
 * One primary under test, running as its own process on 127.0.0.1 at a high port: the embedded
 * responder (a child JVM running {@link EmbeddedPrimary}, or {@link ManyZonesPrimary} for many
 * zones), knotd, nsd or named. The peers are configured and started by the shared launcher of the
 * tests ({@link ServerKind}, {@link ServerConfig}, {@link ServerProcess} in secdns-testsupport):
 * the same configuration writers as the interop tests, here with quiet logs and the servers'
 * default threads. No root privileges, system services or fixed ports; stopped by process id.
 *
 * <p>Not thread-safe; owned by the harness thread.
 */
final class BenchServer implements AutoCloseable {

  /** The servers compared. */
  enum Kind {
    SECDNS("secdns", null),
    SECDNS_SERVE("secdns serve", null),
    KNOT("knotd", ServerKind.KNOT),
    NSD("nsd", ServerKind.NSD),
    BIND("named", ServerKind.BIND);

    final String label;
    @Nullable private final ServerKind peer;

    Kind(String label, @Nullable ServerKind peer) {
      this.label = label;
      this.peer = peer;
    }

    /** The external server this kind runs; the embedded kinds have none. */
    ServerKind peer() {
      if (peer == null) {
        throw new IllegalStateException(label + " is not an external server");
      }
      return peer;
    }
  }

  private static final Duration STARTED = Duration.ofMinutes(3);

  /** Started and not yet closed; stopped by {@link #stopAll()} if the harness is interrupted. */
  private static final Set<ServerProcess> RUNNING = ConcurrentHashMap.newKeySet();

  /**
   * Stops every server still running, with their children, so that their work directories can be
   * deleted afterwards. For shutdown hooks.
   */
  static void stopAll() {
    for (ServerProcess p : RUNNING) {
      p.close();
    }
  }

  private final Kind kind;
  private final ServerProcess process;
  @Nullable private final BufferedReader stdout;
  @Nullable private final BufferedWriter stdin;

  private BenchServer(Kind kind, ServerProcess process) {
    this.kind = kind;
    this.process = process;
    process.keepDirectory(); // the harness deletes (or, with --workdir, keeps) the work directory
    RUNNING.add(process);
    if (kind == Kind.SECDNS) {
      stdout =
          new BufferedReader(new InputStreamReader(process.stdout(), StandardCharsets.US_ASCII));
      stdin =
          new BufferedWriter(new OutputStreamWriter(process.stdin(), StandardCharsets.US_ASCII));
    } else {
      stdout = null;
      stdin = null;
    }
  }

  /**
   * Starts a server for the generated zone.
   *
   * @param kind which server
   * @param dir an empty directory for its configuration, state and log
   * @param zone the zone's origin
   * @param zoneFile the master file (peers)
   * @param size zone size (embedded responder, which generates the zone itself)
   * @param seed generator seed (embedded responder)
   * @param port the TCP/UDP port on 127.0.0.1
   * @param javaCommand java launcher and options for the embedded responder's JVM
   * @param notifyPort embedded responder: where on 127.0.0.1 to send NOTIFY after each publish (0:
   *     nowhere)
   * @return the running process (not necessarily serving yet: see {@link #awaitSerial})
   */
  static BenchServer start(
      Kind kind,
      Path dir,
      Name zone,
      Path zoneFile,
      int size,
      long seed,
      int port,
      List<String> javaCommand,
      int notifyPort) {
    if (kind == Kind.SECDNS) {
      List<String> command = new ArrayList<>(javaCommand);
      command.add("io.github.secdns.benchmarks.e2e.EmbeddedPrimary");
      command.add(Integer.toString(size));
      command.add(Long.toString(seed));
      command.add(Integer.toString(port));
      if (notifyPort > 0) {
        command.add(Integer.toString(notifyPort));
      }
      return new BenchServer(
          kind, ServerProcess.startPiped(kind.label, command, dir, Addresses.LOOPBACK_1, port));
    }
    ServerConfig config = ServerConfig.primary(dir, zone, Addresses.LOOPBACK_1, port, zoneFile);
    if (kind == Kind.NSD) {
      // One server process per core, as knotd and named use one thread per core by default.
      config = config.withWorkers(Runtime.getRuntime().availableProcessors());
    }
    return new BenchServer(kind, kind.peer().start(kind.label, config, STARTED));
  }

  /**
   * Starts a server for many small zones (a DNS host's shape), each loaded from its own master
   * file. knotd and nsd get one configuration with a zone clause per zone from the shared writers
   * ({@link ServerConfig#primary(Path, java.net.InetAddress, int, List)}); the embedded responder
   * runs {@link ManyZonesPrimary} in its own JVM, which reads the same files.
   *
   * @param kind the embedded responder, {@code secdns serve --zone-dir} (as an operator starts it:
   *     plain {@code java -jar}, pinned like the others), knotd or nsd
   * @param dir an empty directory for its configuration, state and log
   * @param zones the zones and their master files, all in {@code zonesDir}
   * @param zonesDir the directory of the master files (the embedded responder reads it)
   * @param port the TCP/UDP port on 127.0.0.1
   * @param javaCommand java launcher and options for the embedded responder's JVM
   * @param pinning the CPUs every server runs on, and the cores its workers are sized for (each
   *     server's own default for that many cores: {@code ServerConfig.withCores}; the embedded
   *     responder's JVM sizes itself by the CPUs it may use)
   * @param notifyPort where on 127.0.0.1 every zone's NOTIFY goes (0: no NOTIFY)
   * @param notifyRate the embedded responder's startup NOTIFY pace per second
   * @param loadDeadline how long a peer may take before it answers at all (nsd loads every zone
   *     first)
   * @param serveJar the {@code secdns.jar} that {@code secdns serve} runs from
   * @return the running process (for the embedded responder see {@link #awaitReady})
   */
  static BenchServer startMany(
      Kind kind,
      Path dir,
      List<ServerConfig.PrimaryZone> zones,
      Path zonesDir,
      int port,
      List<String> javaCommand,
      CpuPinning pinning,
      int notifyPort,
      double notifyRate,
      Duration loadDeadline,
      Path serveJar) {
    if (kind == Kind.SECDNS_SERVE) {
      String listen = Addresses.LOOPBACK_1.getHostAddress();
      List<String> command = new ArrayList<>(pinning.launcher());
      command.addAll(
          List.of(
              "java",
              "-jar",
              serveJar.toString(),
              "serve",
              "--zone-dir",
              zonesDir.toString(),
              "--listen",
              listen + ":" + port,
              "--quiet"));
      if (notifyPort > 0) {
        command.addAll(
            List.of(
                "--notify",
                listen + ":" + notifyPort,
                "--startup-notify",
                Long.toString(Math.max(1, Math.round(notifyRate)))));
      }
      try {
        // Started when its process is; returns once the last zone's file answers at all.
        return serve(dir, command, port, zones.get(zones.size() - 1).name(), loadDeadline);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    if (kind == Kind.SECDNS) {
      List<String> command = new ArrayList<>(pinning.launcher());
      command.addAll(javaCommand);
      command.add("io.github.secdns.benchmarks.e2e.ManyZonesPrimary");
      command.add(zonesDir.toString());
      command.add(Integer.toString(zones.size()));
      command.add(Integer.toString(port));
      command.add(Integer.toString(notifyPort));
      command.add(Double.toString(notifyRate));
      return new BenchServer(
          kind, ServerProcess.startPiped(kind.label, command, dir, Addresses.LOOPBACK_1, port));
    }
    if (kind != Kind.KNOT && kind != Kind.NSD) {
      throw new IllegalArgumentException(kind.label + " is not compared for many zones");
    }
    ServerConfig config =
        ServerConfig.primary(dir, Addresses.LOOPBACK_1, port, zones)
            .withCores(pinning.serverCores())
            .withLauncher(pinning.launcher());
    if (notifyPort > 0) {
      config =
          config.withNotifyTargets(
              List.of(new InetSocketAddress(Addresses.LOOPBACK_1, notifyPort)));
    }
    return new BenchServer(kind, kind.peer().start(kind.label, config, loadDeadline));
  }

  /**
   * Starts named as a primary of the zone that also serves it over TLS 1.3 (XoT) on {@code
   * tlsPort}, with a PEM certificate chain and key ({@link XotEndToEnd}): the shared configuration
   * with a {@link TlsListener}.
   *
   * @param dir an empty directory for its configuration
   * @param zone the zone's origin
   * @param zoneFile the master file
   * @param port the plain TCP/UDP port on 127.0.0.1
   * @param tlsPort the TLS port on 127.0.0.1
   * @param chain the certificate chain
   * @param key the private key
   * @return the running process (not necessarily serving yet: see {@link #awaitSerial})
   */
  static BenchServer startBindXot(
      Path dir, Name zone, Path zoneFile, int port, int tlsPort, Path chain, Path key) {
    ServerConfig config =
        ServerConfig.primary(dir, zone, Addresses.LOOPBACK_1, port, zoneFile)
            .withTlsListener(new TlsListener(tlsPort, chain, key));
    return new BenchServer(Kind.BIND, ServerKind.BIND.start("named over TLS", config, STARTED));
  }

  /**
   * Starts {@code secdns serve} on a zone file as an operator runs it: {@code java [jvm options]
   * -jar secdns.jar serve --zone-file F --origin ZONE --quiet} on 127.0.0.1 (without secondaries
   * the file is served as written: the served zone has exactly its records). Returns once it
   * answers.
   *
   * @param dir an empty directory for its console log
   * @param zone the zone's origin
   * @param zoneFile the master file
   * @param port the TCP/UDP port on 127.0.0.1
   * @param javaCommand the java launcher and its options (none for plain {@code java -jar})
   * @param jar secdns-examples/target/secdns.jar
   * @return the running process
   * @throws IOException when its directory cannot be made
   */
  static BenchServer startServe(
      Path dir, Name zone, Path zoneFile, int port, List<String> javaCommand, Path jar)
      throws IOException {
    List<String> command = new ArrayList<>(javaCommand);
    command.addAll(
        List.of(
            "-jar",
            jar.toString(),
            "serve",
            "--zone-file",
            zoneFile.toString(),
            "--origin",
            zone.toString(),
            "--listen",
            Addresses.LOOPBACK_1.getHostAddress() + ":" + port,
            "--quiet"));
    return serve(dir, command, port, zone, STARTED);
  }

  /**
   * Starts a {@code secdns serve} command line in {@code dir} (made if missing), its output in
   * {@code console.log}; returns once {@code zone} answers at all.
   */
  private static BenchServer serve(
      Path dir, List<String> command, int port, Name zone, Duration deadline) throws IOException {
    java.nio.file.Files.createDirectories(dir);
    Kind kind = Kind.SECDNS_SERVE;
    return new BenchServer(
        kind,
        ServerProcess.start(
            kind.label,
            command,
            dir,
            Addresses.LOOPBACK_1,
            port,
            dir.resolve("console.log"),
            zone,
            deadline));
  }

  /**
   * Starts named as a secondary of the zone, transferring from a primary on 127.0.0.1 and accepting
   * its NOTIFY; it keeps the zone in memory (no file).
   *
   * @param dir an empty directory for its configuration
   * @param zone the zone's origin
   * @param primaryPort the primary's port on 127.0.0.1
   * @param port the secondary's own port on 127.0.0.1
   * @return the running process
   */
  static BenchServer startBindSecondary(Path dir, Name zone, int primaryPort, int port) {
    ServerConfig config =
        ServerConfig.secondary(
                dir,
                zone,
                Addresses.LOOPBACK_1,
                port,
                new InetSocketAddress(Addresses.LOOPBACK_1, primaryPort),
                Addresses.LOOPBACK_1)
            .withZoneInMemory();
    return new BenchServer(Kind.BIND, ServerKind.BIND.start("named secondary", config, STARTED));
  }

  Kind kind() {
    return kind;
  }

  long pid() {
    return process.pid();
  }

  InetSocketAddress address() {
    return process.endpoint();
  }

  /**
   * When the process was started.
   *
   * @return its {@link System#nanoTime()} at the start
   */
  long startedNanos() {
    return process.startedNanos();
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
        throw new IOException(kind.label + " exited\n" + process.diagnostics());
      }
      try {
        if (TransferClient.soaSerial(address(), zone, Duration.ofSeconds(2)) == serial) {
          return System.nanoTime() - process.startedNanos();
        }
      } catch (IOException e) {
        last = e;
      }
      // Polling a server that is still loading its zone: a condition we cannot be told about.
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
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
    return request("publish", "PUBLISHED");
  }

  /**
   * Waits for the embedded responder's {@code READY} line.
   *
   * @return the numbers after {@code READY}
   * @throws IOException when it ends first
   */
  long[] awaitReady() throws IOException {
    return numbersAfter(awaitLine("READY"));
  }

  /**
   * Sends a command to the embedded responder and waits for the answer line.
   *
   * @param command the command
   * @param reply the first word of the answer
   * @return the numbers after the first word
   * @throws IOException when it ends first
   */
  long[] request(String command, String reply) throws IOException {
    BufferedWriter commands = stdin;
    if (commands == null) {
      throw new IllegalStateException("only the embedded responder takes commands");
    }
    commands.write(command + "\n");
    commands.flush();
    return numbersAfter(awaitLine(reply));
  }

  private String awaitLine(String prefix) throws IOException {
    BufferedReader answers = stdout;
    if (answers == null) {
      throw new IllegalStateException("only the embedded responder talks on its standard output");
    }
    String line;
    while ((line = answers.readLine()) != null) {
      if (line.startsWith(prefix + " ") || line.equals(prefix)) {
        return line;
      }
    }
    throw new IOException(
        "the embedded responder ended before saying " + prefix + "\n" + process.diagnostics());
  }

  private static long[] numbersAfter(String line) {
    return Arrays.stream(line.strip().split(" ", -1)).skip(1).mapToLong(Long::parseLong).toArray();
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
        if (TransferClient.soaSerial(address(), zone, Duration.ofSeconds(2)) == serial) {
          return System.nanoTime();
        }
      } catch (IOException e) {
        // named answers SERVFAIL or closes while it loads a new version: ask again
      }
      LockSupport.parkNanos(1_000_000);
    }
    throw new IOException(kind.label + " did not serve serial " + serial + " within " + deadline);
  }

  @Override
  public void close() {
    if (stdin != null) {
      try {
        stdin.write("quit\n");
        stdin.flush();
      } catch (IOException e) {
        // already gone
      }
    }
    process.close();
    RUNNING.remove(process);
  }
}
