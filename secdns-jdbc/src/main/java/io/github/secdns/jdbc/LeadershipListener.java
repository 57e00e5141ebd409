package io.github.secdns.jdbc;

/**
 * Hears when a {@link LeaderLease} makes this node the leader and when it stops being one.
 *
 * <p>Called on the lease's thread, one call at a time, alternating: {@code elected}, {@code lost},
 * {@code elected}, ... A listener returns quickly. Decisions that must be exact ask {@link
 * LeaderLease#isLeader()} at the moment they act: it turns false on time even when the lease's
 * thread is late.
 */
public interface LeadershipListener {

  /**
   * This node holds the lease now.
   *
   * @param term the lease's term, greater than every earlier holder's (a fencing token)
   */
  default void elected(long term) {}

  /**
   * This node does not hold the lease any more: it could not renew it in time (database gone,
   * another node took over) or it was closed. A renewal that came only after the lease had lapsed
   * is heard as {@code lost} and at once {@code elected} again: while it had lapsed, {@link
   * LeaderLease#isLeader()} said false and the duty was skipped.
   */
  default void lost() {}
}
