package io.github.secdns.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

/** The serving lines of a serve over many zones. */
class ServingLinesTest {

  static Name zone(int i) {
    return Name.fromConstantString("z" + i + ".example.");
  }

  static List<String> lines(ByteArrayOutputStream bytes) {
    String text = bytes.toString(StandardCharsets.UTF_8);
    return text.isEmpty() ? List.of() : List.of(text.split("\n", -1)).subList(0, count(text));
  }

  private static int count(String text) {
    return (int) text.chars().filter(c -> c == '\n').count();
  }

  /**
   * 500 zones present at start become servable on 8 threads at once (the responder's zone threads):
   * ten lines and one summary, not 500 lines; a change and a zone added afterwards get their own
   * lines.
   */
  @Test
  void theZonesPresentAtStartAreTenLinesAndOneSummary() throws Exception {
    int zones = 500;
    List<Name> atStart = new ArrayList<>();
    for (int i = 0; i < zones; i++) {
      atStart.add(zone(i));
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ServingLines lines =
        new ServingLines(atStart, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    List<Name> order = new ArrayList<>(atStart);
    Collections.shuffle(order, new java.util.Random(7));
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (Name z : order) {
        done.add(threads.submit(() -> lines.servable(z, "serving " + z + " serial 1")));
      }
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdown();
      threads.awaitTermination(10, TimeUnit.SECONDS);
    }
    List<String> printed = lines(bytes);
    assertEquals(ServingLines.LISTED_AT_START + 1, printed.size(), printed.toString());
    assertEquals(
        ServingLines.LISTED_AT_START,
        printed.stream().filter(l -> l.startsWith("serving z")).count(),
        printed.toString());
    assertEquals(
        "serving every zone present at start: 500 (the first 10 listed above)",
        printed.get(printed.size() - 1));

    lines.servable(zone(3), "serving z3.example. serial 2");
    lines.servable(zone(9999), "serving z9999.example. serial 1");
    lines.withdrawn(zone(4), "withdrawn z4.example.");
    List<String> after = lines(bytes).subList(printed.size(), lines(bytes).size());
    assertEquals(
        List.of(
            "serving z3.example. serial 2",
            "serving z9999.example. serial 1",
            "withdrawn z4.example."),
        after);
  }

  /** A few zones: every line, no summary (as before). */
  @Test
  void aFewZonesAreListedEachWithoutASummary() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ServingLines lines =
        new ServingLines(
            List.of(zone(1), zone(2)), new PrintStream(bytes, true, StandardCharsets.UTF_8));
    lines.servable(zone(2), "serving z2.example. serial 1");
    lines.withdrawn(zone(1), "withdrawn z1.example.");
    assertEquals(List.of("serving z2.example. serial 1", "withdrawn z1.example."), lines(bytes));
  }
}
