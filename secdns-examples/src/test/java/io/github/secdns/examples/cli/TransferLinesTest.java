package io.github.secdns.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.axfr.TransferListener;
import io.github.secdns.axfr.TransferRefusal;
import io.github.secdns.core.diagnostics.Transport;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

class TransferLinesTest {

  /** A refusal whose reason numbers it, so that the lines say which events were printed. */
  private static TransferRefusal refusal(int n) {
    return new TransferRefusal(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 5300),
        Transport.TCP,
        Optional.of(Name.fromConstantString("example.com.")),
        OptionalInt.of(Type.AXFR),
        Rcode.REFUSED,
        "event " + n);
  }

  @Test
  void anEventIsPrintedAsItsLineAndGoesToTheNextListenerFirst() throws Exception {
    LineBuffer out = new LineBuffer();
    LineBuffer err = new LineBuffer();
    AtomicInteger toNext = new AtomicInteger();
    TransferListener next =
        new TransferListener() {
          @Override
          public void refused(TransferRefusal r) {
            toNext.incrementAndGet();
          }
        };
    try (TransferLines lines = TransferLines.start(stream(out), stream(err), next)) {
      lines.refused(refusal(1));
      assertEquals(1, toNext.get(), "the status hears of the event on the caller's thread");
      assertEquals(
          "refused example.com. AXFR from 127.0.0.1:5300: REFUSED (event 1)",
          out.await(l -> l.startsWith("refused "), RunningServe.DEADLINE, "the refusal"));
    }
    assertEquals("", err.text());
  }

  @Test
  void whileStandardOutputIsBlockedEventsAreQueuedUpToTheCapacityAndTheRestCounted()
      throws Exception {
    int capacity = 8;
    int events = 50;
    LineBuffer out = new LineBuffer();
    LineBuffer err = new LineBuffer();
    out.hold();
    TransferLines lines =
        TransferLines.start(stream(out), stream(err), TransferListener.NONE, capacity);
    try {
      lines.refused(refusal(0));
      out.awaitBlockedWriter(RunningServe.DEADLINE); // the printer is stuck in its first write
      // Not one of these calls may block (they come on the responder's I/O thread): were one to,
      // the thread making them would never end while the output is held.
      Thread ioThread =
          new Thread(
              () -> {
                for (int i = 1; i < events; i++) {
                  lines.refused(refusal(i));
                }
              });
      ioThread.start();
      ioThread.join(RunningServe.DEADLINE.toMillis());
      assertFalse(ioThread.isAlive(), "an event blocked its caller while the output was held");
      assertTrue(out.lines().isEmpty(), out.text());
    } finally {
      out.release();
    }
    lines.close();

    List<String> printed = new ArrayList<>();
    for (String l : out.lines()) {
      printed.add(l.substring(l.indexOf("(event ")));
    }
    // The first batch (the printer's, taken before the output blocked: at least event 0) and then
    // the queue's capacity, in the order they came; the later events were counted instead.
    assertTrue(
        printed.size() > capacity && printed.size() <= capacity + TransferLines.BATCH,
        () -> printed.size() + " printed");
    for (int i = 0; i < printed.size(); i++) {
      assertEquals("(event " + i + ")", printed.get(i));
    }
    int notPrinted = events - printed.size();
    assertEquals(
        "serve: " + notPrinted + " transfer lines not printed: standard output did not keep up",
        err.text().strip());
  }

  @Test
  void closePrintsWhatIsQueuedAndLaterEventsAreNotPrinted() throws Exception {
    LineBuffer out = new LineBuffer();
    LineBuffer err = new LineBuffer();
    out.hold();
    TransferLines lines = TransferLines.start(stream(out), stream(err), TransferListener.NONE);
    lines.refused(refusal(0));
    out.awaitBlockedWriter(RunningServe.DEADLINE);
    lines.refused(refusal(1));
    lines.refused(refusal(2));
    out.release();
    lines.close();
    assertEquals(3, out.lines().size(), out.text());
    assertTrue(out.lines().get(2).endsWith("(event 2)"), out.text());
    assertEquals("", err.text());

    lines.refused(refusal(3));
    lines.close(); // idempotent: nothing more is printed
    assertEquals(3, out.lines().size(), out.text());
    assertFalse(
        Thread.getAllStackTraces().keySet().stream()
            .anyMatch(t -> t.getName().equals("secdns-serve-transfer-lines") && t.isAlive()),
        "the printer's thread ended with close()");
  }

  private static PrintStream stream(LineBuffer buffer) {
    return new PrintStream(buffer, true, StandardCharsets.UTF_8);
  }
}
