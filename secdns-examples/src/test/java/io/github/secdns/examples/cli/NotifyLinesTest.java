package io.github.secdns.examples.cli;

import static io.github.secdns.examples.cli.ServingLinesTest.lines;
import static io.github.secdns.examples.cli.ServingLinesTest.zone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.axfr.notify.NotifyOutcome;
import io.github.secdns.core.config.NotifyTarget;
import io.github.secdns.core.serial.SerialNumber;
import io.github.secdns.testsupport.Addresses;
import io.github.secdns.testsupport.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;

/** The notify lines of a serve over many zones. */
class NotifyLinesTest {

  private static final NotifyTarget T2 = target(Addresses.LOOPBACK_2);
  private static final NotifyTarget T3 = target(Addresses.LOOPBACK_3);

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-02T03:04:05Z"));

  /** Lines printed only when the test calls: the first outcomes' at once, summaries on tick. */
  private final NotifyLines notifyLines = new NotifyLines(out, clock, Runnable::run);

  private static NotifyTarget target(InetAddress address) {
    return new NotifyTarget(address, 53, Optional.empty());
  }

  private static NotifyOutcome acknowledged(int zone, NotifyTarget target) {
    return new NotifyOutcome.Acknowledged(zone(zone), SerialNumber.of(1), target, 1, Rcode.NOERROR);
  }

  private static NotifyOutcome rejected(int zone, NotifyTarget target, int rcode) {
    return new NotifyOutcome.Rejected(zone(zone), SerialNumber.of(1), target, 1, rcode);
  }

  private static NotifyOutcome unanswered(int zone, NotifyTarget target) {
    return new NotifyOutcome.Unanswered(zone(zone), SerialNumber.of(1), target, 3);
  }

  private List<String> printed() {
    return lines(bytes);
  }

  /**
   * 10 outcomes print as they always did; the next ones of the period are one line per target at
   * its end, not before, and a period without outcomes prints nothing (after it, the next 10 are
   * listed again).
   */
  @Test
  void theFirstTenAreListedThenOneLinePerTargetAndPeriod() {
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < NotifyLines.LISTED; i++) {
      NotifyOutcome o = acknowledged(i, T2);
      notifyLines.onOutcome(o);
      expected.add("notify " + o);
    }
    assertEquals(expected, printed());
    assertTrue(printed().get(0).startsWith("notify Acknowledged[z0.example. 1 by 127.0.0.2:53 "));

    for (int i = 10; i < 1_010; i++) {
      notifyLines.onOutcome(acknowledged(i, T2));
    }
    for (int i = 0; i < 5; i++) {
      notifyLines.onOutcome(acknowledged(i, T3));
    }
    clock.advanceSeconds(9);
    notifyLines.tick();
    assertEquals(expected, printed(), "the period has not ended");

    clock.advanceSeconds(1);
    notifyLines.tick();
    expected.add("notify 127.0.0.2:53 in the last 10 s: 1,000 acknowledged");
    expected.add("notify 127.0.0.3:53 in the last 10 s: 5 acknowledged");
    assertEquals(expected, printed());

    clock.advanceSeconds(10);
    notifyLines.tick();
    assertEquals(expected, printed(), "a quiet period prints nothing");

    // After a quiet period the first ten are listed again: a later change's NOTIFYs name their
    // zones.
    for (int i = 0; i < NotifyLines.LISTED + 2; i++) {
      NotifyOutcome later = acknowledged(100 + i, T3);
      notifyLines.onOutcome(later);
      if (i < NotifyLines.LISTED) {
        expected.add("notify " + later);
      }
    }
    assertEquals(expected, printed());
    clock.advanceSeconds(12);
    notifyLines.tick();
    expected.add("notify 127.0.0.3:53 in the last 12 s: 2 acknowledged");
    assertEquals(expected, printed(), "only the target that had outcomes");
  }

  /**
   * A failure is never hidden: the first of a target past the first ten is printed at once, every
   * other is counted by kind (unanswered, the RCODE of a rejection); a key on a target does not
   * make it another target.
   */
  @Test
  void failuresAreCountedByKindAndEachTargetsFirstIsPrintedAtOnce() {
    for (int i = 0; i < NotifyLines.LISTED; i++) {
      notifyLines.onOutcome(acknowledged(i, T2));
    }
    NotifyOutcome firstFailure = unanswered(100, T2);
    notifyLines.onOutcome(firstFailure);
    assertEquals("notify " + firstFailure, printed().get(NotifyLines.LISTED));
    assertTrue(
        printed()
            .get(NotifyLines.LISTED)
            .startsWith("notify Unanswered[z100.example. 1 to 127.0.0.2:53 after"),
        printed().toString());

    NotifyTarget keyed =
        new NotifyTarget(
            Addresses.LOOPBACK_2, 53, Optional.of(Name.fromConstantString("key.example.")));
    notifyLines.onOutcome(unanswered(101, T2));
    notifyLines.onOutcome(unanswered(102, keyed));
    for (int i = 0; i < 3; i++) {
      notifyLines.onOutcome(rejected(110 + i, T2, Rcode.REFUSED));
    }
    notifyLines.onOutcome(rejected(120, keyed, Rcode.BADKEY));
    notifyLines.onOutcome(rejected(121, T2, Rcode.NOTAUTH));
    for (int i = 0; i < 1_000; i++) {
      notifyLines.onOutcome(acknowledged(1_000 + i, T2));
    }
    notifyLines.onOutcome(
        new NotifyOutcome.Acknowledged(zone(130), SerialNumber.of(1), T2, 1, Rcode.NOTIMP));
    notifyLines.onOutcome(
        new NotifyOutcome.Superseded(zone(131), SerialNumber.of(1), T2, 1, SerialNumber.of(2)));
    assertEquals(NotifyLines.LISTED + 1, printed().size(), printed().toString());

    clock.advanceSeconds(4);
    notifyLines.flush();
    assertEquals(
        "notify 127.0.0.2:53 in the last 4 s: 1,001 acknowledged (1 NOTIMP), 7 failed (2"
            + " unanswered, 3 REFUSED, 1 NOTAUTH, 1 BADKEY), 1 superseded by a newer serial",
        printed().get(NotifyLines.LISTED + 1));
    assertEquals(NotifyLines.LISTED + 2, printed().size(), printed().toString());
  }

  /** Every target failing: a first-failure line for ten of them, the others counted. */
  @Test
  void firstFailuresAreListedForTenTargetsAtMost() throws Exception {
    for (int i = 0; i < NotifyLines.LISTED; i++) {
      notifyLines.onOutcome(acknowledged(i, T2));
    }
    int targets = 3 * NotifyLines.LISTED;
    for (int t = 0; t < targets; t++) {
      NotifyTarget failing = target(InetAddress.getByName("127.0.1." + t));
      notifyLines.onOutcome(rejected(t, failing, Rcode.REFUSED));
      notifyLines.onOutcome(rejected(t + 100, failing, Rcode.REFUSED));
    }
    assertEquals(
        NotifyLines.LISTED,
        printed().stream().filter(l -> l.startsWith("notify Rejected[")).count(),
        printed().toString());
    notifyLines.flush();
    List<String> summaries =
        printed().stream().filter(l -> l.startsWith("notify 127.0.1.")).toList();
    assertEquals(targets, summaries.size(), summaries.toString());
    assertEquals("notify 127.0.1.0:53 in the last 0 ms: 1 failed (1 REFUSED)", summaries.get(0));
    assertTrue(summaries.contains("notify 127.0.1.29:53 in the last 0 ms: 2 failed (2 REFUSED)"));
  }

  /**
   * Started with a thread of its own: the first outcomes are printed on it, and close ends it after
   * printing what the period has counted so far.
   */
  @Test
  void closeEndsItsThreadAndPrintsWhatIsPending() {
    NotifyLines started = NotifyLines.start(out, clock);
    for (int i = 0; i < NotifyLines.LISTED + 5; i++) {
      started.onOutcome(acknowledged(i, T2));
    }
    clock.advanceSeconds(3);
    started.close();
    List<String> after = printed();
    assertEquals(NotifyLines.LISTED + 1, after.size(), after.toString());
    assertEquals(
        "notify 127.0.0.2:53 in the last 3 s: 5 acknowledged", after.get(after.size() - 1));
    assertTrue(
        Thread.getAllStackTraces().keySet().stream()
            .noneMatch(t -> t.getName().equals("secdns-notify-lines")),
        "its thread has ended");
    started.close();
    assertEquals(after, printed(), "a second close prints nothing");
  }

  /**
   * The sender's threads report at once: every outcome of 8 threads is either listed or counted in
   * the summary, none lost.
   */
  @Test
  void outcomesFromSeveralThreadsAreAllCounted() throws Exception {
    int threads = 8;
    int each = 2_000;
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  go.await();
                  for (int i = 0; i < each; i++) {
                    int zone = thread * each + i;
                    NotifyTarget target = i % 2 == 0 ? T2 : T3;
                    notifyLines.onOutcome(
                        i % 10 == 0 ? unanswered(zone, target) : acknowledged(zone, target));
                  }
                  return null;
                }));
      }
      ready.await();
      go.countDown();
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdown();
      assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }
    notifyLines.flush();
    List<String> printed = printed();
    long total = (long) threads * each;
    long unanswered = total / 10;
    assertEquals(
        total - unanswered, listed(printed, "Acknowledged") + summed(printed, "acknowledged"));
    assertEquals(unanswered, listed(printed, "Unanswered") + summed(printed, "unanswered"));
    assertTrue(printed.size() <= NotifyLines.LISTED + 2 + 2, printed.toString());
  }

  private static long listed(List<String> lines, String kind) {
    return lines.stream().filter(l -> l.startsWith("notify " + kind + "[")).count();
  }

  /** The sum of the counts of this kind in the summary lines. */
  private static long summed(List<String> lines, String kind) {
    Pattern count = Pattern.compile("([0-9,]+) " + kind);
    long sum = 0;
    for (String line : lines) {
      if (line.contains(" in the last ")) {
        Matcher m = count.matcher(line);
        if (m.find()) {
          sum += Long.parseLong(m.group(1).replace(",", ""));
        }
      }
    }
    return sum;
  }
}
