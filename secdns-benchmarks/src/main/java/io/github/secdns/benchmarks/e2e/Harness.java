package io.github.secdns.benchmarks.e2e;

import io.github.secdns.benchmarks.e2e.BenchServer.Kind;
import io.github.secdns.testsupport.Addresses;
import io.github.secdns.testsupport.servers.LoopbackPorts;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the end-to-end harnesses ({@link EndToEnd}, {@link ManyZones}, {@link XotEndToEnd}) share:
 * options, the servers to compare, the work directory (deleted at the end, and by a shutdown hook
 * when the run is interrupted), the command line of the embedded responder's JVM, free ports, the
 * report file. The servers themselves are started by {@link BenchServer} over the launcher shared
 * with the tests.
 */
final class Harness {

  /**
   * The embedded responder's JVM options by default: a host that cares about memory (serial
   * collector, small young generation, and a heap that gives back what a large load left free;
   * docs/BENCHMARKS.md compares other settings).
   */
  static final String SERVER_JVM =
      "-XX:+UseSerialGC -Xmx1g -Xmn32m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20";

  private Harness() {}

  /**
   * Parses {@code --name value} pairs over the defaults.
   *
   * @param defaults every option with its default, in the order of the help
   * @param args the command line
   * @return the options
   * @throws IllegalArgumentException for an option that has no default
   */
  static Map<String, String> options(Map<String, String> defaults, String[] args) {
    Map<String, String> options = new LinkedHashMap<>(defaults);
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--") || !options.containsKey(args[i].substring(2))) {
        throw new IllegalArgumentException("unknown option " + args[i]);
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    return options;
  }

  /**
   * The servers named in a comma list.
   *
   * @param list labels such as {@code secdns,knotd}
   * @return the kinds, in that order
   */
  static List<Kind> servers(String list) {
    List<Kind> kinds = new ArrayList<>();
    for (String s : list.split(",")) {
      kinds.add(
          Arrays.stream(Kind.values())
              .filter(k -> k.label.equals(s.trim()))
              .findFirst()
              .orElseThrow(() -> new IllegalArgumentException("unknown server " + s)));
    }
    return kinds;
  }

  /**
   * The java command that runs a class of this class path in its own JVM (the embedded responder),
   * with the given options and logging at WARN.
   *
   * @param jvmOptions options separated by spaces
   * @return the command, ready for the main class and its arguments
   */
  static List<String> childJava(String jvmOptions) {
    List<String> java = new ArrayList<>();
    java.add(ProcessHandle.current().info().command().orElse("java"));
    java.addAll(Arrays.asList(jvmOptions.trim().split("\\s+")));
    java.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    java.add("-cp");
    // Absolute: the child runs in its own work directory.
    java.add(
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .map(e -> Path.of(e).toAbsolutePath().toString())
            .collect(Collectors.joining(File.pathSeparator)));
    return java;
  }

  /**
   * A work directory: the given one (kept), or a new temporary one that {@link #close()} deletes
   * and that a shutdown hook deletes after stopping the servers when the run is interrupted (Ctrl-C
   * or a kill skip the normal end), so that no {@code secdns-*} directory is left behind.
   */
  static final class WorkDir implements AutoCloseable {
    private final Path path;
    private final Thread cleanup;
    private final boolean temporary;

    WorkDir(String option, String prefix) throws IOException {
      temporary = option.isEmpty();
      path =
          temporary ? Files.createTempDirectory(prefix) : Files.createDirectories(Path.of(option));
      cleanup =
          new Thread(
              () -> {
                BenchServer.stopAll();
                deleteQuietly(path);
              },
              "delete-" + prefix + "workdir");
      if (temporary) {
        Runtime.getRuntime().addShutdownHook(cleanup);
      }
    }

    Path path() {
      return path;
    }

    @Override
    public void close() {
      if (!temporary) {
        return; // servers' logs and configurations are kept with --workdir
      }
      deleteQuietly(path);
      try {
        Runtime.getRuntime().removeShutdownHook(cleanup);
      } catch (IllegalStateException e) {
        // already shutting down: the hook runs (and finds nothing left to delete)
      }
    }
  }

  /**
   * Writes the report to its file and to standard output.
   *
   * @param file where
   * @param report the Markdown
   * @throws IOException when the file cannot be written
   */
  static void writeReport(String file, CharSequence report) throws IOException {
    Path out = Path.of(file);
    if (out.getParent() != null) {
      Files.createDirectories(out.getParent());
    }
    Files.writeString(out, report, StandardCharsets.UTF_8);
    System.out.println();
    System.out.println(report);
    System.err.println("report written to " + out.toAbsolutePath());
  }

  /**
   * Deletes a directory tree, going on past files that cannot be deleted (a server still ending may
   * add a file meanwhile: a second pass takes it); reports on stderr what is left.
   */
  static void deleteQuietly(Path root) {
    for (int pass = 0; pass < 3 && Files.exists(root); pass++) {
      try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
        for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          try {
            Files.deleteIfExists(p);
          } catch (IOException e) {
            // next pass
          }
        }
      } catch (IOException | java.io.UncheckedIOException e) {
        // next pass
      }
    }
    if (Files.exists(root)) {
      System.err.println("could not delete the work directory " + root);
    }
  }

  /**
   * A port for a server under test: below the kernel's ephemeral range, free on TCP and UDP, never
   * handed out twice (the shared launcher's choice).
   *
   * @return the port on 127.0.0.1
   */
  static int freePort() {
    return LoopbackPorts.free(Addresses.LOOPBACK_1);
  }
}
