package io.github.secdns.examples.cli;

import io.github.secdns.axfr.AxfrResponder;
import io.github.secdns.axfr.NotifyLeadership;
import io.github.secdns.axfr.StartupNotify;
import io.github.secdns.axfr.notify.NotifyAcknowledgements;
import io.github.secdns.core.config.NotifyTarget;
import io.github.secdns.core.serial.SerialNumber;
import io.github.secdns.jdbc.JdbcNotifyAcknowledgements;
import io.github.secdns.jdbc.LeaderLease;
import io.github.secdns.jdbc.LeadershipListener;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import javax.annotation.Nullable;
import org.xbill.DNS.Name;

/**
 * The NOTIFY duty of the nodes that serve one database ({@code serve --db}, {@code host serve}):
 * exactly one of them sends the NOTIFYs, the holder of the database's {@code notify} lease, so that
 * several primaries on one database notify each change once. Every acknowledgement any node
 * receives is recorded in the database, and a node at start, or taking the duty over, notifies only
 * where a target has not acknowledged the zone's current serial.
 *
 * <p>Thread-safe: the lease is set once by {@link #start}, the election's word by the lease's
 * thread, and both are read by the responder's threads.
 */
final class NotifyDuty implements AutoCloseable {

  /** How long the lease lasts without renewal: the longest takeover after a node dies. */
  static final Duration LEASE = Duration.ofSeconds(10);

  private final Database database;
  private final JdbcNotifyAcknowledgements acknowledgements;
  private final String node;
  @Nullable private volatile LeaderLease lease;

  // What the election said last: the lease's worker may elect this node before start() has the
  // lease to ask (its first round runs as the lease is made), and the NOTIFYs the election queues
  // must not be skipped in that window.
  private volatile boolean elected;

  /**
   * @param database the database the nodes share
   * @param role what this node runs ({@code serve}, {@code host-serve}), for the lease's holder
   */
  NotifyDuty(Database database, String role) {
    this.database = database;
    this.acknowledgements = database.acknowledgements();
    this.node = role + "-" + ProcessHandle.current().pid();
  }

  /**
   * Whether this node sends the NOTIFYs now: while it holds the lease (its deadline, once start()
   * has the lease; the election's word before that).
   */
  NotifyLeadership leadership() {
    return zone -> {
      LeaderLease held = lease;
      return elected && (held == null || held.isLeader());
    };
  }

  /**
   * At start, and when this node takes the duty over, a NOTIFY only where a target has not
   * acknowledged the zone's current serial, as the database says.
   */
  StartupNotify startupNotify() {
    return StartupNotify.unacknowledged(
        new NotifyAcknowledgements() {
          @Override
          public Optional<SerialNumber> acknowledged(Name zone, NotifyTarget target) {
            return acknowledgements.acknowledged(zone, target);
          }

          @Override
          public void acknowledge(Name zone, NotifyTarget target, SerialNumber serial) {
            acknowledgements.acknowledge(zone, target, serial);
          }
        });
  }

  /**
   * Takes part in the election (a lease in the database, {@link #LEASE}: a node that dies is
   * replaced within about 13 s). Elected, this node queues a NOTIFY for every zone a target has not
   * acknowledged; each change of the lease is a line on {@code out}.
   */
  void start(AxfrResponder responder, PrintStream out) {
    lease = database.store().leaderLease("notify", node, LEASE, listener(responder, out));
  }

  /** What the election tells this node: it sends the NOTIFYs from now on, or no longer. */
  LeadershipListener listener(AxfrResponder responder, PrintStream out) {
    return new LeadershipListener() {
      @Override
      public void elected(long term) {
        elected = true;
        out.println("this node sends the NOTIFYs now (lease term " + term + ")");
        try {
          responder.queueNotifiesForAllZones();
        } catch (IllegalStateException e) {
          // closing, or no NOTIFY sender: nothing to catch up on
        }
      }

      @Override
      public void lost() {
        elected = false;
        out.println("this node no longer sends the NOTIFYs");
      }
    };
  }

  /** Gives the lease up at once, so that another node takes the duty over without waiting. */
  @Override
  public void close() {
    LeaderLease held = lease;
    if (held != null) {
      held.close();
    }
  }
}
