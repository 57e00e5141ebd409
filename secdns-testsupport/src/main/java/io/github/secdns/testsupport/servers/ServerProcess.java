package io.github.secdns.testsupport.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * One real DNS server process that a test or the benchmark harness started (named, knotd, nsd, or a
 * JVM running the embedded responder): its directory, its address and port on loopback, its log
 * file.
 *
 * <p>The process runs in the foreground so that its process id is ours. {@link #close()} stops it
 * (TERM, then KILL after a bounded wait; child processes such as NSD's xfrd and server processes
 * included) and deletes the directory unless told to keep it. Not thread-safe: one thread drives
 * it.
 */
public final class ServerProcess implements AutoCloseable {

  private static final Duration STOP_GRACE = Duration.ofSeconds(10);
  private static final Duration QUERY_TIMEOUT = Duration.ofMillis(300);

  private final String label;
  private final Path directory;
  private final InetAddress address;
  private final int port;
  private final Path logFile;
  private final Path consoleFile;
  private final Process process;
  private final List<ProcessHandle> children = new ArrayList<>();
  private final long startedNanos;
  private boolean closed;
  private boolean keepDirectory;

  private ServerProcess(
      String label,
      Path directory,
      InetAddress address,
      int port,
      Path logFile,
      Path consoleFile,
      Process process) {
    this.label = label;
    this.directory = directory;
    this.address = address;
    this.port = port;
    this.logFile = logFile;
    this.consoleFile = consoleFile;
    this.process = process;
    this.startedNanos = System.nanoTime();
  }

  /**
   * Starts a server and waits until it answers a query for {@code zone} (any answer: a secondary
   * that has not transferred yet says SERVFAIL, which still shows that it listens).
   *
   * @param label names it in failure messages
   * @param command the command line; run in {@code directory}
   * @param directory its directory
   * @param address where it listens
   * @param port its port
   * @param logFile the server's own log file, configured in its configuration
   * @param zone the zone it serves
   * @param readyTimeout how long it may take to answer
   * @return the running server
   */
  public static ServerProcess start(
      String label,
      List<String> command,
      Path directory,
      InetAddress address,
      int port,
      Path logFile,
      Name zone,
      Duration readyTimeout) {
    Path console = directory.resolve("console.log");
    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(console.toFile())
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + label + ": " + command, e);
    }
    ServerProcess server =
        new ServerProcess(label, directory, address, port, logFile, console, process);
    try {
      server.awaitAnswering(zone, readyTimeout);
    } catch (RuntimeException | Error e) {
      server.close();
      throw e;
    }
    return server;
  }

  /**
   * Starts a process whose standard input and output the caller talks to (the embedded responder's
   * JVM of the benchmark harness); standard error goes to {@code console.log}. Does not wait for it
   * to answer: see {@link #awaitAnswering}.
   *
   * @param label names it in failure messages
   * @param command the command line; run in {@code directory}
   * @param directory its directory
   * @param address where it will listen
   * @param port its port
   * @return the running process
   * @throws UncheckedIOException when it cannot be started
   */
  public static ServerProcess startPiped(
      String label, List<String> command, Path directory, InetAddress address, int port) {
    Path console = directory.resolve("console.log");
    try {
      Files.createDirectories(directory);
      Process process =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectError(console.toFile())
              .start();
      return new ServerProcess(label, directory, address, port, console, console, process);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + label + ": " + command, e);
    }
  }

  /**
   * Waits until the server answers a query for the zone over UDP (any answer), failing early with
   * the log's tail when the process exits.
   *
   * @param zone the zone
   * @param timeout the upper bound
   */
  public void awaitAnswering(Name zone, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    SimpleResolver resolver = resolver();
    while (true) {
      if (!process.isAlive()) {
        throw new AssertionError(
            label
                + " exited with status "
                + process.exitValue()
                + " before answering on "
                + endpoint()
                + "\n"
                + diagnostics());
      }
      try {
        resolver.send(Message.newQuery(Record.newRecord(zone, Type.SOA, DClass.IN)));
        rememberChildren();
        return;
      } catch (IOException notYet) {
        // Not listening yet (or the answer was lost): try again until the deadline.
        Waits.pause();
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            label + " did not answer on " + endpoint() + " in time\n" + diagnostics());
      }
    }
  }

  /**
   * A resolver pointed at this server over UDP, with a short time-out per query.
   *
   * @return the resolver
   */
  public SimpleResolver resolver() {
    SimpleResolver resolver = new SimpleResolver(new InetSocketAddress(address, port));
    resolver.setTimeout(QUERY_TIMEOUT);
    return resolver;
  }

  /**
   * The current SOA serial this server answers with authority, over UDP and over TCP alike.
   *
   * <p>Both transports are asked because a server can answer them from different processes for a
   * moment: NSD forks new server processes on a reload, and an old one may still accept a TCP
   * connection (and answer NOTAUTH for a zone it never loaded) after a new one answered over UDP. A
   * serial seen on both is one a transfer that follows can read.
   *
   * @param zone the zone
   * @return the serial, or -1 when it has none or the two transports disagree
   */
  public long servedSerial(Name zone) {
    long overUdp = servedSerial(zone, false);
    return overUdp >= 0 && servedSerial(zone, true) == overUdp ? overUdp : -1;
  }

  private long servedSerial(Name zone, boolean tcp) {
    SimpleResolver resolver = resolver();
    resolver.setTCP(tcp);
    return servedSerial(resolver, zone);
  }

  /**
   * The serial a server answers for a zone's SOA with authority, asked through {@code resolver}
   * (its transport and timeout as set there).
   *
   * @param resolver pointed at the server
   * @param zone the zone
   * @return the serial, or -1 when the answer is not an authoritative NOERROR with the SOA, or none
   *     came
   */
  public static long servedSerial(SimpleResolver resolver, Name zone) {
    try {
      Message answer = resolver.send(Message.newQuery(Record.newRecord(zone, Type.SOA, DClass.IN)));
      if (answer.getRcode() != Rcode.NOERROR || !answer.getHeader().getFlag(Flags.AA)) {
        return -1;
      }
      for (Record r : answer.getSection(Section.ANSWER)) {
        if (r.getType() == Type.SOA) {
          return ((SOARecord) r).getSerial();
        }
      }
      return -1;
    } catch (IOException e) {
      return -1;
    }
  }

  /**
   * The label.
   *
   * @return what it is called in messages
   */
  public String label() {
    return label;
  }

  /**
   * The listen address.
   *
   * @return the address
   */
  public InetAddress address() {
    return address;
  }

  /**
   * The port.
   *
   * @return the port
   */
  public int port() {
    return port;
  }

  /**
   * Address and port.
   *
   * @return where it listens
   */
  public InetSocketAddress endpoint() {
    return new InetSocketAddress(address, port);
  }

  /**
   * Its directory.
   *
   * @return the directory
   */
  public Path directory() {
    return directory;
  }

  /**
   * Its process id.
   *
   * @return the pid
   */
  public long pid() {
    return process.pid();
  }

  /**
   * When it was started, for measuring how long it took to serve.
   *
   * @return {@link System#nanoTime()} at the start
   */
  public long startedNanos() {
    return startedNanos;
  }

  /**
   * Whether the process still runs.
   *
   * @return true while it runs
   */
  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Its standard input, for a process started with {@link #startPiped}.
   *
   * @return the stream
   */
  public java.io.OutputStream stdin() {
    return process.getOutputStream();
  }

  /**
   * Its standard output, for a process started with {@link #startPiped}.
   *
   * @return the stream
   */
  public java.io.InputStream stdout() {
    return process.getInputStream();
  }

  /** Keeps the directory (configuration, logs) when the server is closed. */
  public void keepDirectory() {
    keepDirectory = true;
  }

  /**
   * The server's log so far.
   *
   * @return the log, empty when it has not written one yet
   */
  public String log() {
    return read(logFile);
  }

  /**
   * Waits until the log contains a match for {@code pattern}.
   *
   * @param pattern what to wait for
   * @param timeout the upper bound
   * @return the first match
   */
  public Matcher awaitLog(Pattern pattern, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      Matcher m = pattern.matcher(log());
      if (m.find()) {
        return m;
      }
      if (!process.isAlive()) {
        throw new AssertionError(
            label + " exited while waiting for /" + pattern + "/\n" + diagnostics());
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            label
                + ": no log line matching /"
                + pattern
                + "/ in "
                + timeout
                + "\n"
                + diagnostics());
      }
      Waits.pause();
    }
  }

  /**
   * The end of the log and of the console output, for failure messages.
   *
   * @return the text
   */
  public String diagnostics() {
    return "--- "
        + label
        + " log "
        + logFile
        + " (last lines):\n"
        + tail(read(logFile), 40)
        + "\n--- console:\n"
        + tail(read(consoleFile), 20);
  }

  private static String tail(String text, int lines) {
    String[] all = text.split("\n");
    int from = Math.max(0, all.length - lines);
    return String.join("\n", Arrays.asList(all).subList(from, all.length));
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  /**
   * Sends a signal via kill(1): SIGHUP makes named and knotd reload.
   *
   * @param signal the signal's name, such as {@code HUP}
   */
  public void signal(String signal) {
    try {
      Process kill =
          new ProcessBuilder(Binaries.kill().toString(), "-" + signal, Long.toString(pid()))
              .redirectErrorStream(true)
              .start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        kill.destroyForcibly();
        throw new AssertionError("kill -" + signal + " " + pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private void rememberChildren() {
    process.descendants().forEach(children::add);
  }

  /** Stops the process and its children, then deletes the directory. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    rememberChildren();
    process.destroy();
    try {
      if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
      for (ProcessHandle child : children) {
        if (child.isAlive()) {
          child.destroy();
          child.onExit().get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      children.forEach(ProcessHandle::destroyForcibly);
    }
    if (!keepDirectory) {
      deleteRecursively(directory);
    }
  }

  /**
   * Deletes a directory tree.
   *
   * @param dir the directory
   * @throws UncheckedIOException when it cannot be read
   */
  public static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + dir, e);
    }
  }

  @Override
  public String toString() {
    return label + "@" + address.getHostAddress() + "#" + port + " (pid " + process.pid() + ")";
  }
}
