package io.github.secdns.examples.cli;

import static io.github.secdns.testsupport.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.github.secdns.examples.cli.HeapReturnPolicy.Action;
import io.github.secdns.examples.cli.HeapReturnPolicy.Sample;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class HeapReturnPolicyTest {

  private static final long MIB = 1L << 20;
  private static final int QUIET = 3;
  private static final int GIVE_UP = 2;
  private static final long MARGIN = 16 * MIB;

  /** 100 MiB used after the last collection: 20 % free keeps 125 MiB, the margin allows 141. */
  private static final long USED = 100 * MIB;

  private static HeapReturnPolicy policy() {
    return new HeapReturnPolicy(QUIET, GIVE_UP, 20, MARGIN);
  }

  @Test
  void onceABurstIsOverAGrownHeapIsAskedBackOnce() {
    HeapReturnPolicy policy = policy();
    // A burst: a collection at every tick, the heap grown to 300 MiB.
    for (long collections = 1; collections <= 5; collections++) {
      assertEquals(Action.NONE, policy.tick(new Sample(collections, 300 * MIB, USED)));
    }
    // Quiet: asked on the third tick in a row without a collection, not before.
    assertEquals(Action.NONE, policy.tick(new Sample(5, 300 * MIB, USED)));
    assertEquals(Action.NONE, policy.tick(new Sample(5, 300 * MIB, USED)));
    assertEquals(Action.REQUEST, policy.tick(new Sample(5, 300 * MIB, USED)));
    assertEquals(Action.NONE, policy.tick(new Sample(5, 300 * MIB, USED)), "waiting for it");
    assertEquals(Action.END_REQUEST, policy.tick(new Sample(6, 125 * MIB, USED)));
    assertTrue(policy.returned(), "the collection ran");
    // Idle from then on: never asked again, however long.
    asksNothing(policy, new Sample(6, 125 * MIB, USED), 100);
  }

  @Test
  void aHeapWithinWhatTheJvmKeepsIsLeftAlone() {
    HeapReturnPolicy policy = policy();
    policy.tick(new Sample(1, 141 * MIB, USED)); // exactly 125 + 16 MiB: not more than kept
    asksNothing(policy, new Sample(1, 141 * MIB, USED), 20);
    HeapReturnPolicy grown = policy();
    grown.tick(new Sample(1, 141 * MIB + 1, USED));
    grown.tick(new Sample(1, 141 * MIB + 1, USED));
    grown.tick(new Sample(1, 141 * MIB + 1, USED));
    assertEquals(Action.REQUEST, grown.tick(new Sample(1, 141 * MIB + 1, USED)), "one octet more");
  }

  /**
   * A heap that did not shrink (a user's larger MaxHeapFreeRatio, a collection that found little)
   * is not asked again while idle, nor after new work that left it where it was: only new work that
   * grew it beyond that allows another request.
   */
  @Test
  void afterARequestOnlyNewWorkThatGrewTheHeapAllowsAnother() {
    HeapReturnPolicy policy = afterOneReturn(300 * MIB, USED);
    asksNothing(policy, new Sample(2, 300 * MIB, USED), 50);
    assertEquals(Action.NONE, policy.tick(new Sample(3, 300 * MIB, USED)), "new work");
    asksNothing(policy, new Sample(3, 300 * MIB, USED), 50);
    long grown = 300 * MIB + MARGIN + 1;
    assertEquals(Action.NONE, policy.tick(new Sample(4, grown, USED)), "more work");
    quietUntilRequest(policy, new Sample(4, grown, USED));
  }

  /**
   * As traced in an idle serve of 100,000 zones: the return left 172 MiB around 122 used (G1 sized
   * the heap from the used part at the end of its marking, 138), a little more than 122 plus 20 %
   * and the margin; the next rescan's collection ends with the heap where it was. Not asked again
   * for that (it would mark every zone and give nothing back), but for a heap grown beyond it.
   */
  @Test
  void aHeapWhereTheLastReturnLeftItIsNotAskedAgain() {
    long used = 122 * MIB;
    HeapReturnPolicy policy = afterOneReturn(192 * MIB, used);
    assertEquals(Action.NONE, policy.tick(new Sample(2, 172 * MIB, used)), "shrunk at its remark");
    // A rescan: new work, then quiet, the heap where the return left it.
    assertEquals(Action.NONE, policy.tick(new Sample(4, 172 * MIB, used)));
    asksNothing(policy, new Sample(4, 172 * MIB, used), 20);
    // A burst that grew the heap beyond that and the margin is given back.
    assertEquals(Action.NONE, policy.tick(new Sample(9, 172 * MIB + MARGIN + 1, used)));
    quietUntilRequest(policy, new Sample(9, 172 * MIB + MARGIN + 1, used));
  }

  @Test
  void aCollectionThatDoesNotComeIsGivenUpAndNotAskedAgainWhileIdle() {
    HeapReturnPolicy policy = policy();
    policy.tick(new Sample(1, 300 * MIB, USED));
    quietUntilRequest(policy, new Sample(1, 300 * MIB, USED));
    assertEquals(Action.NONE, policy.tick(new Sample(1, 300 * MIB, USED)));
    assertEquals(Action.END_REQUEST, policy.tick(new Sample(1, 300 * MIB, USED)), "given up");
    assertFalse(policy.returned(), "no collection ran");
    asksNothing(policy, new Sample(1, 300 * MIB, USED), 50);
  }

  /**
   * The heap is being given back from the request until it shrank below its size then: over the
   * tick the collection is counted at when the marking is still under way, and no longer once the
   * heap is smaller.
   */
  @Test
  void theHeapIsGivenBackFromTheRequestUntilItShrank() {
    HeapReturnPolicy policy = policy();
    policy.tick(new Sample(1, 300 * MIB, USED));
    assertFalse(policy.givingBack(), "working");
    quietUntilRequest(policy, new Sample(1, 300 * MIB, USED));
    assertTrue(policy.givingBack(), "asked");
    assertEquals(Action.END_REQUEST, policy.tick(new Sample(2, 300 * MIB, USED)), "collected");
    assertTrue(policy.givingBack(), "its marking still under way");
    assertEquals(Action.NONE, policy.tick(new Sample(2, 300 * MIB, USED)));
    assertTrue(policy.givingBack());
    assertEquals(Action.NONE, policy.tick(new Sample(2, 111 * MIB, USED)), "shrunk");
    assertFalse(policy.givingBack());
    // A collection counted once the heap had already shrunk ends it at once.
    HeapReturnPolicy quick = policy();
    quick.tick(new Sample(1, 300 * MIB, USED));
    quietUntilRequest(quick, new Sample(1, 300 * MIB, USED));
    assertEquals(Action.END_REQUEST, quick.tick(new Sample(2, 111 * MIB, USED)));
    assertFalse(quick.givingBack());
  }

  /**
   * A heap that does not shrink after the collection ran is given back for {@code GIVE_UP} ticks,
   * no longer; when no collection comes, not after the request ends.
   */
  @Test
  void givingBackEndsAfterTheWaitOrWithoutACollection() {
    HeapReturnPolicy policy = afterOneReturn(300 * MIB, USED);
    assertTrue(policy.givingBack());
    for (int tick = 1; tick < GIVE_UP; tick++) {
      policy.tick(new Sample(2, 300 * MIB, USED));
      assertTrue(policy.givingBack(), "tick " + tick);
    }
    policy.tick(new Sample(2, 300 * MIB, USED));
    assertFalse(policy.givingBack(), "given up");
    HeapReturnPolicy none = policy();
    none.tick(new Sample(1, 300 * MIB, USED));
    quietUntilRequest(none, new Sample(1, 300 * MIB, USED));
    assertEquals(Action.NONE, none.tick(new Sample(1, 300 * MIB, USED)));
    assertTrue(none.givingBack(), "still asking");
    assertEquals(Action.END_REQUEST, none.tick(new Sample(1, 300 * MIB, USED)), "given up");
    assertFalse(none.givingBack(), "no collection came");
  }

  @Test
  void settingsOutsideTheirRangeAreRefusedByName() {
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> new HeapReturnPolicy(0, 1, 20, 0))
            .getMessage()
            .contains("quiet 0"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> new HeapReturnPolicy(1, 1, 100, 0))
            .getMessage()
            .contains("100"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> new HeapReturnPolicy(1, 1, 20, -1))
            .getMessage()
            .contains("-1"));
  }

  /**
   * Over any run of samples: requests and their ends alternate; a request comes only after {@code
   * QUIET} ticks in a row without a collection and with the heap more than the margin above both
   * what the JVM keeps and the smallest heap since the last collection asked for ran; and after a
   * request ends, the next one needs a collection in between that was not asked for (at most one
   * collection asked for per burst of work).
   */
  @Test
  void requestsAreRareAndOnlyForAGrownHeapAfterQuiet() {
    Gen<Sample> steps =
        integers()
            .between(0, 2)
            .zip(
                integers().between(50, 400),
                integers().between(20, 200),
                (collected, committed, used) -> new Sample(collected, committed * MIB, used * MIB));
    qt().forAll(lists().of(steps).ofSizeBetween(1, 80))
        .checkAssert(
            deltas -> {
              HeapReturnPolicy policy = policy();
              List<Sample> seen = new ArrayList<>();
              long collections = 0;
              boolean requesting = false;
              long collectionsAtLastEnd = -1;
              boolean workSinceLastEnd = true;
              long smallest = 0;
              boolean givingBackBefore = false;
              for (Sample delta : deltas) {
                collections += delta.collections();
                Sample sample =
                    new Sample(
                        collections, delta.committedBytes(), delta.usedAfterLastCollectionBytes());
                if (!requesting && collections != collectionsAtLastEnd) {
                  workSinceLastEnd = true;
                }
                if (!requesting && smallest > 0) {
                  smallest = Math.min(smallest, sample.committedBytes());
                }
                seen.add(sample);
                Action action = policy.tick(sample);
                if (action == Action.REQUEST || (requesting && action == Action.NONE)) {
                  assertTrue(policy.givingBack(), "not giving back while asking: " + seen);
                } else if (action == Action.NONE && !givingBackBefore) {
                  assertFalse(policy.givingBack(), "giving back without a request: " + seen);
                }
                givingBackBefore = policy.givingBack();
                switch (action) {
                  case REQUEST -> {
                    assertFalse(requesting, "a second request before the first ended");
                    assertTrue(workSinceLastEnd, "asked twice without new work: " + seen);
                    assertTrue(
                        sample.committedBytes()
                            > sample.usedAfterLastCollectionBytes() / 80 * 100 + MARGIN,
                        "asked for a heap within what is kept: " + sample);
                    assertTrue(
                        sample.committedBytes() > smallest + MARGIN,
                        "asked for a heap within where the last return left it: " + seen);
                    assertTrue(seen.size() > QUIET, "asked before any quiet: " + seen);
                    for (Sample before : seen.subList(seen.size() - 1 - QUIET, seen.size())) {
                      assertEquals(
                          collections, before.collections(), "asked without quiet: " + seen);
                    }
                    requesting = true;
                  }
                  case END_REQUEST -> {
                    assertTrue(requesting, "an end without a request");
                    requesting = false;
                    if (policy.returned()) {
                      smallest = sample.committedBytes();
                    }
                    collectionsAtLastEnd = collections;
                    workSinceLastEnd = false;
                  }
                  case NONE -> {}
                }
              }
            });
  }

  /**
   * A policy that saw a burst end at {@code committed} (collections 1), asked for a collection and
   * saw it run (collections 2).
   */
  private static HeapReturnPolicy afterOneReturn(long committed, long used) {
    HeapReturnPolicy policy = policy();
    policy.tick(new Sample(1, committed, used));
    quietUntilRequest(policy, new Sample(1, committed, used));
    assertEquals(Action.END_REQUEST, policy.tick(new Sample(2, committed, used)), "ran");
    return policy;
  }

  private static void asksNothing(HeapReturnPolicy policy, Sample sample, int ticks) {
    for (int tick = 0; tick < ticks; tick++) {
      assertEquals(Action.NONE, policy.tick(sample), "tick " + tick + " of " + sample);
    }
  }

  private static void quietUntilRequest(HeapReturnPolicy policy, Sample quiet) {
    for (int tick = 1; tick < QUIET; tick++) {
      assertEquals(Action.NONE, policy.tick(quiet), "quiet tick " + tick);
    }
    assertEquals(Action.REQUEST, policy.tick(quiet));
  }
}
