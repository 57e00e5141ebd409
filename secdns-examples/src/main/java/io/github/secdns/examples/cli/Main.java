package io.github.secdns.examples.cli;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;

/**
 * The {@code secdns} command line ({@code java -jar secdns.jar COMMAND [flags]}), parsed by
 * picocli: {@code serve}, {@code publish}, {@code host}, {@code plan}, {@code presets}, {@code
 * check}, {@code sample-zone}, {@code completion} and {@code help}.
 *
 * <p>Exit codes: 0 done (for {@code check}: no error found), 1 {@code check} found errors, {@code
 * plan} was refused or {@code presets} found plugins it could not register, 2 a bad flag, value or
 * file (one message on stderr), 3 could not run (for example the listen address is in use).
 */
public final class Main {

  private Main() {}

  /**
   * Runs a command and exits the JVM with its exit code. SIGTERM, SIGINT (Ctrl-C) and SIGHUP stop
   * {@code serve} cleanly, as an interrupt does ({@link StopSignals}); {@code serve} reads {@code
   * status} commands from the standard input.
   *
   * @param args the command and its flags
   */
  public static void main(String[] args) {
    Thread.setDefaultUncaughtExceptionHandler(ExitOnVirtualMachineError.install(System.err));
    Thread mainThread = Thread.currentThread();
    if (StopSignals.install(mainThread)) {
      // The command stops before the JVM shuts down (StopSignals says why that matters).
      System.exit(run(Arrays.asList(args), Optional.of(System.in), System.out, System.err));
      return;
    }
    Thread hook =
        new Thread(
            () -> {
              mainThread.interrupt();
              try {
                mainThread.join(StopSignals.GRACE.toMillis());
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "secdns-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    int code = run(Arrays.asList(args), Optional.of(System.in), System.out, System.err);
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shutdownInProgress) {
      // Ctrl-C: the JVM is already exiting, and its hook waits for this thread to end.
      return;
    }
    System.exit(code);
  }

  /** What is said when the heap is too small. */
  static String outOfMemoryLine() {
    return "secdns: out of memory: the JVM may use at most "
        + Runtime.getRuntime().maxMemory() / (1024 * 1024)
        + " MiB of heap, too little for these zones; give it more with java -Xmx..."
        + " (about 2 KB a small zone: docs/OPERATIONS.md, \"Memory\")";
  }

  /**
   * Runs a command in this thread, writing to the given streams; never calls {@code System.exit}
   * and never reads {@code System.in}. {@code serve} returns when the calling thread is
   * interrupted.
   *
   * @param args the command and its flags
   * @param out standard output
   * @param err standard error: one line per problem, never a stack trace
   * @return the exit code
   */
  public static int run(List<String> args, PrintStream out, PrintStream err) {
    return run(args, Optional.empty(), out, err);
  }

  /**
   * Runs a command in this thread as {@link #run(List, PrintStream, PrintStream)}, with a standard
   * input that {@code serve} reads commands from ({@code status}).
   *
   * @param args the command and its flags
   * @param in standard input
   * @param out standard output
   * @param err standard error
   * @return the exit code
   */
  public static int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
    return run(args, Optional.of(in), out, err);
  }

  private static int run(
      List<String> args, Optional<InputStream> in, PrintStream out, PrintStream err) {
    return run(args, in, out, err, Clock.systemUTC());
  }

  /**
   * Runs a command as {@link #run(List, PrintStream, PrintStream)} on a given clock: the day
   * presets are applied and diagnostics judged on (tests fix it).
   */
  static int run(
      List<String> args, Optional<InputStream> in, PrintStream out, PrintStream err, Clock clock) {
    try {
      return commandLine(new Io(in, out, err, clock), args).execute(args.toArray(String[]::new));
    } catch (RuntimeException e) {
      err.println(failed(e, args));
      return ExitCode.FAILED;
    } finally {
      out.flush();
      err.flush();
    }
  }

  /**
   * The command tree with its handlers: every problem becomes one line on {@code err}. Under the
   * root are only the commands these arguments need ({@link Subcommand#toBuild}): the running
   * command alone when it runs on its own, every command otherwise.
   */
  static CommandLine commandLine(Io io, List<String> args) {
    CommandLine line = new CommandLine(new SecdnsCommand(io));
    for (Subcommand command : Subcommand.toBuild(args)) {
      line.addSubcommand(command.factory().apply(io));
    }
    Parsers.configure(line);
    line.setOut(writer(io.out()));
    line.setErr(writer(io.err()));
    line.setParameterExceptionHandler(
        (e, given) -> {
          io.err().println(oneLine("secdns " + Secrets.redact(Parsers.message(e), args)));
          return ExitCode.BAD_INPUT;
        });
    line.setExecutionExceptionHandler(
        (e, command, parsed) -> {
          if (e instanceof UsageException usage) {
            io.err().println(oneLine("secdns " + Secrets.redact(usage.getMessage(), args)));
            return ExitCode.BAD_INPUT;
          }
          io.err().println(failed(e, args));
          return ExitCode.FAILED;
        });
    return line;
  }

  static String failed(Exception e, List<String> args) {
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof OutOfMemoryError) {
        // A task's (a loading thread's) failure, handed to this thread as its cause.
        return outOfMemoryLine();
      }
    }
    return oneLine(
        Secrets.redact(
            "secdns: failed: "
                + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()),
            args));
  }

  private static PrintWriter writer(PrintStream stream) {
    return new PrintWriter(new OutputStreamWriter(stream, Charset.defaultCharset()), true);
  }

  /**
   * The exception's message on one line ({@link #oneLine(String)}); its class name when it has no
   * message (a driver's or the JDK's exception may carry none).
   */
  static String oneLine(Throwable e) {
    String message = e.getMessage();
    return oneLine(message != null ? message : e.getClass().getSimpleName());
  }

  /**
   * Makes an error message one line: arguments and file contents are echoed in messages, and a line
   * break or other control character in them must not split the message or forge a second line on
   * the terminal.
   */
  static String oneLine(String message) {
    StringBuilder sb = new StringBuilder(message.length());
    message
        .codePoints()
        .forEach(
            c -> {
              if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                sb.append(String.format("\\u%04x", c));
              } else {
                sb.appendCodePoint(c);
              }
            });
    return sb.toString();
  }
}
