package io.github.secdns.examples.cli;

import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.serial.SerialNumber;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import javax.annotation.Nullable;
import org.xbill.DNS.Name;

/**
 * What {@code serve} keeps for a zone it answers for, under the zone's name in {@link ServeZones}:
 * the configuration the responder reads, and the zone's status (the serial served and since when,
 * each client's last transfer, each NOTIFY target's last outcome). A zone read from a file is a
 * {@link ServedZone}, which extends this: one object and one map entry per zone of 100,000, where
 * the configuration, the status and the directory's file each had an object and a map of their own
 * (about 90 octets a zone more).
 *
 * <p>Thread-safe: the configuration is set before the zone is put into {@link ServeZones} and read
 * by the responder's threads after they found it there (the map's put and get order the two); the
 * status methods hold this object's lock (nothing else of {@code serve} locks on it).
 */
sealed class ServeZoneState permits ServedZone {

  /** A status event without a serial (a refusal, a failure). */
  static final long NO_SERIAL = -1;

  @Nullable private SecondaryDnsConfiguration responderConfiguration;

  // The status, kept small: 100,000 zones, most never transferred nor notified. The serial and its
  // time are 32-bit fields (an SOA serial is 32 bits; the second unsigned, good until 2106), the
  // zone's name is the map's key, and a zone's clients (and NOTIFY targets) are one Event while
  // there is one, a Recent only once there are more: 20 octets a zone, and 32 more for its one
  // client's last transfer (144 when each zone held its own list for a single event).
  private int serial;
  private int publishedAtSecond;
  private boolean published;
  private boolean changed;
  // null, one Event, or a Recent of them
  @Nullable private Object clients;
  @Nullable private Object targets;

  /** A version of the zone is served from now on. */
  synchronized void published(SerialNumber serial, long atSecond) {
    this.serial = (int) serial.value();
    this.publishedAtSecond = (int) atSecond;
    published = true;
    changed = true;
  }

  /** A client's transfer, failure or refusal ({@code serial} {@link #NO_SERIAL} when none). */
  synchronized void client(String client, String what, long serial, long atSecond) {
    clients =
        Recent.put(
            clients, new Event(client, what, serial, (int) atSecond), ServeStatus.MAX_CLIENTS);
    changed = true;
  }

  /** A NOTIFY target's outcome. */
  synchronized void notified(String target, String what, long serial, long atSecond) {
    targets =
        Recent.put(
            targets, new Event(target, what, serial, (int) atSecond), ServeStatus.MAX_TARGETS);
    changed = true;
  }

  /** Whether the status changed since the last call (and now it has not). */
  synchronized boolean takeChanged() {
    boolean was = changed;
    changed = false;
    return was;
  }

  /** The zone's status line. */
  synchronized String line(Name zone) {
    return "status "
        + zone
        + " serial "
        + (published
            ? Integer.toUnsignedString(serial)
                + " since "
                + Instant.ofEpochSecond(Integer.toUnsignedLong(publishedAtSecond))
            : "-")
        + "; last transfer: "
        + Recent.text(clients)
        + "; NOTIFY: "
        + Recent.text(targets);
  }

  /**
   * Takes over the status of the zone's previous state (its file came back before the previous one
   * was withdrawn): the zone was served all along.
   */
  void statusFrom(ServeZoneState previous) {
    int serial;
    int publishedAtSecond;
    boolean published;
    boolean changed;
    Object clients;
    Object targets;
    synchronized (previous) {
      serial = previous.serial;
      publishedAtSecond = previous.publishedAtSecond;
      published = previous.published;
      changed = previous.changed;
      clients = previous.clients;
      targets = previous.targets;
    }
    synchronized (this) {
      this.serial = serial;
      this.publishedAtSecond = publishedAtSecond;
      this.published = published;
      this.changed = changed;
      this.clients = clients;
      this.targets = targets;
    }
  }

  /**
   * Sets the configuration the responder reads for this zone; called before the zone is put into
   * {@link ServeZones}.
   */
  void serving(SecondaryDnsConfiguration configuration) {
    this.responderConfiguration = configuration;
  }

  /** The configuration the responder reads; empty until {@link #serving} was called. */
  Optional<SecondaryDnsConfiguration> responderConfiguration() {
    return Optional.ofNullable(responderConfiguration);
  }

  /**
   * One client's last transfer event at a zone, or one target's last NOTIFY outcome: what happened
   * (a constant of dnsjava's for a transfer, or a short text), the serial when there is one, and
   * the second (unsigned). Formatted only when a status line is asked for; the key is a shared copy
   * (see {@code shared}).
   */
  private record Event(String key, String what, long serial, int atSecond) {
    String text() {
      return key
          + " "
          + what
          + (serial == NO_SERIAL ? "" : " serial " + serial)
          + " at "
          + Instant.ofEpochSecond(Integer.toUnsignedLong(atSecond));
    }
  }

  /**
   * The most recently updated events, one per key, at most {@code max}; older ones are dropped and
   * counted. An array in order of the latest update (a zone has one to three secondaries): one
   * object and the events, where a map with its table, entries and formatted strings held about 300
   * octets a zone once transferred.
   */
  private static final class Recent {
    private final int max;
    private Event[] events = new Event[2];
    private int size;
    private long dropped;

    Recent(int max) {
      this.max = max;
    }

    /**
     * Puts an event where a zone keeps its events: null (none yet), one event, or a {@code Recent},
     * made only when a second key comes.
     *
     * @return what the zone keeps from now on
     */
    static Object put(@Nullable Object held, Event event, int max) {
      if (held == null) {
        return event;
      }
      if (held instanceof Event only) {
        if (only.key().equals(event.key())) {
          return event;
        }
        Recent recent = new Recent(max);
        recent.put(only);
        recent.put(event);
        return recent;
      }
      ((Recent) held).put(event);
      return held;
    }

    /** What {@link #put} kept, as a status line shows it: "none", or the events oldest first. */
    static String text(@Nullable Object held) {
      if (held == null) {
        return "none";
      }
      return held instanceof Event only ? only.text() : ((Recent) held).text();
    }

    void put(Event event) {
      int at = 0;
      while (at < size && !events[at].key().equals(event.key())) {
        at++;
      }
      if (at < size) {
        // Known key: its old event leaves, the ones after it move up, the new one goes last.
        System.arraycopy(events, at + 1, events, at, size - at - 1);
        events[size - 1] = event;
        return;
      }
      if (size == max) {
        System.arraycopy(events, 1, events, 0, size - 1); // the least recently updated goes
        events[size - 1] = event;
        dropped++;
        return;
      }
      if (size == events.length) {
        events = Arrays.copyOf(events, Math.min(max, size * 2));
      }
      events[size++] = event;
    }

    /** The events, oldest first; never empty (a {@code Recent} exists once one was put). */
    String text() {
      StringBuilder shown = new StringBuilder();
      for (int i = 0; i < size; i++) {
        shown.append(i == 0 ? "" : ", ").append(events[i].text());
      }
      return shown + (dropped > 0 ? " (+" + dropped + " older not kept)" : "");
    }
  }
}
