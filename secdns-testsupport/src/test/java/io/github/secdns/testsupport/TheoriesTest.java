package io.github.secdns.testsupport;

import static io.github.secdns.testsupport.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A failing property names its seed and the command that replays it; the seed replays it. */
class TheoriesTest {

  /** A replay of the whole run ({@code -DQT_SEED=N}) must not change what these tests see. */
  private final String replaySeed = System.clearProperty(Theories.SEED);

  @AfterEach
  void restoreTheRunsSeed() {
    if (replaySeed == null) {
      System.clearProperty(Theories.SEED);
    } else {
      System.setProperty(Theories.SEED, replaySeed);
    }
  }

  @Test
  void aFailureEndsWithTheSeedAndTheReplayCommand() {
    AssertionError e =
        assertThrows(
            AssertionError.class, () -> qt().forAll(longs().between(0, 1000)).check(v -> v < 500));
    String message = e.getMessage();
    assertTrue(message.contains("Seed was "), message);
    long seed = Long.parseLong(message.replaceAll("(?s).*Seed was (-?\\d+).*", "$1"));
    assertTrue(
        message.contains(
            "Replay: mvn -B verify -pl secdns-testsupport -am"
                + " -Dsurefire.failIfNoSpecifiedTests=false"
                + " -Dtest='TheoriesTest#aFailureEndsWithTheSeedAndTheReplayCommand'"
                + " -DQT_SEED="
                + seed),
        message);
  }

  @Test
  void theSameSeedGeneratesTheSameValues() {
    System.setProperty(Theories.SEED, "42");
    List<Long> first = new ArrayList<>();
    List<Long> second = new ArrayList<>();
    qt().withExamples(50).forAll(longs().all()).checkAssert(first::add);
    qt().withExamples(50).forAll(longs().all()).checkAssert(second::add);
    assertEquals(first, second);
  }

  @Test
  void withoutAFixedSeedEveryTheoryDrawsItsOwn() {
    List<Long> first = new ArrayList<>();
    List<Long> second = new ArrayList<>();
    qt().withExamples(20).forAll(longs().all()).checkAssert(first::add);
    qt().withExamples(20).forAll(longs().all()).checkAssert(second::add);
    assertTrue(!first.equals(second), "two runs drew the same values");
  }
}
