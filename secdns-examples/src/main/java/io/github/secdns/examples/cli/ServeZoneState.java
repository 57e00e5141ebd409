package io.github.secdns.examples.cli;

import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.serial.SerialNumber;
import io.github.secdns.examples.cli.SharedNames.SharedName;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
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
  // zone's name is the map's key.
  private int serial;
  private int publishedAtSecond;
  private boolean published;
  private boolean changed;
  // A zone's clients, and its NOTIFY targets: null (none yet); the one name heard from so far (a
  // SharedName), its last event in the four fields beside it; or a Recent once there are more.
  // The one name's event is held in place, not as an object of its own, and a reference field is
  // written only when it changes: this object lives long, and a young object it points at (an
  // event made per transfer) was copied by every young collection until it grew old, while the
  // collector scanned this object's card at each of them; every reference written, even to an old
  // object, dirties the card for the next collection to scan. A round of transfers of 100,000
  // zones spent 11 ms of each 15 ms pause there (40,000 cards; docs/BENCHMARKS.md, 2026-12-06).
  @Nullable private Object clients;
  @Nullable private String clientWhat;
  private int clientSerial;
  private int clientAtSecond;
  private boolean clientHasSerial;
  @Nullable private Object targets;
  @Nullable private String targetWhat;
  private int targetSerial;
  private int targetAtSecond;
  private boolean targetHasSerial;

  /** A version of the zone is served from now on. */
  synchronized void published(SerialNumber serial, long atSecond) {
    this.serial = (int) serial.value();
    this.publishedAtSecond = (int) atSecond;
    published = true;
    changed = true;
  }

  /** A client's transfer, failure or refusal ({@code serial} {@link #NO_SERIAL} when none). */
  synchronized void client(SharedName client, String what, long serial, long atSecond) {
    // A reference is written only when it changes (see the fields' comment).
    if (clients == null || (clients instanceof SharedName one && one.sameAs(client))) {
      if (clients == null) {
        clients = client;
      }
      if (!what.equals(clientWhat)) {
        clientWhat = what;
      }
      clientSerial = (int) serial;
      clientHasSerial = serial != NO_SERIAL;
      clientAtSecond = (int) atSecond;
    } else {
      Recent recent =
          Recent.put(
              clients, clientEvent(), client, what, serial, atSecond, ServeStatus.MAX_CLIENTS);
      if (clients != recent) {
        clients = recent;
        clientWhat = null;
      }
    }
    changed = true;
  }

  /** A NOTIFY target's outcome. */
  synchronized void notified(SharedName target, String what, long serial, long atSecond) {
    // A reference is written only when it changes (see the fields' comment).
    if (targets == null || (targets instanceof SharedName one && one.sameAs(target))) {
      if (targets == null) {
        targets = target;
      }
      if (!what.equals(targetWhat)) {
        targetWhat = what;
      }
      targetSerial = (int) serial;
      targetHasSerial = serial != NO_SERIAL;
      targetAtSecond = (int) atSecond;
    } else {
      Recent recent =
          Recent.put(
              targets, targetEvent(), target, what, serial, atSecond, ServeStatus.MAX_TARGETS);
      if (targets != recent) {
        targets = recent;
        targetWhat = null;
      }
    }
    changed = true;
  }

  /** The one client's event as an object (when a second client comes), or null. */
  @Nullable
  private Event clientEvent() {
    return clients instanceof SharedName key
        ? new Event(
            key, Objects.requireNonNull(clientWhat), clientHasSerial, clientSerial, clientAtSecond)
        : null;
  }

  /** The one target's event as an object (when a second target comes), or null. */
  @Nullable
  private Event targetEvent() {
    return targets instanceof SharedName key
        ? new Event(
            key, Objects.requireNonNull(targetWhat), targetHasSerial, targetSerial, targetAtSecond)
        : null;
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
        + Recent.text(clients, clientEvent())
        + "; NOTIFY: "
        + Recent.text(targets, targetEvent());
  }

  /**
   * Takes over the status of the zone's previous state (its file came back before the previous one
   * was withdrawn): the zone was served all along.
   */
  void statusFrom(ServeZoneState previous) {
    // Copied under the previous state's lock, then set under this one's: the two are never held
    // together (a status line of one zone may be asked for while the other is read).
    ServeZoneState copy = new ServeZoneState();
    synchronized (previous) {
      copy.copyStatus(previous);
    }
    synchronized (this) {
      copyStatus(copy);
    }
  }

  private void copyStatus(ServeZoneState from) {
    serial = from.serial;
    publishedAtSecond = from.publishedAtSecond;
    published = from.published;
    changed = from.changed;
    clients = from.clients;
    clientWhat = from.clientWhat;
    clientSerial = from.clientSerial;
    clientAtSecond = from.clientAtSecond;
    clientHasSerial = from.clientHasSerial;
    targets = from.targets;
    targetWhat = from.targetWhat;
    targetSerial = from.targetSerial;
    targetAtSecond = from.targetAtSecond;
    targetHasSerial = from.targetHasSerial;
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
   * One client's last transfer event at a zone, or one target's last NOTIFY outcome, once a zone
   * has more than one (see {@link Recent}): what happened (a constant of dnsjava's for a transfer,
   * or a short text), the serial when there is one, and the second (unsigned). Updated in place
   * when the key is heard from again; formatted only when a status line is asked for; the key is
   * the name's one object ({@link SharedNames}).
   */
  private static final class Event {
    private final SharedName key;
    private String what;
    private boolean hasSerial;
    private int serial;
    private int atSecond;

    Event(SharedName key, String what, boolean hasSerial, int serial, int atSecond) {
      this.key = key;
      this.what = what;
      this.hasSerial = hasSerial;
      this.serial = serial;
      this.atSecond = atSecond;
    }

    Event(SharedName key, String what, long serial, long atSecond) {
      this(key, what, serial != NO_SERIAL, (int) serial, (int) atSecond);
    }

    void update(String what, long serial, long atSecond) {
      if (!what.equals(this.what)) {
        this.what = what; // written only when it changes (see the zone's fields)
      }
      this.hasSerial = serial != NO_SERIAL;
      this.serial = (int) serial;
      this.atSecond = (int) atSecond;
    }

    String text() {
      return key
          + " "
          + what
          + (hasSerial ? " serial " + Integer.toUnsignedString(serial) : "")
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
     * Puts an event of a key other than the one a zone holds in place, or of any key once the zone
     * holds a {@code Recent}.
     *
     * @param held what the zone holds: the one key heard from so far, or a {@code Recent}
     * @param one the one key's event as an object, when {@code held} is that key
     * @return the {@code Recent} the zone holds from now on
     */
    static Recent put(
        Object held,
        @Nullable Event one,
        SharedName key,
        String what,
        long serial,
        long atSecond,
        int max) {
      Recent recent;
      if (held instanceof Recent r) {
        recent = r;
      } else {
        recent = new Recent(max);
        recent.add(Objects.requireNonNull(one, "the one key's event"));
      }
      recent.put(key, what, serial, atSecond);
      return recent;
    }

    /**
     * What a zone holds, as a status line shows it: "none", the one key's event, or the events
     * oldest first.
     */
    static String text(@Nullable Object held, @Nullable Event one) {
      if (held instanceof Recent recent) {
        return recent.text();
      }
      return one == null ? "none" : one.text();
    }

    void put(SharedName key, String what, long serial, long atSecond) {
      int at = 0;
      while (at < size && !events[at].key.sameAs(key)) {
        at++;
      }
      if (at < size) {
        // Known key: its event is updated and moves last, the ones after it move up (no
        // reference is written when it is last already: see the zone's fields).
        Event known = events[at];
        known.update(what, serial, atSecond);
        if (at < size - 1) {
          System.arraycopy(events, at + 1, events, at, size - at - 1);
          events[size - 1] = known;
        }
        return;
      }
      add(new Event(key, what, serial, atSecond));
    }

    private void add(Event event) {
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
