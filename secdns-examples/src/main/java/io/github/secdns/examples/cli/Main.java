package io.github.secdns.examples.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code secdns} command line ({@code java -jar secdns.jar COMMAND [flags]}).
 *
 * <p>Exit codes: 0 done (for {@code check}: no error found), 1 {@code check} found errors or {@code
 * plan} was refused, 2 a bad flag, value or file (one message on stderr), 3 could not run (for
 * example the listen address is in use).
 */
public final class Main {

  private static final String USAGE =
      String.join(
          "\n",
          "usage: secdns COMMAND [flags]",
          "",
          "commands:",
          "  serve         serve zones to secondaries by AXFR/IXFR (default: the sample zone",
          "                example.com on 127.0.0.1:5353); stays up until interrupted",
          "  plan          what enabling, editing or disabling Secondary DNS changes",
          "  presets       the provider presets found (built-in and plugins on the class path)",
          "  check ZONE    diagnose a zone's Secondary DNS: name servers, delegation, serials",
          "  sample-zone   print the bundled sample zone file",
          "  help COMMAND  the flags of a command",
          "",
          "exit codes: 0 ok, 1 check found errors or plan refused, 2 bad input, 3 could not run",
          "");

  private Main() {}

  /**
   * Runs a command and exits the JVM with its exit code. An interrupt (Ctrl-C) stops {@code serve}
   * cleanly.
   *
   * @param args the command and its flags
   */
  public static void main(String[] args) {
    Thread mainThread = Thread.currentThread();
    Thread hook =
        new Thread(
            () -> {
              mainThread.interrupt();
              try {
                mainThread.join(TimeUnit.SECONDS.toMillis(10));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "secdns-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    int code = run(Arrays.asList(args), System.out, System.err);
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shutdownInProgress) {
      // Ctrl-C: the JVM is already exiting, and its hook waits for this thread to end.
      return;
    }
    System.exit(code);
  }

  /**
   * Runs a command in this thread, writing to the given streams; never calls {@code System.exit}.
   * {@code serve} returns when the calling thread is interrupted.
   *
   * @param args the command and its flags
   * @param out standard output
   * @param err standard error: one line per problem, never a stack trace
   * @return the exit code
   */
  public static int run(List<String> args, PrintStream out, PrintStream err) {
    try {
      if (args.isEmpty()) {
        err.print(USAGE);
        return ExitCode.BAD_INPUT;
      }
      String command = args.get(0);
      List<String> rest = args.subList(1, args.size());
      if (rest.contains("--help") || rest.contains("-h")) {
        return help(List.of(command), out);
      }
      switch (command) {
        case "serve":
          return ServeCommand.run(rest, out, err);
        case "plan":
          return PlanCommand.run(rest, out, err);
        case "presets":
          return PresetsCommand.run(rest, out, err);
        case "check":
          return CheckCommand.run(rest, out, err);
        case "sample-zone":
          if (!rest.isEmpty()) {
            throw new UsageException("sample-zone: takes no arguments");
          }
          out.print(ServedZone.sampleText());
          return ExitCode.OK;
        case "help":
        case "--help":
        case "-h":
          return help(rest, out);
        default:
          throw new UsageException(
              "unknown command '"
                  + command
                  + "'; commands: serve, plan, presets, check, sample-zone, help");
      }
    } catch (UsageException e) {
      err.println(oneLine("secdns " + e.getMessage()));
      return ExitCode.BAD_INPUT;
    } catch (RuntimeException e) {
      err.println(
          oneLine(
              "secdns: failed: "
                  + e.getClass().getSimpleName()
                  + (e.getMessage() == null ? "" : ": " + e.getMessage())));
      return ExitCode.FAILED;
    } finally {
      out.flush();
      err.flush();
    }
  }

  private static int help(List<String> topic, PrintStream out) throws UsageException {
    if (topic.isEmpty()) {
      out.print(USAGE);
      return ExitCode.OK;
    }
    switch (topic.get(0)) {
      case "serve":
        out.print(CommandLine.usage(ServeCommand.SYNOPSIS, ServeOptions.OPTIONS));
        out.print(
            String.join(
                "\n",
                "",
                "settings file (--config FILE): one 'key = value' per line, keys = flag names,",
                "repeatable keys once per value, '#' comments; a flag on the command line replaces",
                "that key's values from the file; zone-file paths are relative to the file:",
                "  zone-file = example.com.zone",
                "  origin    = example.com",
                "  listen    = 127.0.0.1:5353",
                "  listen    = [::1]:5353",
                "  allow     = 192.0.2.0/24",
                "  notify    = 192.0.2.54:53",
                "",
                "--tsig: transfers must be signed with the key (e.g. dig -y hmac-sha256:NAME:SECRET);",
                "without --allow the key alone authorizes a transfer from any address (mode KEY),",
                "with --allow the address must be allowed too (mode ADDRESS_AND_KEY). An unsigned",
                "transfer is REFUSED, a wrong key or signature gets NOTAUTH. NOTIFY is signed with it.",
                "IXFR answers with the changes since the client's serial for every version published",
                "while serve runs (the full zone for older serials); NOTIFY goes to the targets once",
                "at start and for each new serial, once that serial can be transferred.",
                ""));
        break;
      case "plan":
        out.print(CommandLine.usage(PlanCommand.SYNOPSIS, PlanCommand.OPTIONS));
        break;
      case "presets":
        out.print(CommandLine.usage(PresetsCommand.SYNOPSIS, PresetsCommand.OPTIONS));
        break;
      case "check":
        out.print(CommandLine.usage(CheckCommand.SYNOPSIS, CheckCommand.OPTIONS));
        break;
      case "sample-zone":
        out.println("usage: secdns sample-zone > example.com.zone");
        break;
      default:
        throw new UsageException("help: unknown command '" + topic.get(0) + "'");
    }
    return ExitCode.OK;
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
