package io.github.secdns.examples.cli;

import io.github.secdns.axfr.TransferFailure;
import io.github.secdns.axfr.TransferListener;
import io.github.secdns.axfr.TransferRefusal;
import io.github.secdns.axfr.TransferStats;
import io.github.secdns.axfr.notify.NotifyOutcome;
import io.github.secdns.core.config.AddressPrefix;
import io.github.secdns.core.serial.SerialNumber;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.annotation.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * What {@code serve} knows about each zone, for the status lines an operator asks for: the serial
 * served and since when, the last transfer (or refusal, or failure) per client address, and the
 * last NOTIFY outcome per target. Fed from the responder's {@link TransferListener} and NOTIFY
 * listener events and from the zone watcher's publishes; nothing is asked of the responder.
 *
 * <p>Bounded: per zone at most {@value #MAX_CLIENTS} clients and {@value #MAX_TARGETS} NOTIFY
 * targets are kept (the least recently seen are dropped and counted). A periodic status prints a
 * summary line and only the zones that changed since the previous one, at most {@value
 * #MAX_ZONE_LINES} of them; the on-demand status prints every zone up to that bound.
 *
 * <p>Thread-safe: the responder's I/O thread, the NOTIFY sender's threads, the watcher and the
 * standard-input reader call it concurrently; each zone's state is guarded by its own lock, and the
 * listener methods only update a few fields.
 */
final class ServeStatus {

  static final int MAX_CLIENTS = 8;
  static final int MAX_TARGETS = 8;
  static final int MAX_ZONE_LINES = 1000;
  static final int MAX_SHARED_NAMES = 1024;

  private static final Comparator<Map.Entry<Name, ZoneStatus>> BY_ZONE = Map.Entry.comparingByKey();

  private final Clock clock;
  // Concurrent (zones come and go with --zone-dir) and unsorted: the lines shown are put in DNS
  // canonical order when asked for (at most MAX_ZONE_LINES of them), not kept sorted at every
  // change (a sorted map compared names at each of 100,000 zones' start and serial).
  private final ConcurrentHashMap<Name, ZoneStatus> zones = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, String> sharedNames = new ConcurrentHashMap<>();
  private final AtomicLong transfers = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong refusals = new AtomicLong();
  private final AtomicLong notifications = new AtomicLong();
  private final AtomicLong notifyProblems = new AtomicLong();

  /**
   * @param clock the time events are stamped with
   * @param served the zones served; events about other zones are only counted
   */
  ServeStatus(Clock clock, List<Name> served) {
    this.clock = clock;
    served.forEach(this::added);
  }

  /** A zone is served from now on (a file added to the zone directory); no-op when it is. */
  void added(Name zone) {
    zones.putIfAbsent(zone, new ZoneStatus());
  }

  /** A zone is no longer served: its state is forgotten. */
  void removed(Name zone) {
    zones.remove(zone);
  }

  /** A version of the zone is being served from now on. */
  void published(Name zone, SerialNumber serial) {
    ZoneStatus z = zones.get(zone);
    if (z != null) {
      z.published(serial, now());
    }
  }

  /** The listener the responder reports transfers and refusals to. */
  TransferListener listener() {
    return new TransferListener() {
      @Override
      public void completed(TransferStats s) {
        transfers.incrementAndGet();
        // The type's name is one of dnsjava's constants, the serial a number: nothing is
        // formatted per transfer, only when a status line is asked for.
        client(
            s.request().zone(),
            s.request().client().getAddress(),
            Type.string(s.request().qtype()),
            s.serial().value());
      }

      @Override
      public void failed(TransferFailure f) {
        failures.incrementAndGet();
        client(
            f.soFar().request().zone(),
            f.soFar().request().client().getAddress(),
            Type.string(f.soFar().request().qtype()) + " failed (" + f.reason() + ")",
            Event.NO_SERIAL);
      }

      @Override
      public void refused(TransferRefusal r) {
        refusals.incrementAndGet();
        r.qname()
            .ifPresent(
                zone ->
                    client(
                        zone,
                        r.client().getAddress(),
                        (r.qtype().isPresent() ? Type.string(r.qtype().getAsInt()) + " " : "")
                            + "refused ("
                            + r.rcodeName()
                            + ")",
                        Event.NO_SERIAL));
      }
    };
  }

  /** A NOTIFY outcome from the responder's sender. */
  void notified(NotifyOutcome outcome) {
    notifications.incrementAndGet();
    String what;
    if (outcome instanceof NotifyOutcome.Acknowledged a) {
      what =
          "acknowledged" + (a.rcode() == Rcode.NOERROR ? "" : " (" + Rcode.string(a.rcode()) + ")");
    } else if (outcome instanceof NotifyOutcome.Rejected r) {
      notifyProblems.incrementAndGet();
      what = "rejected (" + Rcode.string(r.rcode()) + ")";
    } else if (outcome instanceof NotifyOutcome.Unanswered u) {
      notifyProblems.incrementAndGet();
      what = "unanswered after " + u.attempts() + " tries";
    } else {
      what = "superseded by a newer serial";
    }
    ZoneStatus z = zones.get(outcome.zone());
    if (z != null) {
      z.notified(shared(outcome.target().toString()), what, outcome.serial().value(), now());
    }
  }

  /**
   * The periodic status: a summary line, then only the zones that changed since the previous
   * periodic status (bounded).
   */
  List<String> periodic() {
    List<Map.Entry<Name, ZoneStatus>> changed = new ArrayList<>();
    for (Map.Entry<Name, ZoneStatus> z : zones.entrySet()) {
      if (z.getValue().takeChanged()) {
        changed.add(z);
      }
    }
    List<String> lines = new ArrayList<>();
    lines.add(summary(changed.size() + " changed since the last status line"));
    lines.addAll(zoneLines(changed));
    return lines;
  }

  /** The on-demand status: a summary line and every zone (bounded). */
  List<String> all() {
    List<String> lines = new ArrayList<>();
    lines.add(summary(""));
    lines.addAll(zoneLines(zones.entrySet()));
    return lines;
  }

  /** The status line of one zone, if it is served. */
  Optional<String> zone(Name zone) {
    return Optional.ofNullable(zones.get(zone)).map(z -> z.line(zone));
  }

  /** The lines of the first zones in DNS canonical order, at most MAX_ZONE_LINES, then a count. */
  private static List<String> zoneLines(Collection<Map.Entry<Name, ZoneStatus>> zones) {
    int total = zones.size();
    List<String> lines = new ArrayList<>();
    // Selected, not sorted or copied whole: 'status' with 100,000 zones stays cheap.
    for (Map.Entry<Name, ZoneStatus> z : FirstInOrder.of(zones, BY_ZONE, MAX_ZONE_LINES)) {
      lines.add(z.getValue().line(z.getKey()));
    }
    if (total > MAX_ZONE_LINES) {
      lines.add(
          "status: " + (total - MAX_ZONE_LINES) + " more zones not shown; 'status ZONE' shows one");
    }
    return lines;
  }

  private String summary(String changed) {
    return "status: "
        + zones.size()
        + (zones.size() == 1 ? " zone" : " zones")
        + (changed.isEmpty() ? "" : ", " + changed)
        + "; since start: "
        + transfers.get()
        + " transfers, "
        + failures.get()
        + " failed, "
        + refusals.get()
        + " refused; "
        + notifications.get()
        + " NOTIFY outcomes, "
        + notifyProblems.get()
        + " unanswered or rejected";
  }

  private void client(Name zone, InetAddress client, String what, long serial) {
    ZoneStatus z = zones.get(zone);
    if (z != null) {
      z.client(shared(AddressPrefix.of(client).toString()), what, serial, now());
    }
  }

  /**
   * The one copy of a client's or target's name that every zone's events hold: a zone's secondaries
   * are the same few servers for most zones, and each zone kept its own copy (with 2 clients, about
   * 110 octets a zone of 300,000). At most {@value #MAX_SHARED_NAMES} are shared, so that queries
   * from ever new addresses (refusals) cannot grow the table without bound; past that, the name
   * given is kept as it is.
   */
  String shared(String name) {
    String known = sharedNames.get(name);
    if (known != null) {
      return known;
    }
    if (sharedNames.size() >= MAX_SHARED_NAMES) {
      return name;
    }
    known = sharedNames.putIfAbsent(name, name);
    return known != null ? known : name;
  }

  private long now() {
    return clock.instant().getEpochSecond();
  }

  /**
   * One zone's state; every method holds the zone's lock. Kept small: a directory of 100,000 zones
   * holds 100,000 of them, most never transferred nor notified, so the serial and its time are
   * 32-bit fields (an SOA serial is 32 bits; the second unsigned, good until 2106), the zone's name
   * is the map's key, and a zone's clients (and NOTIFY targets) are one {@link Event} while there
   * is one, a {@link Recent} only once there are more: 32 octets a zone, and 32 more for its one
   * client's last transfer (144 when each zone held its own list for a single event).
   */
  private static final class ZoneStatus {
    private int serial;
    private int publishedAtSecond;
    private boolean published;
    private boolean changed;
    // null, one Event, or a Recent of them
    @Nullable private Object clients;
    @Nullable private Object targets;

    synchronized void published(SerialNumber serial, long atSecond) {
      this.serial = (int) serial.value();
      this.publishedAtSecond = (int) atSecond;
      published = true;
      changed = true;
    }

    synchronized void client(String client, String what, long serial, long atSecond) {
      clients = Recent.put(clients, new Event(client, what, serial, (int) atSecond), MAX_CLIENTS);
      changed = true;
    }

    synchronized void notified(String target, String what, long serial, long atSecond) {
      targets = Recent.put(targets, new Event(target, what, serial, (int) atSecond), MAX_TARGETS);
      changed = true;
    }

    synchronized boolean takeChanged() {
      boolean was = changed;
      changed = false;
      return was;
    }

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
  }

  /**
   * One client's last transfer event at a zone, or one target's last NOTIFY outcome: what happened
   * (a constant of dnsjava's for a transfer, or a short text), the serial when there is one, and
   * the second (unsigned). Formatted only when a status line is asked for; the key is a shared copy
   * (see {@code shared}).
   */
  private record Event(String key, String what, long serial, int atSecond) {
    static final long NO_SERIAL = -1;

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
