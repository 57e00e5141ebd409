package io.github.secdns.interop;

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
 * One real DNS server process (named, knotd or nsd) that a test started: its temporary directory,
 * its address and port on loopback, its log file.
 *
 * <p>The process runs in the foreground so that its process id is ours. {@link #close()} stops it
 * (TERM, then KILL after a bounded wait; child processes such as NSD's xfrd and server processes
 * included) and deletes the directory. Not thread-safe: one test drives it.
 */
final class ServerProcess implements AutoCloseable {

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
  private boolean closed;

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
  }

  /**
   * Starts a server and waits until it answers a query for {@code zone} (any answer: a secondary
   * that has not transferred yet says SERVFAIL, which still shows that it listens).
   *
   * @param command the command line; run in {@code directory}
   * @param logFile the server's own log file, configured in its configuration
   */
  static ServerProcess start(
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
      server.awaitAnswering(zone, Instant.now().plus(readyTimeout));
    } catch (RuntimeException | Error e) {
      server.close();
      throw e;
    }
    return server;
  }

  private void awaitAnswering(Name zone, Instant deadline) {
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

  /** A resolver pointed at this server over UDP, with a short time-out per query. */
  SimpleResolver resolver() {
    SimpleResolver resolver = new SimpleResolver(new InetSocketAddress(address, port));
    resolver.setTimeout(QUERY_TIMEOUT);
    return resolver;
  }

  /** The current SOA serial this server answers with authority, or -1 when it has none. */
  long servedSerial(Name zone) {
    try {
      Message answer =
          resolver().send(Message.newQuery(Record.newRecord(zone, Type.SOA, DClass.IN)));
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

  String label() {
    return label;
  }

  InetAddress address() {
    return address;
  }

  int port() {
    return port;
  }

  InetSocketAddress endpoint() {
    return new InetSocketAddress(address, port);
  }

  Path directory() {
    return directory;
  }

  long pid() {
    return process.pid();
  }

  /** The server's log so far (empty when it has not written one yet). */
  String log() {
    return read(logFile);
  }

  /**
   * Waits until the log contains a match for {@code pattern}.
   *
   * @return the first match
   */
  Matcher awaitLog(Pattern pattern, Duration timeout) {
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

  /** The end of the log and of the console output, for failure messages. */
  String diagnostics() {
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

  /** Sends a signal by number via kill(1): SIGHUP makes named and knotd reload. */
  void signal(String signal) {
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
    deleteRecursively(directory);
  }

  static void deleteRecursively(Path dir) {
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
