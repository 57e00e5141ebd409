package io.github.secdns.examples.cli;

/**
 * Decides when {@code serve} asks the JVM for one collection that gives the heap back: once a burst
 * of work (transfers, a reload) has ended, the heap it grew is still committed, and nothing would
 * shrink it for good (G1 shrinks its heap only at the end of a concurrent cycle or a full
 * collection, and starts neither while the process is idle).
 *
 * <p>The policy sees one {@link Sample} per tick and answers with an {@link Action}. It asks for a
 * collection when the collectors have been quiet for {@code quietTicks} ticks in a row (the burst
 * is over) and the committed heap is more than a margin above both what the JVM would keep (the
 * used part after the last collection plus the free share, {@code MaxHeapFreeRatio}) and the
 * smallest heap seen since the last collection it asked for ran. The second bound is what G1
 * actually shrank to: it sizes the heap from the used part at the end of its marking, which holds
 * what was allocated meanwhile, so a heap already given back can stay a little above the first
 * bound, and asking again would mark every object for nothing. It asks at most once per burst:
 * after the collection it asked for (or after {@code giveUpTicks} ticks without one) it asks again
 * only once a collection it did not ask for has run, so an idle process is never marked over and
 * over. Pure: no clock, no JVM; the caller applies the actions.
 *
 * <p>It also says when the heap is being given back ({@link #givingBack()}): from a request until
 * the heap has shrunk below its size at the request (G1 shrinks it at the end of the cycle's
 * marking, a moment after the collection counted), or {@code giveUpTicks} ticks after the
 * collection ran without that, or at once when no collection came. A caller that lets G1 keep less
 * free while giving back than while working ({@code serve} does: {@link HeapReturn}) holds the
 * smaller share for exactly that time.
 *
 * <p>Not thread-safe: one thread ticks it.
 */
final class HeapReturnPolicy {

  /** What the caller does after a tick. */
  enum Action {
    /** Nothing to do. */
    NONE,
    /** Ask the JVM for one collection now. */
    REQUEST,
    /**
     * Stop asking: the collection asked for has run ({@link #returned()} tells whether it did) or
     * will not come.
     */
    END_REQUEST
  }

  /**
   * What the JVM reports at a tick.
   *
   * @param collections how many collections every collector ran so far
   * @param committedBytes the heap committed now
   * @param usedAfterLastCollectionBytes the heap used right after the latest collection
   */
  record Sample(long collections, long committedBytes, long usedAfterLastCollectionBytes) {}

  private final int quietTicks;
  private final int giveUpTicks;
  private final int maxFreePercent;
  private final long marginBytes;

  private long lastCollections = -1;
  private int quietFor;
  private boolean requesting;
  private long collectionsAtRequest;
  private int requestingFor;
  private boolean returned;
  private long spentAtCollections = -1;
  private long smallestSinceReturn; // 0 until a collection asked for has run
  private boolean givingBack;
  private long committedAtRequest;
  private int givingBackFor;

  /**
   * @param quietTicks ticks in a row without a collection before the burst counts as over
   * @param giveUpTicks ticks to wait for the collection asked for before giving up
   * @param maxFreePercent the share of the heap the JVM keeps free after shrinking (its {@code
   *     MaxHeapFreeRatio}), 0 to 99
   * @param marginBytes how much more than that the committed heap must be before asking
   * @throws IllegalArgumentException if a tick count is below 1, the share outside 0-99 or the
   *     margin negative
   */
  HeapReturnPolicy(int quietTicks, int giveUpTicks, int maxFreePercent, long marginBytes) {
    if (quietTicks < 1 || giveUpTicks < 1) {
      throw new IllegalArgumentException(
          "tick counts must be at least 1: quiet " + quietTicks + ", give up " + giveUpTicks);
    }
    if (maxFreePercent < 0 || maxFreePercent > 99) {
      throw new IllegalArgumentException("free share must be 0-99 %: " + maxFreePercent);
    }
    if (marginBytes < 0) {
      throw new IllegalArgumentException("margin must not be negative: " + marginBytes);
    }
    this.quietTicks = quietTicks;
    this.giveUpTicks = giveUpTicks;
    this.maxFreePercent = maxFreePercent;
    this.marginBytes = marginBytes;
  }

  /** Takes one tick's sample and says what to do. */
  Action tick(Sample sample) {
    if (requesting) {
      boolean collected = sample.collections() != collectionsAtRequest;
      if (collected || ++requestingFor >= giveUpTicks) {
        requesting = false;
        returned = collected;
        if (collected) {
          smallestSinceReturn = sample.committedBytes(); // lowered below once the heap shrinks
        }
        // Given back until the heap shrank: the marking may still be under way.
        givingBack = collected && sample.committedBytes() >= committedAtRequest;
        givingBackFor = 0;
        // Spent until a collection nobody asked for shows new work: never asked twice in a row.
        spentAtCollections = sample.collections();
        lastCollections = sample.collections();
        quietFor = 0;
        return Action.END_REQUEST;
      }
      return Action.NONE;
    }
    if (smallestSinceReturn > 0) {
      smallestSinceReturn = Math.min(smallestSinceReturn, sample.committedBytes());
    }
    if (givingBack
        && (sample.committedBytes() < committedAtRequest || ++givingBackFor >= giveUpTicks)) {
      givingBack = false;
    }
    if (sample.collections() != lastCollections) {
      lastCollections = sample.collections();
      quietFor = 0;
      return Action.NONE;
    }
    if (++quietFor < quietTicks
        || sample.collections() == spentAtCollections
        || !moreCommittedThanKept(sample)) {
      return Action.NONE;
    }
    requesting = true;
    collectionsAtRequest = sample.collections();
    requestingFor = 0;
    givingBack = true;
    committedAtRequest = sample.committedBytes();
    return Action.REQUEST;
  }

  /**
   * Whether the heap is being given back now: from a {@link Action#REQUEST} until the heap shrank
   * below its size then, or {@code giveUpTicks} ticks after the collection ran, or at the {@link
   * Action#END_REQUEST} when none ran.
   */
  boolean givingBack() {
    return givingBack;
  }

  /** Whether the last request ended with a collection (the JVM then shrank its heap). */
  boolean returned() {
    return returned;
  }

  /**
   * Whether the heap holds more than the margin above what the JVM would keep after shrinking (the
   * used part plus {@code MaxHeapFreeRatio} of the heap) and above the smallest heap since the last
   * return.
   */
  private boolean moreCommittedThanKept(Sample sample) {
    // used / (1 - free) in integers: the heap size at which the free share is exactly the ratio.
    long kept = sample.usedAfterLastCollectionBytes() / (100 - maxFreePercent) * 100;
    return sample.committedBytes() - Math.max(kept, smallestSinceReturn) > marginBytes;
  }
}
