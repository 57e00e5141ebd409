package io.github.secdns.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Name;

/** Progress while a zone file loads (issue 15), on a terminal and elsewhere, without a terminal. */
class LoadProgressTest {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private final AtomicLong now = new AtomicLong(5_000_000_000L);

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aLoadShorterThanASecondShowsNothing() {
    LoadProgress p = new LoadProgress("z.db", 1000, false, out, now::get);
    now.addAndGet(900_000_000L);
    p.update(500, 5);
    p.update(1000, 10);
    p.finish();
    assertEquals("", printed());
  }

  @Test
  void withoutATerminalOneLinePerTenthOnceASecondHasPassed() {
    LoadProgress p = new LoadProgress("z.db", 1000, false, out, now::get);
    for (int octets = 0; octets <= 1000; octets += 25) {
      now.addAndGet(50_000_000L); // 2 s in all
      p.update(octets, octets / 10);
    }
    p.finish();
    List<String> lines = printed().lines().toList();
    // The first second passes at 47 %: that state, then 50, 60, 70, 80, 90 and the final 100 %.
    assertEquals(
        List.of(
            "loading z.db: 47 records, 47 %",
            "loading z.db: 50 records, 50 %",
            "loading z.db: 60 records, 60 %",
            "loading z.db: 70 records, 70 %",
            "loading z.db: 80 records, 80 %",
            "loading z.db: 90 records, 90 %",
            "loading z.db: 100 records, 100 %"),
        lines);
    assertTrue(!printed().contains("\r"), "no carriage return in a log");
  }

  @Test
  void onATerminalOneSelfUpdatingLineAtMostTenTimesASecond() {
    LoadProgress p = new LoadProgress("big.zone", 10_000_000, true, out, now::get);
    now.addAndGet(1_000_000_000L);
    for (int i = 1; i <= 100; i++) {
      now.addAndGet(20_000_000L); // 2 s: at most 20 refreshes
      p.update(i * 100_000L, i * 1000L);
    }
    p.finish();
    String text = printed();
    long refreshes = text.chars().filter(c -> c == '\r').count();
    assertTrue(refreshes >= 10 && refreshes <= 22, refreshes + " refreshes");
    assertEquals(1, text.chars().filter(c -> c == '\n').count(), "one line, ended at the finish");
    assertTrue(text.endsWith("\rloading big.zone: 100,000 records, 100 %\n"), text);
  }

  @Test
  void quietShowsNothing(@TempDir Path dir) throws Exception {
    assertEquals(LoadProgress.NONE, LoadProgress.of("z.db", 10, true, out));
    LoadProgress.NONE.update(5, 5);
    LoadProgress.NONE.finish();
    assertEquals("", printed());
    // And the loader reports to its progress as it reads.
    Path file = dir.resolve("z.db");
    StringBuilder text = new StringBuilder("@ 60 IN SOA ns1 host 1 2 3 4 5\n@ 60 IN NS ns1\n");
    for (int i = 0; i < 40_000; i++) {
      text.append("h").append(i).append(" 60 IN A 192.0.2.").append(i % 250).append('\n');
    }
    Files.writeString(file, text);
    AtomicLong clock = new AtomicLong();
    LoadProgress counting =
        new LoadProgress(
            "z.db", Files.size(file), false, out, () -> clock.addAndGet(1_000_000_000L));
    try (var in = Files.newInputStream(file)) {
      HostZoneFile.Loaded loaded =
          HostZoneFile.read(
              in, Files.size(file), "z.db", Name.fromConstantString("example.com."), counting);
      assertEquals(40_001, loaded.zone().records().size());
    }
    assertTrue(printed().endsWith("loading z.db: 40,002 records, 100 %\n"), "[" + printed() + "]");
  }

  @Test
  void quietIsAFlagOfServe() throws Exception {
    assertTrue(ServeOptions.parse(List.of("--quiet")).quiet());
    assertTrue(!ServeOptions.parse(List.of()).quiet());
  }
}
