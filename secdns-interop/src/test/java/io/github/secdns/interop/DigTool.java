package io.github.secdns.interop;

import io.github.secdns.testsupport.servers.Binaries;
import io.github.secdns.testsupport.servers.TsigSecret;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/** Runs dig or kdig with a time limit and parses the records they print. */
final class DigTool {

  private static final Duration LIMIT = Duration.ofSeconds(60);
  private static final Pattern RR_LINE = Pattern.compile("\\S+\\.\\s+\\d+\\s+IN\\s+[A-Z0-9]+\\s");
  private static final Pattern TSIG_LINE = Pattern.compile("\\S+\\s+\\d+\\s+(ANY|IN)\\s+TSIG\\s");

  /**
   * What a client printed.
   *
   * @param command the command line, for failure messages
   * @param exitCode the exit status
   * @param output standard output and error, merged
   */
  record Result(List<String> command, int exitCode, String output) {

    /** The resource records printed (comment lines ignored), in order. */
    List<Record> records() {
      List<Record> records = new ArrayList<>();
      StringBuilder rrLines = new StringBuilder();
      for (String line : output.lines().toList()) {
        // Only resource record lines (owner, TTL, class, type); comments, warnings and the
        // TSIG record that dig prints are not zone data.
        if (RR_LINE.matcher(line).lookingAt() && !TSIG_LINE.matcher(line).lookingAt()) {
          rrLines.append(line).append('\n');
        }
      }
      try (Master master =
          new Master(
              new ByteArrayInputStream(rrLines.toString().getBytes(StandardCharsets.UTF_8)),
              Name.root)) {
        Record r;
        while ((r = master.nextRecord()) != null) {
          records.add(r);
        }
      } catch (IOException e) {
        throw new AssertionError("could not parse the records printed: " + e + "\n" + this, e);
      }
      return records;
    }

    @Override
    public String toString() {
      String shown = output.length() > 4000 ? output.substring(0, 4000) + "\n..." : output;
      // Test keys only, but secrets stay out of reports all the same.
      String shownCommand =
          command.stream()
              .map(
                  a ->
                      a.startsWith(TsigSecret.ALGORITHM + ":")
                          ? TsigSecret.ALGORITHM + ":(key hidden)"
                          : a)
              .collect(Collectors.joining(" "));
      return shownCommand + " -> exit " + exitCode + "\n" + shown;
    }
  }

  private DigTool() {}

  static Result dig(List<String> arguments) {
    return run(Binaries.dig(), arguments);
  }

  static Result kdig(List<String> arguments) {
    return run(Binaries.kdig(), arguments);
  }

  private static Result run(Path binary, List<String> arguments) {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(arguments);
    try {
      Path out = Files.createTempFile("secdns-dig-", ".out");
      try {
        Process process =
            new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        if (!process.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly();
          process.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
          throw new AssertionError(command + " did not finish within " + LIMIT);
        }
        return new Result(
            command, process.exitValue(), Files.readString(out, StandardCharsets.ISO_8859_1));
      } finally {
        Files.deleteIfExists(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted running " + command, e);
    }
  }
}
