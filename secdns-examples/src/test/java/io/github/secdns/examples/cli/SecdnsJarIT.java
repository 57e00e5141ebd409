package io.github.secdns.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.secdns.testsupport.Addresses;
import io.github.secdns.testsupport.NotifySink;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Name;
import org.xbill.DNS.ZoneTransferIn;

/** Runs the packaged {@code secdns.jar} the way the README does: {@code java -jar}. */
class SecdnsJarIT {

  private static final long DEADLINE_SECONDS = 60;

  private static Path jar() {
    Path jar = Path.of(System.getProperty("secdns.jar", "target/secdns.jar"));
    assertTrue(Files.isRegularFile(jar), "build the jar first: " + jar.toAbsolutePath());
    return jar;
  }

  private static Process start(String... args) throws IOException {
    return start(new ProcessBuilder().redirectErrorStream(true), args);
  }

  /** Starts the jar with its stderr in a file, so that a test can require it to stay empty. */
  private static Process startErrorsTo(Path errors, String... args) throws IOException {
    return start(new ProcessBuilder().redirectError(errors.toFile()), args);
  }

  private static Process start(ProcessBuilder builder, String... args) throws IOException {
    return start(builder, List.of(), args);
  }

  private static Process start(ProcessBuilder builder, List<String> jvmOptions, String... args)
      throws IOException {
    List<String> command = new ArrayList<>(List.of(javaExecutable()));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar().toString()));
    command.addAll(List.of(args));
    Process process = builder.command(command).start();
    process.getOutputStream().close();
    return process;
  }

  private static BufferedReader stdout(Process process) {
    return new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  private static String javaExecutable() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  /** Everything the process prints until it ends (within the deadline). */
  private static String outputOf(Process process) throws Exception {
    CompletableFuture<String> output =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    assertTrue(process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS));
    return output.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
  }

  private static void stop(Process process) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS);
    }
  }

  /**
   * {@code serve} given too small a heap for its zones (what a plain {@code java -jar} on a small
   * machine gets: a quarter of its memory): one line saying so and exit code 3, not a stack trace
   * and exit code 1, nor a process left running without answering.
   */
  @Test
  void serveWithTooSmallAHeapForItsZonesSaysSoAndExitsThree(@TempDir Path dir) throws Exception {
    String zone = ZoneDirectoryServeTest.zone(1, "192.0.2.1");
    for (int i = 0; i < 20_000; i++) {
      Files.writeString(dir.resolve("z" + i + ".example.zone"), zone);
    }
    Process process =
        start(
            new ProcessBuilder().redirectErrorStream(true),
            List.of("-Xmx16m"),
            "serve",
            "--zone-dir",
            dir.toString(),
            "--listen",
            "127.0.0.1:0",
            "--quiet");
    try {
      String out = outputOf(process);
      assertEquals(ExitCode.FAILED, process.exitValue(), out);
      assertTrue(
          out.matches(
              "(?s).*secdns: out of memory: the JVM may use at most \\d+ MiB of heap, too little"
                  + " for these zones; give it more with java -Xmx.*"),
          out);
      assertFalse(out.contains("\tat ") || out.contains("Exception in thread"), out);
      assertFalse(out.contains("listening on"), out);
    } finally {
      stop(process);
    }
  }

  @Test
  void presetsListsTheBuiltInsAndThePlugin() throws Exception {
    Process process = start("presets");
    try {
      String out = outputOf(process);
      assertEquals(0, process.exitValue(), out);
      assertTrue(out.matches("(?s)\\d+ presets found .*"), out);
      assertTrue(out.contains("\ndnsmadeeasy  "), out);
      assertTrue(out.contains("\nexample-secondary  "), out);
    } finally {
      stop(process);
    }
  }

  /**
   * The README's way to add a plugin ({@code java -cp secdns.jar:plugin.jar ...Main presets}), with
   * a real plugin jar whose preset takes a built-in's id: the built-in stays, the plugin is
   * reported on stderr in one line, and the exit code is 1.
   */
  @Test
  void aPluginJarThatTakesABuiltInsIdIsReportedAndTheExitCodeIsOne(@TempDir Path dir)
      throws Exception {
    Path plugin = Plugins.jar(dir, "colliding-preset", CollidingPreset.class);
    List<String> command =
        List.of(
            javaExecutable(),
            "-cp",
            jar() + File.pathSeparator + plugin,
            Main.class.getName(),
            "presets",
            CollidingPreset.ID);
    Process process =
        new ProcessBuilder(command).redirectError(dir.resolve("err").toFile()).start();
    try {
      process.getOutputStream().close();
      String out = outputOf(process);
      String err = Files.readString(dir.resolve("err"));
      assertEquals(ExitCode.FINDINGS, process.exitValue(), out + err);
      assertEquals(
          List.of(
              "secdns presets: plugin not registered: ID_TAKEN_BY_BUILT_IN"
                  + " [io.github.secdns.providers.internal.DnsMadeEasyPreset, "
                  + CollidingPreset.class.getName()
                  + "]: the plugin "
                  + CollidingPreset.class.getName()
                  + " declares the id 'dnsmadeeasy' of the built-in preset"
                  + " io.github.secdns.providers.internal.DnsMadeEasyPreset; the built-in stays and"
                  + " the plugin is not registered: give the plugin another id"),
          err.lines().toList());
      assertTrue(out.startsWith("\ndnsmadeeasy  DNS Made Easy\n"), out);
      assertTrue(out.contains("208.94.147.135"), out);
    } finally {
      stop(process);
    }
  }

  /** picocli and Jackson work in the shaded jar: completion, and JSON parsed back. */
  @Test
  void completionAndJsonWorkInTheShadedJar() throws Exception {
    for (String[] args : new String[][] {{"completion"}, {"presets", "--json"}}) {
      Process process = start(args);
      try {
        String out = outputOf(process);
        assertEquals(0, process.exitValue(), out);
        if (args[0].equals("completion")) {
          assertTrue(out.contains("complete -F _complete_secdns"), out);
        } else {
          JsonNode doc = new ObjectMapper().readTree(out);
          List<String> ids = new ArrayList<>();
          doc.get("presets").forEach(p -> ids.add(p.get("id").asText()));
          assertTrue(ids.contains("dnsmadeeasy") && ids.contains("example-secondary"), out);
        }
      } finally {
        stop(process);
      }
    }
  }

  @Test
  void aBadFlagIsOneLineAndExitCode2() throws Exception {
    Process process = start("serve", "--listen", "localhost:53");
    try {
      assertTrue(process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS));
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(2, process.exitValue(), out);
      assertEquals(
          "secdns --listen: 'localhost' is not an IP address",
          out.strip().replaceAll(" \\(.*\\)$", ""));
    } finally {
      stop(process);
    }
  }

  /**
   * {@code publish --db} and {@code serve --db} from the shaded jar, through its connection pool
   * (HikariCP in the jar): the published version is served, and the pool prints nothing on stderr,
   * neither at start nor when serve stops.
   */
  @Test
  void publishAndServeWithADatabaseWorkInTheShadedJarAndThePoolPrintsNothing(@TempDir Path dir)
      throws Exception {
    String db = "jdbc:h2:file:" + dir.resolve("db") + ";AUTO_SERVER=TRUE";
    Path zoneFile = dir.resolve("example.com.zone");
    Files.writeString(zoneFile, ServedZone.sampleText());
    Process published =
        startErrorsTo(
            dir.resolve("publish.err"),
            "publish",
            "--db",
            db,
            "--zone-file",
            zoneFile.toString(),
            "--origin",
            "example.com");
    try {
      String out = outputOf(published);
      String err = Files.readString(dir.resolve("publish.err"));
      assertEquals(0, published.exitValue(), out + err);
      assertEquals("published example.com. serial 2026112401 into jdbc:h2", out.strip());
      assertEquals("", err);
    } finally {
      stop(published);
    }

    Process serving =
        startErrorsTo(dir.resolve("serve.err"), "serve", "--db", db, "--listen", "127.0.0.1:0");
    try {
      BufferedReader reader = stdout(serving);
      InetSocketAddress server =
          RunningServe.listening(
              awaitListening(reader, "serving example.com. serial 2026112401 from the database"));
      assertEquals(2026112401L, ServeCommandTest.soaSerial(server));
    } finally {
      stop(serving);
    }
    assertEquals("", Files.readString(dir.resolve("serve.err")));
  }

  /**
   * An operator stops {@code host serve} on H2 with SIGTERM (what {@code kill} and systemd send):
   * the command closes the database itself after storing what it holds, instead of finding it
   * closed by H2's own shutdown hook ("the database failed: Database is already closed", and what
   * was left to store lost), and exits 0.
   */
  @Test
  void hostServeOnH2StoppedBySigtermStoresWhatItHoldsAndReportsNoFailure(@TempDir Path dir)
      throws Exception {
    String db = "jdbc:h2:file:" + dir.resolve("host") + ";AUTO_SERVER=TRUE";
    Process created =
        start(
            "host", "--db", db, "create", "example.com", "--ns", "ns1.example.com,ns2.example.com");
    try {
      String out = outputOf(created);
      assertEquals(0, created.exitValue(), out);
    } finally {
      stop(created);
    }
    Process serving =
        startErrorsTo(
            dir.resolve("serve.err"), "host", "--db", db, "serve", "--listen", "127.0.0.1:0");
    try {
      BufferedReader reader = stdout(serving);
      awaitListening(reader, "serving example.com. serial 1");
    } finally {
      stop(serving);
    }
    assertEquals("", Files.readString(dir.resolve("serve.err")));
    // Stopped as asked, not killed by the signal (143): what systemd counts as a clean stop.
    assertEquals(0, serving.exitValue());
  }

  @Test
  void serveAnswersATransferOfTheFlattenedSample() throws Exception {
    Process process = start("serve", "--listen", "127.0.0.1:0");
    try {
      InetSocketAddress server = RunningServe.listening(awaitListening(stdout(process)));
      ServeCommandTest.assertFlattenedSample(ServeCommandTest.axfr(server));
    } finally {
      stop(process);
    }
  }

  /**
   * What {@code serve} spins at start and on its first transfers stays small: no record's generated
   * {@code equals}, {@code hashCode} or {@code toString} (each bootstraps {@code ObjectMethods},
   * which spins dozens of method-handle classes), and few lambda forms in all. Spinning them cost a
   * cold JVM about a fifth of the time to {@code listening on} for a 1,000,000-record zone file,
   * most of it the JIT compiling the class writer beside the zone's loading (docs/ARCHITECTURE.md,
   * "Start-up"). About 180 lambda forms and {@code ObjectMethods} before; under 60 and none after.
   */
  @Test
  void serveSpinsNoRecordMethodsAndFewLambdaFormsUpToItsSecondTransfer(@TempDir Path dir)
      throws Exception {
    Path classes = dir.resolve("classes.log");
    Process process = startLoggingClasses(classes, "serve", "--listen", "127.0.0.1:0");
    try {
      InetSocketAddress server = RunningServe.listening(awaitListening(stdout(process)));
      ServeCommandTest.assertFlattenedSample(ServeCommandTest.axfr(server));
      ServeCommandTest.assertFlattenedSample(ServeCommandTest.axfr(server));
    } finally {
      stop(process);
    }
    assertFewClassesSpun(classes);
  }

  /** The same for a zone directory whose zones are announced to a NOTIFY target. */
  @Test
  void serveOfAZoneDirectorySpinsNoRecordMethodsAndFewLambdaForms(@TempDir Path dir)
      throws Exception {
    Path zones = Files.createDirectory(dir.resolve("zones"));
    for (int i = 0; i < 3; i++) {
      Files.writeString(
          zones.resolve("z" + i + ".example.zone"), ZoneDirectoryServeTest.zone(1, "192.0.2." + i));
    }
    Path classes = dir.resolve("classes.log");
    try (NotifySink target = new NotifySink(Addresses.LOOPBACK_2, true)) {
      Process process =
          startLoggingClasses(
              classes,
              "serve",
              "--zone-dir",
              zones.toString(),
              "--listen",
              "127.0.0.1:0",
              "--notify",
              "127.0.0.2:" + target.port());
      try {
        InetSocketAddress server = RunningServe.listening(awaitListening(stdout(process)));
        assertTrue(target.awaitReceived(3, Duration.ofSeconds(DEADLINE_SECONDS)), "3 NOTIFYs");
        ZoneTransferIn xfr =
            ZoneTransferIn.newAXFR(Name.fromConstantString("z1.example."), server, null);
        xfr.setTimeout(Duration.ofSeconds(10));
        xfr.run();
        assertEquals(5, xfr.getAXFR().size()); // SOA, 2 NS, A, SOA
      } finally {
        stop(process);
      }
    }
    assertFewClassesSpun(classes);
  }

  private static Process startLoggingClasses(Path classes, String... args) throws IOException {
    return start(
        new ProcessBuilder().redirectErrorStream(true),
        List.of("-Xlog:class+load=info:file=" + classes),
        args);
  }

  private static void assertFewClassesSpun(Path classes) throws IOException {
    List<String> loaded = Files.readAllLines(classes, StandardCharsets.UTF_8);
    List<String> recordMethods =
        loaded.stream().filter(l -> l.contains(" java.lang.runtime.ObjectMethods ")).toList();
    assertEquals(List.of(), recordMethods, "a record's generated equals/hashCode/toString ran");
    long lambdaForms =
        loaded.stream()
            .filter(l -> l.contains("java.lang.invoke.LambdaForm$") && l.contains("/0x"))
            .count();
    assertTrue(lambdaForms <= 100, lambdaForms + " lambda form classes spun");
  }

  /**
   * Reads a serving jar's output until its {@code listening on} line and every line of {@code
   * alsoWanted} have shown, then keeps draining it on another thread, so that the process never
   * blocks on a full pipe.
   *
   * @return the {@code listening on} line
   */
  private static String awaitListening(BufferedReader reader, String... alsoWanted)
      throws Exception {
    java.util.Set<String> missing = new java.util.HashSet<>(List.of(alsoWanted));
    CompletableFuture<String> ready =
        CompletableFuture.supplyAsync(
            () -> {
              StringBuilder seen = new StringBuilder();
              String listening = null;
              try {
                for (String line; (line = reader.readLine()) != null; ) {
                  seen.append(line).append('\n');
                  if (line.startsWith("listening on ")) {
                    listening = line;
                  }
                  missing.remove(line);
                  if (listening != null && missing.isEmpty()) {
                    return listening;
                  }
                }
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
              throw new AssertionError(
                  "the jar ended before 'listening on' and " + missing + ":\n" + seen);
            });
    String listening = ready.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
    var unused =
        CompletableFuture.runAsync(
            () -> {
              try {
                while (reader.readLine() != null) {
                  // drained
                }
              } catch (IOException e) {
                // the process ended
              }
            });
    return listening;
  }
}
