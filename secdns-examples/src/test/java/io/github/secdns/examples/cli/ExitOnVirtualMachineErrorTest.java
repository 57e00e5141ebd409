package io.github.secdns.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The process's uncaught-failure handler apart from its halt (which {@code SecdnsJarIT} sees: a
 * {@code serve} whose heap runs out ends with the line and exit code 3).
 */
class ExitOnVirtualMachineErrorTest {

  @Test
  void itsRehearsalSaysNothingAndOtherFailuresGetTheDefaultReport() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    ExitOnVirtualMachineError handler = ExitOnVirtualMachineError.install(err);
    assertEquals("", bytes.toString(StandardCharsets.UTF_8), "the rehearsal writes nothing");

    handler.uncaughtException(new Thread("worker"), new IllegalStateException("a bug"));
    String report = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(
        report.startsWith("Exception in thread \"worker\" java.lang.IllegalStateException: a bug"),
        report);
    assertTrue(report.contains("\tat "), "the stack, as the JVM prints it: " + report);
  }

  @Test
  void aTaskThatRanOutOfMemoryGetsTheSameLineOnTheMainThread() {
    // A loading thread's failure reaches the main thread as the cause of what it rethrows.
    assertEquals(
        Main.outOfMemoryLine(),
        Main.failed(
            new IllegalStateException(
                new java.util.concurrent.ExecutionException(new OutOfMemoryError("Java heap"))),
            java.util.List.of("serve")));
    assertEquals(
        "secdns: failed: IllegalStateException: no",
        Main.failed(new IllegalStateException("no"), java.util.List.of("serve")));
  }

  @Test
  void theLineSaysTheHeapsMaximumAndWhatToDo() {
    String line = Main.outOfMemoryLine();
    assertEquals(
        "secdns: out of memory: the JVM may use at most "
            + Runtime.getRuntime().maxMemory() / (1024 * 1024)
            + " MiB of heap, too little for these zones; give it more with java -Xmx..."
            + " (about 2 KB a small zone: docs/OPERATIONS.md, \"Memory\")",
        line);
  }
}
