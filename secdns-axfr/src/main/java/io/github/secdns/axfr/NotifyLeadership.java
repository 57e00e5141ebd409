package io.github.secdns.axfr;

import org.xbill.DNS.Name;

/**
 * Says whether this node sends the NOTIFYs of a zone. Where several responder nodes serve the same
 * zones (from one database, for example), exactly one of them should notify the secondaries of each
 * change: the host keeps that choice (a lease in the database, say) and answers here.
 *
 * <p>The responder asks at send time, so leadership can move while it runs: right before it hands a
 * change NOTIFY to the sender, and when a queued startup NOTIFY's turn comes. A NOTIFY already sent
 * finishes its retries. A node that takes the duty over can catch up with {@link
 * AxfrResponder#queueNotifiesForAllZones()}.
 *
 * <p>Threading: called on the responder's and the NOTIFY sender's background threads; must be
 * thread-safe, fast and must not block (keep the lease state in memory).
 */
@FunctionalInterface
public interface NotifyLeadership {

  /** Every zone's NOTIFYs are sent by this node (the default: a single node). */
  NotifyLeadership ALWAYS = zone -> true;

  /**
   * Tells whether this node sends the NOTIFYs of a zone now.
   *
   * @param zone the zone's origin
   * @return true when this node should send them
   */
  boolean sendsNotify(Name zone);
}
