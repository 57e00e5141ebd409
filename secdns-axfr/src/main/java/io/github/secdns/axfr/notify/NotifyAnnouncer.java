package io.github.secdns.axfr.notify;

import io.github.secdns.core.config.NotifyTarget;
import io.github.secdns.core.config.TsigKey;
import java.util.Objects;
import java.util.Optional;
import org.xbill.DNS.Name;
import org.xbill.DNS.SOARecord;

/**
 * Decides, when a {@linkplain NotifySender#notifyInBackground background NOTIFY}'s turn comes, what
 * it announces: a background NOTIFY is queued long before it is sent (a startup fan-out to 100,000
 * zones takes hours at a polite pace), so the zone's current SOA, whether this node still sends
 * NOTIFYs, and whether the target still needs one are only known then.
 *
 * <p>Threading: called on the sender's scheduler thread, one call at a time per sender. {@link
 * #announce} must be fast and must not block (no database call: every change NOTIFY of every target
 * waits behind it); {@link #outcome} must not block either (hand it to your own executor).
 */
public interface NotifyAnnouncer {

  /**
   * Returns what to announce to a target now, or nothing to skip this NOTIFY.
   *
   * @param zone the zone the NOTIFY was queued for
   * @param target the target it was queued for
   * @return the SOA to send and the key to sign with (the key the target names), or empty
   */
  Optional<Announcement> announce(Name zone, NotifyTarget target);

  /**
   * Receives the outcome of a background NOTIFY that was sent (also given to the sender's {@link
   * NotifyListener}). Does nothing by default.
   *
   * @param outcome the outcome
   */
  default void outcome(NotifyOutcome outcome) {}

  /**
   * What a NOTIFY announces.
   *
   * @param soa the zone's SOA, sent as the hint in the answer section
   * @param key the key to sign with, when the target names one
   */
  record Announcement(SOARecord soa, Optional<TsigKey> key) {
    /** Checks for nulls. */
    public Announcement {
      Objects.requireNonNull(soa, "soa");
      Objects.requireNonNull(key, "key");
    }

    @Override
    public String toString() {
      // TsigKey hides its secret; only the key's name is shown here.
      return "Announcement["
          + soa.getName()
          + " serial "
          + soa.getSerial()
          + key.map(k -> ", key " + k.name()).orElse("")
          + "]";
    }
  }
}
