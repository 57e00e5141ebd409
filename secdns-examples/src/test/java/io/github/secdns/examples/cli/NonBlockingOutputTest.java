package io.github.secdns.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// A wrong implementation blocks a test's own thread on the held output: failed, not hung.
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class NonBlockingOutputTest {

  private static PrintStream stream(LineBuffer buffer) {
    return new PrintStream(buffer, true, StandardCharsets.UTF_8);
  }

  @Test
  void linesFromSeveralThreadsComeOutWholeAndEachThreadsInOrder() throws Exception {
    LineBuffer real = new LineBuffer();
    PrintStream out = NonBlockingOutput.around(stream(real), stream(new LineBuffer()));
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int thread = t;
      threads.add(
          new Thread(
              () -> {
                for (int i = 0; i < 500; i++) {
                  out.println("thread " + thread + " line " + i + " é");
                }
              }));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
    out.print("a last text without a line end");
    out.close();

    List<String> lines = real.lines();
    assertEquals(2000, lines.size(), real.text());
    int[] next = new int[4];
    for (String line : lines) {
      // "thread T line I é"
      int thread = line.charAt("thread ".length()) - '0';
      assertEquals("thread " + thread + " line " + next[thread] + " é", line);
      next[thread]++;
    }
    assertTrue(real.text().endsWith("\na last text without a line end"), "closed: handed over");
  }

  @Test
  void whileTheRealOutputIsBlockedNoWriteBlocksAndLinesBeyondTheCapacityAreCounted()
      throws Exception {
    LineBuffer real = new LineBuffer();
    LineBuffer err = new LineBuffer();
    real.hold();
    String line = "x".repeat(99); // 100 octets with its line end
    PrintStream out = NonBlockingOutput.around(stream(real), stream(err), 1_000);
    try {
      out.println(line);
      real.awaitBlockedWriter(RunningServe.DEADLINE); // the writer is stuck handing it over
      // Were one of these writes to block, the thread would never end while the output is held.
      Thread writing =
          new Thread(
              () -> {
                for (int i = 0; i < 50; i++) {
                  out.println(line);
                }
              });
      writing.start();
      writing.join(RunningServe.DEADLINE.toMillis());
      assertFalse(writing.isAlive(), "a write blocked while the real output was held");
    } finally {
      real.release();
    }
    out.close();
    // The first line (in the writer's hands, still counted as waiting), then what fits beside it
    // in the capacity (9 lines); the rest counted, whole lines.
    assertEquals(10, real.lines().size(), real.text());
    assertTrue(real.lines().stream().allMatch(line::equals), real.text());
    assertEquals(
        "serve: 41 lines not printed: standard output did not keep up", err.text().strip());
  }

  @Test
  void closeGivesUpOnARealOutputThatStaysBlockedAndDoesNotCloseIt() throws Exception {
    LineBuffer real = new LineBuffer();
    PrintStream realStream = stream(real);
    real.hold();
    PrintStream out = NonBlockingOutput.around(realStream, stream(new LineBuffer()));
    out.println("held");
    real.awaitBlockedWriter(RunningServe.DEADLINE);
    out.println("queued behind it");
    out.close(); // returns although the writer never gets through
    real.release();
    realStream.println("the real output is still open");
    real.await(l -> l.equals("the real output is still open"), RunningServe.DEADLINE, "it");
    assertFalse(real.lines().contains("queued behind it"), real.text());
  }
}
