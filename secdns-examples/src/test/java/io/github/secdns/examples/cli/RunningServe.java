package io.github.secdns.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.store.ZoneVersionStore;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import javax.annotation.Nullable;

/** {@code serve} running in-process on its own thread; {@link #close()} interrupts it. */
final class RunningServe implements AutoCloseable {

  static final Duration DEADLINE = Duration.ofSeconds(30);

  final LineBuffer out = new LineBuffer();
  final LineBuffer err = new LineBuffer();

  /** Commands running in this JVM now (tests that run several nodes at once). */
  private static final AtomicInteger RUNNING = new AtomicInteger();

  private final CompletableFuture<Integer> exit = new CompletableFuture<>();
  private final Thread thread;

  /** What the thread runs: a command writing to these streams, returning its exit code. */
  @FunctionalInterface
  private interface Command {
    int run(PrintStream out, PrintStream err) throws Exception;
  }

  private RunningServe(List<String> args, @Nullable InputStream in, Clock clock) {
    this((o, e) -> Main.run(args, Optional.ofNullable(in), o, e, clock));
  }

  private RunningServe(Command command) {
    thread =
        new Thread(
            () -> {
              RUNNING.incrementAndGet();
              try {
                PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
                exit.complete(command.run(o, e));
              } catch (Throwable t) {
                exit.completeExceptionally(t);
              } finally {
                RUNNING.decrementAndGet();
              }
            },
            "test-serve");
  }

  /**
   * Starts {@code serve --db URL} with {@code args}, the database's versions read and written
   * through {@code view} of its store (to count the calls, or to act between two of them as another
   * node would).
   */
  static RunningServe withDatabaseView(
      String url, UnaryOperator<ZoneVersionStore> view, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--db", url));
    RunningServe serve =
        new RunningServe(
            (o, e) -> {
              ServeOptions options = ServeOptions.parse(all);
              Clock clock = Clock.systemUTC();
              try (DatabaseServing database = DatabaseServing.open(url, o, e, clock, view)) {
                return ServeCommand.run(
                    options, new Io(Optional.empty(), o, e, clock), Optional.of(database));
              }
            });
    serve.thread.start();
    return serve;
  }

  static RunningServe start(String... args) {
    return start(null, args);
  }

  /**
   * The flags of serve for one zone file of example.com on a free loopback port, followed by more:
   * the setup most tests serve.
   */
  static String[] exampleZone(Path zoneFile, String... more) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "--zone-file",
                zoneFile.toString(),
                "--origin",
                "example.com",
                "--listen",
                "127.0.0.1:0"));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  /** Starts serve reading its standard input from {@code in} (a test closes it when done). */
  static RunningServe start(@Nullable InputStream in, String... args) {
    return startOn(Clock.systemUTC(), in, args);
  }

  /** Starts serve on a clock: the day its preset is applied and its diagnostics judged on. */
  static RunningServe startOn(Clock clock, @Nullable InputStream in, String... args) {
    List<String> all = new ArrayList<>(List.of("serve"));
    all.addAll(List.of(args));
    RunningServe serve = new RunningServe(all, in, clock);
    serve.thread.start();
    return serve;
  }

  /** Starts any long-running command (its full arguments, command name first). */
  static RunningServe command(String... args) {
    RunningServe run = new RunningServe(List.of(args), null, Clock.systemUTC());
    run.thread.start();
    return run;
  }

  /** Waits for the first {@code listening on ADDR:PORT} line and returns the address. */
  InetSocketAddress awaitListening() throws Exception {
    String line =
        out.await(l -> l.startsWith("listening on ") || exit.isDone(), DEADLINE, "'listening on'");
    if (!line.startsWith("listening on ")) {
      // It ended first: what it wrote says why.
      throw new AssertionError(
          "not a listening line: " + line + "\nout:\n" + out.text() + "err:\n" + err.text());
    }
    return listening(line);
  }

  /**
   * Asserts that {@code line} was printed before the first {@code listening on} line (call once
   * that line is out: {@link #awaitListening}).
   */
  void assertPrintedBeforeListening(String line) {
    List<String> lines = out.lines();
    int listening = 0;
    while (listening < lines.size() && !lines.get(listening).startsWith("listening on ")) {
      listening++;
    }
    int at = lines.indexOf(line);
    assertTrue(
        at >= 0 && at < listening, () -> "'" + line + "' before listening on:\n" + out.text());
  }

  static InetSocketAddress listening(String line) throws UsageException {
    if (!line.startsWith("listening on ")) {
      throw new AssertionError("not a listening line: " + line);
    }
    return Addresses.endpoint(line.substring("listening on ".length()), "test", false);
  }

  /** The exit code, once the command ended by itself. */
  int awaitExit() throws Exception {
    return exit.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
  }

  @Override
  public void close() throws ExecutionException, TimeoutException {
    thread.interrupt();
    try {
      assertEquals(
          ExitCode.OK,
          exit.get(DEADLINE.toSeconds(), TimeUnit.SECONDS),
          () -> "out:\n" + out.text() + "err:\n" + err.text());
      thread.join(DEADLINE.toMillis());
    } catch (InterruptedException e) {
      // A close that cannot wait fails the test, and the interrupt stays for the caller.
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while serve was stopping", e);
    }
    // Stopped serves leave none of their threads behind; the memory release (which trims every few
    // minutes while serving) is the one that outlived its serve once. Checked when no other serve
    // of the test runs in this JVM.
    if (RUNNING.get() == 0) {
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        assertFalse(
            t.isAlive() && t.getName().equals("secdns-memory-release"),
            "a stopped serve left its memory release running");
      }
    }
  }
}
