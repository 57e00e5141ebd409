package io.github.secdns.examples.cli;

import static io.github.secdns.examples.cli.ZoneDirectoryServeTest.zone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.axfr.PublishedZones;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Name;

/**
 * The full rescan of a zone directory, which alone follows a file system without change events
 * (some network mounts): it streams the directory and takes up a changed, an added and a removed
 * file, a broken file once, and leaves the unchanged ones alone.
 */
class ZoneDirectoryRescanTest {

  @TempDir Path dir;

  private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final PublishedZones published = new PublishedZones();

  private static Name name(String text) {
    return Name.fromConstantString(text);
  }

  private String out() {
    return outBytes.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return errBytes.toString(StandardCharsets.UTF_8);
  }

  private ZoneDirectory directory() throws Exception {
    ServeZones zones = new ServeZones();
    return TestZoneDirectories.inMemory(
        dir,
        published,
        zones,
        new ServeStatus(Clock.systemUTC(), zones),
        new PrintStream(outBytes, true, StandardCharsets.UTF_8),
        new PrintStream(errBytes, true, StandardCharsets.UTF_8));
  }

  /** Two polls: a change is taken up once it looked the same twice in a row. */
  private static void rescanTwice(ZoneDirectory directory) {
    directory.rescanAtNextPoll();
    directory.poll();
    directory.rescanAtNextPoll();
    directory.poll();
  }

  @Test
  void theRescanTakesUpChangedAddedRemovedAndBrokenFilesAndNothingElse() throws Exception {
    for (int i = 1; i <= 3; i++) {
      Files.writeString(dir.resolve("z" + i + ".example.zone"), zone(1, "192.0.2." + i));
    }
    try (ZoneDirectory directory = directory()) {
      directory.loadAll();
      assertEquals(
          Set.of(name("z1.example."), name("z2.example."), name("z3.example.")), published.zones());
      outBytes.reset();

      rescanTwice(directory);
      assertEquals("", out(), "nothing changed, nothing taken up");

      Files.writeString(dir.resolve("z1.example.zone"), zone(2, "192.0.2.111"));
      Files.delete(dir.resolve("z2.example.zone"));
      Files.writeString(dir.resolve("z4.example.zone"), zone(4, "192.0.2.4"));
      Files.writeString(dir.resolve("bad.example.zone"), "@ IN SOA broken\n");
      rescanTwice(directory);

      assertEquals(
          Set.of(name("z1.example."), name("z3.example."), name("z4.example.")), published.zones());
      assertEquals(2, published.snapshot(name("z1.example.")).orElseThrow().serial().value());
      String out = out();
      assertTrue(out.contains("published z1.example. serial 2"), out);
      assertTrue(out.contains("withdrawn z2.example."), out);
      assertTrue(out.contains("added z4.example. serial 4 from " + dir.resolve("z4.example.zone")));
      assertEquals(1, err().lines().filter(l -> l.contains("bad.example.zone")).count(), err());

      // The broken file unchanged: not read nor reported again.
      outBytes.reset();
      rescanTwice(directory);
      assertEquals("", out());
      assertEquals(1, err().lines().filter(l -> l.contains("bad.example.zone")).count(), err());
    }
  }

  /**
   * A served file is found by the origin its name gives, then by its name: a file whose name is not
   * its origin's own text (another letter case, a trailing dot) is followed as well, and another
   * file giving the same origin stays skipped, whatever the rescans see.
   */
  @Test
  void filesAreFollowedByTheirOwnNamesWhateverTheOriginsText() throws Exception {
    Files.writeString(dir.resolve("Mixed.Example.zone"), zone(1, "192.0.2.1"));
    Files.writeString(dir.resolve("dot.example..zone"), zone(1, "192.0.2.2"));
    try (ZoneDirectory directory = directory()) {
      directory.loadAll();
      assertEquals(Set.of(name("mixed.example."), name("dot.example.")), published.zones());
      Files.writeString(dir.resolve("MIXED.example.zone"), zone(5, "192.0.2.5"));
      rescanTwice(directory);
      assertEquals(
          1,
          err()
              .lines()
              .filter(
                  l ->
                      l.contains("MIXED.example.zone")
                          && l.contains("already served from " + dir.resolve("Mixed.Example.zone")))
              .count(),
          err());
      outBytes.reset();

      rescanTwice(directory);
      assertEquals("", out(), "nothing changed, nothing taken up");
      Files.writeString(dir.resolve("Mixed.Example.zone"), zone(2, "192.0.2.11"));
      Files.writeString(dir.resolve("dot.example..zone"), zone(3, "192.0.2.12"));
      rescanTwice(directory);
      String out = out();
      assertTrue(out.contains("published Mixed.Example. serial 2"), out);
      assertTrue(out.contains("published dot.example. serial 3"), out);
      assertEquals(2, published.snapshot(name("mixed.example.")).orElseThrow().serial().value());

      Files.delete(dir.resolve("dot.example..zone"));
      rescanTwice(directory);
      assertEquals(Set.of(name("mixed.example.")), published.zones());
      assertTrue(out().contains("withdrawn dot.example."), out());
      assertEquals(1, directory.servedCount());
    }
  }

  @Test
  void aRescanIsFollowedByThirtySecondsOrAHundredTimesItsDurationAtMostTenMinutes() {
    long second = TimeUnit.SECONDS.toNanos(1);
    assertEquals(30 * second, ZoneDirectory.nanosBetweenRescans(0));
    assertEquals(30 * second, ZoneDirectory.nanosBetweenRescans(300 * 1_000_000L));
    assertEquals(100 * second, ZoneDirectory.nanosBetweenRescans(second));
    assertEquals(250 * second, ZoneDirectory.nanosBetweenRescans(2_500_000_000L));
    assertEquals(600 * second, ZoneDirectory.nanosBetweenRescans(6 * second + 1), "at most 10 min");
    assertEquals(600 * second, ZoneDirectory.nanosBetweenRescans(Long.MAX_VALUE), "no overflow");
    assertEquals(30 * second, ZoneDirectory.nanosBetweenRescans(-1), "a clock that went back");
  }

  @Test
  void aSlowRescanPutsTheNextOffByAHundredTimesItsDurationAndSoDoesTheListingAtStart()
      throws Exception {
    Files.writeString(dir.resolve("z1.example.zone"), zone(1, "192.0.2.1"));
    long second = TimeUnit.SECONDS.toNanos(1);
    // Each reading of the clock is 2 s later: what is timed between two readings took 2 s.
    AtomicLong now = new AtomicLong();
    try (ZoneDirectory directory = directory()) {
      directory.clock(() -> now.addAndGet(2 * second));
      directory.loadAll();
      long afterLoad = directory.nanosUntilRescan();
      assertTrue(afterLoad > 150 * second && afterLoad <= 200 * second, afterLoad / second + " s");

      directory.rescanAtNextPoll();
      directory.poll();

      long until = directory.nanosUntilRescan();
      assertTrue(until > 150 * second && until <= 200 * second, until / second + " s");
      directory.poll();
      assertTrue(directory.nanosUntilRescan() < until, "no rescan at the next poll");
    }
  }
}
