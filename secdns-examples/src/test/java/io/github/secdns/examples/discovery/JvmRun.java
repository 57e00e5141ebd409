package io.github.secdns.examples.discovery;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a Java program in a fresh JVM and collects its output, within a deadline. */
public final class JvmRun {

  private static final long DEADLINE_SECONDS = 120;

  public final int exitCode;
  public final String output;

  private JvmRun(int exitCode, String output) {
    this.exitCode = exitCode;
    this.output = output;
  }

  /** The java launcher of the running JVM. */
  public static String javaExecutable() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  /** Where the class was loaded from: its jar, or its classes directory. */
  public static Path locationOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  public static JvmRun run(List<String> arguments) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(javaExecutable());
    command.addAll(arguments);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      process.getOutputStream().close();
      CompletableFuture<String> output =
          CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
      assertTrue(
          process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS),
          "the JVM did not finish within " + DEADLINE_SECONDS + " s: " + command);
      return new JvmRun(process.exitValue(), output.get(DEADLINE_SECONDS, TimeUnit.SECONDS));
    } finally {
      if (process.isAlive()) {
        process.destroyForcibly();
        process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS);
      }
    }
  }

  private static String readAll(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The line that starts with the key, without the key. */
  public String line(String key) {
    return output
        .lines()
        .filter(l -> l.startsWith(key + " "))
        .map(l -> l.substring(key.length() + 1))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line '" + key + "' in:\n" + output));
  }

  @Override
  public String toString() {
    return "exit " + exitCode + ", output:\n" + output;
  }
}
